/**
 * Codes of the plan (task forces, categories, lifecycle states, units, subdistricts) looked up by code, by name or
 * by an alias of the campaign file (`aliases`), since office spreadsheets write 整改中 or 已办结 where the data set
 * stores `in_progress` or `closed`. The tables come from the campaign file, never from code. An unknown value's
 * message lists the valid ones, or, when there are many, the closest spellings, and says where to add an alias.
 */
import type { Aliases, Campaign, DefectState, Subdistrict, TaskForce } from '../campaign/types';
import { findInvisible } from './text';
import { cellText, type Cell, type Parsed } from './values';

export interface CampaignCodes {
  taskForce(cell: Cell): Parsed<TaskForce>;
  /** A category of `taskForce`; a category of another task force is an error that names both. */
  category(cell: Cell, taskForce: TaskForce): Parsed<string>;
  state(cell: Cell): Parsed<DefectState>;
  unit(cell: Cell): Parsed<string>;
  subdistrict(cell: Cell): Parsed<Subdistrict>;
}

/** Up to this many valid values are listed in full; beyond it, the closest few by edit distance. */
export const MAX_LISTED_CHOICES = 12;
/** How many close spellings an unknown value's message suggests. */
export const CLOSEST_SHOWN = 3;

/** A way of writing a code (its code, names and aliases as the campaign file writes them), for hints. */
interface Spelling {
  key: string;
  code: string;
}

/** The valid values of one lookup, for an unknown value's message. */
interface Choices {
  /** What is looked up, in the message: `unit`, `TF2 category`. */
  what: string;
  /** Each valid value once, as `code name`; empty: the message names none. */
  listed: string[];
  spellings: Spelling[];
  /** The `aliases` section where another spelling can be added; null when there is none. */
  section: keyof Aliases | null;
}

/** Builds the lookups for one campaign. */
export function campaignCodes(campaign: Campaign): CampaignCodes {
  const aliases: Aliases = campaign.aliases ?? {};
  const taskForces = table(campaign.taskForces, (t) => [t.code, t.zh, t.en], aliases.taskForces);
  const states = table(campaign.lifecycle.states, (s) => [s.code, s.zh, s.en, ...s.zh.split('/')], aliases.states);
  const units = table(campaign.units, (u) => [u.code, u.zh, u.en], aliases.units);
  const subdistricts = table(
    campaign.subdistricts,
    (s) => [s.code, s.zh, s.en, s.zh.replace(/(街道|镇)$/, '')],
    undefined,
  );
  const taskForceOf = new Map<string, TaskForce>();
  for (const tf of campaign.taskForces) for (const c of tf.categories) taskForceOf.set(c.code, tf);
  const categoryOwner = new Map<string, { code: string; tf: TaskForce }[]>();
  const categorySpellings = new Map<string, Spelling[]>();
  const addCategory = (key: string, code: string) => {
    const tf = taskForceOf.get(code);
    if (!tf || !key) return;
    const list = categoryOwner.get(norm(key)) ?? [];
    if (!list.some((o) => o.code === code)) list.push({ code, tf });
    categoryOwner.set(norm(key), list);
    const spellings = categorySpellings.get(tf.code) ?? [];
    spellings.push({ key, code });
    categorySpellings.set(tf.code, spellings);
  };
  for (const tf of campaign.taskForces)
    for (const c of tf.categories) for (const key of [c.code, c.zh, c.en]) addCategory(key, c.code);
  for (const [alias, code] of Object.entries(aliases.categories ?? {})) addCategory(alias, code);

  const choices = <T extends { code: string; zh: string }>(
    what: string,
    items: T[],
    t: Table<T>,
    section: keyof Aliases | null,
  ): Choices => ({ what, listed: items.map((i) => `${i.code} ${i.zh}`), spellings: t.spellings, section });
  const taskForceChoices = choices('task force', campaign.taskForces, taskForces, 'taskForces');
  const stateChoices = choices('state', campaign.lifecycle.states, states, 'states');
  const unitChoices = choices('unit', campaign.units, units, 'units');
  // Subdistricts have no aliases; their short names (定海 for 定海街道) are matched already.
  const subdistrictChoices: Choices = { what: 'subdistrict', listed: [], spellings: [], section: null };

  return {
    taskForce: (cell) => find(taskForces, cell, taskForceChoices),
    state: (cell) => {
      const r = find(states, cell, stateChoices);
      return r.ok ? { ok: true, value: r.value.code } : r;
    },
    unit: (cell) => {
      const r = find(units, cell, unitChoices);
      return r.ok ? { ok: true, value: r.value.code } : r;
    },
    subdistrict: (cell) => find(subdistricts, cell, subdistrictChoices),
    category: (cell, tf) => {
      const text = cellText(cell);
      if (text === '') return { ok: false, reason: 'missing' };
      const invisible = invisibleIn(cell, 'category');
      if (invisible) return invisible;
      const owners = categoryOwner.get(norm(text)) ?? [];
      const own = owners.find((o) => o.tf.code === tf.code);
      if (own) return { ok: true, value: own.code };
      if (owners.length > 0) {
        const other = owners[0].tf;
        return {
          ok: false,
          reason: `category '${text}' belongs to ${other.code} ${other.zh}, not to ${tf.code} ${tf.zh}`,
        };
      }
      const categoryChoices: Choices = {
        what: `${tf.code} category`,
        listed: tf.categories.map((c) => `${c.code} ${c.zh}`),
        spellings: categorySpellings.get(tf.code) ?? [],
        section: 'categories',
      };
      return { ok: false, reason: unknownMessage(text, categoryChoices) };
    },
  };
}

