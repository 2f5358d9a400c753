import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { campaignProblems, parseCampaign } from './parse';
import { privacyOf } from './privacy';
import { SOURCE_KINDS } from './source-kinds';

const REAL = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8'));

/** Raw JSON as the tests break it: any field, any type (that is the point of a validator test). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawJson = any;

/** The problems as `path: message` lines, as parseCampaign lists them after the file name. */
function problemLines(json: unknown): string[] {
  return campaignProblems(json).map((p) => `${p.field}: ${p.message}`);
}

/** A deep copy of the real campaign file with one change applied. */
function withChange(change: (c: RawJson) => void): RawJson {
  const c = structuredClone(REAL);
  change(c);
  return c;
}

describe('parseCampaign', () => {
  it('accepts the real data/campaign.json', () => {
    const c = parseCampaign(REAL);
    expect(c.id).toBe('dinghai-2019');
    expect(campaignProblems(REAL)).toEqual([]);
  });

  it('accepts a campaign without aliases, and an alias that repeats a name', () => {
    expect(campaignProblems(withChange((c) => delete c.aliases))).toEqual([]);
    expect(campaignProblems(withChange((c) => (c.aliases.states['整改中'] = 'in_progress')))).toEqual([]);
  });

  it.each<[string, (c: RawJson) => void, string]>([
    ['a wrong schema version', (c) => (c.schemaVersion = 2), 'schemaVersion: must be 1 (got 2)'],
    [
      'a non-positive radius',
      (c) => (c.zoneRules[1].radiusM = 0),
      'zoneRules[1].radiusM: must be a number of metres from 10 to 20000 (got 0)',
    ],
    [
      'a radius given as text',
      (c) => (c.zoneRules[0].radiusM = '300'),
      'zoneRules[0].radiusM: must be a number of metres from 10 to 20000 (got "300")',
    ],
    [
      'a radius no browser can draw',
      (c) => (c.zoneRules[0].radiusM = 1e308),
      'zoneRules[0].radiusM: must be a number of metres from 10 to 20000 (got 1e+308)',
    ],
    [
      'a misspelt field',
      (c) => ((c.zoneRules[0].radiusm = 300), delete c.zoneRules[0].radiusM),
      'zoneRules[0].radiusm: unknown field',
    ],
    [
      'a rule of an unknown task force',
      (c) => (c.zoneRules[2].taskForce = 'TF10'),
      'zoneRules[2].taskForce: unknown task force "TF10" (not in taskForces)',
    ],
    [
      'an unknown anchor kind',
      (c) => (c.zoneRules[0].anchorKind = 'school'),
      'zoneRules[0].anchorKind: must be one of community, market, townSeat (got "school")',
    ],
    [
      'an unknown street class',
      (c) => (c.zoneRules[1].targetFilter.streetClass = 'alley'),
      'zoneRules[1].targetFilter.streetClass: must be one of back, main (got "alley")',
    ],
    [
      'a non-boolean clipToLand',
      (c) => (c.zoneRules[2].clipToLand = 'yes'),
      'zoneRules[2].clipToLand: must be true or false (got "yes")',
    ],
    [
      'a short colour',
      (c) => (c.zoneRules[0].color = '#25e'),
      'zoneRules[0].color: must be a colour #rrggbb (got "#25e")',
    ],
    [
      'a named colour',
      (c) => (c.lifecycle.states[0].color = 'red'),
      'lifecycle.states[0].color: must be a colour #rrggbb (got "red")',
    ],
    [
      'a duplicate rule id',
      (c) => (c.zoneRules[1].id = 'R300'),
      'zoneRules[1].id: duplicate "R300", already at zoneRules[0]',
    ],
    ['an impossible date', (c) => (c.asOfDate = '2019-02-29'), 'asOfDate: 2019-02-29 is not a real date'],
    [
      'a date in another format',
      (c) => (c.evaluations[0].date = '2019/09/20'),
      'evaluations[0].date: must be a date YYYY-MM-DD (got "2019/09/20")',
    ],
    [
      'an as-of date before the plan',
      (c) => (c.asOfDate = '2019-08-01'),
      'asOfDate: 2019-08-01 is before the plan was issued (2019-08-21)',
    ],
    [
      'an unknown lead unit',
      (c) => (c.taskForces[3].leadUnits = ['U-ZHZF', 'U-NOPE']),
      'taskForces[3].leadUnits[1]: unknown unit "U-NOPE" (not in units)',
    ],
    ['no lead unit', (c) => (c.taskForces[0].leadUnits = []), 'taskForces[0].leadUnits: must name at least one unit'],
    [
      'an unknown subdistrict unit',
      (c) => (c.subdistricts[0].unit = 'U-XX'),
      'subdistricts[0].unit: unknown unit "U-XX" (not in units)',
    ],
    [
      'a subdistrict code that is not NBS',
      (c) => (c.subdistricts[0].code = '3309022'),
      'subdistricts[0].code: must be a 9-digit NBS township code (got "3309022")',
    ],
    [
      'an unknown area',
      (c) => (c.subdistricts[4].area = 'urban'),
      'subdistricts[4].area: must be one of builtUp, rural, other (got "urban")',
    ],
    [
      'a duplicate subdistrict',
      (c) => (c.subdistricts[1].code = '330902002'),
      'subdistricts[1].code: duplicate "330902002", already at subdistricts[0]',
    ],
    ['an unknown office', (c) => (c.office = 'U-NONE'), 'office: unknown unit "U-NONE" (not in units)'],
    ['a duplicate unit', (c) => (c.units[1].code = 'U-CJB'), 'units[1].code: duplicate "U-CJB", already at units[0]'],
    [
      'a category code used twice',
      (c) => (c.taskForces[1].categories[0].code = 'TF1-01'),
      'taskForces[1].categories[0].code: duplicate "TF1-01", already at taskForces[0].categories[0] (category codes are unique across the campaign)',
    ],
    [
      'a duplicate task force number',
      (c) => (c.taskForces[1].no = 1),
      'taskForces[1].no: duplicate "1", already at taskForces[0]',
    ],
    [
      'an unknown category group',
      (c) => (c.taskForces[0].categories[2].group = 'misc'),
      'taskForces[0].categories[2].group: must be one of facility, management, campaign, service, documentation (got "misc")',
    ],
    [
      'an empty Chinese name',
      (c) => (c.taskForces[2].zh = ''),
      'taskForces[2].zh: must be a non-empty string (got "")',
    ],
    ['a missing English name', (c) => delete c.units[3].en, 'units[3].en: must be a non-empty string (got nothing)'],
    [
      'an unknown target kind',
      (c) => (c.taskForces[0].targetKinds = ['house']),
      'taskForces[0].targetKinds[0]: must be one of community, market, townSeat, compound, street, station, adsite (got "house")',
    ],
    [
      'a transition to an unknown state',
      (c) => c.lifecycle.transitions.push(['closed', 'archived']),
      'lifecycle.transitions[8][1]: unknown state "archived" (not in lifecycle.states)',
    ],
    [
      'a transition that is not a pair',
      (c) => c.lifecycle.transitions.push(['closed']),
      'lifecycle.transitions[8]: must be a [from, to] pair (got ["closed"])',
    ],
    [
      'a duplicate transition',
      (c) => c.lifecycle.transitions.push(['reported', 'assigned']),
      'lifecycle.transitions[8]: duplicate transition reported→assigned',
    ],
    [
      'a self transition',
      (c) => c.lifecycle.transitions.push(['closed', 'closed']),
      'lifecycle.transitions[8]: a state cannot change into itself ("closed")',
    ],
    [
      'no initial state',
      (c) => c.lifecycle.transitions.push(['closed', 'reported']),
      'lifecycle.transitions: every state has an incoming transition, so no state can start a defect history',
    ],
    [
      'an unknown fixed state',
      (c) => c.lifecycle.fixedStates.push('done'),
      'lifecycle.fixedStates[2]: unknown state "done" (not in lifecycle.states)',
    ],
    [
      'an unknown state code',
      (c) => (c.lifecycle.states[5].code = 'done'),
      'lifecycle.states[5].code: must be one of reported, reopened, assigned, in_progress, awaiting_recheck, closed (got "done")',
    ],
    [
      'a missing derived state',
      (c) => delete c.lifecycle.derived.stale,
      'lifecycle.derived.stale: must be an object (got nothing)',
    ],
    [
      'a phase after an unknown evaluation',
      (c) => (c.phases[1].startAfter = 'city'),
      'phases[1].startAfter: unknown evaluation "city" (not in evaluations)',
    ],
    [
      'a phase with two starts',
      (c) => (c.phases[1].start = '2019-09-21'),
      'phases[1]: give either start or startAfter, not both',
    ],
    [
      'a duplicate evaluation',
      (c) => (c.evaluations[1].code = 'provincial'),
      'evaluations[1].code: duplicate "provincial", already at evaluations[0]',
    ],
    [
      'an unknown time zone',
      (c) => (c.timezone = 'Asia/Zhoushan'),
      'timezone: must be an IANA time zone such as Asia/Shanghai (got "Asia/Zhoushan")',
    ],
    [
      'a swapped centre',
      (c) => (c.district.center = [30.02, 122.105]),
      'district.center: [30.02, 122.105] is outside district.bbox (lng/lat swapped?)',
    ],
    [
      'a bbox the wrong way round',
      (c) => (c.district.bbox = [122.27837, 29.93173, 121.81771, 30.24959]),
      'district.bbox: must be [west, south, east, north] with west < east and south < north',
    ],
    [
      'a numeric adcode',
      (c) => (c.district.adcode = 330902),
      'district.adcode: must be a 6-digit adcode string (got 330902)',
    ],
    ['zero stale days', (c) => (c.staleDays = 0), 'staleDays: must be a positive whole number of days (got 0)'],
    [
      'a negative weight',
      (c) => (c.priority.weights.open = -1),
      'priority.weights.open: must be a number ≥ 0 (got -1)',
    ],
    [
      'weekday 0',
      (c) => (c.weeklyReport.dueWeekday = 0),
      'weeklyReport.dueWeekday: must be an ISO weekday 1 (Monday) … 7 (Sunday) (got 0)',
    ],
    ['no ad-site photo range', (c) => delete c.adSitePhotos, 'adSitePhotos: must be an object (got nothing)'],
    ['an ad-site photo range upside down', (c) => (c.adSitePhotos.min = 6), 'adSitePhotos: min 6 is more than max 5'],
    [
      'a rule anchored in an area no subdistrict has',
      (c) => c.subdistricts.forEach((s: RawJson) => s.area === 'rural' && (s.area = 'other')),
      'zoneRules[2].anchorArea: no subdistrict has area "rural", so the rule has no anchors',
    ],
    [
      'a phase that ends before it starts',
      (c) => (c.evaluations[0].date = '2019-08-15'),
      'phases[0]: ends (before 2019-08-15) before it starts (2019-08-21)',
    ],
    [
      'an evaluation order that empties phase 2',
      (c) => (c.evaluations[1].date = '2019-09-21'),
      'phases[1]: ends (before 2019-09-21) before it starts (2019-09-21)',
    ],
    ['task forces that are not a list', (c) => (c.taskForces = {}), 'taskForces: must be a list (got {})'],
    [
      'an alias to an unknown state',
      (c) => (c.aliases.states['已归档'] = 'archived'),
      'aliases.states.已归档: unknown state "archived" (not in lifecycle.states)',
    ],
    [
      'an alias to an unknown unit',
      (c) => (c.aliases.units['区市场监管局'] = 'U-SCJ'),
      'aliases.units.区市场监管局: unknown unit "U-SCJ" (not in units)',
    ],
    [
      'an alias to an unknown task force',
      (c) => (c.aliases.taskForces['小区'] = 'TF10'),
      'aliases.taskForces.小区: unknown task force "TF10" (not in taskForces)',
    ],
    [
      'an alias to an unknown category',
      (c) => (c.aliases.categories['积水'] = 'TF2-99'),
      'aliases.categories.积水: unknown category "TF2-99" (not in taskForces.categories)',
    ],
    [
      'an alias that is not text',
      (c) => (c.aliases.units['区农办'] = 7),
      'aliases.units.区农办: must be a non-empty string (got 7)',
    ],
    [
      'an alias that renames a state',
      (c) => (c.aliases.states['整改中'] = 'closed'),
      'aliases.states.整改中: "整改中" already names "in_progress"; an alias cannot change it to "closed"',
    ],
    [
      'an alias that renames a unit, written full-width',
      (c) => (c.aliases.units['Ｕ-ＣＧ'] = 'U-HN'),
      'aliases.units.Ｕ-ＣＧ: "Ｕ-ＣＧ" already names "U-CG"; an alias cannot change it to "U-HN"',
    ],
    ['an unknown alias section', (c) => (c.aliases.subdistricts = {}), 'aliases.subdistricts: unknown field'],
  ])('reports %s', (_what, change, line) => {
    const bad = withChange(change);
    expect(problemLines(bad)).toContain(line);
    expect(() => parseCampaign(bad)).toThrow(`campaign.json: ${line}`);
  });

  it('lists every problem, one per line, with the file name it is given', () => {
    const bad = withChange((c) => {
      c.zoneRules[1].radiusM = -5;
      c.asOfDate = '2019-13-01';
      c.lifecycle.states[0].color = 'red';
    });
    let message = '';
    try {
      parseCampaign(bad, 'data/campaign.json');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'data/campaign.json: asOfDate: 2019-13-01 is not a real date',
      'data/campaign.json: zoneRules[1].radiusM: must be a number of metres from 10 to 20000 (got -5)',
      'data/campaign.json: lifecycle.states[0].color: must be a colour #rrggbb (got "red")',
    ]);
  });

  it('returns each problem as a Problem whose field is the path, for the file it is given', () => {
    const bad = withChange((c) => (c.zoneRules[1].radiusM = 0));
    expect(campaignProblems(bad, 'data/campaign.json')).toEqual([
      {
        file: 'data/campaign.json',
        location: 'file',
        field: 'zoneRules[1].radiusM',
        message: 'must be a number of metres from 10 to 20000 (got 0)',
      },
    ]);
  });

  it.each([null, 42, 'campaign', []])('rejects %j as the whole file', (json) => {
    expect(() => parseCampaign(json)).toThrow('campaign.json: (root): must be an object');
  });
});

