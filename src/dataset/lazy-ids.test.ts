import { describe, expect, it, vi } from 'vitest';
import { LazyIds, idsReady, whenIds } from './lazy-ids';
import { PackedIds, packIds } from './packed-ids';

describe('LazyIds', () => {
  it('answers nothing until loaded, then as the ids it fetched; one fetch for concurrent loads', async () => {
    const fetchIds = vi.fn(async () => new PackedIds(packIds(['D1', 'D22'])));
    const ids = new LazyIds(2, fetchIds);
    expect([ids.ready, ids.length, ids.at(0), ids.indexOf('D22'), idsReady(ids)]).toEqual([
      false,
      2,
      undefined,
      -1,
      false,
    ]);
    const heard = vi.fn();
    ids.subscribe(heard);
    const [a, b] = await Promise.all([ids.load(), whenIds(ids)]);
    expect(a).toBe(b);
    expect(fetchIds).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledTimes(1);
    expect([ids.ready, ids.at(1), ids.indexOf('D22'), idsReady(ids)]).toEqual([true, 'D22', 1, true]);
    await ids.load();
    expect(fetchIds).toHaveBeenCalledTimes(1);
  });

  it('keeps the error of a failed load, tells its listeners, and tries again on the next load', async () => {
    let attempt = 0;
    const ids = new LazyIds(1, async () => {
      attempt += 1;
      if (attempt === 1) throw new Error('defect-ids.json: HTTP 404 (missing)');
      return ['D1'];
    });
    const heard = vi.fn();
    ids.subscribe(heard);
    await expect(ids.load()).rejects.toThrow('defect-ids.json: HTTP 404 (missing)');
    expect([ids.ready, ids.error, heard.mock.calls.length]).toEqual([false, 'defect-ids.json: HTTP 404 (missing)', 1]);
    // Loading again is no longer failed, while it loads.
    const retry = ids.load();
    expect(ids.error).toBeNull();
    await expect(retry).resolves.toEqual(['D1']);
    expect([ids.ready, ids.error, ids.at(0), heard.mock.calls.length]).toEqual([true, null, 'D1', 3]);
  });

  it('refuses ids whose count is not the table’s', async () => {
    const ids = new LazyIds(3, async () => ['D1', 'D2']);
    await expect(ids.load()).rejects.toThrow('has 2 ids, defects.bin has 3 defects');
    expect(ids.ready).toBe(false);
  });

  it('treats a plain list as ready', async () => {
    expect(idsReady(['D1'])).toBe(true);
    await expect(whenIds(['D1'])).resolves.toEqual(['D1']);
  });
});
