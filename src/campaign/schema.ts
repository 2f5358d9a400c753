/**
 * The campaign file's schema, declared once: a field table per object of data/campaign.json (name, type, required
 * or optional, allowed values, range, keys and references). `campaignProblems` (parse.ts) checks a file with it,
 * then adds the checks that span fields; the browser's shape check calls the same code. The TypeScript type
 * `Campaign` (types.ts) is written out for its comments and names, and is checked against this table at compile
 * time: a field added to one and not the other fails `tsc`.
 */
import type { FieldSpec, Infer, KeyMismatch, SameShape } from './fields';
import { ref } from './fields';
import type { Campaign, DefectState } from './types';
import { ANCHOR_KINDS, OBJECT_KINDS } from './object-kinds';
import { SOURCE_KINDS } from './source-kinds';
import { MAX_RADIUS_M, MIN_RADIUS_M } from './what-if';

export const DEFECT_STATES = ['reported', 'reopened', 'assigned', 'in_progress', 'awaiting_recheck', 'closed'] as const;
export const AREAS = ['builtUp', 'rural', 'other'] as const;
const CATEGORY_GROUPS = ['facility', 'management', 'campaign', 'service', 'documentation'] as const;
const STREET_CLASSES = ['back', 'main'] as const;

const TEXT = { type: 'text' } as const;
const DATE = { type: 'date' } as const;
const COLOR = { type: 'text', pattern: /^#[0-9a-fA-F]{6}$/, expect: 'a colour #rrggbb' } as const;
const NAMED = { zh: TEXT, en: TEXT } as const;
const UNIT_REF = ref('units', 'unit');
const EVALUATION_REF = ref('evaluations', 'evaluation');
const STATE_REF = ref<DefectState>('lifecycle.states', 'state');
const WEEKDAY = {
  type: 'number',
  integer: true,
  min: 1,
  max: 7,
  expect: 'an ISO weekday 1 (Monday) … 7 (Sunday)',
} as const;
const WEIGHT = { type: 'number', min: 0 } as const;
const SEVERITY = { type: 'number' } as const;
const PHOTO_COUNT = { type: 'number', integer: true, min: 0 } as const;
const DERIVED_STATE = {
  type: 'object',
  fields: { ...NAMED, color: COLOR, severity: { ...SEVERITY, optional: true } },
} as const;

/** data/campaign.json, field by field. */
export const CAMPAIGN_SCHEMA = {
  type: 'object',
  fields: {
    schemaVersion: { type: 'literal', value: 1 },
    id: TEXT,
    name: { type: 'object', fields: NAMED },
    document: { type: 'object', fields: { number: TEXT, issuedDate: DATE, issuer: TEXT } },
    district: {
      type: 'object',
      fields: {
        ...NAMED,
        adcode: { type: 'text', pattern: /^\d{6}$/, expect: 'a 6-digit adcode string' },
        center: { type: 'numbers', length: 2 },
        bbox: { type: 'numbers', length: 4 },
      },
    },
    office: UNIT_REF,
    timezone: { type: 'text', test: isTimeZone, expect: 'an IANA time zone such as Asia/Shanghai' },
    asOfDate: DATE,
    evaluations: {
      type: 'list',
      key: 'code',
      of: { type: 'object', fields: { code: TEXT, ...NAMED, date: DATE, note: { ...TEXT, optional: true } } },
    },
    phases: {
      type: 'list',
      key: 'code',
      of: {
        type: 'object',
        fields: {
          code: TEXT,
          ...NAMED,
          start: { ...DATE, optional: true },
          startAfter: { ...EVALUATION_REF, optional: true },
          endBefore: { ...EVALUATION_REF, optional: true },
        },
      },
    },
    subdistricts: {
      type: 'list',
      key: 'code',
      of: {
        type: 'object',
        fields: {
          code: { type: 'text', pattern: /^\d{9}$/, expect: 'a 9-digit NBS township code' },
          ...NAMED,
          area: { type: 'oneOf', values: AREAS },
          unit: { ...UNIT_REF, nullable: true },
        },
      },
    },
    taskForces: {
      type: 'list',
      key: 'code',
      alsoUnique: ['no'],
      of: {
        type: 'object',
        fields: {
          code: TEXT,
          no: { type: 'number', integer: true, min: 1 },
          ...NAMED,
          leadUnits: { type: 'list', of: UNIT_REF, minItems: 1, fewItems: 'must name at least one unit' },
          scope: { type: 'object', fields: NAMED },
          targetKinds: { type: 'list', of: { type: 'oneOf', values: OBJECT_KINDS } },
          categories: {
            type: 'list',
            key: 'code',
            keyNote: ' (category codes are unique across the campaign)',
            minItems: 1,
            fewItems: 'must list at least one category',
            of: {
              type: 'object',
              fields: { code: TEXT, ...NAMED, group: { type: 'oneOf', values: CATEGORY_GROUPS } },
            },
          },
        },
      },
    },
    zoneRules: {
      type: 'list',
      key: 'id',
      of: {
        type: 'object',
        fields: {
          id: TEXT,
          taskForce: ref('taskForces', 'task force'),
          ...NAMED,
          anchorKind: { type: 'oneOf', values: ANCHOR_KINDS },
          anchorArea: { type: 'oneOf', values: AREAS, optional: true },
          radiusM: { type: 'number', min: MIN_RADIUS_M, max: MAX_RADIUS_M, unit: 'metres' },
          targetKinds: {
            type: 'list',
            of: { type: 'oneOf', values: OBJECT_KINDS },
            minItems: 1,
            fewItems: 'must name at least one kind',
          },
          targetFilter: {
            type: 'object',
            optional: true,
            fields: { streetClass: { type: 'oneOf', values: STREET_CLASSES, optional: true } },
          },
          clipToLand: { type: 'boolean' },
          color: COLOR,
        },
      },
    },
    lifecycle: {
      type: 'object',
      fields: {
        states: {
          type: 'list',
          key: 'code',
          of: {
            type: 'object',
            fields: {
              code: { type: 'oneOf', values: DEFECT_STATES },
              ...NAMED,
              open: { type: 'boolean' },
              severity: SEVERITY,
              color: COLOR,
            },
          },
        },
        transitions: { type: 'list', of: { type: 'pair', of: STATE_REF, expect: 'a [from, to] pair' } },
        fixedStates: { type: 'list', of: STATE_REF },
        derived: {
          type: 'object',
          fields: { overdue: DERIVED_STATE, clean: DERIVED_STATE, neverInspected: DERIVED_STATE, stale: DERIVED_STATE },
        },
      },
    },
    staleDays: { type: 'number', integer: true, min: 1, expect: 'a positive whole number of days' },
    priority: {
      type: 'object',
      fields: {
        formula: TEXT,
        weights: {
          type: 'object',
          fields: { overdue: WEIGHT, open: WEIGHT, reopened: WEIGHT, stale: WEIGHT, neverInspected: WEIGHT },
        },
      },
    },
    units: { type: 'list', key: 'code', of: { type: 'object', fields: { code: TEXT, ...NAMED } } },
    weeklyReport: { type: 'object', fields: { ...NAMED, dueWeekday: WEEKDAY, mergeWeekday: WEEKDAY } },
    adSitePhotos: { type: 'object', fields: { min: PHOTO_COUNT, max: PHOTO_COUNT } },
    aliases: {
      type: 'object',
      optional: true,
      fields: {
        states: { type: 'record', optional: true, of: STATE_REF },
        units: { type: 'record', optional: true, of: UNIT_REF },
        taskForces: { type: 'record', optional: true, of: ref('taskForces', 'task force') },
        categories: { type: 'record', optional: true, of: ref('taskForces.categories', 'category') },
      },
    },
    privacy: {
      type: 'object',
      optional: true,
      fields: {
        personalKinds: { type: 'list', optional: true, of: { type: 'oneOf', values: SOURCE_KINDS } },
        minHouseholds: { type: 'number', optional: true, integer: true, min: 1, expect: 'a whole number ≥ 1' },
      },
    },
    mockInspection: {
      type: 'object',
      optional: true,
      fields: {
        note: { type: 'object', fields: NAMED },
        draws: { type: 'number', integer: true, min: 1, max: 100_000 },
        seed: { type: 'number', integer: true, min: 0, max: 4_294_967_295 },
        sites: {
          type: 'list',
          key: 'code',
          minItems: 1,
          fewItems: 'must list at least one kind of site',
          of: {
            type: 'object',
            fields: {
              code: TEXT,
              ...NAMED,
              kind: { type: 'oneOf', values: OBJECT_KINDS },
              streetClass: { type: 'oneOf', values: STREET_CLASSES, optional: true },
              onRouteOnly: { type: 'boolean', optional: true },
            },
          },
        },
        evaluations: {
          type: 'list',
          key: 'evaluation',
          of: {
            type: 'object',
            fields: {
              evaluation: EVALUATION_REF,
              samples: {
                type: 'list',
                of: {
                  type: 'object',
                  fields: {
                    site: ref('mockInspection.sites', 'mock inspection site kind'),
                    count: { type: 'number', integer: true, min: 0, max: 10_000 },
                  },
                },
              },
              failStates: { type: 'list', of: STATE_REF },
              failGroups: { type: 'list', of: { type: 'oneOf', values: CATEGORY_GROUPS } },
              failCategories: { type: 'list', optional: true, of: ref('taskForces.categories', 'category') },
            },
          },
        },
      },
    },
  },
} as const satisfies FieldSpec;

/** The type the table accepts; `CampaignMatchesSchema` keeps it and `Campaign` the same. */
export type CampaignFromSchema = Infer<typeof CAMPAIGN_SCHEMA>;

/**
 * Fail `tsc` when `Campaign` (types.ts) and the table above differ in a field, its type or whether it is optional.
 * The first names the path of a field only one side has, e.g. `".zoneRules[].extra" does not satisfy 'never'`.
 */
export type CampaignKeysMatchSchema = NoMismatch<KeyMismatch<CampaignFromSchema, Campaign>>;
export type CampaignMatchesSchema = Assert<SameShape<CampaignFromSchema, Campaign>>;
type NoMismatch<T extends never> = T;
type Assert<T extends true> = T;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
