/**
 * Codes of the plan (task forces, categories, lifecycle states, units, subdistricts) looked up by code or by
 * Chinese name, since office spreadsheets write 整改中 where the data set stores `in_progress`. The tables come
 * from the campaign file, never from code.
 */
import type { Campaign, DefectState, Subdistrict, TaskForce } from '../campaign/types';
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

/** Builds the lookups for one campaign. */
export function campaignCodes(campaign: Campaign): CampaignCodes {
  const taskForces = index(campaign.taskForces, (t) => [t.code, t.zh, t.en]);
  const states = index(campaign.lifecycle.states, (s) => [s.code, s.zh, s.en, ...s.zh.split('/')]);
  const units = index(campaign.units, (u) => [u.code, u.zh, u.en]);
  const subdistricts = index(campaign.subdistricts, (s) => [s.code, s.zh, s.en, s.zh.replace(/(街道|镇)$/, '')]);
  const categoryOwner = new Map<string, { code: string; tf: TaskForce }[]>();
  for (const tf of campaign.taskForces) {
    for (const c of tf.categories) {
      for (const key of [c.code, c.zh, c.en].map(norm)) {
        const list = categoryOwner.get(key) ?? [];
        list.push({ code: c.code, tf });
        categoryOwner.set(key, list);
      }
    }
  }

  return {
    taskForce: (cell) =>
      find(
        taskForces,
        cell,
        'task force',
        campaign.taskForces.map((t) => `${t.code} ${t.zh}`),
      ),
    state: (cell) => {
      const r = find(
        states,
        cell,
        'state',
        campaign.lifecycle.states.map((s) => `${s.code} ${s.zh}`),
      );
      return r.ok ? { ok: true, value: r.value.code } : r;
    },
    unit: (cell) => {
      const r = find(units, cell, 'unit', []);
      return r.ok ? { ok: true, value: r.value.code } : r;
    },
    subdistrict: (cell) => find(subdistricts, cell, 'subdistrict', []),
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
      return {
        ok: false,
        reason: `unknown category '${text}' (${tf.code} has ${tf.categories[0]?.code}…${tf.categories.at(-1)?.code})`,
      };
    },
  };
}

function index<T>(items: T[], keys: (item: T) => string[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) for (const key of keys(item)) if (key) map.set(norm(key), item);
  return map;
}

function find<T>(map: Map<string, T>, cell: Cell, what: string, choices: string[]): Parsed<T> {
  const text = cellText(cell);
  if (text === '') return { ok: false, reason: 'missing' };
  const invisible = invisibleIn(cell, what);
  if (invisible) return invisible;
  const hit = map.get(norm(text));
  if (hit !== undefined) return { ok: true, value: hit };
  const hint = choices.length > 0 ? ` (expected one of ${choices.join(', ')})` : '';
  return { ok: false, reason: `unknown ${what} '${text}'${hint}` };
}

/** A code or name as compared: NFKC (full-width ＴＦ２ is TF2), trimmed, lower case. */
function norm(key: string): string {
  return key.normalize('NFKC').trim().toLowerCase();
}

/** A zero-width or bidi character would make the lookup fail with a message that looks like a known name. */
function invisibleIn(cell: Cell, what: string): { ok: false; reason: string } | null {
  const invisible = typeof cell === 'string' ? findInvisible(cell) : null;
  return invisible ? { ok: false, reason: `invisible character ${invisible} in the ${what}: retype it` } : null;
}
