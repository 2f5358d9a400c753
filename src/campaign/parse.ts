/**
 * Validation of the campaign file (data/campaign.json). The plan is data, so a typo in it must fail loudly and
 * point at the field: every problem is collected (not just the first) and reported one per line as
 * `file: path.to.field: message`, e.g. `campaign.json: zoneRules[1].radiusM: must be a positive number`.
 */
import type { Campaign, DefectState } from './types';
import { dayFromIso, isIsoDate, isoFromDay } from './dates';
import { ANCHOR_KINDS, OBJECT_KINDS } from './object-kinds';

const DEFECT_STATES: readonly DefectState[] = [
  'reported',
  'reopened',
  'assigned',
  'in_progress',
  'awaiting_recheck',
  'closed',
];
const AREAS = ['builtUp', 'rural', 'other'] as const;
const CATEGORY_GROUPS = ['facility', 'management', 'campaign', 'service', 'documentation'] as const;
const STREET_CLASSES = ['back', 'main'] as const;
const PRIORITY_TERMS = ['overdue', 'open', 'reopened', 'stale', 'neverInspected'] as const;
const DERIVED_STATES = ['overdue', 'clean', 'neverInspected', 'stale'] as const;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Validates a parsed campaign file and returns it typed, or throws one Error whose message lists every problem,
 * one per line.
 *
 * @example parseCampaign(JSON.parse(text)) // Campaign, or throws "campaign.json: asOfDate: not a real date …"
 */
export function parseCampaign(json: unknown, file = 'campaign.json'): Campaign {
  const problems = campaignProblems(json);
  if (problems.length > 0) throw new Error(problems.map((p) => `${file}: ${p}`).join('\n'));
  return json as Campaign;
}

