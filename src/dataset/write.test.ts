import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { decodeDefectsBin } from './defects-bin';
import { sha256Hex } from './hash';
import { smallModel } from './test-data';
import type { DetailsIndex } from './details';
import type { DefectDetails } from './types';
import { buildDataset, toDefectColumns } from './write';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));

describe('buildDataset', () => {
  const built = buildDataset(smallModel(), campaign, { generatedAt: '2019-09-12T08:00:00.000Z' });

  test('writes every DatasetFileKey once, and the manifest describes each file exactly', () => {
    expect(built.files.map((f) => f.path)).toEqual([
      'campaign.json',
      'boundary.geojson',
      'land.geojson',
      'divisions.json',
      'communities.geojson',
      'markets.geojson',
      'townSeats.geojson',
      'compounds.geojson',
      'streets.geojson',
      'stations.geojson',
      'adsites.geojson',
      'defects.bin',
      'defect-ids.json',
      'defect-details-index.json',
      'defect-history.json',
      'visits.json',
      'declarations.json',
    ]);
    for (const f of built.files) {
      const bytes = typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content;
      expect(built.manifest.files[f.key]).toEqual({
        path: f.path,
        count: f.count,
        bytes: bytes.byteLength,
        sha256: sha256Hex(bytes),
      });
    }
    expect(built.manifest).toMatchObject({
      schemaVersion: 1,
      campaignId: 'dinghai-2019',
      asOfDate: '2019-09-12',
      generatedAt: '2019-09-12T08:00:00.000Z',
      sample: false,
    });
    expect(JSON.parse(built.manifestContent)).toEqual(built.manifest);
  });

  test('the manifest names the district, and the data folder when the refresh gives one', () => {
    expect(built.manifest.district).toEqual({ adcode: '330902', name: '定海区' });
    expect(built.manifest).not.toHaveProperty('dataDir');
    const fromFolder = buildDataset(smallModel(), campaign, { generatedAt: 'x', dataDir: 'data-daishan' });
    expect(fromFolder.manifest.dataDir).toBe('data-daishan');
  });

  test('lets the caller collect garbage between stages, and builds the same files with or without it', () => {
    let calls = 0;
    const withPauses = buildDataset(smallModel(), campaign, {
      generatedAt: '2019-09-12T08:00:00.000Z',
      betweenStages: () => calls++,
    });
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(withPauses.manifestContent).toBe(built.manifestContent);
  });

  test('coordinates are rounded to 6 decimals', () => {
    const communities = JSON.parse(built.files.find((f) => f.key === 'communities')!.content as string);
    expect(communities.features[0].geometry.coordinates).toEqual([122.123457, 30.02]);
  });

  test('defects are columnar in defects.bin, sorted by id, ids and details (history) in their own files', () => {
    const bin = built.files.find((f) => f.key === 'defects')!.content as Uint8Array;
    const { table: cols } = decodeDefectsBin(bin.slice().buffer);
    expect(JSON.parse(built.files.find((f) => f.key === 'defectIds')!.content as string)).toEqual(['D1', 'D2']);
    expect([...cols.coords]).toEqual([122.11, 30.03, 122.1, 30.02]);
    expect(cols.tables.state[cols.state[1]]).toBe('closed');
    expect(cols.tables.taskForce[cols.taskForce[0]]).toBe('TF3');
    expect([...cols.object]).toEqual([-1, 0]);
    expect(cols.tables.object).toEqual(['S1']);
    expect([...cols.found]).toEqual([18151, 18140]);
    const index = JSON.parse(built.files.find((f) => f.key === 'defectDetails')!.content as string) as DetailsIndex;
    expect(index.chunks.map((c) => [c.path, c.first, c.count])).toEqual([['defect-details-0000.json', 0, 2]]);
    const chunk = JSON.parse(built.detailsChunks[0].content) as DefectDetails;
    expect(chunk.D2.history).toHaveLength(2);
    expect(built.manifest.files).not.toHaveProperty('defect-details-0000.json');
  });

  test('refuses to build without a boundary', () => {
    expect(() => buildDataset({ ...smallModel(), boundary: null }, campaign, { generatedAt: 'x' })).toThrow(
      'no valid district boundary',
    );
  });
});

describe('toDefectColumns', () => {
  test('empty input gives empty columns', () => {
    const cols = toDefectColumns([], true);
    expect(cols).toMatchObject({ count: 0, id: [], sample: true });
    expect(cols.coords).toHaveLength(0);
  });
});
