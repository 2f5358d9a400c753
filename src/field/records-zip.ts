/**
 * The file an inspector sends back to the office: one zip holding `巡查记录.csv` (the records, Chinese headers,
 * UTF-8 with a byte-order mark so Excel and WPS read it, cells that a spreadsheet would run neutralised) and the
 * photos as `<recordId>_<n>.jpg`. The refresh reads the same layout back (src/ingest/field-returns.ts), by the
 * headers below.
 */
import { zipSync } from 'fflate';
import { toCsvBytes } from '../export/csv';
import type { Cell, Column } from '../export/table';
import { VERDICT_LABELS, type FieldRecord } from './record';

/** The records table inside the zip. */
export const RECORDS_CSV = '巡查记录.csv';

/** Field → header of the records CSV, in column order. The refresh maps the same headers back to fields. */
export const RECORD_HEADERS = {
  id: '记录编号',
  verdict: '记录类型',
  defect: '问题编号',
  object: '对象编号',
  taskForce: '专项',
  category: '类别',
  note: '说明',
  inspector: '巡查员',
  time: '时间',
  lng: '经度',
  lat: '纬度',
  accuracyM: '定位精度（米）',
  photos: '照片',
} as const;

export type RecordField = keyof typeof RECORD_HEADERS;

const COLUMNS: Column[] = (Object.entries(RECORD_HEADERS) as [RecordField, string][]).map(([key, zh]) => ({
  key,
  zh,
  width: 12,
  ...(key === 'lng' || key === 'lat' ? { decimals: 6 } : key === 'accuracyM' ? { decimals: 0 } : {}),
}));

/**
 * The records CSV as bytes (BOM, CRLF, formula-like text cells prefixed with `'` by the shared CSV writer).
 *
 * @example new TextDecoder().decode(recordsCsv([record])).startsWith('\uFEFF记录编号,') // true
 */
export function recordsCsv(records: FieldRecord[]): Uint8Array {
  const rows: Cell[][] = records.map((r) => [
    r.id,
    VERDICT_LABELS[r.verdict],
    r.defect,
    r.object,
    r.taskForce,
    r.category,
    r.note,
    r.inspector,
    r.time,
    r.lngLat?.[0] ?? null,
    r.lngLat?.[1] ?? null,
    r.accuracyM,
    r.photos.join(';'),
  ]);
  return toCsvBytes({ columns: COLUMNS, rows }, { bom: true, lang: 'zh' });
}

/**
 * The zip: the CSV plus every record's photos under their names. `photos` maps a photo name to its JPEG bytes; a
 * record naming a photo that is missing there is refused, so the office never gets a record without its photo.
 * Photos are stored (JPEG does not compress further); the fixed `mtime` keeps the bytes the same for the same
 * records.
 */
export function recordsZip(records: FieldRecord[], photos: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 | 6; mtime: Date }]> = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  files[RECORDS_CSV] = [recordsCsv(records), { level: 6, mtime }];
  for (const r of records) {
    for (const name of r.photos) {
      const bytes = photos.get(name);
      if (!bytes) throw new Error(`record ${r.id}: photo ${name} is missing`);
      files[name] = [bytes, { level: 0, mtime }];
    }
  }
  return zipSync(files);
}
