/**
 * Summaries for the task forces that are not zones: volunteer stations (志愿服务, the three-element check and
 * spot-check faults), public-ad sites (宣传及公益广告, landscape features and scene photos), door-to-door visits
 * (入户走访, coverage and satisfaction per community) and the online-declaration checklist (网上申报, days left).
 */
import { daysBetween } from '../campaign/dates';
import type { Campaign, IsoDate } from '../campaign/types';
import type { AdSiteFC, CommunityFC, DeclarationEntry, StationFC, VisitSummary } from '../dataset/types';

// ---------------------------------------------------------------------------------------------------------------
// Volunteer stations.

export type StationElement = 'sign' | 'volunteers' | 'service';
export const STATION_ELEMENTS: StationElement[] = ['sign', 'volunteers', 'service'];

export interface StationCheck {
  id: string;
  name: string;
  subdistrict: string;
  stationType: 'leifeng' | 'traffic_post';
  /** Each element: true shown, false missing, null not checked. */
  elements: Record<StationElement, boolean | null>;
  /** All three shown: true; any missing: false; otherwise (some not checked) null. */
  complete: boolean | null;
  faults: string[];
}

export interface StationSummary {
  total: number;
  complete: number;
  /** At least one element missing. */
  incomplete: number;
  /** No element missing but at least one not checked. */
  unchecked: number;
  missing: Record<StationElement, number>;
  /** Spot-check fault codes (TF7 categories) by how many stations showed them, most frequent first. */
  faults: { code: string; stations: number }[];
  /** Incomplete first, then not checked, then with faults, then by id. */
  stations: StationCheck[];
}

