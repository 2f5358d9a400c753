/**
 * The key figures a commander reads first: the current phase, the days left to 省测 and 国测 (the same helpers as
 * the header), and the defects open, overdue and closed over all task forces at the as-of date — over the
 * defects the filter keeps when one is active, said in a line above the figures ("按筛选：111 / 5,000 个问题").
 */
import { countdowns, phaseText } from '@/ui/countdown';
import { useT } from '@/ui/i18n';
import { formatCount } from '@/ui/format';
import { useAppStore } from '@/store/store';
import { selectAsOfDate } from '@/store/selectors';
import { formatShare } from './insight-text';
import { useFilterScope, useTaskForceProgress } from '@/store/use-insights';

export function KeyFigures({ big = false }: { big?: boolean }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const asOfDate = useAppStore(selectAsOfDate);
  const progress = useTaskForceProgress();
  const scope = useFilterScope();
  if (!campaign || !asOfDate) return null;
  const totals = (progress ?? []).reduce(
    (a, p) => ({
      total: a.total + p.total,
      closed: a.closed + p.closed,
      open: a.open + p.open,
      overdue: a.overdue + p.overdue,
    }),
    { total: 0, closed: 0, open: 0, overdue: 0 },
  );
  return (
    <div className={big ? 'key-figures big' : 'key-figures'} data-testid="key-figures">
      <div className="key-phase">
        <span className="muted">{t('currentPhase')}</span>{' '}
        <span data-testid="key-phase">{phaseText(lang, campaign, asOfDate)}</span>
      </div>
      {scope.active && (
        <p className="scope-note" data-testid="commander-scope" data-pending={scope.pending} aria-live="polite">
          {scope.selected === null || scope.total === null
            ? t('scopeFilteredWaiting')
            : t('scopeFiltered', { n: formatCount(scope.selected, lang), total: formatCount(scope.total, lang) })}
        </p>
      )}
      <dl className="key-grid">
        {countdowns(lang, campaign, asOfDate).map((c) => (
          <div key={c.code} className="key-figure">
            <dt>{c.label}</dt>
            <dd data-testid={`key-days-${c.code}`}>{c.value}</dd>
          </div>
        ))}
        <div className="key-figure">
          <dt>{t('keyOpen')}</dt>
          <dd data-testid="key-open">{progress ? formatCount(totals.open, lang) : '—'}</dd>
        </div>
        <div className="key-figure alert">
          <dt>{t('keyOverdue')}</dt>
          <dd data-testid="key-overdue">{progress ? formatCount(totals.overdue, lang) : '—'}</dd>
        </div>
        <div className="key-figure">
          <dt>{t('keyVerified')}</dt>
          <dd data-testid="key-verified">
            {formatShare(totals.total > 0 ? totals.closed / totals.total : null, lang)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
