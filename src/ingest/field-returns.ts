/**
 * Field records coming back from the phones (issue 11): each zip in the data folder's `returns/` is a source of
 * kind `fieldRecord` (the refresh lists them). This reads one zip (src/field/records-zip.ts layout), checks every
 * record like any other row (file, row and column named), strips each photo's metadata, and then `applyFieldRecords`
 * merges them into the defects: a status record becomes a new step in its defect's history, a 新问题 becomes a new
 * defect with an id derived from its record id. Records are keyed by their id, so the same zip read twice (or
 * saved under two names) changes nothing; a record that no longer fits is a warning in the import report.
 */
import { unzipSync } from 'fflate';
import type { DefectState } from '../campaign/types';
import type { FieldStep } from '../dataset/types';
import {
  FIELD_PHOTO_PREFIX,
  FIELD_VERDICTS,
  newDefectId,
  RECORD_ID,
  VERDICT_LABELS,
  type FieldRecord,
  type FieldVerdict,
} from '../field/record';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_RECORD } from '../field/photo-limits';
import { RECORD_HEADERS, RECORDS_CSV } from '../field/records-zip';
import { stripJpegMetadata } from '../field/jpeg-strip';
import { resolveColumns, type FieldSpec } from './columns';
import type { MergedDefect } from './defects';
import { inBBox } from './geometry';
import type { Limits } from './limits';
import type { IngestContext } from './objects';
import { fileProblem } from './problems';
import { readCsv } from './read-source';
import { rowOf, type Row } from './row';
import type { Problem, SourceSpec } from './types';
import { cellText, parseDateIn } from './values';
import { checkZip } from './zip';

/** A returned record, checked, with where it came from and its photos' stripped bytes. */
export type ReturnedRecord = Omit<FieldRecord, 'photos'> & {
  /** The day of `time` in Asia/Shanghai. */
  date: string;
  photos: { name: string; bytes: Uint8Array }[];
  origin: { file: string; location: string };
};

const FIELDS: FieldSpec[] = (Object.keys(RECORD_HEADERS) as (keyof typeof RECORD_HEADERS)[]).map((field) => ({
  field,
  required: field === 'id' || field === 'verdict' || field === 'inspector' || field === 'time',
}));
const VERDICT_BY_LABEL = new Map<string, FieldVerdict>(FIELD_VERDICTS.map((v) => [VERDICT_LABELS[v], v]));
const TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads one returned zip: its records (the rows that pass every check) and a problem per fault.
 *
 * @example const { records, problems } = await readFieldReturn(bytes, spec, limits, ctx);
 */
export async function readFieldReturn(
  bytes: Uint8Array,
  spec: SourceSpec,
  limits: Limits,
  ctx: IngestContext,
): Promise<{ records: ReturnedRecord[]; rows: number; problems: Problem[] }> {
  const refuse = (field: string, message: string) => ({
    records: [],
    rows: 0,
    problems: [fileProblem(spec.path, field, message)],
  });
  if (bytes.byteLength > limits.maxFileBytes) return refuse('file', `${bytes.byteLength} bytes is over the limit`);
  const check = await checkZip(bytes, limits);
  if (!check.ok) return refuse('zip', `not a readable records zip: ${check.reason}`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    return refuse('zip', `not a readable records zip: ${(e as Error).message}`);
  }
  const csv = files[RECORDS_CSV];
  if (!csv) return refuse('zip', `no ${RECORDS_CSV} inside: export the records from the app's 现场巡查 list`);
  const csvPath = `${spec.path}/${RECORDS_CSV}`;
  const raw = readCsv(csv, { ...spec, path: csvPath, format: 'csv', encoding: 'utf8' }, limits);
  const problems = [...raw.problems];
  const columns = Object.fromEntries(Object.entries(RECORD_HEADERS).map(([f, h]) => [f, h]));
  const resolved = resolveColumns({ ...spec, path: csvPath, columns }, raw.headers, FIELDS, 'row 1');
  problems.push(...resolved.problems);
  if (resolved.problems.length > 0) return { records: [], rows: raw.records.length, problems };
  const records: ReturnedRecord[] = [];
  for (const r of raw.records) {
    const row = rowOf(r, resolved.columns, csvPath);
    const record = recordOf(row, files, ctx, csvPath);
    if (record) records.push(record);
    problems.push(...row.problems);
  }
  return { records, rows: raw.records.length, problems };
}

