/**
 * Summary: zones and members per rule, objects per layer, defects. The numbers carry stable data-testids (and
 * nothing else in their element) so the browser test can compare them with the data files.
 */
import { named, useT, type MessageKey } from '@/ui/i18n';
import '@/ui/access.css';
import { formatCount, formatInstant } from '@/ui/format';
import type { ZoneRule } from '@/campaign/types';
import { useAppStore } from '@/store/store';

type CountedLayer = 'communities' | 'markets' | 'townSeats' | 'compounds' | 'streets';

const COUNTED: { key: CountedLayer; label: MessageKey }[] = [
  { key: 'communities', label: 'layerCommunities' },
  { key: 'markets', label: 'layerMarkets' },
  { key: 'townSeats', label: 'layerTownSeats' },
  { key: 'compounds', label: 'layerCompounds' },
  { key: 'streets', label: 'layerStreets' },
];

export function SummaryPanel() {
  const t = useT();
  const rules = useAppStore((s) => s.dataset?.data.campaign?.zoneRules);
  const lang = useAppStore((s) => s.lang);
  const defects = useAppStore((s) => s.dataset?.data.defects?.count);
  const shown = useAppStore((s) => s.defectSelection?.indexes.length);
  const generatedAt = useAppStore((s) => s.dataset?.manifest?.generatedAt);
  const timezone = useAppStore((s) => s.dataset?.data.campaign?.timezone);
  return (
    <section className="panel" aria-labelledby="summary-title" data-testid="summary-panel">
      <h2 id="summary-title">{t('summaryTitle')}</h2>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('colRule')}</span>
            </th>
            <th scope="col">{t('summaryZones')}</th>
            <th scope="col">{t('summaryMembers')}</th>
          </tr>
        </thead>
        <tbody>
          {(rules ?? []).map((rule) => (
            <RuleRow key={rule.id} rule={rule} />
          ))}
        </tbody>
      </table>
      <table className="figures">
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">{t('colLayer')}</span>
            </th>
            <th scope="col">{t('summaryObjects')}</th>
          </tr>
        </thead>
        <tbody>
          {COUNTED.map(({ key, label }) => (
            <LayerRow key={key} layer={key} label={t(label)} />
          ))}
          <tr>
            <th scope="row">{t('summaryDefects')}</th>
            <td>
              {/* Shown by the current filter / all defects in the data. */}
              <span data-testid="defect-count-filtered" title={t('summaryDefectsShown')}>
                {shown === undefined ? '—' : formatCount(shown, lang)}
              </span>
              {' / '}
              <span data-testid="defect-count">{defects === undefined ? '—' : formatCount(defects, lang)}</span>
            </td>
          </tr>
        </tbody>
      </table>
      {generatedAt && timezone && (
        <p className="muted generated" data-testid="generated-at">
          {t('generatedAt')} {formatInstant(generatedAt, lang, timezone)}
        </p>
      )}
    </section>
  );
}

function RuleRow({ rule }: { rule: ZoneRule }) {
  const lang = useAppStore((s) => s.lang);
  const zones = useAppStore((s) => s.engineResult?.rules.find((r) => r.ruleId === rule.id)?.zones.length);
  const members = useAppStore((s) => s.engineResult?.rules.find((r) => r.ruleId === rule.id)?.memberships.length);
  return (
    <tr>
      <th scope="row">
        <span className="swatch" style={{ background: rule.color }} aria-hidden="true" />
        {named(lang, rule)}
      </th>
      <td>
        <span data-testid={`zone-count-${rule.id}`}>{zones === undefined ? '—' : formatCount(zones, lang)}</span>
      </td>
      <td>
        <span data-testid={`member-count-${rule.id}`}>{members === undefined ? '—' : formatCount(members, lang)}</span>
      </td>
    </tr>
  );
}

function LayerRow({ layer, label }: { layer: CountedLayer; label: string }) {
  const lang = useAppStore((s) => s.lang);
  const count = useAppStore((s) => s.dataset?.data[layer]?.features.length);
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <span data-testid={`object-count-${layer}`}>{count === undefined ? '—' : formatCount(count, lang)}</span>
      </td>
    </tr>
  );
}
