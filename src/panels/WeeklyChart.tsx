/**
 * Found versus closed per report week as a plain SVG bar chart (two bars a week) with the open count at each
 * week's end as a line, and the same numbers in a table for screen readers and for reading exact values.
 */
import { t as translate, useT, type MessageKey } from '@/ui/i18n';
import { formatCount } from '@/ui/format';
import type { WeekBucket } from '@/insights/weekly-series';
import { useAppStore } from '@/store/store';
import '@/ui/access.css';

const WIDTH = 280;
const HEIGHT = 150;
const PAD = { left: 30, right: 6, top: 8, bottom: 20 };
const OPENED_COLOR = '#dc2626';
const CLOSED_COLOR = '#16a34a';
const OPEN_LINE_COLOR = '#1d4ed8';

export function WeeklyChart({ weeks }: { weeks: WeekBucket[] }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const dueWeekday = useAppStore((s) => s.dataset?.data.campaign?.weeklyReport.dueWeekday);
  const max = Math.max(1, ...weeks.flatMap((w) => [w.opened, w.closed, w.openAtEnd]));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, weeks.length);
  const bar = Math.min(14, slot / 3);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const cx = (i: number) => PAD.left + slot * i + slot / 2;
  const line = weeks.map((w, i) => `${cx(i)},${y(w.openAtEnd)}`).join(' ');
  const short = (iso: string) => `${Number(iso.slice(5, 7))}/${Number(iso.slice(8, 10))}`;
  return (
    <figure className="weekly-chart" data-testid="weekly-chart">
      <figcaption>
        {t('weeklyTitle', {
          weekday: dueWeekday ? translate(lang, `weekdayName${dueWeekday}` as MessageKey) : '',
        })}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={t('weeklyChartLabel')}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} stroke="#9ca3af" />
        <text x={PAD.left - 4} y={y(max) + 4} textAnchor="end" fontSize="9" fill="#6b7280">
          {max}
        </text>
        <text x={PAD.left - 4} y={y(0)} textAnchor="end" fontSize="9" fill="#6b7280">
          0
        </text>
        {weeks.map((w, i) => (
          <g key={w.endDate} opacity={w.partial ? 0.6 : 1}>
            <rect x={cx(i) - bar} y={y(w.opened)} width={bar} height={y(0) - y(w.opened)} fill={OPENED_COLOR} />
            <rect x={cx(i)} y={y(w.closed)} width={bar} height={y(0) - y(w.closed)} fill={CLOSED_COLOR} />
            <text x={cx(i)} y={HEIGHT - 6} textAnchor="middle" fontSize="9" fill="#374151">
              {short(w.endDate)}
              {w.partial ? '*' : ''}
            </text>
          </g>
        ))}
        <polyline points={line} fill="none" stroke={OPEN_LINE_COLOR} strokeWidth="2" />
        {weeks.map((w, i) => (
          <circle key={w.endDate} cx={cx(i)} cy={y(w.openAtEnd)} r="2.5" fill={OPEN_LINE_COLOR} />
        ))}
      </svg>
      <ul className="plain chart-legend">
        <li>
          <span className="swatch" style={{ background: OPENED_COLOR }} aria-hidden="true" />
          {t('weeklyOpened')}
        </li>
        <li>
          <span className="swatch" style={{ background: CLOSED_COLOR }} aria-hidden="true" />
          {t('weeklyClosed')}
        </li>
        <li>
          <span className="swatch" style={{ background: OPEN_LINE_COLOR }} aria-hidden="true" />
          {t('weeklyOpenAtEnd')}
        </li>
      </ul>
      <table className="figures" data-testid="weekly-table">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('colWeek')}</span>
            </th>
            <th scope="col">{t('weeklyOpened')}</th>
            <th scope="col">{t('weeklyClosed')}</th>
            <th scope="col">{t('weeklyOpenAtEnd')}</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.endDate}>
              <th scope="row" title={w.partial ? t('weeklyPartial') : undefined}>
                {short(w.startDate)}–{short(w.endDate)}
                {w.partial ? '*' : ''}
              </th>
              <td>{formatCount(w.opened, lang)}</td>
              <td>{formatCount(w.closed, lang)}</td>
              <td>{formatCount(w.openAtEnd, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {weeks.some((w) => w.partial) && <p className="muted">* {t('weeklyPartial')}</p>}
    </figure>
  );
}
