/**
 * Display formatting. Calendar dates (`YYYY-MM-DD`, day numbers) are dates in Asia/Shanghai already and are
 * shown as they are; instants (the manifest's generated time) are converted to the campaign's time zone.
 */
import type { IsoDate } from '@/campaign/types';
import { locale, type Lang } from './i18n';

/** A campaign calendar date for display, e.g. 2019年9月12日 / 12 Sept 2019. */
export function formatDate(date: IsoDate, lang: Lang): string {
  // Midnight UTC of the date, formatted in UTC: the calendar day itself, whatever the viewer's clock zone.
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** An instant (ISO 8601 with zone) as date and time in `timeZone` (the campaign's, Asia/Shanghai). */
export function formatInstant(instant: string, lang: Lang, timeZone: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
}

/** A count with grouping, e.g. 5,000. */
export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** Metres rounded to whole metres for display. */
export function formatMetres(m: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(m);
}
