/**
 * The mock inspection (模拟测评) as the app shows it: which evaluation is simulated, the worker's last run, and
 * whether its example draw is drawn on the map. The run itself happens in the mock-inspection worker
 * (use-mock-inspection.ts).
 */
import type { StateCreator } from 'zustand';
import type { MockRun } from '@/insights/mock-inspection';
import type { AppState } from './store';

export interface MockSlice {
  /** Evaluation code chosen by the user; null means the next one at the as-of date. */
  mockEvaluation: string | null;
  mockRun: MockRun | null;
  mockStatus: 'idle' | 'running' | 'done' | 'error';
  mockError: string | null;
  /** Draw the run's example draw on the map. */
  mockShowExample: boolean;
  setMockEvaluation: (code: string | null) => void;
  setMockShowExample: (show: boolean) => void;
  setMockRunning: () => void;
  setMockRun: (run: MockRun) => void;
  setMockError: (message: string) => void;
}

export const createMockSlice: StateCreator<AppState, [], [], MockSlice> = (set) => ({
  mockEvaluation: null,
  mockRun: null,
  mockStatus: 'idle',
  mockError: null,
  mockShowExample: false,
  setMockEvaluation: (mockEvaluation) => set({ mockEvaluation }),
  setMockShowExample: (mockShowExample) => set({ mockShowExample }),
  setMockRunning: () => set({ mockStatus: 'running' }),
  setMockRun: (mockRun) => set({ mockRun, mockStatus: 'done', mockError: null }),
  setMockError: (mockError) => set({ mockStatus: 'error', mockError }),
});