/**
 * The message for a value that is none of the valid ones: all of them when there are at most
 * `MAX_LISTED_CHOICES`, else the `CLOSEST_SHOWN` closest spellings (edit distance after NFKC over the longer length, one per code), and
 * where to add an alias.
 *
 * @example unknownMessage('区市场监管局', unitChoices)
 * // "unknown unit '区市场监管局' (closest: 区市场监管分局 → U-SCJG, …); add it to "aliases.units" in campaign.json"
 */
function unknownMessage(text: string, c: Choices): string {
  let hint: string;
  if (c.listed.length === 0) return `unknown ${c.what} '${text}'`;
  if (c.listed.length <= MAX_LISTED_CHOICES) hint = `expected one of ${c.listed.join(', ')}`;
  else {
    const wanted = norm(text);
    const best = new Map<string, { key: string; distance: number }>();
    for (const s of c.spellings) {
      // Relative to the longer spelling, so a short name is not closest just for being short.
      const key = norm(s.key);
      const distance = editDistance(wanted, key) / Math.max([...wanted].length, [...key].length);
      const known = best.get(s.code);
      if (!known || distance < known.distance) best.set(s.code, { key: s.key, distance });
    }
    const closest = [...best]
      .sort((a, b) => a[1].distance - b[1].distance)
      .slice(0, CLOSEST_SHOWN)
      .map(([code, { key }]) => (key === code ? code : `${key} → ${code}`));
    hint = `closest: ${closest.join(', ')}`;
  }
  const alias = c.section ? `; add it to "aliases.${c.section}" in campaign.json` : '';
  return `unknown ${c.what} '${text}' (${hint})${alias}`;
}

/** Levenshtein distance over code points (a Chinese character is one edit). */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length];
}

/** Normalized key → item (codes, names, then aliases to a code), and every key as written. */
interface Table<T> {
  map: Map<string, T>;
  spellings: Spelling[];
}

function table<T extends { code: string }>(
  items: T[],
  keys: (item: T) => string[],
  aliases: Record<string, string> | undefined,
): Table<T> {
  const map = new Map<string, T>();
  const spellings: Spelling[] = [];
  const add = (key: string, item: T) => {
    if (!key) return;
    map.set(norm(key), item);
    spellings.push({ key, code: item.code });
  };
  for (const item of items) for (const key of keys(item)) add(key, item);
  const byCode = new Map(items.map((item) => [item.code, item]));
  // An alias never overrides a code or name (the campaign check refuses one that would).
  for (const [alias, code] of Object.entries(aliases ?? {})) {
    const item = byCode.get(code);
    if (item && !map.has(norm(alias))) add(alias, item);
  }
  return { map, spellings };
}

function find<T>(t: Table<T>, cell: Cell, choices: Choices): Parsed<T> {
  const text = cellText(cell);
  if (text === '') return { ok: false, reason: 'missing' };
  const invisible = invisibleIn(cell, choices.what);
  if (invisible) return invisible;
  const hit = t.map.get(norm(text));
  if (hit !== undefined) return { ok: true, value: hit };
  return { ok: false, reason: unknownMessage(text, choices) };
}

/** A code or name as compared: NFKC (full-width ＴＦ２ is TF2), trimmed, lower case. */
export function norm(key: string): string {
  return key.normalize('NFKC').trim().toLowerCase();
}

/** A zero-width or bidi character would make the lookup fail with a message that looks like a known name. */
function invisibleIn(cell: Cell, what: string): { ok: false; reason: string } | null {
  const invisible = typeof cell === 'string' ? findInvisible(cell) : null;
  return invisible ? { ok: false, reason: `invisible character ${invisible} in the ${what}: retype it` } : null;
}