export function stationSummary(stations: StationFC): StationSummary {
  const missing: Record<StationElement, number> = { sign: 0, volunteers: 0, service: 0 };
  const faults = new Map<string, number>();
  const checks = stations.features.map((f): StationCheck => {
    const p = f.properties;
    const elements = { sign: p.hasSign, volunteers: p.volunteersPresent, service: p.hasServiceContent };
    for (const e of STATION_ELEMENTS) if (elements[e] === false) missing[e]++;
    for (const code of new Set(p.faults)) faults.set(code, (faults.get(code) ?? 0) + 1);
    const values = Object.values(elements);
    const complete = values.includes(false) ? false : values.includes(null) ? null : true;
    return {
      id: p.id,
      name: p.name,
      subdistrict: p.subdistrict,
      stationType: p.stationType,
      elements,
      complete,
      faults: p.faults,
    };
  });
  const order = (c: StationCheck) => (c.complete === false ? 0 : c.complete === null ? 1 : c.faults.length > 0 ? 2 : 3);
  return {
    total: checks.length,
    complete: checks.filter((c) => c.complete === true).length,
    incomplete: checks.filter((c) => c.complete === false).length,
    unchecked: checks.filter((c) => c.complete === null).length,
    missing,
    faults: [...faults]
      .map(([code, n]) => ({ code, stations: n }))
      .sort((a, b) => b.stations - a.stations || a.code.localeCompare(b.code)),
    stations: checks.sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Ad sites.

export type PhotoStatus = 'short' | 'ok' | 'over';

export interface AdSiteCheck {
  id: string;
  name: string;
  siteType: string;
  landscapeFeature: boolean;
  photosSubmitted: number;
  photos: PhotoStatus;
  /** Photos still needed to reach campaign.adSitePhotos.min (0 when enough). */
  photosShort: number;
}

export interface AdSiteSummary {
  total: number;
  landscape: number;
  /** Sites by photo status against campaign.adSitePhotos (min..max per site). */
  byPhotos: Record<PhotoStatus, number>;
  landscapeShort: number;
  photosSubmitted: number;
  /** Sum over the sites of the minimum each needs. */
  photosRequired: number;
  range: { min: number; max: number };
  /** Most photos still needed first, landscape features before others, then by id. */
  sites: AdSiteCheck[];
}

export function adSiteSummary(campaign: Campaign, adsites: AdSiteFC): AdSiteSummary {
  const range = campaign.adSitePhotos;
  const byPhotos: Record<PhotoStatus, number> = { short: 0, ok: 0, over: 0 };
  const sites = adsites.features.map((f): AdSiteCheck => {
    const p = f.properties;
    const photos: PhotoStatus = p.photosSubmitted < range.min ? 'short' : p.photosSubmitted > range.max ? 'over' : 'ok';
    byPhotos[photos]++;
    return {
      id: p.id,
      name: p.name,
      siteType: p.siteType,
      landscapeFeature: p.landscapeFeature,
      photosSubmitted: p.photosSubmitted,
      photos,
      photosShort: Math.max(0, range.min - p.photosSubmitted),
    };
  });
  return {
    total: sites.length,
    landscape: sites.filter((s) => s.landscapeFeature).length,
    byPhotos,
    landscapeShort: sites.filter((s) => s.landscapeFeature && s.photos === 'short').length,
    photosSubmitted: sites.reduce((n, s) => n + s.photosSubmitted, 0),
    photosRequired: sites.length * range.min,
    range,
    sites: sites.sort(
      (a, b) =>
        b.photosShort - a.photosShort ||
        Number(b.landscapeFeature) - Number(a.landscapeFeature) ||
        a.id.localeCompare(b.id),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Door-to-door visits.

export interface CommunityVisits {
  community: string;
  /** The community's name, or its id when the communities file does not list it. */
  name: string;
  subdistrict: string | null;
  households: number;
  visited: number;
  /** visited / households; null without households. */
  coverage: number | null;
  questionnaires: number;
  satisfaction: number | null;
  /** The rate rests on too few answers to publish (campaign privacy minimum). */
  satisfactionSuppressed: boolean;
  stairwells: number;
  stairwellHeads: number;
  /** stairwellHeads / stairwells; null without stairwells. */
  headCoverage: number | null;
}

export interface VisitsSummary {
  /** Lowest coverage first (not yet visited households are the work left before 省测), then lowest satisfaction. */
  communities: CommunityVisits[];
  households: number;
  visited: number;
  coverage: number | null;
  questionnaires: number;
  /** Satisfaction over all questionnaires (each community weighted by its questionnaires). */
  satisfaction: number | null;
  /** Communities with every household visited. */
  fullyVisited: number;
  /**
   * Communities published without figures (fewer households than the campaign's privacy minimum); they are in
   * none of the totals above, so no total minus the shown rows gives their figures away.
   */
  suppressed: { community: string; name: string; minHouseholds: number }[];
}

export function visitsSummary(visits: VisitSummary[], communities: CommunityFC | null): VisitsSummary {
  const byId = new Map((communities?.features ?? []).map((f) => [f.properties.id, f.properties]));
  const suppressed = visits
    .filter((v) => v.suppressed === true)
    .map((v) => {
      const c = byId.get(v.community);
      return { community: v.community, name: c?.name ?? v.community, minHouseholds: v.minHouseholds };
    })
    .sort((a, b) => a.community.localeCompare(b.community));
  const rows = visits.flatMap((v): CommunityVisits[] => {
    if (v.suppressed === true) return [];
    const c = byId.get(v.community);
    return [
      {
        community: v.community,
        name: c?.name ?? v.community,
        subdistrict: c?.subdistrict ?? null,
        households: v.households,
        visited: v.visited,
        coverage: v.households > 0 ? v.visited / v.households : null,
        questionnaires: v.questionnaires,
        satisfaction: v.satisfaction,
        satisfactionSuppressed: v.satisfactionSuppressed === true,
        stairwells: v.stairwells,
        stairwellHeads: v.stairwellHeads,
        headCoverage: v.stairwells > 0 ? v.stairwellHeads / v.stairwells : null,
      },
    ];
  });
  const households = sum(rows, (r) => r.households);
  const visited = sum(rows, (r) => r.visited);
  const answered = rows.filter((r) => r.satisfaction !== null && r.questionnaires > 0);
  const weight = sum(answered, (r) => r.questionnaires);
  return {
    communities: rows.sort(
      (a, b) =>
        (a.coverage ?? -1) - (b.coverage ?? -1) ||
        (a.satisfaction ?? -1) - (b.satisfaction ?? -1) ||
        a.community.localeCompare(b.community),
    ),
    households,
    visited,
    coverage: households > 0 ? visited / households : null,
    questionnaires: sum(rows, (r) => r.questionnaires),
    satisfaction: weight > 0 ? sum(answered, (r) => (r.satisfaction as number) * r.questionnaires) / weight : null,
    fullyVisited: rows.filter((r) => r.households > 0 && r.visited >= r.households).length,
    suppressed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Online declaration.

export interface DeclarationRow {
  entry: DeclarationEntry;
  /** Days from the as-of date to the deadline; null once submitted. */
  daysLeft: number | null;
}

/** Rows sorted by deadline then entry, with days left at `asOfDate`. */
export function declarationRows(entries: DeclarationEntry[], asOfDate: IsoDate): DeclarationRow[] {
  return [...entries]
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.entry.localeCompare(b.entry) || a.id.localeCompare(b.id))
    .map((entry) => ({ entry, daysLeft: entry.status === 'submitted' ? null : daysBetween(asOfDate, entry.deadline) }));
}

export interface DeclarationSummary {
  /** Sorted by deadline (see `declarationRows`), with days left at the as-of date (null once submitted). */
  rows: DeclarationRow[];
  submitted: number;
  /** Not submitted and past the deadline. */
  overdue: number;
  /** Not submitted, due today or later. */
  pending: number;
  /** The earliest deadline not yet submitted and not passed, or null. */
  nextDeadline: IsoDate | null;
}

export function declarationSummary(entries: DeclarationEntry[], asOfDate: IsoDate): DeclarationSummary {
  const rows = declarationRows(entries, asOfDate);
  const next = rows.find((r) => r.daysLeft !== null && r.daysLeft >= 0);
  return {
    rows,
    submitted: rows.filter((r) => r.daysLeft === null).length,
    overdue: rows.filter((r) => r.daysLeft !== null && r.daysLeft < 0).length,
    pending: rows.filter((r) => r.daysLeft !== null && r.daysLeft >= 0).length,
    nextDeadline: next?.entry.deadline ?? null,
  };
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0);
}
