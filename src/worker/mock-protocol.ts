/**
 * Messages between the app and the mock-inspection worker (模拟测评). Its own worker, so a thousand draws per
 * evaluation and per trend date never hold up a zone compute or a filter click. The data travel once, on
 * 'load' (structured-cloned: the objects' ids and names, the defect columns and their state histories); each
 * 'run' then names an evaluation, the as-of date and the trend dates.
 */
import type { IsoDate } from '../campaign/types';
import type { MockInput, MockRun } from '../insights/mock-inspection';

export type MockRequest =
  | { id: number; type: 'load'; input: MockInput }
  | { id: number; type: 'run'; evaluation: string; asOfDate: IsoDate; trendDates: IsoDate[] };

export type MockResponse =
  | { id: number; type: 'loaded'; sites: number }
  | { id: number; type: 'ran'; run: MockRun }
  | { id: number; type: 'error'; message: string };
