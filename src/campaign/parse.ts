/**
 * Validation of the campaign file (data/campaign.json). The plan is data, so a typo in it must fail loudly and
 * point at the field: every problem is collected (not just the first) as a `Problem` whose field is the exact path,
 * and `parseCampaign` lists them one per line as `file: path.to.field: message`, e.g.
 * `campaign.json: zoneRules[1].radiusM: must be a number of metres from 10 to 20000 (got 0)`.
 * Each field on its own is checked by the schema table (schema.ts); the checks here are those that span fields.
 */
import type { Problem } from './problem';
import type { Campaign } from './types';
import { dayFromIso, isIsoDate, isoFromDay } from './dates';
import { checkFields, show } from './fields';
import { AREAS, CAMPAIGN_SCHEMA, DEFECT_STATES } from './schema';

/**
 * Validates a parsed campaign file and returns it typed, or throws one Error whose message lists every problem,
 * one per line.
 *
 * @example parseCampaign(JSON.parse(text)) // Campaign, or throws "campaign.json: asOfDate: not a real date …"
 */
export function parseCampaign(json: unknown, file = 'campaign.json'): Campaign {
  const problems = campaignProblems(json, file);
  if (problems.length > 0) throw new Error(problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n'));
  return json as Campaign;
}

/**
 * Every problem in a campaign file (empty when it is valid), each with the field's path, e.g.
 * `{ file: 'campaign.json', location: 'file', field: 'zoneRules[1].radiusM', message: 'must be a number of metres
 * from 10 to 20000 (got 0)' }`. The field table (schema.ts) checks each field on its own; the checks below it
 * span fields.
 */
export function campaignProblems(json: unknown, file = 'campaign.json'): Problem[] {
  const problems: Problem[] = [];
  const fail = (field: string, message: string) => problems.push({ file, location: 'file', field, message });
  checkFields(json, CAMPAIGN_SCHEMA, fail);
  if (!isObject(json)) return problems;
  const root = json;
  checkDistrict(fail, root.district);
  checkPhaseStarts(fail, root.phases);
  checkAnchorAreas(fail, root.zoneRules, root.subdistricts);
  checkPhaseOrder(fail, root, isObject(root.document) ? root.document : null);
  checkTransitions(fail, root.lifecycle);
  if (isObject(root.adSitePhotos)) {
    const { min, max } = root.adSitePhotos;
    if (typeof min === 'number' && typeof max === 'number' && min > max)
      fail('adSitePhotos', `min ${min} is more than max ${max}`);
  }
  checkPrivacy(fail, root.privacy);
  checkAliases(fail, root);
  const issuedDate = isObject(root.document) ? root.document.issuedDate : undefined;
  if (isIsoDate(root.asOfDate) && isIsoDate(issuedDate) && root.asOfDate < issuedDate) {
    fail('asOfDate', `${root.asOfDate} is before the plan was issued (${issuedDate})`);
  }
  return problems;
}

type Fail = (field: string, message: string) => void;

/** Visits stay personal whatever the file says: household answers are personal data (plan: 入户走访). */
function checkPrivacy(fail: Fail, privacy: unknown): void {
  if (!isObject(privacy) || !Array.isArray(privacy.personalKinds)) return;
  if (!privacy.personalKinds.includes('visit'))
    fail('privacy.personalKinds', 'must include "visit" (household answers are personal data)');
}

/**
 * An alias must not be a code or name of another item: `"整改中": "closed"` would silently turn every defect in
 * progress into a closed one. Compared as the lookups compare (src/ingest/codes.ts: NFKC, trimmed, lower case).
 */
function checkAliases(fail: Fail, root: Record<string, unknown>): void {
  if (!isObject(root.aliases)) return;
  const lifecycle = isObject(root.lifecycle) ? root.lifecycle : {};
  const categories = objects(root.taskForces).flatMap(([, tf]) => objects(tf.categories).map(([, c]) => c));
  const sections: Record<string, [Record<string, unknown>[], (item: Record<string, unknown>) => unknown[]]> = {
    states: [objects(lifecycle.states).map(([, s]) => s), (s) => [s.code, s.zh, s.en, ...String(s.zh).split('/')]],
    units: [objects(root.units).map(([, u]) => u), (u) => [u.code, u.zh, u.en]],
    taskForces: [objects(root.taskForces).map(([, t]) => t), (t) => [t.code, t.zh, t.en]],
    categories: [categories, (c) => [c.code, c.zh, c.en]],
  };
  for (const [section, [items, keys]] of Object.entries(sections)) {
    const aliases = root.aliases[section];
    if (!isObject(aliases)) continue;
    const owner = new Map<string, unknown>();
    for (const item of items)
      for (const key of keys(item)) if (typeof key === 'string') owner.set(lookupKey(key), item.code);
    for (const [alias, target] of Object.entries(aliases)) {
      const code = owner.get(lookupKey(alias));
      if (code !== undefined && code !== target)
        fail(
          `aliases.${section}.${alias}`,
          `${show(alias)} already names ${show(code)}; an alias cannot change it to ${show(target)}`,
        );
    }
  }
}

/** A code or name as the ingest lookups compare it (src/ingest/codes.ts `norm`). */
function lookupKey(key: string): string {
  return key.normalize('NFKC').trim().toLowerCase();
}

function checkDistrict(fail: Fail, d: unknown): void {
  if (!isObject(d)) return;
  const center = isNumbers(d.center, 2) ? d.center : null;
  if (center && (Math.abs(center[0]) > 180 || Math.abs(center[1]) > 90))
    fail('district.center', 'must be [lng, lat] in degrees');
  if (!isNumbers(d.bbox, 4)) return;
  const bbox = d.bbox;
  if (!(bbox[0] < bbox[2] && bbox[1] < bbox[3]))
    fail('district.bbox', 'must be [west, south, east, north] with west < east and south < north');
  else if (center && (center[0] < bbox[0] || center[0] > bbox[2] || center[1] < bbox[1] || center[1] > bbox[3])) {
    fail('district.center', `[${center.join(', ')}] is outside district.bbox (lng/lat swapped?)`);
  }
}

function checkPhaseStarts(fail: Fail, phases: unknown): void {
  for (const [i, p] of objects(phases)) {
    if (p.start !== undefined && p.startAfter !== undefined)
      fail(`phases[${i}]`, 'give either start or startAfter, not both');
  }
}

/** A rule anchored in an area no subdistrict has would silently have no zones. */
function checkAnchorAreas(fail: Fail, rules: unknown, subdistricts: unknown): void {
  const areas = new Set(objects(subdistricts).map(([, s]) => s.area));
  for (const [i, r] of objects(rules)) {
    if ((AREAS as readonly unknown[]).includes(r.anchorArea) && !areas.has(r.anchorArea))
      fail(`zoneRules[${i}].anchorArea`, `no subdistrict has area ${show(r.anchorArea)}, so the rule has no anchors`);
  }
}

/**
 * Once the dates and evaluation references are valid on their own, each phase must start no later than it ends
 * (an evaluation moved before the plan's start would otherwise give an empty phase without a word).
 */
function checkPhaseOrder(fail: Fail, root: Record<string, unknown>, doc: Record<string, unknown> | null): void {
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
      fail(`phases[${i}]`, `ends (before ${end}) before it starts (${isoFromDay(startDay)})`);
  });
}