function recordOf(row: Row, files: Record<string, Uint8Array>, ctx: IngestContext, file: string) {
  const id = row.text('id', true);
  if (id && !RECORD_ID.test(id)) row.fail('id', `'${id}' is not a record id (R<yyyymmdd>-<8 hex digits>)`);
  const label = row.text('verdict', true);
  const verdict = label ? VERDICT_BY_LABEL.get(label) : undefined;
  if (label && !verdict) row.fail('verdict', `'${label}' is not one of ${[...VERDICT_BY_LABEL.keys()].join(', ')}`);
  const defect = row.text('defect', verdict !== undefined && verdict !== 'newIssue') || null;
  const object = row.text('object', false) || null;
  let taskForce: string | null = null;
  let category: string | null = null;
  if (verdict === 'newIssue') {
    const tf = row.lookup('taskForce', true, ctx.codes.taskForce);
    taskForce = tf?.code ?? null;
    category = tf ? (row.lookup('category', true, (c) => ctx.codes.category(c, tf)) ?? null) : null;
  }
  const inspector = unneutralised(row.text('inspector', true));
  const time = row.text('time', true);
  const m = time ? TIME.exec(time) : null;
  if (time && !m) row.fail('time', `'${time}' is not an ISO time with its offset (2019-09-13T10:05:00+08:00)`);
  const date = m ? row.lookup('time', true, () => parseDateIn(m[1], ctx.dates)) : null;
  const lngLat = positionOf(row, ctx);
  const accuracy = row.has('accuracyM') && cellText(row.cell('accuracyM')) !== '' ? row.number('accuracyM') : null;
  if (accuracy !== null && accuracy < 0) row.fail('accuracyM', `${accuracy} is negative`);
  const photos = photosOf(row, id, files, file);
  if (!id || !verdict || !inspector || !time || !date || row.problems.length > 0) return null;
  return {
    id,
    verdict,
    defect,
    object,
    taskForce,
    category,
    note: unneutralised(row.text('note', false)) ?? '',
    inspector,
    time,
    date,
    lngLat,
    accuracyM: accuracy,
    photos,
    origin: { file, location: row.location },
  } satisfies ReturnedRecord;
}

/** Both coordinates or neither (a record without position is allowed, and marked so in the history). */
function positionOf(row: Row, ctx: IngestContext): [number, number] | null {
  const blank = (f: string) => cellText(row.cell(f)) === '';
  if (blank('lng') && blank('lat')) return null;
  const lng = row.number('lng');
  const lat = row.number('lat');
  if (lng === null || lat === null) return null;
  if (!inBBox([lng, lat], ctx.campaign.district.bbox, 0)) {
    row.fail('lng', `[${lng}, ${lat}] is outside the district bbox [${ctx.campaign.district.bbox.join(', ')}]`);
    return null;
  }
  return [lng, lat];
}

function photosOf(row: Row, id: string | null, files: Record<string, Uint8Array>, file: string) {
  const names = (row.text('photos', false) ?? '').split(/[;；,，\s]+/).filter(Boolean);
  const out: { name: string; bytes: Uint8Array }[] = [];
  if (names.length > MAX_PHOTOS_PER_RECORD)
    row.fail('photos', `${names.length} photos; a record holds at most ${MAX_PHOTOS_PER_RECORD}`);
  for (const name of names) {
    if (id && !new RegExp(`^${id}_\\d+\\.jpg$`).test(name)) {
      row.fail('photos', `'${name}' is not a photo of this record (${id}_<n>.jpg)`);
      continue;
    }
    const bytes = files[name];
    if (!bytes) {
      row.fail('photos', `'${name}' is not in the zip beside ${file.split('/').pop()}`);
      continue;
    }
    if (bytes.byteLength > MAX_PHOTO_BYTES) {
      row.fail('photos', `'${name}' is ${bytes.byteLength} bytes; at most ${MAX_PHOTO_BYTES}`);
      continue;
    }
    const stripped = stripJpegMetadata(bytes);
    if (!stripped.ok) row.fail('photos', `'${name}' is not a usable JPEG: ${stripped.reason}`);
    else out.push({ name, bytes: stripped.bytes });
  }
  return out;
}

