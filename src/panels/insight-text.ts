/**
 * Display text for the insights: the reason terms of a priority score ("3 个超期 ×5、2 个返工 ×3"), shares as
 * percentages and scores with one decimal. Strings come from the i18n table; nothing here is HTML.
 */
import type { PriorityWeights } from '@/campaign/types';
import { locale, t, type Lang, type MessageKey } from '@/ui/i18n';
import type { ReasonTerm } from '@/insights/ranking';

export const TERM_LABEL: Record<keyof PriorityWeights, MessageKey> = {
  overdue: 'reasonOverdue',
  open: 'reasonOpen',
  reopened: 'reasonReopened',
  stale: 'reasonStale',
  neverInspected: 'reasonNeverInspected',
};

/** The reason terms as a sum ("13 个超期 ×5 + 35 个未结 ×1"), or "no scoring terms". */
export function reasonText(lang: Lang, reasons: ReasonTerm[]): string {
  if (reasons.length === 0) return t(lang, 'reasonNone');
  return reasons
    .map((r) => t(lang, 'reasonTerm', { count: r.count, term: t(lang, TERM_LABEL[r.term]), weight: r.weight }))
    .join(' + ');
}

/**
 * The whole score as arithmetic a reader can redo: the reason terms, their points, the divisor (objects plus
 * kilometres of street, floored at 1) and the score, e.g. "13 个超期 ×5 + 35 个未结 ×1 + 6 个返工 ×3 = 118 ÷ 3.03
 * （点位数 + 街道公里数）= 38.9". A divisor of 1 is left out ("… = 12"). The score is `points / units`, rounded as
 * `formatScore` rounds it, so the figures shown agree to their last digit.
 */
export function scoreSumText(lang: Lang, reasons: ReasonTerm[], units: number, score: number): string {
  if (reasons.length === 0) return t(lang, 'reasonNone');
  const points = formatPoints(
    reasons.reduce((sum, r) => sum + r.points, 0),
    lang,
  );
  const tail =
    units === 1
      ? t(lang, 'scoreSum', { points })
      : t(lang, 'scoreDivided', { points, units: formatUnits(units, lang), score: formatScore(score, lang) });
  return `${reasonText(lang, reasons)} ${tail}`;
}

function formatPoints(points: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2, useGrouping: false }).format(points);
}

function formatUnits(units: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(units);
}

/** A 0..1 share as a whole percentage; an em dash when there is none. */
export function formatShare(share: number | null, lang: Lang): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A priority score with one decimal. */
export function formatScore(score: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}
