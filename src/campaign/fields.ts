/**
 * A small vocabulary for declaring a JSON file's fields as a table, and the one walker that checks a value against
 * it. A table is plain data (`{ radiusM: { type: 'number', min: 10, max: 20000, unit: 'metres' }, … }`), so the
 * same declaration gives the validator, the TypeScript type (`Infer`) and the documentation of the file.
 *
 * Every problem is reported (not just the first) at its exact path, e.g. `zoneRules[1].radiusM`, with a message
 * `must be <expectation> (got <value>)`; `expect` replaces the default expectation where plain words read better.
 */
import { isIsoDate } from './dates';

/** Settings every field spec may carry. */
interface Common {
  /** The field may be absent (an optional property in the type). */
  readonly optional?: boolean;
  /** The field may be null. */
  readonly nullable?: boolean;
  /** What the value must be, as the message says it (`a colour #rrggbb`); each type has a default. */
  readonly expect?: string;
}

/** A field that must name the key of an item in a keyed list elsewhere in the file (`to`: the list's path). */
export interface RefSpec<T extends string = string> extends Common {
  readonly type: 'ref';
  /** Path of the keyed list without indexes, e.g. `units` or `lifecycle.states`. */
  readonly to: string;
  /** What the list holds, in the message: `unknown unit "U-X" (not in units)`. */
  readonly what: string;
  /** Never set: carries the type of the key for `Infer`. */
  readonly keyType?: T;
}

export type FieldSpec = Common &
  (
    | { readonly type: 'literal'; readonly value: number | string }
    | {
        readonly type: 'text';
        /** Besides being a non-empty string. */
        readonly pattern?: RegExp;
        readonly test?: (value: string) => boolean;
      }
    | { readonly type: 'date' }
    | {
        readonly type: 'number';
        readonly integer?: boolean;
        readonly min?: number;
        readonly max?: number;
        /** In the message: `a number of metres from 10 to 20000`. */
        readonly unit?: string;
      }
    | { readonly type: 'boolean' }
    | { readonly type: 'oneOf'; readonly values: readonly string[] }
    | RefSpec
    | { readonly type: 'numbers'; readonly length: number }
    | { readonly type: 'pair'; readonly of: FieldSpec }
    | {
        readonly type: 'list';
        readonly of: FieldSpec;
        readonly minItems?: number;
        /** The message when there are fewer than `minItems`, e.g. `must name at least one unit`. */
        readonly fewItems?: string;
        /** The items' key field: unique, and what refs to this list name. Unique across every list at this path. */
        readonly key?: string;
        /** Other fields that must be unique. */
        readonly alsoUnique?: readonly string[];
        /** Appended to a duplicate key's message, e.g. ` (category codes are unique across the campaign)`. */
        readonly keyNote?: string;
      }
    | { readonly type: 'object'; readonly fields: FieldTable }
    /** An object whose keys are free (non-empty text) and whose values all have one spec, e.g. alias → code. */
    | { readonly type: 'record'; readonly of: FieldSpec }
  );

/** An object's fields by name, in the order they are checked (and problems reported). */
export type FieldTable = { readonly [name: string]: FieldSpec };

/** The TypeScript type of values a spec accepts. */
export type Infer<F> = F extends { nullable: true } ? InferBase<F> | null : InferBase<F>;

type InferBase<F> = F extends { type: 'literal'; value: infer V }
  ? V
  : F extends { type: 'text' | 'date' }
    ? string
    : F extends { type: 'number' }
      ? number
      : F extends { type: 'boolean' }
        ? boolean
        : F extends { type: 'oneOf'; values: readonly (infer V)[] }
          ? V
          : F extends RefSpec<infer T>
            ? T
            : F extends { type: 'numbers'; length: infer N extends number }
              ? Tuple<N>
              : F extends { type: 'pair'; of: infer I }
                ? [Infer<I>, Infer<I>]
                : F extends { type: 'list'; of: infer I }
                  ? Infer<I>[]
                  : F extends { type: 'object'; fields: infer T }
                    ? InferObject<T>
                    : F extends { type: 'record'; of: infer I }
                      ? Record<string, Infer<I>>
                      : never;

type Tuple<N extends number, T extends number[] = []> = T['length'] extends N ? T : Tuple<N, [...T, number]>;