/** The CSV writer prefixes formula-like text with `'` so a spreadsheet shows it; the record's text is without it. */
function unneutralised(text: string | null): string | null {
  return text === null ? null : text.replace(/^'(?=[=+\-@\t\r＝＋－＠])/, '');
}

export interface FieldMerge {
  defects: MergedDefect[];
  /** Photo files to publish beside the data set (stripped of metadata). */
  photos: { path: string; bytes: Uint8Array }[];
  /** Records that did not fit (unknown or closed defect, same id with other content): said, never lost. */
  warnings: Problem[];
  /** How many records were applied (a record read twice counts once). */
  applied: number;
}

export interface FieldMergeOptions {
  /** Subdistrict and unit of an object by id, for a new defect found on it. */
  objectPlace: (id: string) => { subdistrict: string; unit: string } | null;
  /** Subdistrict and unit of the nearest object with a place, for a new defect at a bare position. */
  nearestPlace: (lngLat: [number, number]) => { subdistrict: string; unit: string } | null;
  /** Whether a state counts as open (campaign lifecycle). */
  isOpen: (state: DefectState) => boolean;
}

/**
 * The deadline of a defect created in the field: day 0, which the app shows as "not set yet" until the office
 * assigns it (the same convention as the defect columns).
 */
const NO_DEADLINE = '1970-01-01';

/**
 * Merges returned records into the merged defects, oldest record first. Pure and idempotent: the same records in
 * any order, any number of times, give the same defects.
 *
 * - 已整改 moves an open defect to awaiting_recheck; 仍存在 on a defect awaiting re-check sends it back
 *   (reopened) and otherwise adds a step in its current state; 不属实 adds a step for the office to judge.
 * - 新问题 creates `XC-<yyyymmdd>-<hash>` in state reported, on the record's object or at its position.
 * - A status record for an unknown or closed defect, a record dated before its defect was found, and a record id
 *   seen again with other content are warnings naming the file and row.
 */
export function applyFieldRecords(
  defects: MergedDefect[],
  records: ReturnedRecord[],
  options: FieldMergeOptions,
): FieldMerge {
  const warnings: Problem[] = [];
  const warn = (r: ReturnedRecord, field: keyof typeof RECORD_HEADERS, message: string) =>
    warnings.push({ ...r.origin, field: RECORD_HEADERS[field], message, severity: 'warning' });
  const unique = new Map<string, ReturnedRecord>();
  for (const r of records) {
    const first = unique.get(r.id);
    if (!first) unique.set(r.id, r);
    else if (fingerprint(first) !== fingerprint(r))
      warn(
        r,
        'id',
        `record ${r.id} is already at ${first.origin.file}:${first.origin.location} with other content; this one is not applied`,
      );
  }
  const sorted = [...unique.values()].sort((a, b) =>
    a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1,
  );
  const byId = new Map(defects.map((d) => [d.id, { ...d, history: [...d.history], photos: [...d.photos] }]));
  const photos: FieldMerge['photos'] = [];
  let applied = 0;
  for (const r of sorted) {
    const published = r.photos.map((p) => ({ path: `${FIELD_PHOTO_PREFIX}${p.name}`, bytes: p.bytes }));
    const step: FieldStep = {
      record: r.id,
      verdict: r.verdict,
      by: r.inspector,
      time: r.time,
      lngLat: r.lngLat,
      accuracyM: r.accuracyM,
      note: r.note,
      photos: published.map((p) => p.path),
    };
    if (r.verdict === 'newIssue') {
      const id = newDefectId(r.id);
      if (byId.has(id)) {
        warn(r, 'id', `defect ${id} (from this record's id) already exists in the office's data; not created again`);
        continue;
      }
      const onObject = r.object ? options.objectPlace(r.object) : null;
      if (r.object && !onObject)
        warn(r, 'object', `unknown object id '${r.object}': 新问题 ${r.id} is placed by its position instead`);
      const place = onObject ?? (r.lngLat ? options.nearestPlace(r.lngLat) : null);
      if (!r.lngLat || !place) {
        warn(
          r,
          'lng',
          `新问题 ${r.id} has ${r.lngLat ? 'no object or subdistrict near its position' : 'no position'}: cannot be placed on the map; not created`,
        );
        continue;
      }
      byId.set(id, {
        id,
        lngLat: r.lngLat,
        taskForce: r.taskForce!,
        category: r.category!,
        state: 'reported',
        unit: place.unit,
        subdistrict: place.subdistrict,
        object: r.object,
        found: r.date,
        deadline: NO_DEADLINE,
        description: r.note,
        photos: step.photos,
        sample: false,
        updated: r.date,
        history: [{ date: r.date, from: null, to: 'reported', unit: place.unit, field: step }],
      });
    } else {
      const d = byId.get(r.defect!);
      if (!d) {
        warn(
          r,
          'defect',
          `unknown defect id '${r.defect}': record ${r.id} (${VERDICT_LABELS[r.verdict]}) is kept in this file, not applied`,
        );
        continue;
      }
      if (!options.isOpen(d.state)) {
        warn(
          r,
          'defect',
          `defect ${d.id} was closed on ${d.updated}: record ${r.id} (${VERDICT_LABELS[r.verdict]}, ${r.date}) no longer fits; check it on site`,
        );
        continue;
      }
      if (r.date < d.found) {
        warn(r, 'time', `record ${r.id} (${r.date}) is before defect ${d.id} was found (${d.found}); not applied`);
        continue;
      }
      // The step goes where its date puts it: its state change starts from the state on that day, and a later
      // office step still decides the current state.
      const at = d.history.findLastIndex((h) => h.date <= r.date);
      const before = at >= 0 ? d.history[at].to : d.state;
      const to: DefectState =
        r.verdict === 'rectified'
          ? 'awaiting_recheck'
          : r.verdict === 'stillThere' && before === 'awaiting_recheck'
            ? 'reopened'
            : before;
      d.history.splice(at + 1, 0, { date: r.date, from: before, to, unit: d.unit, field: step });
      d.state = d.history[d.history.length - 1].to;
      if (r.date > d.updated) d.updated = r.date;
      d.photos.push(...step.photos);
    }
    photos.push(...published);
    applied += 1;
  }
  return { defects: [...byId.values()], photos, warnings, applied };
}

/** A record's content without where it was read, to tell the same record read twice from a reused id. */
function fingerprint(r: ReturnedRecord): string {
  return JSON.stringify({ ...r, origin: null, photos: r.photos.map((p) => [p.name, p.bytes.byteLength]) });
}
