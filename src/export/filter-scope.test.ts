import { describe, expect, it } from 'vitest';
import type { DefectColumns } from '../dataset/types';
import { campaign, context } from './__fixtures__/zone-fixture';
import { describeDefectFilter, filterSelection } from './filter-scope';
import { buildZoneRows } from './zone-rows';

const defects = {
  count: 4,
  tables: {
    taskForce: ['TF1'],
    category: ['TF1-01'],
    state: ['in_progress'],
    unit: ['U-CG'],
    subdistrict: ['330902002'],
    object: ['K-001', 'K-002'],
  },
  id: ['D-1', 'D-2', 'D-3', 'D-4'],
  object: [0, 1, 0, -1],
} as unknown as DefectColumns;

describe('filterSelection', () => {
  it('takes the objects of the selected defects, once each, and skips defects without an object', () => {
    const sel = filterSelection(defects, Uint32Array.of(0, 2, 3), {}, campaign, 'zh');
    expect([...sel.objectIds]).toEqual(['K-001']);
    expect(filterSelection(defects, [0, 1, 2, 3], {}, campaign, 'zh').objectIds).toEqual(['K-001', 'K-002']);
    expect(filterSelection(defects, [], {}, campaign, 'zh').objectIds).toEqual([]);
  });

  it('gives zone rows of those objects only', () => {
    const sel = filterSelection(defects, [0], {}, campaign, 'zh');
    const rows = buildZoneRows(context(), sel);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.objectId))).toEqual(new Set(['K-001']));
  });
});

describe('describeDefectFilter', () => {
  it('names the filter fields from the campaign data, in both languages', () => {
    const filter = { taskForces: ['TF1'], states: ['in_progress'], overdueOnly: true, foundFrom: '2019-09-01' };
    const zh = describeDefectFilter(filter, campaign, 'zh');
    expect(zh).toMatch(/^问题筛选：专项组 \S+；状态 \S+；仅超期；发现日期 2019-09-01 – …$/);
    expect(zh).toContain(campaign.taskForces.find((t) => t.code === 'TF1')!.zh);
    const en = describeDefectFilter(filter, campaign, 'en');
    expect(en).toContain(campaign.taskForces.find((t) => t.code === 'TF1')!.en);
    expect(en).toContain('overdue only');
    expect(describeDefectFilter({}, campaign, 'en')).toBe('Defect filter: none');
  });
});
