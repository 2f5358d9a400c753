import { afterEach, describe, expect, it, vi } from 'vitest';
import { WEEKLY_NOTES_PREFIX, loadWeeklyNotes, weekKey } from './exports-slice';
import { createAppStore } from './store';

/** A Storage backed by a Map, as the browser's localStorage behaves for one origin. */
function memoryStorage(initial: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(initial));
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('exports slice', () => {
  it('starts with no scope, no open view and the default cut-off', () => {
    const s = createAppStore().getState();
    expect(s.exportScope).toBeNull();
    expect(s.docView).toBeNull();
    expect(s.weeklyCutoff).toBeNull();
  });

  it('keeps weekly notes per campaign and week, and a new store (a reload) reads them back', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    const store = createAppStore();
    store.getState().setWeeklyNotes('dinghai-2019', '2019-09-11', { 'U-CG|TF1': { progress: '已完成 3 处' } });
    store.getState().setWeeklyNotes('dinghai-2019', '2019-09-18', { 'U-CG|TF1': { plan: '下周复查' } });
    store.getState().setWeeklyNotes('other', '2019-09-11', { 'U-CG|TF1': { progress: 'x' } });

    const reloaded = createAppStore().getState().weeklyNotes;
    expect(reloaded[weekKey('dinghai-2019', '2019-09-11')]).toEqual({ 'U-CG|TF1': { progress: '已完成 3 处' } });
    expect(reloaded[weekKey('dinghai-2019', '2019-09-18')]).toEqual({ 'U-CG|TF1': { plan: '下周复查' } });
    expect(reloaded[weekKey('other', '2019-09-11')]).toEqual({ 'U-CG|TF1': { progress: 'x' } });
  });

  it('removes a week from storage when its text is cleared', () => {
    const storage = memoryStorage();
    vi.stubGlobal('localStorage', storage);
    const store = createAppStore();
    store.getState().setWeeklyNotes('c', '2019-09-11', { 'U|TF1': { progress: 'a', plan: 'b' } });
    store.getState().setWeeklyNotes('c', '2019-09-11', { 'U|TF1': { progress: '', plan: 'b' } });
    expect(JSON.parse(storage.getItem(`${WEEKLY_NOTES_PREFIX}c:2019-09-11`)!)).toEqual({ 'U|TF1': { plan: 'b' } });
    store.getState().setWeeklyNotes('c', '2019-09-11', { 'U|TF1': { progress: '', plan: '' } });
    expect(storage.length).toBe(0);
    expect(store.getState().weeklyNotes[weekKey('c', '2019-09-11')]).toEqual({});
  });

  it('skips stored entries that are not notes and keys of other apps', () => {
    const storage = memoryStorage({
      [`${WEEKLY_NOTES_PREFIX}c:2019-09-11`]: '{"U|TF1":{"progress":"ok"}}',
      [`${WEEKLY_NOTES_PREFIX}c:2019-09-18`]: '{"U|TF1":{"progress":42}}',
      [`${WEEKLY_NOTES_PREFIX}c:2019-09-25`]: 'not json',
      [`${WEEKLY_NOTES_PREFIX}c:2019-10-02`]: '["U|TF1"]',
      'someone-else': '{"U|TF1":{"progress":"no"}}',
    });
    expect(loadWeeklyNotes(storage)).toEqual({ 'c:2019-09-11': { 'U|TF1': { progress: 'ok' } } });
  });

  it('works without storage (Node, blocked storage): the text lives in the store only', () => {
    vi.stubGlobal('localStorage', undefined);
    const store = createAppStore();
    store.getState().setWeeklyNotes('c', '2019-09-11', { 'U|TF1': { progress: 'a' } });
    expect(store.getState().weeklyNotes['c:2019-09-11']).toEqual({ 'U|TF1': { progress: 'a' } });
  });

  it('survives a storage that throws on write (quota exceeded)', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    vi.stubGlobal('localStorage', storage);
    const store = createAppStore();
    store.getState().setWeeklyNotes('c', '2019-09-11', { 'U|TF1': { progress: 'a' } });
    expect(store.getState().weeklyNotes['c:2019-09-11']).toEqual({ 'U|TF1': { progress: 'a' } });
  });
});
