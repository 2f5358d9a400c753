import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from './types';
import {
  checkRadiusM,
  effectiveRadiusM,
  formatOverrides,
  MAX_RADIUS_M,
  MIN_RADIUS_M,
  pruneOverrides,
  radiusChanges,
  readOverrides,
} from './what-if';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;
const r300 = campaign.zoneRules.find((r) => r.id === 'R300')!;

describe('checkRadiusM', () => {
  it.each([MIN_RADIUS_M, 300, 412.5, MAX_RADIUS_M])('accepts %s m', (m) => {
    expect(checkRadiusM(m)).toBeNull();
  });

  it.each<[unknown, string]>([
    [0, '0'],
    [-5, '-5'],
    [9.99, '9.99'],
    [20_000.5, '20000.5'],
    [1e308, '1e+308'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['300', '"300"'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('refuses %s with one wording', (value, shown) => {
    expect(checkRadiusM(value)).toBe(`must be a number of metres from 10 to 20000 (got ${shown})`);
  });
});

describe('effectiveRadiusM', () => {
  it("is the override, else the plan's radius", () => {
    expect(effectiveRadiusM(r300, {})).toBe(300);
    expect(effectiveRadiusM(r300, { R500: 650 })).toBe(300);
    expect(effectiveRadiusM(r300, { R300: 400 })).toBe(400);
  });

  it('does not take a radius from the object prototype', () => {
    expect(effectiveRadiusM({ id: 'toString', radiusM: 50 }, {})).toBe(50);
  });
});

describe('pruneOverrides', () => {
  it('keeps the same object when every override applies', () => {
    const overrides = { R300: 400, R1000: 1500 };
    const out = pruneOverrides(overrides, campaign);
    expect(out.overrides).toBe(overrides);
    expect(out.dropped).toEqual([]);
  });

  it('drops rules the campaign does not have and radii out of range, and says why', () => {
    const out = pruneOverrides({ R300: 400, R9: 500, R500: 1e308 }, campaign);
    expect(out.overrides).toEqual({ R300: 400 });
    expect(out.dropped).toEqual([
      { ruleId: 'R9', value: 500, reason: 'unknownRule', message: 'unknown rule "R9"; valid rules: R300, R500, R1000' },
      {
        ruleId: 'R500',
        value: 1e308,
        reason: 'badRadius',
        message: 'R500: must be a number of metres from 10 to 20000 (got 1e+308)',
      },
    ]);
  });
});

describe('readOverrides / formatOverrides', () => {
  it('round-trips the text form', () => {
    expect(readOverrides(formatOverrides({ R300: 400, R500: 650.5 }), campaign)).toEqual({
      overrides: { R300: 400, R500: 650.5 },
      dropped: [],
    });
    expect(formatOverrides({})).toBe('');
  });

  it('keeps the text of a dropped part', () => {
    const out = readOverrides('R300:1e308,R500,R1000:abc,R9:400,R300', campaign);
    expect(out.overrides).toEqual({});
    expect(out.dropped.map((d) => [d.ruleId, d.reason, d.value])).toEqual([
      ['R300', 'badRadius', ''],
      ['R500', 'badRadius', ''],
      ['R1000', 'badRadius', 'abc'],
      ['R9', 'unknownRule', '400'],
    ]);
  });
});

describe('radiusChanges', () => {
  it("lists the rules computed at another radius than the plan's", () => {
    const used = [
      { ruleId: 'R300', radiusM: 400 },
      { ruleId: 'R500', radiusM: 500 },
      { ruleId: 'R9', radiusM: 10 },
    ];
    expect(radiusChanges(campaign, used)).toEqual([{ ruleId: 'R300', planM: 300, usedM: 400 }]);
  });
});