/** Every problem in a campaign file as `path: message` (empty when it is valid). */
export function campaignProblems(json: unknown): string[] {
  const c = new Checker();
  const root = c.object(json, '', ROOT_KEYS);
  if (!root) return c.problems;

  if (root.schemaVersion !== 1) c.fail('schemaVersion', `must be 1 (got ${show(root.schemaVersion)})`);
  c.text(root.id, 'id');
  c.named(root.name, 'name', []);
  const doc = c.object(root.document, 'document', ['number', 'issuedDate', 'issuer']);
  if (doc) {
    c.text(doc.number, 'document.number');
    c.date(doc.issuedDate, 'document.issuedDate');
    c.text(doc.issuer, 'document.issuer');
  }
  checkDistrict(c, root.district);
  c.text(root.office, 'office');
  if (typeof root.timezone !== 'string' || !isTimeZone(root.timezone)) {
    c.fail('timezone', `must be an IANA time zone such as Asia/Shanghai (got ${show(root.timezone)})`);
  }
  c.date(root.asOfDate, 'asOfDate');

  const units = c.list(root.units, 'units', (u, path) => {
    const o = c.object(u, path, ['code', 'zh', 'en']);
    if (o) c.named(o, path, ['code']);
    return o && c.text(o.code, `${path}.code`);
  });
  c.unique(units, 'code');
  const unitCodes = new Set(units.map((u) => u.value));
  const unitRef = (v: unknown, path: string) => {
    if (c.text(v, path) !== null && !unitCodes.has(v as string)) c.fail(path, `unknown unit ${show(v)} (not in units)`);
  };
  if (typeof root.office === 'string') unitRef(root.office, 'office');

  const evaluations = c.list(root.evaluations, 'evaluations', (e, path) => {
    const o = c.object(e, path, ['code', 'zh', 'en', 'date', 'note']);
    if (!o) return null;
    c.named(o, path, ['code', 'date', 'note']);
    c.date(o.date, `${path}.date`);
    if (o.note !== undefined) c.text(o.note, `${path}.note`);
    return c.text(o.code, `${path}.code`);
  });
  c.unique(evaluations, 'code');
  const evaluationCodes = new Set(evaluations.map((e) => e.value));
  checkPhases(c, root.phases, evaluationCodes);

  const subdistricts = c.list(root.subdistricts, 'subdistricts', (s, path) => {
    const o = c.object(s, path, ['code', 'zh', 'en', 'area', 'unit']);
    if (!o) return null;
    c.named(o, path, ['code', 'area', 'unit']);
    c.oneOf(o.area, `${path}.area`, AREAS);
    if (o.unit !== null) unitRef(o.unit, `${path}.unit`);
    if (typeof o.code === 'string' && !/^\d{9}$/.test(o.code))
      c.fail(`${path}.code`, `must be a 9-digit NBS township code (got ${show(o.code)})`);
    return c.text(o.code, `${path}.code`);
  });
  c.unique(subdistricts, 'code');

  const taskForceCodes = checkTaskForces(c, root.taskForces, unitRef);
  const areas = new Set(
    Array.isArray(root.subdistricts) ? root.subdistricts.map((s: { area?: unknown }) => s?.area) : [],
  );
  checkZoneRules(c, root.zoneRules, taskForceCodes, areas);
  checkPhaseOrder(c, root, doc);
  checkLifecycle(c, root.lifecycle);

  if (!Number.isInteger(root.staleDays) || (root.staleDays as number) <= 0)
    c.fail('staleDays', `must be a positive whole number of days (got ${show(root.staleDays)})`);
  const priority = c.object(root.priority, 'priority', ['formula', 'weights']);
  if (priority) {
    c.text(priority.formula, 'priority.formula');
    const weights = c.object(priority.weights, 'priority.weights', PRIORITY_TERMS);
    if (weights) {
      for (const term of PRIORITY_TERMS) {
        const w = weights[term];
        if (typeof w !== 'number' || !Number.isFinite(w) || w < 0)
          c.fail(`priority.weights.${term}`, `must be a number ≥ 0 (got ${show(w)})`);
      }
    }
  }
  const weekly = c.object(root.weeklyReport, 'weeklyReport', ['zh', 'en', 'dueWeekday', 'mergeWeekday']);
  if (weekly) {
    c.named(weekly, 'weeklyReport', ['dueWeekday', 'mergeWeekday']);
    for (const key of ['dueWeekday', 'mergeWeekday'] as const) {
      const v = weekly[key];
      if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 7)
        c.fail(`weeklyReport.${key}`, `must be an ISO weekday 1 (Monday) … 7 (Sunday) (got ${show(v)})`);
    }
  }
  const photos = c.object(root.adSitePhotos, 'adSitePhotos', ['min', 'max']);
  if (photos) {
    for (const key of ['min', 'max'] as const) {
      const v = photos[key];
      if (!Number.isInteger(v) || (v as number) < 0)
        c.fail(`adSitePhotos.${key}`, `must be a whole number ≥ 0 (got ${show(v)})`);
    }
    if (typeof photos.min === 'number' && typeof photos.max === 'number' && photos.min > photos.max)
      c.fail('adSitePhotos', `min ${photos.min} is more than max ${photos.max}`);
  }
  if (isIsoDate(root.asOfDate) && doc && isIsoDate(doc.issuedDate) && root.asOfDate < doc.issuedDate) {
    c.fail('asOfDate', `${root.asOfDate} is before the plan was issued (${doc.issuedDate})`);
  }
  return c.problems;
}

const ROOT_KEYS = [
  'schemaVersion',
  'id',
  'name',
  'document',
  'district',
  'office',
  'timezone',
  'asOfDate',
  'evaluations',
  'phases',
  'subdistricts',
  'taskForces',
  'zoneRules',
  'lifecycle',
  'staleDays',
  'priority',
  'units',
  'weeklyReport',
  'adSitePhotos',
];

function checkDistrict(c: Checker, value: unknown): void {
  const d = c.object(value, 'district', ['zh', 'en', 'adcode', 'center', 'bbox']);
  if (!d) return;
  c.named(d, 'district', ['adcode', 'center', 'bbox']);
  if (typeof d.adcode !== 'string' || !/^\d{6}$/.test(d.adcode))
    c.fail('district.adcode', `must be a 6-digit adcode string (got ${show(d.adcode)})`);
  const center = c.numbers(d.center, 'district.center', 2);
  if (center && (Math.abs(center[0]) > 180 || Math.abs(center[1]) > 90))
    c.fail('district.center', 'must be [lng, lat] in degrees');
  const bbox = c.numbers(d.bbox, 'district.bbox', 4);
  if (bbox) {
    if (!(bbox[0] < bbox[2] && bbox[1] < bbox[3]))
      c.fail('district.bbox', 'must be [west, south, east, north] with west < east and south < north');
    else if (center && (center[0] < bbox[0] || center[0] > bbox[2] || center[1] < bbox[1] || center[1] > bbox[3])) {
      c.fail('district.center', `[${center.join(', ')}] is outside district.bbox (lng/lat swapped?)`);
    }
  }
}

