/**
 * The defects as flat typed arrays (`DefectTable`): the columns of public/data/defects.bin
 * (`DefectColumns`) loaded once into one typed array per column, so the filter and cluster passes read numbers
 * from contiguous memory and the whole table moves to the worker by transferring its buffers instead of cloning
 * 1M-element arrays. Ids stay out of it: features carry the defect's index, and the main thread, which keeps the
 * JSON columns, maps an index to `columns.id.at(index)` when a defect is opened.
 *
 * The table is a structural superset of the zone engine's defect columns (`DefectColumnsLike`, and the worker's
 * `DefectArrays`): the worker can hand the same object to `prepareEngine` and to `prepareDefects`.
 */
import type { DefectColumns } from '../dataset/types';

/** A code column: an index into the matching `tables` list. Uint8 while the list fits, else Uint16. */
export type CodeColumn = Uint8Array | Uint16Array;

export interface DefectTable {
  count: number;
  /** The interned strings of the JSON columns, unchanged (structured-cloned, not transferred). */
  tables: DefectColumns['tables'];
  /** `[lng0, lat0, lng1, lat1, …]` WGS-84, stride 2. */
  coords: Float64Array;
  taskForce: CodeColumn;
  category: CodeColumn;
  state: CodeColumn;
  unit: CodeColumn;
  subdistrict: CodeColumn;
  /** Index into tables.object, -1 when the defect is linked to no object. */
  object: Int32Array;
  /** Day numbers (days since 1970-01-01, see campaign/dates.ts). */
  found: Int32Array;
  /** 0 when no deadline is set yet (the zone engine's roll-up reads it the same way). */
  deadline: Int32Array;
  updated: Int32Array;
}

const CODE_COLUMNS = ['taskForce', 'category', 'state', 'unit', 'subdistrict'] as const;
const DAY_COLUMNS = ['found', 'deadline', 'updated'] as const;

/**
 * Build the typed table from the loaded JSON columns. Checks what the passes rely on (every column has `count`
 * entries, every code indexes its table, coordinates are finite) and throws naming the column and the defect,
 * because a bad index would otherwise read past a lookup table silently. A null/NaN deadline becomes 0 (none).
 *
 * @example const table = defectTableFromColumns(data.defects); worker.postMessage({ table }, defectTableBuffers(table));
 */
export function defectTableFromColumns(columns: DefectColumns): DefectTable {
  const n = columns.count;
  if (!Number.isInteger(n) || n < 0) throw new Error(`defect count must be a non-negative integer, got ${n}`);
  if (columns.coords.length !== 2 * n) {
    throw new Error(`defect coords has ${columns.coords.length} numbers, expected 2 × count = ${2 * n}`);
  }
  const coords = Float64Array.from(columns.coords);
  for (let k = 0; k < coords.length; k++) {
    if (!Number.isFinite(coords[k]))
      throw new Error(
        `defect ${k >> 1} (${columns.id.at(k >> 1) ?? 'id not loaded'}): coordinate is not a finite number`,
      );
  }

  const codes = {} as Record<(typeof CODE_COLUMNS)[number], CodeColumn>;
  for (const key of CODE_COLUMNS) {
    const values = columns[key];
    const size = columns.tables[key].length;
    if (values.length !== n) throw new Error(`defect column ${key} has ${values.length} entries, expected count ${n}`);
    if (size > 65536) throw new Error(`defect table ${key} has ${size} entries; code columns hold at most 65536`);
    const column = size <= 256 ? new Uint8Array(n) : new Uint16Array(n);
    for (let d = 0; d < n; d++) {
      const v = values[d];
      if (!Number.isInteger(v) || v < 0 || v >= size) {
        throw new Error(
          `defect ${d} (${columns.id.at(d) ?? 'id not loaded'}): ${key} code ${v} is not an index into tables.${key} (${size} entries)`,
        );
      }
      column[d] = v;
    }
    codes[key] = column;
  }

  if (columns.object.length !== n)
    throw new Error(`defect column object has ${columns.object.length} entries, expected count ${n}`);
  const objects = columns.tables.object.length;
  const object = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    const v = columns.object[d];
    if (!Number.isInteger(v) || v < -1 || v >= objects) {
      throw new Error(
        `defect ${d} (${columns.id.at(d) ?? 'id not loaded'}): object ${v} is not -1 or an index into tables.object (${objects} entries)`,
      );
    }
    object[d] = v;
  }

  const days = {} as Record<(typeof DAY_COLUMNS)[number], Int32Array>;
  for (const key of DAY_COLUMNS) {
    const values = columns[key];
    if (values.length !== n) throw new Error(`defect column ${key} has ${values.length} entries, expected count ${n}`);
    days[key] = Int32Array.from(values, (v) => (Number.isFinite(v) ? v : 0));
  }

  return { count: n, tables: columns.tables, coords, ...codes, object, ...days };
}

/**
 * The buffers to list as transferables when posting a table to or from a worker. After the post the sender's
 * arrays are detached (length 0), so post a table the sender no longer needs.
 */
export function defectTableBuffers(table: DefectTable): ArrayBuffer[] {
  const arrays = [
    table.coords,
    table.taskForce,
    table.category,
    table.state,
    table.unit,
    table.subdistrict,
    table.object,
    table.found,
    table.deadline,
    table.updated,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
