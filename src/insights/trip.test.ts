import type { Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import { emptyInput, fc, feat, obj } from '../geo/__fixtures__/build';
import { computeEngine } from '../geo/engine';
import { destination } from '../geo/geodesy';
import { columns } from './__fixtures__/defects';
import { tripDefectRows, tripPhotos } from './trip';

const A: LngLat = [122.1, 30.02];
const pt = (c: LngLat): Point => ({ type: 'Point', coordinates: c });

describe('tripDefectRows', () => {
  const result = computeEngine(
    emptyInput({
      communities: fc([feat(pt(A), obj('C1'))]),
      compounds: fc([feat(pt(destination(A, 100, 0)), obj('in')), feat(pt(destination(A, 3000, 0)), obj('out'))]),
    }),
  );
  // Rows: 0 on the anchor, 1 on a member, 2 on an outside object, 3 unlinked but 200 m from the centre,
  // 4 unlinked 2 km away, 5 on the outside object but standing inside the circle.
  const defects = columns([
    { object: 'C1', state: 'reported', found: '2019-09-01' },
    { object: 'in', state: 'reported', found: '2019-09-01' },
    { object: 'out', state: 'reported', found: '2019-09-01' },
    { state: 'reported', found: '2019-09-01' },
    { state: 'reported', found: '2019-09-01' },
    { object: 'out', state: 'reported', found: '2019-09-01' },
  ]);
  const at = (row: number, p: LngLat) => {
    defects.coords[2 * row] = p[0];
    defects.coords[2 * row + 1] = p[1];
  };
  at(0, A);
  at(1, destination(A, 100, 0));
  at(2, destination(A, 3000, 0));
  at(3, destination(A, 200, 90));
  at(4, destination(A, 2000, 90));
  at(5, destination(A, 299, 180));

  it('takes the defects on the anchor and members and those inside the circle', () => {
    expect(tripDefectRows({ kind: 'zone', zoneId: 'R300:C1' }, defects, result)).toEqual([0, 1, 3, 5]);
  });

  it('covers nothing for an unknown zone or without a result', () => {
    expect(tripDefectRows({ kind: 'zone', zoneId: 'R300:nope' }, defects, result)).toEqual([]);
    expect(tripDefectRows({ kind: 'zone', zoneId: 'R300:C1' }, defects, null)).toEqual([]);
  });

  it('takes a subdistrict by its code', () => {
    expect(tripDefectRows({ kind: 'subdistrict', code: '330902002' }, defects, null)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(tripDefectRows({ kind: 'subdistrict', code: '330902100' }, defects, null)).toEqual([]);
  });
});

describe('tripPhotos', () => {
  const defects = columns([
    { state: 'reported', found: '2019-09-01' },
    { state: 'reported', found: '2019-09-01' },
    { state: 'reported', found: '2019-09-01' },
  ]);
  const details = {
    D0: { description: '', photos: ['p/1.jpg', 'p/2.jpg'], history: [] },
    D1: { description: '', photos: ['p/2.jpg'], history: [] },
    D2: { description: '', photos: ['p/3.jpg'], history: [] },
  };
  it('lists the photos of the rows once each, in row order', () => {
    expect(tripPhotos([0, 1], defects, details)).toEqual(['p/1.jpg', 'p/2.jpg']);
    expect(tripPhotos([0, 1], defects, null)).toEqual([]);
  });
});