/** The lifecycle's own rules: no state changes into itself, no transition twice, some state starts a history. */
function checkTransitions(fail: Fail, lifecycle: unknown): void {
  if (!isObject(lifecycle) || !Array.isArray(lifecycle.transitions)) return;
  const seen = new Set<string>();
  const targets = new Set<unknown>();
  lifecycle.transitions.forEach((t: unknown, i: number) => {
    if (!Array.isArray(t) || t.length !== 2) return;
    const path = `lifecycle.transitions[${i}]`;
    if (t[0] === t[1]) fail(path, `a state cannot change into itself (${show(t[0])})`);
    const key = `${t[0]}→${t[1]}`;
    if (seen.has(key)) fail(path, `duplicate transition ${key}`);
    seen.add(key);
    targets.add(t[1]);
  });
  const states = Array.isArray(lifecycle.states)
    ? lifecycle.states.map((s: unknown) => (isObject(s) ? s.code : null))
    : [];
  const valid = states.every((code: unknown) => (DEFECT_STATES as readonly unknown[]).includes(code));
  if (states.length > 0 && valid && states.every((code: unknown) => targets.has(code))) {
    fail('lifecycle.transitions', 'every state has an incoming transition, so no state can start a defect history');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumbers(value: unknown, length: number): value is number[] {
  return (
    Array.isArray(value) && value.length === length && value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

/** The object items of a list with their indexes (other items are reported by the field table). */
function objects(value: unknown): [number, Record<string, unknown>][] {
  return Array.isArray(value)
    ? value.flatMap((v, i) => (isObject(v) ? [[i, v] as [number, Record<string, unknown>]] : []))
    : [];
}
