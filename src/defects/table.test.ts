import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../campaign/types';
import { prepareDefects } from './prepare';
import { selectDefects } from './select';
import { syntheticDefects } from './synthetic';
import { defectTableBuffers, defectTableFromColumns } from './table';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns } = syntheticDefects(campaign, { count: 500, seed: 2 });

describe('defectTableFromColumns', () => {
  it('copies every column into typed arrays with the same values', () => {
    const t = defectTableFromColumns(columns);
    expect(t.count).toBe(500);
    expect(t.coords).toBeInstanceOf(Float64Array);
    expect(Array.from(t.coords)).toEqual(columns.coords);
    for (const key of ['taskForce', 'category', 'state', 'unit', 'subdistrict'] as const) {
      expect(t[key]).toBeInstanceOf(Uint8Array);
      expect(Array.from(t[key])).toEqual(columns[key]);
    }
    for (const key of ['object', 'found', 'deadline', 'updated'] as const) {
      expect(t[key]).toBeInstanceOf(Int32Array);
      expect(Array.from(t[key])).toEqual(columns[key]);
    }
  });

  it('uses Uint16 codes past 256 table entries, and reads a null deadline as none (0)', () => {
    const cols = structuredClone(columns);
    cols.tables.unit = Array.from({ length: 300 }, (_, k) => `U-${k}`);
    cols.unit[0] = 299;
    (cols.deadline as (number | null)[])[1] = null;
    const t = defectTableFromColumns(cols);
    expect(t.unit).toBeInstanceOf(Uint16Array);
    expect(t.unit[0]).toBe(299);
    expect(t.deadline[1]).toBe(0);
  });

  it('names the column and the defect when a code or a length is wrong', () => {
    const bad = structuredClone(columns);
    bad.state[7] = 6;
    expect(() => defectTableFromColumns(bad)).toThrow(
      'defect 7 (D7): state code 6 is not an index into tables.state (6 entries)',
    );
    const short = structuredClone(columns);
    short.found.pop();
    expect(() => defectTableFromColumns(short)).toThrow('defect column found has 499 entries, expected count 500');
    const orphan = structuredClone(columns);
    orphan.object[3] = -2;
    expect(() => defectTableFromColumns(orphan)).toThrow(
      'defect 3 (D3): object -2 is not -1 or an index into tables.object',
    );
    const nan = structuredClone(columns);
    nan.coords[9] = Number.NaN;
    expect(() => defectTableFromColumns(nan)).toThrow('defect 4 (D4): coordinate is not a finite number');
  });

  it('moves to a worker by transferring its buffers: the copy works, the sender is detached', () => {
    const t = defectTableFromColumns(columns);
    const before = selectDefects(prepareDefects(t, campaign), { overdueOnly: true }).indexes;
    const buffers = defectTableBuffers(t);
    expect(buffers).toHaveLength(10);
    const moved = structuredClone(t, { transfer: buffers });
    expect(t.coords.length).toBe(0);
    expect(Array.from(selectDefects(prepareDefects(moved, campaign), { overdueOnly: true }).indexes)).toEqual(
      Array.from(before),
    );
  });
});

describe('prepareDefects', () => {
  it('rejects a state the lifecycle does not know', () => {
    const cols = structuredClone(columns);
    cols.tables.state = [...cols.tables.state.slice(0, 5), 'lost' as never];
    expect(() => prepareDefects(defectTableFromColumns(cols), campaign)).toThrow(
      'defect state "lost" is not in campaign.lifecycle.states',
    );
  });
});
