import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { HOSTILE, campaign, context } from './__fixtures__/zone-fixture';
import { csvCell, neutraliseFormula, toCsv, toCsvBytes } from './csv';
import { ZONE_COLUMNS, zoneTable } from './table';
import { buildZoneRows } from './zone-rows';

const EN_HEADER =
  'zone_id,rule,anchor_id,anchor_name,object_id,object_kind,object_name,subdistrict,unit,distance_m,inside_m,state,open_defects,overdue,last_inspected,lng,lat';

function table(lang: 'zh' | 'en' = 'zh') {
  return zoneTable(buildZoneRows(context(), { by: 'all' }), campaign, lang);
}

describe('toCsv', () => {
  it('starts with the UTF-8 byte-order mark', () => {
    const bytes = toCsvBytes(table());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(toCsv(table(), { bom: false }).charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes the English header line exactly with --lang en', () => {
    const text = toCsv(table('en'), { lang: 'en' });
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(EN_HEADER);
  });

  it('writes Chinese headers by default', () => {
    const text = toCsv(table());
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(ZONE_COLUMNS.map((c) => c.zh).join(','));
  });

  it('quotes per RFC 4180: commas, quotes, newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain 文字')).toBe('plain 文字');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises every formula lead character, full-width forms too', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '＝1', '＋1', '－1', '＠x']) {
      expect(neutraliseFormula(s)).toBe(`'${s}`);
    }
    expect(neutraliseFormula('1-2')).toBe('1-2');
    expect(neutraliseFormula('')).toBe('');
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
  });

  it('keeps produced numbers as numbers, negative ones included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('-12.5')).toBe(`'-12.5`);
  });

  it('carries hostile names as inert text that a CSV parser reads back exactly (after the quote prefix)', () => {
    const text = toCsv(table('en'), { lang: 'en' });
    const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header.join(',')).toBe(EN_HEADER);
    expect(rows).toHaveLength(5);
    const names = rows.map((r) => r[6]);
    expect(names).toContain(`'${HOSTILE.formula}`);
    expect(names).toContain(`'${HOSTILE.plus}`);
    expect(names).toContain(HOSTILE.mixed);
    expect(rows.map((r) => r[3])).toContain(HOSTILE.html);
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const k1 = rows.find((r) => r[0] === 'R300:C-001' && r[4] === 'K-001')!;
    expect(k1.slice(9)).toEqual(['105', '', 'Overdue', '3', '1', '2019-09-10', '122.101', '30.0205']);
  });
});
