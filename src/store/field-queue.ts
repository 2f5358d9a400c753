/**
 * The phone's queue of field records, in IndexedDB through idb-keyval: its own database (`zonemap-field`), apart
 * from the service worker's caches, so records survive reloads, a day offline and app updates, and a new data set
 * never touches them. The records list is one key; each photo (a shrunk JPEG) is its own key, so the list stays
 * small and a photo is read only when a zip is made.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { FieldRecord } from '@/field/record';

const RECORDS_KEY = 'records';
const INSPECTOR_KEY = 'inspector';
const photoKey = (name: string) => `photo:${name}`;

let db: UseStore | null = null;
/** Opened on first use: a page that never records opens no database. */
function store(): UseStore {
  db ??= createStore('zonemap-field', 'queue');
  return db;
}

export async function readQueue(): Promise<{ records: FieldRecord[]; inspector: string }> {
  const [records, inspector] = await Promise.all([
    get<FieldRecord[]>(RECORDS_KEY, store()),
    get<string>(INSPECTOR_KEY, store()),
  ]);
  return { records: records ?? [], inspector: inspector ?? '' };
}

export function writeInspector(name: string): Promise<void> {
  return set(INSPECTOR_KEY, name, store());
}

/** Stores the photos first, then the list: a record is never listed without its photos. */
export async function appendRecord(record: FieldRecord, photos: Map<string, Blob>): Promise<FieldRecord[]> {
  for (const [name, blob] of photos) await set(photoKey(name), blob, store());
  const records = (await get<FieldRecord[]>(RECORDS_KEY, store())) ?? [];
  const next = [...records.filter((r) => r.id !== record.id), record];
  await set(RECORDS_KEY, next, store());
  return next;
}

/** Takes the record off the list first, then its photos. */
export async function removeRecord(id: string): Promise<FieldRecord[]> {
  const records = (await get<FieldRecord[]>(RECORDS_KEY, store())) ?? [];
  const gone = records.find((r) => r.id === id);
  const next = records.filter((r) => r.id !== id);
  await set(RECORDS_KEY, next, store());
  for (const name of gone?.photos ?? []) await del(photoKey(name), store());
  return next;
}

/** The JPEG bytes of the named photos; throws naming the first that is missing. */
export async function readPhotos(names: string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const name of names) {
    const blob = await get<Blob>(photoKey(name), store());
    if (!blob) throw new Error(`photo ${name} is missing from this device's queue`);
    out.set(name, new Uint8Array(await blob.arrayBuffer()));
  }
  return out;
}
