/**
 * The schema table and the `Campaign` type are kept the same by `tsc`: schema.ts holds the real assertion
 * (`CampaignMatchesSchema`); the type-level cases below show that each kind of drift fails to compile, so the
 * assertion cannot quietly pass everything. `npm run typecheck` checks this file; vitest runs the runtime part.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Infer, SameShape } from './fields';
import { CAMPAIGN_SCHEMA, type CampaignFromSchema } from './schema';
import type { Campaign, ZoneRule } from './types';

const RULE = CAMPAIGN_SCHEMA.fields.zoneRules.of;
type RuleFields = typeof RULE.fields;
/** The zone rule's table with some fields changed, the way an edit to schema.ts would change it. */
type Rule<F> = Infer<{ type: 'object'; fields: F }>;

type ExtraField = Rule<RuleFields & { extra: { type: 'text' } }>;
type ExtraOptionalField = Rule<RuleFields & { extra: { type: 'text'; optional: true } }>;
type MissingField = Rule<Omit<RuleFields, 'radiusM'>>;
type MissingOptionalField = Rule<Omit<RuleFields, 'anchorArea'>>;
type RequiredArea = Rule<
  Omit<RuleFields, 'anchorArea'> & { anchorArea: { type: 'oneOf'; values: RuleFields['anchorArea']['values'] } }
>;
type TextRadius = Rule<Omit<RuleFields, 'radiusM'> & { radiusM: { type: 'text' } }>;
type FewerKinds = Rule<Omit<RuleFields, 'anchorKind'> & { anchorKind: { type: 'oneOf'; values: ['community'] } }>;

/** Fails to compile unless T is exactly `true`. */
const isTrue = <T extends true>(): T | undefined => undefined;

describe('the campaign schema table', () => {
  it('gives exactly the Campaign type (checked by tsc)', () => {
    isTrue<SameShape<CampaignFromSchema, Campaign>>();
    isTrue<SameShape<Rule<RuleFields>, ZoneRule>>();
  });

  it('fails tsc on every kind of drift between the table and the type', () => {
    // @ts-expect-error a field in the table that the type lacks
    isTrue<SameShape<ExtraField, ZoneRule>>();
    // @ts-expect-error an optional field in the table that the type lacks (mutual assignability alone misses it)
    isTrue<SameShape<ExtraOptionalField, ZoneRule>>();
    // @ts-expect-error a field in the type that the table lacks
    isTrue<SameShape<MissingField, ZoneRule>>();
    // @ts-expect-error an optional field in the type that the table lacks
    isTrue<SameShape<MissingOptionalField, ZoneRule>>();
    // @ts-expect-error required in the table, optional in the type
    isTrue<SameShape<RequiredArea, ZoneRule>>();
    // @ts-expect-error another value type
    isTrue<SameShape<TextRadius, ZoneRule>>();
    // @ts-expect-error allowed values that differ from the type's union
    isTrue<SameShape<FewerKinds, ZoneRule>>();
  });

  it('declares every field the real campaign file has, and no other', () => {
    const real = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8'));
    expect(Object.keys(CAMPAIGN_SCHEMA.fields).sort()).toEqual(Object.keys(real).sort());
    expect(Object.keys(RULE.fields).sort()).toEqual(Object.keys(real.zoneRules[1]).sort());
  });
});
