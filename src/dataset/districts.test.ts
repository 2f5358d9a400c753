import { describe, expect, it } from 'vitest';
import { checkDistrictsIndex, districtsPointer, isDistrictsPointer } from './districts';

describe('checkDistrictsIndex', () => {
  const entry = { adcode: '330902', name: '定海区', status: 'ok', generatedAt: null, asOfDate: null };

  it('accepts an index of districts', () => {
    expect(checkDistrictsIndex({ schemaVersion: 1, generatedAt: '', districts: [entry] })).toBeNull();
  });

  it('names what is wrong', () => {
    expect(checkDistrictsIndex(null)).toBe('not a JSON object');
    expect(checkDistrictsIndex({ schemaVersion: 2, districts: [] })).toBe('schemaVersion 2 is not 1');
    expect(checkDistrictsIndex({ schemaVersion: 1, districts: [{ ...entry, adcode: '../x' }] })).toBe(
      'districts[0].adcode is not 6 digits',
    );
    expect(checkDistrictsIndex({ schemaVersion: 1, districts: [{ ...entry, status: 'gone' }] })).toBe(
      'districts[0].status is not ok or failed',
    );
  });
});

describe('isDistrictsPointer', () => {
  it('tells the pointer from a data set manifest', () => {
    expect(isDistrictsPointer(districtsPointer())).toBe(true);
    expect(isDistrictsPointer({ schemaVersion: 1, files: {} })).toBe(false);
    expect(isDistrictsPointer(null)).toBe(false);
  });
});
