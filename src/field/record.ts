/**
 * A field record (现场巡查记录): what an inspector says on the spot about a defect (已整改, 仍存在, 不属实) or a new
 * problem found at an object or at their position (新问题), with who, when, where and photos. The phone queues
 * records and exports them as a zip (records-zip.ts); the refresh reads that zip back (src/ingest/field-returns.ts).
 * Pure: the browser passes in the time, the position and the random bytes.
 */
import { sha256Hex } from '../dataset/hash';

/** Verdicts on an existing defect, then the one that creates a defect. */
export const FIELD_VERDICTS = ['rectified', 'stillThere', 'notValid', 'newIssue'] as const;
export type FieldVerdict = (typeof FIELD_VERDICTS)[number];

/**
 * The verdicts as the records file writes them (its vocabulary, like its column headers), so a person opening the
 * CSV reads 已整改, not a code.
 */
export const VERDICT_LABELS: Record<FieldVerdict, string> = {
  rectified: '已整改',
  stillThere: '仍存在',
  notValid: '不属实',
  newIssue: '新问题',
};

export interface FieldRecord {
  /** `R<yyyymmdd>-<8 hex>`: the day plus device randomness, so two phones never make the same id. */
  id: string;
  verdict: FieldVerdict;
  /** The defect a status record is about; null for 新问题. */
  defect: string | null;
  /** The object a 新问题 is on, when picked from an object; null at a bare position. */
  object: string | null;
  /** 新问题 only: task force and category codes. */
  taskForce: string | null;
  category: string | null;
  note: string;
  /** The inspector's name as typed on the phone (staff, not a resident). */
  inspector: string;
  /** ISO time with the Asia/Shanghai offset, e.g. 2019-09-13T10:05:00+08:00. */
  time: string;
  /** WGS-84 [lng, lat] from the device, or null when no position could be had (the record says so). */
  lngLat: [number, number] | null;
  /** Radius of the position's 68 % confidence, in metres, as the device reports it. */
  accuracyM: number | null;
  /** Photo file names inside the zip: `<id>_1.jpg`, `<id>_2.jpg` … */
  photos: string[];
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Instant `now` as an ISO time in Asia/Shanghai (UTC+8 all year, no daylight saving).
 *
 * @example shanghaiIso(new Date('2019-09-12T16:30:00Z')) // '2019-09-13T00:30:00+08:00'
 */
export function shanghaiIso(now: Date): string {
  return `${new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The calendar date of a record's time (its own offset, which the phone writes as +08:00). */
export function recordDate(time: string): string {
  return time.slice(0, 10);
}

/**
 * A new record id from the day of `time` and 4 random bytes (crypto.getRandomValues in the browser).
 *
 * @example newRecordId('2019-09-13T10:05:00+08:00', new Uint8Array([1, 2, 3, 255])) // 'R20190913-010203ff'
 */
export function newRecordId(time: string, random: Uint8Array): string {
  if (random.length < 4) throw new Error('newRecordId needs 4 random bytes');
  const hex = [...random.slice(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `R${recordDate(time).replace(/-/g, '')}-${hex}`;
}

export const RECORD_ID = /^R\d{8}-[0-9a-f]{8}$/;

/**
 * The id of the defect a 新问题 record creates: `XC-<yyyymmdd>-<first 8 hex of sha256(record id)>`. Derived from
 * the record id alone, so importing the record again gives the same defect, and the XC- prefix keeps it apart
 * from the office's own ids.
 *
 * @example newDefectId('R20190913-010203ff') // 'XC-20190913-…'
 */
export function newDefectId(recordId: string): string {
  const day = recordId.slice(1, 9);
  return `XC-${day}-${sha256Hex(new TextEncoder().encode(recordId)).slice(0, 8)}`;
}

/** Published field photos start with this, beside the data set's JSON files: `field-photo-<recordId>_<n>.jpg`. */
export const FIELD_PHOTO_PREFIX = 'field-photo-';

/** `<recordId>_<n>.jpg`, n from 1: the name of a record's photo in the zip and, prefixed, in the data set. */
export function photoName(recordId: string, n: number): string {
  return `${recordId}_${n}.jpg`;
}

/**
 * The zip's file name: `巡查记录_<inspector>_<date>.zip`, with characters no file system takes replaced.
 *
 * @example recordsZipName('张三', '2019-09-13') // '巡查记录_张三_2019-09-13.zip'
 */
export function recordsZipName(inspector: string, date: string): string {
  const safe =
    inspector
      .trim()
      .replace(/[\\/:*?"<>|\s]+/g, '_')
      // eslint-disable-next-line no-control-regex -- control characters are what is being removed
      .replace(/[\u0000-\u001f]+/g, '')
      .slice(0, 40) || '巡查员';
  return `巡查记录_${safe}_${date}.zip`;
}
