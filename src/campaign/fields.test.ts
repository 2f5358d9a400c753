import { describe, expect, it } from 'vitest';
import { checkFields, ref, type FieldSpec } from './fields';

/** The problems `checkFields` reports for `value`, as `path: message` lines. */
function problems(value: unknown, spec: FieldSpec): string[] {
  const lines: string[] = [];
  checkFields(value, spec, (path, message) => lines.push(`${path}: ${message}`));
  return lines;
}

/** A one-field object, so each case reads as the field it is about. */
const one = (spec: FieldSpec): FieldSpec => ({ type: 'object', fields: { f: spec } });

describe('checkFields', () => {
  it.each<[string, FieldSpec, unknown, string[]]>([
    ['a literal', { type: 'literal', value: 1 }, 2, ['f: must be 1 (got 2)']],
    ['a text', { type: 'text' }, '  ', ['f: must be a non-empty string (got "  ")']],
    [
      'a text with a pattern',
      { type: 'text', pattern: /^\d{6}$/, expect: 'a 6-digit code' },
      '33090',
      ['f: must be a 6-digit code (got "33090")'],
    ],
    [
      'a text with a test',
      { type: 'text', test: (s) => s === s.toUpperCase(), expect: 'upper case' },
      'abc',
      ['f: must be upper case (got "abc")'],
    ],
    ['a date in another format', { type: 'date' }, '2019/09/20', ['f: must be a date YYYY-MM-DD (got "2019/09/20")']],
    ['an impossible date', { type: 'date' }, '2019-02-29', ['f: 2019-02-29 is not a real date']],
    ['a number given as text', { type: 'number' }, '3', ['f: must be a number (got "3")']],
    [
      'a number out of range',
      { type: 'number', min: 10, max: 20, unit: 'metres' },
      21,
      ['f: must be a number of metres from 10 to 20 (got 21)'],
    ],
    ['a number below its minimum', { type: 'number', min: 0 }, -1, ['f: must be a number ≥ 0 (got -1)']],
    ['a number above its maximum', { type: 'number', max: 5 }, 6, ['f: must be a number ≤ 5 (got 6)']],
    ['a fraction', { type: 'number', integer: true, min: 1 }, 1.5, ['f: must be a whole number ≥ 1 (got 1.5)']],
    ['a boolean given as text', { type: 'boolean' }, 'yes', ['f: must be true or false (got "yes")']],
    ['a value not allowed', { type: 'oneOf', values: ['a', 'b'] }, 'c', ['f: must be one of a, b (got "c")']],
    ['a ref that is not text', ref('things', 'thing'), 5, ['f: must be a non-empty string (got 5)']],
    ['a short list of numbers', { type: 'numbers', length: 2 }, [1], ['f: must be a list of 2 numbers (got [1])']],
    [
      'a pair of three',
      { type: 'pair', of: { type: 'text' } },
      ['a', 'b', 'c'],
      ['f: must be a pair (got ["a","b","c"])'],
    ],
    [
      'a pair with a bad item',
      { type: 'pair', of: { type: 'boolean' } },
      [true, 1],
      ['f[1]: must be true or false (got 1)'],
    ],
    ['a list given as an object', { type: 'list', of: { type: 'text' } }, {}, ['f: must be a list (got {})']],
    ['a bad list item', { type: 'list', of: { type: 'number' } }, [1, 'x', 3], ['f[1]: must be a number (got "x")']],
    [
      'a list too short',
      { type: 'list', of: { type: 'text' }, minItems: 1, fewItems: 'must name at least one' },
      [],
      ['f: must name at least one'],
    ],
    ['an object given as a list', { type: 'object', fields: {} }, [], ['f: must be an object (got [])']],
    ['a null that is not allowed', { type: 'text' }, null, ['f: must be a non-empty string (got null)']],
  ])('reports %s', (_what, spec, value, expected) => {
    expect(problems({ f: value }, one(spec))).toEqual(expected);
  });

  it('accepts a valid value of every type', () => {
    const spec: FieldSpec = {
      type: 'object',
      fields: {
        v: { type: 'literal', value: 1 },
        t: { type: 'text', pattern: /^x/ },
        d: { type: 'date' },
        n: { type: 'number', integer: true, min: 1, max: 7 },
        b: { type: 'boolean' },
        o: { type: 'oneOf', values: ['a', 'b'] },
        c: { type: 'numbers', length: 2 },
        p: { type: 'pair', of: { type: 'text' } },
        l: { type: 'list', of: { type: 'number' } },
        s: { type: 'object', fields: { x: { type: 'text', optional: true } } },
      },
    };
    const value = { v: 1, t: 'xy', d: '2020-02-29', n: 7, b: false, o: 'b', c: [1, 2], p: ['a', 'b'], l: [], s: {} };
    expect(problems(value, spec)).toEqual([]);
  });

  it('reports unknown fields first, then each field in table order, a missing one as "got nothing"', () => {
    const spec: FieldSpec = { type: 'object', fields: { a: { type: 'text' }, b: { type: 'number' } } };
    expect(problems({ b: 'x', radiusm: 3 }, spec)).toEqual([
      'radiusm: unknown field',
      'a: must be a non-empty string (got nothing)',
      'b: must be a number (got "x")',
    ]);
  });

  it('lets an optional field be absent and a nullable one be null, and checks them when given', () => {
    const spec: FieldSpec = {
      type: 'object',
      fields: { a: { type: 'text', optional: true }, b: { type: 'text', nullable: true } },
    };
    expect(problems({ b: null }, spec)).toEqual([]);
    expect(problems({ a: 1, b: 2 }, spec)).toEqual([
      'a: must be a non-empty string (got 1)',
      'b: must be a non-empty string (got 2)',
    ]);
    expect(problems({}, spec)).toEqual(['b: must be a non-empty string (got nothing)']);
  });

  it('names the root when the whole value has the wrong type', () => {
    expect(problems(null, { type: 'object', fields: {} })).toEqual(['(root): must be an object (got null)']);
  });

  it('reports a repeated key at the item that repeats it, across every list at the same path', () => {
    const spec: FieldSpec = {
      type: 'list',
      key: 'code',
      alsoUnique: ['no'],
      of: {
        type: 'object',
        fields: {
          code: { type: 'text' },
          no: { type: 'number' },
          items: {
            type: 'list',
            key: 'code',
            keyNote: ' (unique everywhere)',
            of: { type: 'object', fields: { code: { type: 'text' } } },
          },
        },
      },
    };
    const value = [
      { code: 'A', no: 1, items: [{ code: 'x' }] },
      { code: 'A', no: 1, items: [{ code: 'y' }, { code: 'x' }] },
      { code: '', no: 2, items: [] },
    ];
    expect(problems(value, spec)).toEqual([
      '[1].items[1].code: duplicate "x", already at [0].items[0] (unique everywhere)',
      '[2].code: must be a non-empty string (got "")',
      '[1].code: duplicate "A", already at [0]',
      '[1].no: duplicate "1", already at [0]',
    ]);
  });

  it('reports a ref to a key its list does not have, after everything else', () => {
    const spec: FieldSpec = {
      type: 'object',
      fields: {
        owner: ref('units', 'unit'),
        units: { type: 'list', key: 'code', of: { type: 'object', fields: { code: { type: 'text' } } } },
        count: { type: 'number' },
      },
    };
    expect(problems({ owner: 'U-X', units: [{ code: 'U-A' }], count: 'x' }, spec)).toEqual([
      'count: must be a number (got "x")',
      'owner: unknown unit "U-X" (not in units)',
    ]);
    expect(problems({ owner: 'U-A', units: [{ code: 'U-A' }], count: 1 }, spec)).toEqual([]);
  });
});
