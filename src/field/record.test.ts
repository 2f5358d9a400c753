import { describe, expect, it } from 'vitest';
import { newDefectId, newRecordId, photoName, RECORD_ID, recordsZipName, shanghaiIso } from './record';

describe('field record format', () => {
  it('writes times in Asia/Shanghai, across the UTC date line', () => {
    expect(shanghaiIso(new Date('2019-09-12T16:30:00Z'))).toBe('2019-09-13T00:30:00+08:00');
    expect(shanghaiIso(new Date('2019-09-13T02:05:09.500Z'))).toBe('2019-09-13T10:05:09+08:00');
  });

  it('makes record ids from the Shanghai day and device randomness', () => {
    const id = newRecordId('2019-09-13T00:30:00+08:00', new Uint8Array([1, 2, 3, 255, 9]));
    expect(id).toBe('R20190913-010203ff');
    expect(RECORD_ID.test(id)).toBe(true);
    expect(() => newRecordId('2019-09-13T00:30:00+08:00', new Uint8Array(3))).toThrow('4 random bytes');
  });

  it('derives a new defect id from the record id alone: stable, and apart for two records', () => {
    const a = newDefectId('R20190913-010203ff');
    expect(a).toMatch(/^XC-20190913-[0-9a-f]{8}$/);
    expect(newDefectId('R20190913-010203ff')).toBe(a);
    expect(newDefectId('R20190913-010203fe')).not.toBe(a);
  });

  it('names the zip after the inspector and the day, and photos after their record', () => {
    expect(recordsZipName('张三', '2019-09-13')).toBe('巡查记录_张三_2019-09-13.zip');
    expect(recordsZipName('a/b:c ', '2019-09-13')).toBe('巡查记录_a_b_c_2019-09-13.zip');
    expect(recordsZipName('  ', '2019-09-13')).toBe('巡查记录_巡查员_2019-09-13.zip');
    expect(photoName('R20190913-010203ff', 2)).toBe('R20190913-010203ff_2.jpg');
  });
});
