/**
 * Field records on this device (issue 11): the inspector's name (typed once, remembered) and the queue of records
 * waiting to be exported, mirrored from IndexedDB (field-queue.ts). The store holds what the panels show; every
 * change goes to IndexedDB first and the store takes what was written.
 */
import type { StateCreator } from 'zustand';
import type { FieldRecord } from '@/field/record';
import { appendRecord, readQueue, removeRecord, writeInspector } from './field-queue';
import type { AppState } from './store';

export interface RecordsSlice {
  /** 'loading' until the queue was read from IndexedDB; 'failed' when it cannot be (private mode, no storage). */
  fieldQueue: 'loading' | 'ready' | 'failed';
  fieldRecords: FieldRecord[];
  inspector: string;
  loadFieldQueue: () => Promise<void>;
  setInspector: (name: string) => Promise<void>;
  queueFieldRecord: (record: FieldRecord, photos: Map<string, Blob>) => Promise<void>;
  deleteFieldRecord: (id: string) => Promise<void>;
}

export const createRecordsSlice: StateCreator<AppState, [], [], RecordsSlice> = (set) => ({
  fieldQueue: 'loading',
  fieldRecords: [],
  inspector: '',
  loadFieldQueue: async () => {
    try {
      const { records, inspector } = await readQueue();
      set({ fieldQueue: 'ready', fieldRecords: records, inspector });
    } catch {
      set({ fieldQueue: 'failed' });
    }
  },
  setInspector: async (name) => {
    await writeInspector(name);
    set({ inspector: name });
  },
  queueFieldRecord: async (record, photos) => {
    set({ fieldRecords: await appendRecord(record, photos) });
  },
  deleteFieldRecord: async (id) => {
    set({ fieldRecords: await removeRecord(id) });
  },
});
