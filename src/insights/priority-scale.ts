/**
 * Priority on the map: the class breaks of one sequential scale for the ranking's scores (zones and streets
 * together, so one colour means one score wherever it is drawn), the numbered badges of the top zones, and the
 * box around them the first view opens on.
 *
 * Breaks are quantiles of the scores above zero, rounded to two significant digits: a few very urgent zones
 * must not push every other zone into the palest class, as equal steps from 0 to the maximum would. A score of
 * zero is its own class (nothing to do), drawn apart from the sequence.
 */
import type { BBox, LngLat } from '../campaign/types';
import { circleBBox } from '../geo/geodesy';
import type { RankedZone } from './ranking';

/** Classes above zero, and how many zones carry a numbered badge (the ranking's first page). */
export const PRIORITY_CLASSES = 5;
export const BADGE_COUNT = 10;
/** Zones whose box the first view opens on: few enough to be one part of the district. */
export const FIRST_VIEW_ZONES = 5;

export interface PriorityScale {
  /**
   * Lower bounds of the classes above zero, ascending, the first always 0 (exclusive): class k holds the scores
   * s with `breaks[k] < s` and, below the last, `s <= breaks[k + 1]`. Empty when no score is above zero.
   */
  breaks: number[];
  /** The largest score, for the legend's top end (0 when there is none). */
  max: number;
}

/**
 * The scale for `scores`: up to `classes` classes above zero, fewer when the scores do not differ enough.
 *
 * @example priorityScale([0, 1, 2, 3, 4, 50], { classes: 2 }).breaks // [0, 3]
 */
export function priorityScale(scores: readonly number[], { classes = PRIORITY_CLASSES } = {}): PriorityScale {
  if (!(Number.isInteger(classes) && classes >= 1)) throw new Error('classes must be a positive integer');
  const positive = scores.filter((s) => Number.isFinite(s) && s > 0).sort((a, b) => a - b);
  if (positive.length === 0) return { breaks: [], max: 0 };
  const max = positive[positive.length - 1];
  const breaks = [0];
  for (let k = 1; k < classes; k++) {
    const q = roundSignificant(positive[Math.floor((k * positive.length) / classes) - 1] ?? 0);
    // A break at or past the top would leave an empty class; equal quantiles merge.
    if (q > breaks[breaks.length - 1] && q < max) breaks.push(q);
  }
  return { breaks, max };
}

/** The class of `score`: -1 for zero (or less), else 0 … breaks.length - 1. */
export function priorityClass(scale: PriorityScale, score: number): number {
  if (!(score > 0)) return -1;
  let k = 0;
  while (k + 1 < scale.breaks.length && score > scale.breaks[k + 1]) k++;
  return k;
}

export interface PriorityBadge {
  zoneId: string;
  /** 1-based, as the ranking numbers its rows. */
  rank: number;
  center: LngLat;
  anchorName: string;
}

/**
 * Badges for the first `count` zones of `ranking` that score above zero, numbered as the ranking numbers them
 * (a zone with nothing to do gets no badge even when the list is short).
 */
export function priorityBadges(ranking: readonly RankedZone[], count = BADGE_COUNT): PriorityBadge[] {
  return ranking
    .slice(0, count)
    .flatMap((r, i) =>
      r.priority > 0 ? [{ zoneId: r.zone.id, rank: i + 1, center: r.zone.center, anchorName: r.zone.anchorName }] : [],
    );
}

/**
 * The box around the whole circles of the first `count` zones that score above zero; null when none does (the
 * caller then shows the whole district).
 */
export function topZonesBBox(ranking: readonly RankedZone[], count = FIRST_VIEW_ZONES): BBox | null {
  const top = ranking.slice(0, count).filter((r) => r.priority > 0);
  if (top.length === 0) return null;
  return top
    .map((r) => circleBBox(r.zone.center, r.zone.radiusM))
    .reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
}

function roundSignificant(x: number): number {
  return x <= 0 ? 0 : Number(x.toPrecision(2));
}
