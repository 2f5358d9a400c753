import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldRecord } from '@/field/record';

/** IndexedDB stand-in: what idb-keyval would hold, shared by every store made in a test (like the device). */
const device = new Map<string, unknown>();
let failing = false;
vi.mock('idb-keyval', () => ({
  createStore: () => 'zonemap-field',
  get: async (key: string) => {
    if (failing) throw new Error('IndexedDB unavailable');
    return structuredClone(device.get(key));
  },
  set: async (key: string, value: unknown) => void device.set(key, structuredClone(value)),
  del: async (key: string) => void device.delete(key),
}));

const { createAppStore } = await import('./store');
const { readPhotos } = await import('./field-queue');

const record = (id: string, photos: string[] = []): FieldRecord => ({
  id,
  verdict: 'rectified',
  defect: 'D1',
  object: null,
  taskForce: null,
  category: null,
  note: '',
  inspector: '张三',
  time: '2019-09-13T10:05:00+08:00',
  lngLat: null,
  accuracyM: null,
  photos,
});

beforeEach(() => {
  device.clear();
  failing = false;
});

describe('field slice', () => {
  it('keeps records and the inspector on the device: a new page (a reload) finds them', async () => {
    const page = createAppStore();
    await page.getState().loadFieldQueue();
    await page.getState().setInspector('张三');
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], { type: 'image/jpeg' });
    await page
      .getState()
      .queueFieldRecord(
        record('R20190913-00000001', ['R20190913-00000001_1.jpg']),
        new Map([['R20190913-00000001_1.jpg', photo]]),
      );
    await page.getState().queueFieldRecord(record('R20190913-00000002'), new Map());

    const reloaded = createAppStore();
    expect(reloaded.getState().fieldQueue).toBe('loading');
    await reloaded.getState().loadFieldQueue();
    expect(reloaded.getState().fieldQueue).toBe('ready');
    expect(reloaded.getState().inspector).toBe('张三');
    expect(reloaded.getState().fieldRecords.map((r) => r.id)).toEqual(['R20190913-00000001', 'R20190913-00000002']);
    expect([...(await readPhotos(['R20190913-00000001_1.jpg'])).get('R20190913-00000001_1.jpg')!]).toEqual([
      0xff, 0xd8, 0xff, 0xd9,
    ]);
  });

  it('deleting a record before export takes its photos off the device too', async () => {
    const page = createAppStore();
    const photo = new Blob([new Uint8Array([1])]);
    await page
      .getState()
      .queueFieldRecord(
        record('R20190913-00000001', ['R20190913-00000001_1.jpg']),
        new Map([['R20190913-00000001_1.jpg', photo]]),
      );
    await page.getState().deleteFieldRecord('R20190913-00000001');
    expect(page.getState().fieldRecords).toEqual([]);
    expect(device.has('photo:R20190913-00000001_1.jpg')).toBe(false);
    await expect(readPhotos(['R20190913-00000001_1.jpg'])).rejects.toThrow('photo R20190913-00000001_1.jpg is missing');
  });

  it('says so when the device has no storage', async () => {
    failing = true;
    const page = createAppStore();
    await page.getState().loadFieldQueue();
    expect(page.getState().fieldQueue).toBe('failed');
  });
});