function checkPhases(c: Checker, value: unknown, evaluations: Set<string | null>): void {
  const phases = c.list(value, 'phases', (p, path) => {
    const o = c.object(p, path, ['code', 'zh', 'en', 'start', 'startAfter', 'endBefore']);
    if (!o) return null;
    c.named(o, path, ['code', 'start', 'startAfter', 'endBefore']);
    if (o.start !== undefined && o.startAfter !== undefined) c.fail(path, 'give either start or startAfter, not both');
    if (o.start !== undefined) c.date(o.start, `${path}.start`);
    for (const key of ['startAfter', 'endBefore'] as const) {
      if (o[key] === undefined) continue;
      if (c.text(o[key], `${path}.${key}`) !== null && !evaluations.has(o[key] as string)) {
        c.fail(`${path}.${key}`, `unknown evaluation ${show(o[key])} (not in evaluations)`);
      }
    }
    return c.text(o.code, `${path}.code`);
  });
  c.unique(phases, 'code');
}

/**
 * Once the dates and evaluation references are valid on their own, each phase must start no later than it ends
 * (an evaluation moved before the plan's start would otherwise give an empty phase without a word).
 */
function checkPhaseOrder(c: Checker, root: Record<string, unknown>, doc: Record<string, unknown> | null): void {
  if (!Array.isArray(root.phases) || !Array.isArray(root.evaluations)) return;
  const evaluationDate = new Map<unknown, unknown>(
    root.evaluations.map((e: { code?: unknown; date?: unknown }) => [e?.code, e?.date]),
  );
  root.phases.forEach((p: Record<string, unknown> | null, i: number) => {
    if (!p || typeof p !== 'object') return;
    const start = p.start ?? (p.startAfter !== undefined ? evaluationDate.get(p.startAfter) : doc?.issuedDate);
    const end = p.endBefore !== undefined ? evaluationDate.get(p.endBefore) : undefined;
    if (!isIsoDate(start) || !isIsoDate(end)) return;
    const startDay = dayFromIso(start) + (p.start === undefined && p.startAfter !== undefined ? 1 : 0);
    if (startDay > dayFromIso(end) - 1)
      c.fail(`phases[${i}]`, `ends (before ${end}) before it starts (${isoFromDay(startDay)})`);
  });
}

function checkTaskForces(c: Checker, value: unknown, unitRef: (v: unknown, path: string) => void): Set<string | null> {
  const categories: { value: string | null; path: string }[] = [];
  const numbers: { value: string | null; path: string }[] = [];
  const taskForces = c.list(value, 'taskForces', (t, path) => {
    const o = c.object(t, path, ['code', 'no', 'zh', 'en', 'leadUnits', 'scope', 'targetKinds', 'categories']);
    if (!o) return null;
    c.named(o, path, ['code', 'no', 'leadUnits', 'scope', 'targetKinds', 'categories']);
    if (!Number.isInteger(o.no) || (o.no as number) < 1)
      c.fail(`${path}.no`, `must be a whole number ≥ 1 (got ${show(o.no)})`);
    else numbers.push({ value: String(o.no), path });
    const leads = c.list(o.leadUnits, `${path}.leadUnits`, (u, p) => (unitRef(u, p), typeof u === 'string' ? u : null));
    if (Array.isArray(o.leadUnits) && leads.length === 0) c.fail(`${path}.leadUnits`, 'must name at least one unit');
    c.named(o.scope, `${path}.scope`, []);
    c.list(o.targetKinds, `${path}.targetKinds`, (k, p) => c.oneOf(k, p, OBJECT_KINDS));
    const cats = c.list(o.categories, `${path}.categories`, (cat, p) => {
      const co = c.object(cat, p, ['code', 'zh', 'en', 'group']);
      if (!co) return null;
      c.named(co, p, ['code', 'group']);
      c.oneOf(co.group, `${p}.group`, CATEGORY_GROUPS);
      return c.text(co.code, `${p}.code`);
    });
    if (Array.isArray(o.categories) && cats.length === 0)
      c.fail(`${path}.categories`, 'must list at least one category');
    categories.push(...cats);
    return c.text(o.code, `${path}.code`);
  });
  c.unique(taskForces, 'code');
  c.unique(numbers, 'no');
  c.unique(categories, 'code', ' (category codes are unique across the campaign)');
  return new Set(taskForces.map((t) => t.value));
}

