import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayFromIso } from '../campaign/dates';
import { isOpenState, isOverdue } from '../campaign/model';
import type { Campaign } from '../campaign/types';
import { syntheticDefects } from '../defects/synthetic';
import { forEachDefect, type DefectFact } from './defect-facts';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns } = syntheticDefects(campaign, { count: 3000, seed: 5 });

/** The facts straight from the model's rules, row by row. */
function naive(asOfDate: string, rows?: number[]): DefectFact[] {
  const asOfDay = dayFromIso(asOfDate);
  const out: DefectFact[] = [];
  for (const row of rows ?? Array.from({ length: columns.count }, (_, i) => i)) {
    if (columns.found[row] > asOfDay) continue;
    const code = columns.tables.state[columns.state[row]];
    const open = isOpenState(campaign, code);
    const deadline = columns.deadline[row];
    out.push({ row, open, overdue: open && deadline > 0 && isOverdue(deadline, code, asOfDay, campaign) });
  }
  return out;
}

function facts(asOfDate: string, rows?: number[]): DefectFact[] {
  const out: DefectFact[] = [];
  forEachDefect(campaign, columns, asOfDate, (f) => out.push({ ...f }), rows ? { rows } : {});
  return out;
}

describe('forEachDefect', () => {
  it('gives every row the open and overdue facts of the campaign model, at several dates and in a scope', () => {
    for (const date of ['2019-06-01', campaign.asOfDate, '2019-12-31']) {
      expect(facts(date)).toEqual(naive(date));
    }
    const rows = [0, 7, 8, 100, 2999];
    expect(facts(campaign.asOfDate, rows)).toEqual(naive(campaign.asOfDate, rows));
    expect(naive(campaign.asOfDate).filter((f) => f.overdue).length).toBeGreaterThan(0);
  });

  it('refuses a scope row outside the columns', () => {
    expect(() => facts(campaign.asOfDate, [columns.count])).toThrow(/is not a row of the defect columns/);
  });
});
