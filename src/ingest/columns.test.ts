import { describe, expect, it } from 'vitest';
import { resolveColumns } from './columns';
import type { SourceSpec } from './types';

const spec = (columns?: Record<string, string>): SourceSpec => ({
  id: 'x',
  path: 'x.xlsx',
  kind: 'townSeat',
  format: 'xlsx',
  crs: 'gcj02',
  ...(columns ? { columns } : {}),
});
const fields = [
  { field: 'lng', required: true },
  { field: 'lat', required: true },
];

describe('resolveColumns', () => {
  it('finds a header typed with a space inside, or in full-width letters', () => {
    expect(resolveColumns(spec(), ['经度', '纬 度'], fields, 'row 1')).toEqual({
      columns: { lng: '经度', lat: '纬 度' },
      problems: [],
    });
    expect(resolveColumns(spec({ lat: '纬度' }), ['ＬＮＧ', ' 纬　度 '], fields, 'row 1').columns).toEqual({
      lng: 'ＬＮＧ',
      lat: ' 纬　度 ',
    });
  });

  it("names the file's columns when one named in sources.json is not there", () => {
    expect(resolveColumns(spec({ lat: '纬度' }), ['经度', '北纬'], fields, 'row 1').problems).toEqual([
      {
        file: 'x.xlsx',
        location: 'row 1',
        field: 'lat',
        message: "column '纬度' named in sources.json is not in the file (its columns: 经度, 北纬)",
      },
    ]);
  });
});
