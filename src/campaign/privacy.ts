/**
 * The campaign's privacy setting with its defaults: visit records are personal, and a community's visit figures
 * are shown only from 5 households up (one household's "not satisfied" must not be readable off the map).
 */
import type { SourceKind } from './source-kinds';
import type { Campaign, Privacy } from './types';

export const DEFAULT_PRIVACY: Readonly<Privacy> = Object.freeze({
  personalKinds: ['visit'] as SourceKind[],
  minHouseholds: 5,
});

/** The campaign's privacy setting, defaults filled in. */
export function privacyOf(campaign: Pick<Campaign, 'privacy'>): Privacy {
  return { ...DEFAULT_PRIVACY, ...campaign.privacy };
}
