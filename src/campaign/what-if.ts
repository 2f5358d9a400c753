/**
 * What-if radii: the one home of "a rule's radius". A commander asks "what if R300 were 400 m?"; the answer is an
 * override by rule id, and a rule without one keeps the plan's radius (campaign.json). Everything that reads,
 * checks, keeps or reports a radius goes through here: the campaign schema (the plan's radii), the zone engine, the
 * store's what-if slice, the layer panel's input, the shared link (`r=R300:400,R500:650`), the export CLI
 * (`--radius`) and the export writers (which say when a list was computed at another radius than the plan's).
 */
import type { Campaign, ZoneRule } from './types';

/**
 * The sane range of a zone radius, metres. Below 10 m a circle is smaller than the objects it tests; above 20 km
 * one zone covers the whole district (Dinghai is about 40 km across), and radii like 1e308 break the circle
 * geometry in every browser.
 */
export const MIN_RADIUS_M = 10;
export const MAX_RADIUS_M = 20_000;

/** What-if radii in metres by rule id. */
export type RadiusOverrides = Readonly<Record<string, number>>;

/** An override `pruneOverrides` left out, and why. */
export interface DroppedOverride {
  ruleId: string;
  value: unknown;
  reason: 'unknownRule' | 'badRadius';
  /** Plain English, e.g. `R300: must be a number of metres from 10 to 20000 (got 1e+308)`. */
  message: string;
}

/** A rule whose radius in a result differs from the plan's. */
export interface RadiusChange {
  ruleId: string;
  planM: number;
  usedM: number;
}

/**
 * Why `value` cannot be a zone radius, or null when it can: a number of metres in [MIN_RADIUS_M, MAX_RADIUS_M].
 *
 * @example checkRadiusM(1e308) // 'must be a number of metres from 10 to 20000 (got 1e+308)'
 */
export function checkRadiusM(value: unknown): string | null {
  if (typeof value === 'number' && value >= MIN_RADIUS_M && value <= MAX_RADIUS_M) return null;
  return `must be a number of metres from ${MIN_RADIUS_M} to ${MAX_RADIUS_M} (got ${show(value)})`;
}

/** The radius a rule is computed with: its override, else the plan's. */
export function effectiveRadiusM(rule: Pick<ZoneRule, 'id' | 'radiusM'>, overrides: RadiusOverrides): number {
  return Object.hasOwn(overrides, rule.id) ? overrides[rule.id] : rule.radiusM;
}

/**
 * The overrides that still apply to `campaign`: those naming a rule it has, with a radius in range. Returns the
 * same `overrides` object when nothing is dropped, so a store keeps its reference (and the engine does not re-run).
 *
 * @example pruneOverrides({ R300: 400, R9: 500 }, campaign).dropped // [{ ruleId: 'R9', reason: 'unknownRule', … }]
 */
export function pruneOverrides<T extends RadiusOverrides>(
  overrides: T,
  campaign: Pick<Campaign, 'zoneRules'>,
): { overrides: T | Record<string, number>; dropped: DroppedOverride[] } {
  const dropped: DroppedOverride[] = [];
  const kept: Record<string, number> = {};
  for (const [ruleId, value] of Object.entries(overrides)) {
    const problem = checkRadiusM(value);
    if (!campaign.zoneRules.some((r) => r.id === ruleId)) {
      const valid = campaign.zoneRules.map((r) => r.id).join(', ');
      dropped.push({
        ruleId,
        value,
        reason: 'unknownRule',
        message: `unknown rule "${ruleId}"; valid rules: ${valid}`,
      });
    } else if (problem) dropped.push({ ruleId, value, reason: 'badRadius', message: `${ruleId}: ${problem}` });
    else kept[ruleId] = value;
  }
  return { overrides: dropped.length ? kept : overrides, dropped };
}

/**
 * Overrides from their text form `R300:400,R500:650` (the link's `r` and the CLI's `--radius`), checked against
 * `campaign`. A part without a colon or with a bad number is dropped as a bad radius, keeping its text as `value`.
 *
 * @example readOverrides('R300:400,R500:1e308', campaign).overrides // { R300: 400 }
 */
export function readOverrides(
  text: string,
  campaign: Pick<Campaign, 'zoneRules'>,
): { overrides: Record<string, number>; dropped: DroppedOverride[] } {
  const raw: Record<string, unknown> = {};
  const texts: Record<string, string> = {};
  for (const part of text.split(',').filter((p) => p !== '')) {
    const colon = part.indexOf(':');
    const ruleId = colon < 0 ? part : part.slice(0, colon);
    const metres = colon < 0 ? '' : part.slice(colon + 1);
    raw[ruleId] = metres.trim() === '' ? metres : Number(metres);
    texts[ruleId] = metres;
  }
  const { overrides, dropped } = pruneOverrides(raw as Record<string, number>, campaign);
  return { overrides: { ...overrides }, dropped: dropped.map((d) => ({ ...d, value: texts[d.ruleId] })) };
}

/** The text form `readOverrides` reads. */
export function formatOverrides(overrides: RadiusOverrides): string {
  return Object.entries(overrides)
    .map(([ruleId, m]) => `${ruleId}:${m}`)
    .join(',');
}

/**
 * The rules of a result (an engine result's `rules`, or any list of rule id and radius used) whose radius differs
 * from the plan's, in the order given. Rules the campaign does not have are left out.
 *
 * @example radiusChanges(campaign, engine.rules) // [{ ruleId: 'R300', planM: 300, usedM: 400 }]
 */
export function radiusChanges(
  campaign: Pick<Campaign, 'zoneRules'>,
  used: readonly { ruleId: string; radiusM: number }[],
): RadiusChange[] {
  const out: RadiusChange[] = [];
  for (const u of used) {
    const rule = campaign.zoneRules.find((r) => r.id === u.ruleId);
    if (rule && rule.radiusM !== u.radiusM) out.push({ ruleId: u.ruleId, planM: rule.radiusM, usedM: u.radiusM });
  }
  return out;
}

function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
