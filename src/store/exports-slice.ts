/**
 * Exports: what the export panel lists (a rule, a zone, a task force, everything, the defect filter), which report
 * view is open over the map (weekly report, declarations, field sheet), the weekly report's cut-off, and the units'
 * own text for the weekly report. That text is typed by staff and must survive a reload, so it is kept in localStorage, one entry
 * per campaign and week (`campaign-zone-map:weekly-notes:<campaign id>:<cut-off>`) holding the text by row key
 * (`unit|taskForce`, see src/export/weekly.ts). Nothing else here is persisted.
 */
import type { StateCreator } from 'zustand';
import type { IsoDate } from '@/campaign/types';
import type { WeeklyNotes } from '@/export/weekly';
import type { RowSelection } from '@/export/zone-rows';
import type { AppState } from './store';

/**
 * The scopes the panel offers. `filter` is the current defect filter; its objects are taken from the filter's
 * answer when exporting, not stored here.
 */
export type ExportScope = Exclude<RowSelection, { by: 'filter' }> | { by: 'filter' };

export type DocView = 'weekly' | 'declarations' | 'fieldSheet';

export interface ExportsSlice {
  /** Null until the user picks; the panel then shows the first rule. */
  exportScope: ExportScope | null;
  docView: DocView | null;
  /** Null means the latest cut-off on or before the as-of date. */
  weeklyCutoff: IsoDate | null;
  /** Units' own text by `weekKey(campaignId, cutoff)`, then by row key. */
  weeklyNotes: Record<string, WeeklyNotes>;
  setExportScope: (scope: ExportScope) => void;
  openDoc: (view: DocView | null) => void;
  setWeeklyCutoff: (cutoff: IsoDate | null) => void;
  /** Replaces the notes of one campaign week and saves them (an all-empty week is removed from storage). */
  setWeeklyNotes: (campaignId: string, cutoff: IsoDate, notes: WeeklyNotes) => void;
}

export const WEEKLY_NOTES_PREFIX = 'campaign-zone-map:weekly-notes:';

/** The key of one campaign week in `weeklyNotes` and, after the prefix, in localStorage. */
export function weekKey(campaignId: string, cutoff: IsoDate): string {
  return `${campaignId}:${cutoff}`;
}

export const createExportsSlice: StateCreator<AppState, [], [], ExportsSlice> = (set) => ({
  exportScope: null,
  docView: null,
  weeklyCutoff: null,
  weeklyNotes: loadWeeklyNotes(browserStorage()),
  setExportScope: (exportScope) => set({ exportScope }),
  openDoc: (docView) => set({ docView }),
  setWeeklyCutoff: (weeklyCutoff) => set({ weeklyCutoff }),
  setWeeklyNotes: (campaignId, cutoff, notes) => {
    const key = weekKey(campaignId, cutoff);
    const kept = withoutEmpty(notes);
    saveWeek(browserStorage(), key, kept);
    set((s) => ({ weeklyNotes: { ...s.weeklyNotes, [key]: kept } }));
  },
});

/** Every saved week in `storage`; entries that are not notes (hand-edited, from another version) are skipped. */
export function loadWeeklyNotes(storage: Storage | null): Record<string, WeeklyNotes> {
  const out: Record<string, WeeklyNotes> = {};
  if (!storage) return out;
  for (let i = 0; i < storage.length; i++) {
    const name = storage.key(i);
    if (!name?.startsWith(WEEKLY_NOTES_PREFIX)) continue;
    const notes = parseNotes(storage.getItem(name));
    if (notes) out[name.slice(WEEKLY_NOTES_PREFIX.length)] = notes;
  }
  return out;
}

function saveWeek(storage: Storage | null, key: string, notes: WeeklyNotes): void {
  if (!storage) return;
  try {
    if (Object.keys(notes).length === 0) storage.removeItem(WEEKLY_NOTES_PREFIX + key);
    else storage.setItem(WEEKLY_NOTES_PREFIX + key, JSON.stringify(notes));
  } catch {
    // Quota exceeded or storage disabled: the text stays in the store for this session.
  }
}

function parseNotes(text: string | null): WeeklyNotes | null {
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const notes: WeeklyNotes = {};
  for (const [row, entry] of Object.entries(value)) {
    if (!isRecord(entry)) return null;
    const { progress, plan } = entry;
    if ((progress !== undefined && typeof progress !== 'string') || (plan !== undefined && typeof plan !== 'string'))
      return null;
    notes[row] = { progress, plan };
  }
  return withoutEmpty(notes);
}

/** Drops empty fields and rows, so clearing a textarea really removes the text. */
function withoutEmpty(notes: WeeklyNotes): WeeklyNotes {
  const out: WeeklyNotes = {};
  for (const [row, { progress, plan }] of Object.entries(notes)) {
    const entry: { progress?: string; plan?: string } = {};
    if (progress) entry.progress = progress;
    if (plan) entry.plan = plan;
    if (entry.progress !== undefined || entry.plan !== undefined) out[row] = entry;
  }
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** localStorage when the environment has a working one (not in Node, not when the browser blocks it). */
function browserStorage(): Storage | null {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    return storage && typeof storage.getItem === 'function' ? storage : null;
  } catch {
    return null;
  }
}