function checkZoneRules(c: Checker, value: unknown, taskForces: Set<string | null>, areas: Set<unknown>): void {
  const rules = c.list(value, 'zoneRules', (r, path) => {
    const o = c.object(r, path, [
      'id',
      'taskForce',
      'zh',
      'en',
      'anchorKind',
      'anchorArea',
      'radiusM',
      'targetKinds',
      'targetFilter',
      'clipToLand',
      'color',
    ]);
    if (!o) return null;
    c.named(o, path, [
      'id',
      'taskForce',
      'anchorKind',
      'anchorArea',
      'radiusM',
      'targetKinds',
      'targetFilter',
      'clipToLand',
      'color',
    ]);
    if (c.text(o.taskForce, `${path}.taskForce`) !== null && !taskForces.has(o.taskForce as string)) {
      c.fail(`${path}.taskForce`, `unknown task force ${show(o.taskForce)} (not in taskForces)`);
    }
    c.oneOf(o.anchorKind, `${path}.anchorKind`, ANCHOR_KINDS);
    if (o.anchorArea !== undefined && c.oneOf(o.anchorArea, `${path}.anchorArea`, AREAS) && !areas.has(o.anchorArea)) {
      c.fail(`${path}.anchorArea`, `no subdistrict has area ${show(o.anchorArea)}, so the rule has no anchors`);
    }
    if (typeof o.radiusM !== 'number' || !Number.isFinite(o.radiusM) || o.radiusM <= 0)
      c.fail(`${path}.radiusM`, 'must be a positive number');
    const kinds = c.list(o.targetKinds, `${path}.targetKinds`, (k, p) => c.oneOf(k, p, OBJECT_KINDS));
    if (Array.isArray(o.targetKinds) && kinds.length === 0)
      c.fail(`${path}.targetKinds`, 'must name at least one kind');
    if (o.targetFilter !== undefined) {
      const f = c.object(o.targetFilter, `${path}.targetFilter`, ['streetClass']);
      if (f && f.streetClass !== undefined) c.oneOf(f.streetClass, `${path}.targetFilter.streetClass`, STREET_CLASSES);
    }
    if (typeof o.clipToLand !== 'boolean')
      c.fail(`${path}.clipToLand`, `must be true or false (got ${show(o.clipToLand)})`);
    c.color(o.color, `${path}.color`);
    return c.text(o.id, `${path}.id`);
  });
  c.unique(rules, 'id');
}

function checkLifecycle(c: Checker, value: unknown): void {
  const l = c.object(value, 'lifecycle', ['states', 'transitions', 'fixedStates', 'derived']);
  if (!l) return;
  const states = c.list(l.states, 'lifecycle.states', (s, path) => {
    const o = c.object(s, path, ['code', 'zh', 'en', 'open', 'severity', 'color']);
    if (!o) return null;
    c.named(o, path, ['code', 'open', 'severity', 'color']);
    if (typeof o.open !== 'boolean') c.fail(`${path}.open`, `must be true or false (got ${show(o.open)})`);
    if (typeof o.severity !== 'number' || !Number.isFinite(o.severity))
      c.fail(`${path}.severity`, `must be a number (got ${show(o.severity)})`);
    c.color(o.color, `${path}.color`);
    return c.oneOf(o.code, `${path}.code`, DEFECT_STATES);
  });
  c.unique(states, 'code');
  const known = new Set(states.map((s) => s.value));
  const stateRef = (v: unknown, path: string) => {
    if (typeof v !== 'string' || !known.has(v)) c.fail(path, `unknown state ${show(v)} (not in lifecycle.states)`);
  };
  const seen = new Set<string>();
  const targets = new Set<unknown>();
  c.list(l.transitions, 'lifecycle.transitions', (t, path) => {
    if (!Array.isArray(t) || t.length !== 2) return c.fail(path, 'must be a [from, to] pair');
    stateRef(t[0], `${path}[0]`);
    stateRef(t[1], `${path}[1]`);
    if (t[0] === t[1]) c.fail(path, `a state cannot change into itself (${show(t[0])})`);
    const key = `${t[0]}→${t[1]}`;
    if (seen.has(key)) c.fail(path, `duplicate transition ${key}`);
    seen.add(key);
    targets.add(t[1]);
    return null;
  });
  if (Array.isArray(l.transitions) && states.length > 0 && states.every((s) => targets.has(s.value))) {
    c.fail('lifecycle.transitions', 'every state has an incoming transition, so no state can start a defect history');
  }
  c.list(l.fixedStates, 'lifecycle.fixedStates', (s, path) => (stateRef(s, path), null));
  const derived = c.object(l.derived, 'lifecycle.derived', DERIVED_STATES);
  if (derived) {
    for (const key of DERIVED_STATES) {
      const path = `lifecycle.derived.${key}`;
      const d = c.object(derived[key], path, ['zh', 'en', 'color', 'severity']);
      if (!d) continue;
      c.named(d, path, ['color', 'severity']);
      c.color(d.color, `${path}.color`);
      if (d.severity !== undefined && (typeof d.severity !== 'number' || !Number.isFinite(d.severity)))
        c.fail(`${path}.severity`, `must be a number (got ${show(d.severity)})`);
    }
  }
}

