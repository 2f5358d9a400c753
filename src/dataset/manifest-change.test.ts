import { describe, expect, it } from 'vitest';
import { manifestChanged } from './manifest-change';
import type { Manifest } from './types';

const base = {
  schemaVersion: 1,
  campaignId: 'dinghai-2019',
  generatedAt: '2019-09-12T02:00:00.000Z',
  asOfDate: '2019-09-12',
  sample: true,
  files: {
    defects: { path: 'defects.json', count: 3, bytes: 10, sha256: 'aa' },
    markets: { path: 'markets.geojson', count: 2, bytes: 20, sha256: 'bb' },
  },
  attribution: [],
} as unknown as Manifest;

const withFiles = (files: Record<string, unknown>) => ({ ...base, files }) as unknown as Manifest;

describe('manifestChanged', () => {
  it('is false for the same manifest served again (a copy, not the same object)', () => {
    expect(manifestChanged(base, structuredClone(base))).toBe(false);
  });

  it('is true when the generation time differs', () => {
    expect(manifestChanged(base, { ...base, generatedAt: '2019-09-12T03:00:00.000Z' })).toBe(true);
  });

  it('is true when one file hash differs, even with the same generation time', () => {
    const files = { ...base.files, markets: { ...base.files.markets, sha256: 'cc' } };
    expect(manifestChanged(base, withFiles(files))).toBe(true);
  });

  it('is true when a file is added or removed', () => {
    const fewer: Record<string, unknown> = { ...base.files };
    delete fewer.markets;
    expect(manifestChanged(base, withFiles(fewer))).toBe(true);
    expect(manifestChanged(withFiles(fewer), base)).toBe(true);
  });

  it('ignores byte counts and paths when the hashes agree', () => {
    const files = { ...base.files, defects: { ...base.files.defects, bytes: 11 } };
    expect(manifestChanged(base, withFiles(files))).toBe(false);
  });

  it('treats a failed first load (no manifest) as changed', () => {
    expect(manifestChanged(null, base)).toBe(true);
  });
});
