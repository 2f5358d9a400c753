/**
 * The phase and the days left to each evaluation (省测, 国测) as display text, shared by the header, the
 * commander's key figures and the big screen so all three say the same thing the same way.
 */
import { daysToEvaluations, phaseForDate } from '@/campaign/model';
import type { Campaign, IsoDate } from '@/campaign/types';
import { named, t, type Lang } from './i18n';

export interface Countdown {
  code: string;
  /** "距省测", or just "省测" once the day has come. */
  label: string;
  /** "8 天", "今天" or "已过 3 天". */
  value: string;
  daysLeft: number;
}

/** The current phase's name, or the "outside the plan phases" text. */
export function phaseText(lang: Lang, campaign: Campaign, asOfDate: IsoDate): string {
  const phase = phaseForDate(campaign, asOfDate);
  return phase ? named(lang, phase) : t(lang, 'noPhase');
}

/** One entry per evaluation, in the campaign's order. */
export function countdowns(lang: Lang, campaign: Campaign, asOfDate: IsoDate): Countdown[] {
  return daysToEvaluations(campaign, asOfDate).map(({ evaluation, daysLeft }) => ({
    code: evaluation.code,
    label: daysLeft > 0 ? t(lang, 'daysLeft', { name: named(lang, evaluation) }) : named(lang, evaluation),
    value:
      daysLeft > 0
        ? t(lang, 'daysUnit', { n: daysLeft })
        : daysLeft === 0
          ? t(lang, 'evaluationToday')
          : t(lang, 'daysPast', { n: -daysLeft }),
    daysLeft,
  }));
}