/** Collects problems as `path: message` and offers the small checks the sections share. */
class Checker {
  readonly problems: string[] = [];

  fail(path: string, message: string): null {
    this.problems.push(path === '' ? message : `${path}: ${message}`);
    return null;
  }

  /** A plain object; fields not in `allowed` are reported (a misspelt `radiusm` must not pass silently). */
  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(
        path === '' ? '(root)' : path,
        `must be an object (got ${value === undefined ? 'nothing' : show(value)})`,
      );
    }
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.fail(path === '' ? key : `${path}.${key}`, 'unknown field');
    }
    return o;
  }

  /** Checks each item of an array; returns what each check returned (the item's key) with the item's path. */
  list(
    value: unknown,
    path: string,
    check: (item: unknown, path: string) => string | null,
  ): { value: string | null; path: string }[] {
    if (!Array.isArray(value)) {
      this.fail(path, `must be a list (got ${value === undefined ? 'nothing' : show(value)})`);
      return [];
    }
    return value.map((item, i) => {
      const p = `${path}[${i}]`;
      return { value: check(item, p), path: p };
    });
  }

  /** Reports each repeated key at the item that repeats it. */
  unique(items: { value: string | null; path: string }[], field: string, why = ''): void {
    const first = new Map<string, string>();
    for (const { value, path } of items) {
      if (value === null || value === undefined) continue;
      const earlier = first.get(String(value));
      if (earlier !== undefined) this.fail(`${path}.${field}`, `duplicate ${show(value)}, already at ${earlier}${why}`);
      else first.set(String(value), path);
    }
  }

  text(value: unknown, path: string): string | null {
    if (typeof value !== 'string' || value.trim() === '')
      return this.fail(path, `must be a non-empty string (got ${value === undefined ? 'nothing' : show(value)})`);
    return value;
  }

  /** A `{ zh, en }` label; other fields of the object are checked by the caller. */
  named(value: unknown, path: string, otherKeys: readonly string[]): void {
    const o =
      otherKeys.length === 0 ? this.object(value, path, ['zh', 'en']) : (value as Record<string, unknown> | null);
    if (!o || typeof o !== 'object') return;
    this.text(o.zh, path === '' ? 'zh' : `${path}.zh`);
    this.text(o.en, path === '' ? 'en' : `${path}.en`);
  }

  date(value: unknown, path: string): void {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
      this.fail(path, `must be a date YYYY-MM-DD (got ${value === undefined ? 'nothing' : show(value)})`);
    else if (!isIsoDate(value)) this.fail(path, `${value} is not a real date`);
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | null {
    if (typeof value !== 'string' || !allowed.includes(value as T))
      return this.fail(
        path,
        `must be one of ${allowed.join(', ')} (got ${value === undefined ? 'nothing' : show(value)})`,
      );
    return value as T;
  }

  color(value: unknown, path: string): void {
    if (typeof value !== 'string' || !COLOR.test(value))
      this.fail(path, `must be a colour #rrggbb (got ${value === undefined ? 'nothing' : show(value)})`);
  }

  numbers(value: unknown, path: string, length: number): number[] | null {
    if (
      !Array.isArray(value) ||
      value.length !== length ||
      !value.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      return this.fail(
        path,
        `must be a list of ${length} numbers (got ${value === undefined ? 'nothing' : show(value)})`,
      );
    }
    return value as number[];
  }
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A value as it appears in a message: short, JSON-like. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