type InferObject<T> = Flatten<
  { -readonly [K in keyof T as T[K] extends { optional: true } ? never : K]: Infer<T[K]> } & {
    -readonly [K in keyof T as T[K] extends { optional: true } ? K : never]?: Infer<T[K]>;
  }
>;
type Flatten<T> = { [K in keyof T]: T[K] };

/**
 * The dotted paths where two object types differ in their keys, `never` when every object at every depth has the
 * same keys. Mutual assignability alone misses an optional field present on one side only.
 */
export type KeyMismatch<A, B, P extends string = ''> = [A] extends [readonly (infer EA)[]]
  ? [B] extends [readonly (infer EB)[]]
    ? KeyMismatch<EA, EB, `${P}[]`>
    : P
  : [A] extends [object]
    ? [B] extends [object]
      ? | `${P}.${Exclude<keyof A, keyof B> & string}`
        | `${P}.${Exclude<keyof B, keyof A> & string}`
        | {
            [K in keyof A & keyof B & string]-?: KeyMismatch<NonNullable<A[K]>, NonNullable<B[K]>, `${P}.${K}`>;
          }[keyof A & keyof B & string]
      : P
    : never;

/** `true` when A and B have the same keys everywhere and each is assignable to the other, else `false`. */
export type SameShape<A, B> = [KeyMismatch<A, B>] extends [never]
  ? [A] extends [B]
    ? [B] extends [A]
      ? true
      : false
    : false
  : false;

/** A ref spec whose key has type T (e.g. a lifecycle state code). */
export function ref<T extends string = string>(to: string, what: string): RefSpec<T> {
  return { type: 'ref', to, what };
}

/**
 * Checks `value` against `spec` and reports each problem through `fail(path, message)`: unknown fields, wrong
 * types, values out of range or not allowed, missing required fields, duplicate keys and refs to missing keys.
 *
 * @example checkFields({ radiusM: 0 }, { type: 'object', fields: { radiusM: RADIUS } }, fail)
 * // fail('radiusM', 'must be a number of metres from 10 to 20000 (got 0)')
 */
export function checkFields(value: unknown, spec: FieldSpec, fail: (path: string, message: string) => void): void {
  const walk = new Walk(fail);
  walk.check(value, spec, '');
  walk.resolveRefs();
}

