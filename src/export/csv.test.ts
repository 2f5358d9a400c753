import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { HOSTILE, campaign, context } from './__fixtures__/zone-fixture';
import { csvCell, fixedDecimals, neutraliseFormula, toCsv, toCsvBytes } from './csv';
import { mulberry32 } from '../geo/prng';
import { ZONE_COLUMNS, zoneTable, type Cell, type Table } from './table';
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
    expect(k1.slice(9)).toEqual(['105.0', '', 'Overdue', '3', '1', '2019-09-10', '122.101000', '30.020500']);
  });
});

describe('fixedDecimals', () => {
  it('matches toFixed for the decimals the columns use', () => {
    for (const x of [0, -0, 0.05, 105, 105.04, -12.5, 122.101, 30.0205, 121.99572, 1e-7, 123456.7, 0.999999]) {
      for (const d of [0, 1, 6])
        expect(fixedDecimals(x, d)).toBe(Number(x.toFixed(d)) === 0 ? (0).toFixed(d) : x.toFixed(d));
    }
    expect(fixedDecimals(Number.NaN, 1)).toBe('');
  });
});

/**
 * Seeded hostile cells: formula leads (full-width ones too), quotes, commas, CR/LF, tabs, surrogate pairs, lone
 * surrogates, CJK, empty strings and empty cells, and numbers that are negative, -0, NaN, infinite, tiny or big.
 */
function hostileTable(seed: number, rowCount: number): Table {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const alphabet = [
    'a',
    'Z',
    '0',
    ' ',
    ',',
    '"',
    '""',
    '\r',
    '\n',
    '\r\n',
    '\t',
    '=',
    '+',
    '-',
    '@',
    '＝',
    '＋',
    '－',
    '＠',
    "'",
    '中',
    '文',
    'é',
    '😀',
    '𠀀',
    '\uD800',
    '\uDC00',
    '\uDBFF',
    '<',
    ']]>',
    '\u0000',
  ];
  const text = () => Array.from({ length: Math.floor(rnd() * 10) }, () => pick(alphabet)).join('');
  const numbers = [
    0,
    -0,
    Number.NaN,
    Infinity,
    -Infinity,
    -1,
    -12.5,
    0.05,
    -0.04,
    1e-7,
    999999999.96,
    1e9,
    -1e12,
    2 ** 53,
    122.1015,
    30.0205,
  ];
  const cell = (): Cell => {
    const x = rnd();
    if (x < 0.1) return null;
    if (x < 0.2) return '';
    if (x < 0.35) return pick(numbers);
    if (x < 0.5) return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 12);
    if (x < 0.6) return pick(['居民小区', '=SUM(A1)', '-1', 'plain']); // repeats, for the column caches
    return text();
  };
  const columns = [
    { key: 'a', zh: '甲', width: 5 },
    { key: 'b', zh: 'b,"c"', width: 5, decimals: 1 },
    { key: 'c', zh: '=c', width: 5, decimals: 6 },
    { key: 'd', zh: 'd\ne', width: 5, decimals: 0 },
    { key: 'e', zh: 'e', width: 5 },
  ];
  return { columns, rows: Array.from({ length: rowCount }, () => columns.map(cell)) };
}

const hex = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('hex');

describe('toCsvBytes', () => {
  it('writes the same bytes as encoding the string version, on seeded hostile data', () => {
    // 2000 rows: past the point where a column cache gives up on the mostly-unique columns.
    for (const seed of [1, 2, 3]) {
      const t = hostileTable(seed, 2000);
      expect(hex(toCsvBytes(t))).toBe(hex(reference(t)));
      expect(toCsv(t, { bom: false, lang: 'en' })).toBe(
        new TextDecoder('utf-8', { ignoreBOM: true })
          .decode(reference(t))
          .slice(1)
          .replace(/^.*?\r\n/s, 'a,b,c,d,e\r\n'),
      );
    }
  });

  // The obvious string version (csvCell per cell, join, TextEncoder) is the reference for the byte writer.
  function reference(table: Table): Uint8Array {
    const lines = [table.columns.map((c) => csvCell(c.zh)).join(',')];
    for (const row of table.rows) {
      lines.push(
        row
          .map((v, j) =>
            typeof v === 'number' && table.columns[j].decimals !== undefined
              ? fixedDecimals(v, table.columns[j].decimals!)
              : csvCell(v),
          )
          .join(','),
      );
    }
    return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
  }

  it('writes the same bytes as encoding the string version, for random hostile text', () => {
    const rnd = mulberry32(7);
    const alphabet = [
      'a',
      'Z',
      '0',
      ',',
      '"',
      '\r',
      '\n',
      '\t',
      '=',
      '+',
      '-',
      '@',
      '＝',
      ' ',
      '中',
      '文',
      'é',
      '😀',
      '\uD800',
      '\uDC00',
      "'",
      '<',
      ']]>',
    ];
    const text = () =>
      Array.from({ length: Math.floor(rnd() * 8) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const columns = [
      { key: 'a', zh: '甲', width: 5 },
      { key: 'b', zh: 'b,"c"', width: 5 },
      { key: 'c', zh: '=c', width: 5, decimals: 1 },
      { key: 'd', zh: 'd', width: 5 },
    ];
    // 3000 rows: long enough for the per-column byte cache to give up on the mostly-unique columns.
    const rows = Array.from({ length: 3000 }, () => [
      text(),
      text(),
      rnd() < 0.2 ? null : (rnd() - 0.5) * 1000,
      rnd() < 0.5 ? Math.floor((rnd() - 0.5) * 100) : rnd() * 1e-3,
    ]);
    const table: Table = { columns, rows };
    expect(toCsvBytes(table)).toEqual(reference(table));
    expect(toCsv(table, { bom: false })).toBe(
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(reference(table)).slice(1),
    );
  });

  it('matches the reference on the fixture in both languages', () => {
    expect(toCsvBytes(table())).toEqual(reference(table()));
  });
});