describe('parseCampaign privacy', () => {
  it('takes the defaults when the setting is absent', () => {
    const c = parseCampaign(withChange((c) => delete c.privacy));
    expect(privacyOf(c)).toEqual({ personalKinds: ['visit'], minHouseholds: 5 });
  });

  it('reads the real file’s setting', () => {
    expect(privacyOf(parseCampaign(REAL))).toEqual({ personalKinds: ['visit'], minHouseholds: 5 });
  });

  it.each<[string, (c: RawJson) => void, string]>([
    [
      'a list without visits',
      (c) => (c.privacy.personalKinds = ['defect']),
      'privacy.personalKinds: must include "visit" (household answers are personal data)',
    ],
    [
      'an unknown kind',
      (c) => (c.privacy.personalKinds = ['visit', 'resident']),
      `privacy.personalKinds[1]: must be one of ${SOURCE_KINDS.join(', ')} (got "resident")`,
    ],
    [
      'a zero minimum',
      (c) => (c.privacy.minHouseholds = 0),
      'privacy.minHouseholds: must be a whole number ≥ 1 (got 0)',
    ],
    ['a misspelt key', (c) => (c.privacy.minHousehold = 3), 'privacy.minHousehold: unknown field'],
  ])('reports %s', (_what, change, line) => {
    expect(campaignProblems(withChange(change)).map((p) => `${p.field}: ${p.message}`)).toEqual([line]);
  });
});