/** A value as it appears in a message: short, JSON-like; `nothing` for a missing field. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

class Walk {
  /** Key values seen per list path (indexes stripped) and field, each with the item path that has it first. */
  private readonly seen = new Map<string, Map<string, string>>();
  private readonly refs: { spec: RefSpec; value: string; path: string }[] = [];
  private readonly keyField = new Map<string, string>();

  constructor(private readonly fail: (path: string, message: string) => void) {}

  /** Returns whether `value` is valid on its own (refs are resolved later). */
  check(value: unknown, spec: FieldSpec, path: string): boolean {
    if (value === null && spec.nullable) return true;
    const bad = (): false => {
      this.fail(path === '' ? '(root)' : path, `must be ${spec.expect ?? expectation(spec)} (got ${show(value)})`);
      return false;
    };
    switch (spec.type) {
      case 'literal':
        return value === spec.value || bad();
      case 'text':
        return (
          (typeof value === 'string' &&
            value.trim() !== '' &&
            (spec.pattern?.test(value) ?? true) &&
            (spec.test?.(value) ?? true)) ||
          bad()
        );
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad();
        if (!isIsoDate(value)) {
          this.fail(path, `${value} is not a real date`);
          return false;
        }
        return true;
      case 'number':
        return (
          (typeof value === 'number' &&
            Number.isFinite(value) &&
            (!spec.integer || Number.isInteger(value)) &&
            (spec.min === undefined || value >= spec.min) &&
            (spec.max === undefined || value <= spec.max)) ||
          bad()
        );
      case 'boolean':
        return typeof value === 'boolean' || bad();
      case 'oneOf':
        return (typeof value === 'string' && spec.values.includes(value)) || bad();
      case 'ref':
        if (typeof value !== 'string' || value.trim() === '') return bad();
        this.refs.push({ spec, value, path });
        return true;
      case 'numbers':
        return (
          (Array.isArray(value) &&
            value.length === spec.length &&
            value.every((n) => typeof n === 'number' && Number.isFinite(n))) ||
          bad()
        );
      case 'pair':
        if (!Array.isArray(value) || value.length !== 2) return bad();
        return [0, 1].map((i) => this.check(value[i], spec.of, `${path}[${i}]`)).every(Boolean);
      case 'list':
        return Array.isArray(value) ? this.list(value, spec, path) : bad();
      case 'object':
        return isObject(value) ? this.object(value, spec.fields, path) : bad();
      case 'record':
        return isObject(value) ? this.record(value, spec.of, path) : bad();
    }
  }

  private record(o: Record<string, unknown>, of: FieldSpec, path: string): boolean {
    let ok = true;
    for (const [key, item] of Object.entries(o)) {
      const at = `${path}.${key}`;
      if (key.trim() === '') {
        this.fail(at, 'the key must be a non-empty string');
        ok = false;
      }
      ok = this.check(item, of, at) && ok;
    }
    return ok;
  }

  private object(o: Record<string, unknown>, fields: FieldTable, path: string): boolean {
    const at = (key: string) => (path === '' ? key : `${path}.${key}`);
    let ok = true;
    for (const key of Object.keys(o)) {
      if (!Object.hasOwn(fields, key)) {
        this.fail(at(key), 'unknown field');
        ok = false;
      }
    }
    for (const [key, spec] of Object.entries(fields)) {
      if (o[key] === undefined && spec.optional) continue;
      ok = this.check(o[key], spec, at(key)) && ok;
    }
    return ok;
  }

  private list(items: unknown[], spec: Extract<FieldSpec, { type: 'list' }>, path: string): boolean {
    let ok = items.map((item, i) => this.check(item, spec.of, `${path}[${i}]`)).every(Boolean);
    if (spec.minItems !== undefined && items.length < spec.minItems) {
      this.fail(path, spec.fewItems ?? `must have at least ${spec.minItems} items`);
      ok = false;
    }
    const listPath = path.replace(/\[\d+\]/g, '');
    if (spec.key !== undefined) this.keyField.set(listPath, spec.key);
    const itemFields = spec.of.type === 'object' ? spec.of.fields : {};
    for (const field of [...(spec.key === undefined ? [] : [spec.key]), ...(spec.alsoUnique ?? [])]) {
      if (!Object.hasOwn(itemFields, field))
        throw new Error(`unique field ${field} is not a field of ${listPath}'s items`);
      const seen = this.seen.get(`${listPath}|${field}`) ?? new Map<string, string>();
      this.seen.set(`${listPath}|${field}`, seen);
      items.forEach((item, i) => {
        const value = isObject(item) ? item[field] : undefined;
        if (value === undefined || !isValid(value, itemFields[field])) return;
        const itemPath = `${path}[${i}]`;
        const earlier = seen.get(String(value));
        if (earlier === undefined) seen.set(String(value), itemPath);
        else {
          const note = field === spec.key ? (spec.keyNote ?? '') : '';
          this.fail(`${itemPath}.${field}`, `duplicate ${show(String(value))}, already at ${earlier}${note}`);
          ok = false;
        }
      });
    }
    return ok;
  }

  resolveRefs(): void {
    for (const { spec, value, path } of this.refs) {
      const keys = this.seen.get(`${spec.to}|${this.keyField.get(spec.to)}`);
      if (!keys?.has(value)) this.fail(path, `unknown ${spec.what} ${show(value)} (not in ${spec.to})`);
    }
  }
}

function isValid(value: unknown, spec: FieldSpec): boolean {
  return new Walk(() => {}).check(value, spec, '');
}

function expectation(spec: FieldSpec): string {
  switch (spec.type) {
    case 'literal':
      return JSON.stringify(spec.value);
    case 'text':
    case 'ref':
      return 'a non-empty string';
    case 'date':
      return 'a date YYYY-MM-DD';
    case 'number': {
      const what = `${spec.integer ? 'a whole number' : 'a number'}${spec.unit ? ` of ${spec.unit}` : ''}`;
      if (spec.min !== undefined && spec.max !== undefined) return `${what} from ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined) return `${what} ≥ ${spec.min}`;
      return spec.max !== undefined ? `${what} ≤ ${spec.max}` : what;
    }
    case 'boolean':
      return 'true or false';
    case 'oneOf':
      return `one of ${spec.values.join(', ')}`;
    case 'numbers':
      return `a list of ${spec.length} numbers`;
    case 'pair':
      return 'a pair';
    case 'list':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
