import { describe, expect, it } from 'vitest';
import { MAX_STEM_CHARS, exportFilename, safeFilePart } from './filename';

describe('exportFilename', () => {
  it('joins the parts, the date and the sample marker in the file language', () => {
    expect(exportFilename(['R300', '文昌社区周边300米'], '2019-09-12', false, 'xlsx', 'zh')).toBe(
      'R300_文昌社区周边300米_2019-09-12.xlsx',
    );
    expect(exportFilename(['R300', '文昌社区周边300米'], '2019-09-12', true, 'xlsx', 'zh')).toBe(
      'R300_文昌社区周边300米_2019-09-12_示例数据.xlsx',
    );
    expect(exportFilename(['all-zones'], '2019-09-12', true, 'csv', 'en')).toBe('all-zones_2019-09-12_sample.csv');
  });

  it('replaces characters file systems refuse and drops empty parts', () => {
    expect(exportFilename(['R300', 'a/b\\c:d*e?f"g<h>i|j', '  ', '\u0007'], '2019-09-12', false, 'csv', 'zh')).toBe(
      'R300_a_b_c_d_e_f_g_h_i_j_2019-09-12.csv',
    );
  });

  it('falls back to "export" when no part survives', () => {
    expect(exportFilename(['///', ''], '2019-09-12', false, 'kml', 'zh')).toBe('export_2019-09-12.kml');
  });

  it('keeps a long name under the limit, the sample marker and the extension included', () => {
    const name = exportFilename(['R300', '很长的名字'.repeat(40)], '2019-09-12', true, 'xlsx', 'zh');
    const stem = name.slice(0, -'.xlsx'.length);
    expect(stem.length).toBeLessThanOrEqual(MAX_STEM_CHARS);
    expect(name.endsWith('_示例数据.xlsx')).toBe(true);
    expect(new TextEncoder().encode(name).length).toBeLessThan(255);
  });
});

describe('safeFilePart', () => {
  it('collapses runs of spaces and underscores and trims dots and spaces at the ends', () => {
    expect(safeFilePart('  a   b __ c. ')).toBe('a b_c');
    expect(safeFilePart('..hidden..')).toBe('hidden');
  });

  it('prefixes names Windows reserves', () => {
    expect(safeFilePart('CON')).toBe('_CON');
    expect(safeFilePart('com1.txt')).toBe('_com1.txt');
    expect(safeFilePart('console')).toBe('console');
  });

  it('does not split a surrogate pair when it cuts', () => {
    const cut = safeFilePart('𠀀'.repeat(MAX_STEM_CHARS));
    expect(cut.length % 2).toBe(0);
    expect([...cut].every((ch) => ch === '𠀀')).toBe(true);
  });

  it('normalises to NFC so the same name is written the same way', () => {
    expect(safeFilePart('e\u0301')).toBe('\u00e9');
  });
});
