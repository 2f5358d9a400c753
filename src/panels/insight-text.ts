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

/** The reason terms joined in the language's list style, or "no scoring terms". */
export function reasonText(lang: Lang, reasons: ReasonTerm[]): string {
  if (reasons.length === 0) return t(lang, 'reasonNone');
  return reasons
    .map((r) => t(lang, 'reasonTerm', { count: r.count, term: t(lang, TERM_LABEL[r.term]), weight: r.weight }))
    .join(lang === 'zh' ? '，' : ', ');
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
