import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignProblems } from '../campaign/parse';
import { SHAPE_CHECKS } from './shape';

const REAL = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8'));

/** Raw JSON as a broken file holds it: any field, any type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawJson = any;

function withChange(change: (c: RawJson) => void): RawJson {
  const c = structuredClone(REAL);
  change(c);
  return c;
}

describe('the browser shape check of campaign.json', () => {
  it.each<[string, unknown]>([
    ['the real file', REAL],
    ['a file without a zone rule', withChange((c) => (c.zoneRules = []))],
    ['a radius out of range', withChange((c) => (c.zoneRules[0].radiusM = 0))],
    ['a misspelt field', withChange((c) => ((c.zoneRules[0].radiusm = 300), delete c.zoneRules[0].radiusM))],
    ['a missing lifecycle', withChange((c) => delete c.lifecycle)],
    ['a transition to an unknown state', withChange((c) => c.lifecycle.transitions.push(['closed', 'archived']))],
    ['an as-of date before the plan', withChange((c) => (c.asOfDate = '2019-08-01'))],
    ['an array', []],
    ['null', null],
  ])('agrees with the refresh on %s', (_what, json) => {
    const problems = campaignProblems(json);
    const shape = SHAPE_CHECKS.campaign(json);
    expect(shape === null).toBe(problems.length === 0);
    if (problems.length > 0) expect(shape).toContain(`${problems[0].field}: ${problems[0].message}`);
  });

  it('names the first problem at its path and counts the rest', () => {
    const bad = withChange((c) => {
      c.zoneRules[1].radiusM = -5;
      c.lifecycle.states[0].color = 'red';
    });
    expect(SHAPE_CHECKS.campaign(bad)).toBe(
      'zoneRules[1].radiusM: must be a number of metres from 10 to 20000 (got -5) (and 1 more)',
    );
  });
});
