import { describe, expect, it } from 'vitest';
import { PackedIds, idsToArray, packIds, packIdsJson } from './packed-ids';

describe('packed defect ids', () => {
  const ids = ['D-0001', 'D-0010', '', 'D-001', '定海-整改-7', 'D-0001', '0', 'D-00'];
  const packed = new PackedIds(packIds(ids));

  it('reads every id back by row, and nothing outside the rows', () => {
    expect(packed.length).toBe(ids.length);
    expect(ids.map((_, r) => packed.at(r))).toEqual(ids);
    expect(idsToArray(packed)).toEqual(ids);
    for (const r of [-1, ids.length, 1.5, Number.NaN]) expect(packed.at(r)).toBeUndefined();
  });

  it('finds the first row of each id as Array.prototype.indexOf does, not a prefix or a suffix', () => {
    for (const id of [...ids, 'D-00', 'D-000', '0001', 'D', '-', '1D-0', '整改', 'nope'])
      expect([id, packed.indexOf(id)]).toEqual([id, ids.indexOf(id)]);
    // Asked twice (the selection asks on every render): the same answer.
    expect(packed.indexOf('D-001')).toBe(3);
    expect(packed.indexOf('D-001')).toBe(3);
  });

  it('agrees with the array on many random ids built from few letters (overlaps everywhere)', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const word = () => Array.from({ length: Math.floor(rnd() * 4) }, () => 'ab'[Math.floor(rnd() * 2)]).join('');
    const many = Array.from({ length: 400 }, word);
    const p = new PackedIds(packIds(many));
    for (let k = 0; k < 200; k++) {
      const id = word();
      expect(p.indexOf(id)).toBe(many.indexOf(id));
    }
    expect(idsToArray(p)).toEqual(many);
  });

  it('survives a structured clone as data, and refuses ends that do not match the text', () => {
    const clone = structuredClone(packIds(ids));
    expect(idsToArray(new PackedIds(clone))).toEqual(ids);
    expect(() => new PackedIds({ text: 'abc', ends: Uint32Array.of(1, 2) })).toThrow(/ends stop at 2, the text has 3/);
    expect(new PackedIds(packIds([])).length).toBe(0);
  });

  it('leaves a plain array as it is', () => {
    const plain = ['a', 'b'];
    expect(idsToArray(plain)).toBe(plain);
  });
});

describe('packing defect-ids.json as the refresh writes it', () => {
  const cases: string[][] = [
    [],
    [''],
    ['a'],
    ['D-0001', '', 'D-0010', '定海-整改-7', 'D-0001', ','],
    ['a,b', 'x]', '[y', ' sp ace '],
  ];

  it('reads back the same ids as JSON.parse, without parsing, and finds them as the array does', () => {
    for (const ids of cases) {
      const packed = packIdsJson(JSON.stringify(ids));
      expect(packed, JSON.stringify(ids)).not.toBeNull();
      const p = new PackedIds(packed!);
      expect(idsToArray(p)).toEqual(ids);
      for (const id of [...ids, 'D-00', 'nope', '"', '","']) expect([id, p.indexOf(id)]).toEqual([id, ids.indexOf(id)]);
      expect(p.at(ids.length)).toBeUndefined();
    }
  });

  it('agrees with JSON.parse on many random ids with separators inside (overlaps everywhere)', () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const word = () => Array.from({ length: Math.floor(rnd() * 4) }, () => 'a,'[Math.floor(rnd() * 2)]).join('');
    const many = Array.from({ length: 300 }, word);
    const p = new PackedIds(packIdsJson(JSON.stringify(many))!);
    expect(idsToArray(p)).toEqual(many);
    for (let k = 0; k < 200; k++) {
      const id = word();
      expect(p.indexOf(id)).toBe(many.indexOf(id));
    }
  });

  it('leaves any other form to the parser: escapes, spaces, numbers, nesting, control characters, not JSON', () => {
    for (const text of [
      JSON.stringify(['a"b']),
      JSON.stringify(['a\\b']),
      JSON.stringify(['tab\there']),
      '["a", "b"]',
      '[ "a"]',
      '["a",1,"b"]',
      '["a"],["b"]',
      '["a"]]',
      '["a\u0001"]',
      '{"a":"b"}',
      '"a"',
      '',
      '[',
    ])
      expect([text, packIdsJson(text)]).toEqual([text, null]);
  });
});
