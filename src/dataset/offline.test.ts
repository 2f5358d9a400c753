import { describe, expect, it } from 'vitest';
import { datasetFiles, hashedKey, isDatasetManifest, manifestEntry, offlinePhotoUrls, splitDataUrl } from './offline';
import type { Manifest } from './types';

const manifest = {
  schemaVersion: 1,
  generatedAt: '2019-09-12T10:00:00.000Z',
  files: {
    campaign: { path: 'campaign.json', count: 1, bytes: 10, sha256: 'aa' },
    defects: { path: 'defects.json', count: 3, bytes: 30, sha256: 'bb' },
  },
} as unknown as Manifest;

describe('offline cache keys', () => {
  it('keys a file by its URL without query plus its hash', () => {
    expect(hashedKey('https://h/data/defects.json?x=1', 'bb')).toBe('https://h/data/defects.json?sha256=bb');
  });

  it('splits a data URL into folder and file', () => {
    expect(splitDataUrl('https://h/z/data/330902/defects.json?v=1')).toEqual({
      folder: 'https://h/z/data/330902',
      file: 'defects.json',
    });
  });

  it('lists every file of a manifest with its key', () => {
    expect(datasetFiles('https://h/data', manifest).map((f) => f.key)).toEqual([
      'https://h/data/campaign.json?sha256=aa',
      'https://h/data/defects.json?sha256=bb',
    ]);
    expect(manifestEntry(manifest, 'defects.json')?.sha256).toBe('bb');
    expect(manifestEntry(manifest, 'nope.json')).toBeUndefined();
  });

  it('tells a data set manifest from the districts pointer', () => {
    expect(isDatasetManifest(manifest)).toBe(true);
    expect(isDatasetManifest({ schemaVersion: 1, districts: 'districts.json' })).toBe(false);
    expect(isDatasetManifest(null)).toBe(false);
  });
});

describe('offlinePhotoUrls', () => {
  it('keeps relative and same-origin photos, once each, and drops other hosts and schemes', () => {
    expect(
      offlinePhotoUrls(
        [
          'photos/D1-1.jpg',
          '/data/photos/D1-1.jpg',
          'https://h/other/D2.jpg',
          'https://other.example/x.jpg',
          'javascript:alert(1)',
          'data:image/png;base64,AAAA',
        ],
        'https://h/data',
      ),
    ).toEqual(['https://h/data/photos/D1-1.jpg', 'https://h/other/D2.jpg']);
  });
});
