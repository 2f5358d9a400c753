/** Legend: inspection-state colours and zone colours, from the campaign file; says when the data are samples. */
import { named, useT } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import { stateLegend } from './state-legend';
import { useFilterScope } from '@/store/use-insights';

export function Legend() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const sample = useAppStore((s) => s.dataset?.manifest?.sample === true);
  const filtered = useFilterScope().active;
  if (!campaign) return null;
  return (
    <section className="panel" aria-labelledby="legend-title" data-testid="legend">
      <h2 id="legend-title">{t('legendTitle')}</h2>
      {filtered && (
        <p className="muted" data-testid="legend-filtered">
          {t('legendFiltered')}
        </p>
      )}
      <ul className="plain legend legend-states">
        {stateLegend(campaign).map((entry) => (
          <li key={entry.code} data-testid={`legend-state-${entry.code}`}>
            <span className="swatch" style={{ background: entry.color }} aria-hidden="true" />
            {named(lang, entry.name)}
          </li>
        ))}
      </ul>
      <h3>{t('legendZones')}</h3>
      <ul className="plain legend">
        {campaign.zoneRules.map((rule) => (
          <li key={rule.id}>
            <span className="swatch swatch-zone" style={{ borderColor: rule.color }} aria-hidden="true" />
            {named(lang, rule)}
          </li>
        ))}
      </ul>
      {sample && (
        <p className="sample-note" data-testid="legend-sample">
          {t('sampleDataNote')}
        </p>
      )}
    </section>
  );
}
