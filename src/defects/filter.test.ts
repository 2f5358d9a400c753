import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/types';
import { mulberry32 } from '../geo/prng';
import {
  checkFilter,
  FILTER_PARAM_KEYS,
  filterFromParams,
  filterToParams,
  isEmptyFilter,
  normalizeFilter,
  type DefectFilter,
} from './filter';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const tfCodes = campaign.taskForces.map((t) => t.code);
const stateCodes = campaign.lifecycle.states.map((s) => s.code);
const catCodes = campaign.taskForces.flatMap((t) => t.categories.map((c) => c.code));
const sdCodes = campaign.subdistricts.map((s) => s.code);
const unitCodes = campaign.units.map((u) => u.code);

describe('filter URL form', () => {
  it('writes short keys in a fixed order with codes in campaign order', () => {
    const params = filterToParams(
      {
        staleDays: 14,
        units: ['U-CG', 'U-ZJJ'],
        states: ['assigned', 'reported'],
        taskForces: ['TF2', 'TF1', 'TF2'],
        overdueOnly: true,
        categories: ['TF1-03'],
        subdistricts: ['330902004'],
        foundFrom: '2019-08-21',
        foundTo: '2019-09-10',
      },
      campaign,
    );
    expect([...params.keys()]).toEqual([...FILTER_PARAM_KEYS]);
    expect(params.toString()).toBe(
      'tf=TF1%2CTF2&st=reported%2Cassigned&od=1&cat=TF1-03&sd=330902004&un=U-ZJJ%2CU-CG&from=2019-08-21&to=2019-09-10&stale=14',
    );
  });

  it('writes nothing for an empty filter and leaves out empty sets and overdueOnly false', () => {
    expect(filterToParams({}, campaign).toString()).toBe('');
    expect(filterToParams({ taskForces: [], overdueOnly: false }, campaign).toString()).toBe('');
  });

  it('round-trips 300 random filters to the normalised filter, and the URL is stable', () => {
    const rnd = mulberry32(3);
    const some = (codes: string[]) =>
      Array.from({ length: Math.floor(rnd() * 4) }, () => codes[Math.floor(rnd() * codes.length)]);
    for (let k = 0; k < 300; k++) {
      const from = 18120 + Math.floor(rnd() * 20);
      const f: DefectFilter = {
        taskForces: some(tfCodes),
        states: some(stateCodes),
        overdueOnly: rnd() < 0.5,
        categories: some(catCodes),
        subdistricts: some(sdCodes),
        units: some(unitCodes),
        ...(rnd() < 0.5 ? { foundFrom: isoOf(from), foundTo: isoOf(from + Math.floor(rnd() * 20)) } : {}),
        ...(rnd() < 0.5 ? { staleDays: Math.floor(rnd() * 60) } : {}),
      };
      const params = filterToParams(f, campaign);
      const back = filterFromParams(new URLSearchParams(params.toString()), campaign);
      expect(back.warnings).toEqual([]);
      expect(back.filter).toEqual(normalizeFilter(f, campaign));
      expect(filterToParams(back.filter, campaign).toString()).toBe(params.toString());
    }
  });

  it('drops unknown codes and bad values with a warning each, keeping the rest', () => {
    const params = new URLSearchParams(
      'tf=TF2,TF10&st=fixed&od=yes&cat=TF2-03,XX&from=2019-02-30&to=2019-09-01&stale=-3&z=12&sd=330902004',
    );
    const { filter, warnings } = filterFromParams(params, campaign);
    expect(filter).toEqual({
      taskForces: ['TF2'],
      categories: ['TF2-03'],
      subdistricts: ['330902004'],
      foundTo: '2019-09-01',
    });
    expect(warnings).toEqual([
      { code: 'unknownCode', param: 'tf', what: 'taskForce', value: 'TF10' },
      { code: 'unknownCode', param: 'st', what: 'state', value: 'fixed' },
      { code: 'unknownCode', param: 'cat', what: 'category', value: 'XX' },
      { code: 'badFlag', param: 'od', value: 'yes' },
      { code: 'badDate', param: 'from', value: '2019-02-30' },
      { code: 'badDays', param: 'stale', value: '-3' },
    ]);
  });

  it('drops a reversed date range with a warning, and adds up repeated keys', () => {
    const { filter, warnings } = filterFromParams(
      new URLSearchParams('from=2019-09-10&to=2019-09-01&tf=TF3&tf=TF1'),
      campaign,
    );
    expect(filter).toEqual({ taskForces: ['TF1', 'TF3'] });
    expect(warnings).toEqual([{ code: 'reversedRange', from: '2019-09-10', to: '2019-09-01' }]);
  });
});

describe('checkFilter', () => {
  it('throws on unknown codes, bad dates, a reversed range and a bad staleDays', () => {
    expect(() => checkFilter({ units: ['U-NOPE'] }, campaign)).toThrow('filter.units: unknown code "U-NOPE"');
    expect(() => checkFilter({ foundFrom: '2019-9-1' }, campaign)).toThrow(
      'filter.foundFrom must be a YYYY-MM-DD date',
    );
    expect(() => checkFilter({ foundFrom: '2019-09-02', foundTo: '2019-09-01' }, campaign)).toThrow(
      'is after filter.foundTo',
    );
    expect(() => checkFilter({ staleDays: 1.5 }, campaign)).toThrow(
      'filter.staleDays must be a non-negative whole number',
    );
    expect(() => checkFilter({ taskForces: ['TF1'], staleDays: 0, overdueOnly: true }, campaign)).not.toThrow();
  });
});

function isoOf(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

describe('isEmptyFilter', () => {
  it('is true only when no field restricts the defects', () => {
    expect(isEmptyFilter({})).toBe(true);
    expect(isEmptyFilter({ taskForces: [], overdueOnly: false })).toBe(true);
    expect(isEmptyFilter({ taskForces: ['TF2'] })).toBe(false);
    expect(isEmptyFilter({ overdueOnly: true })).toBe(false);
    expect(isEmptyFilter({ foundTo: '2019-09-01' })).toBe(false);
    expect(isEmptyFilter({ staleDays: 0 })).toBe(false);
  });
});
