/**
 * The defect filters: task force, lifecycle state, overdue only, categories of the chosen task forces,
 * subdistrict or town, responsible unit, date found, and "stale" (objects not inspected in N days). Every
 * option shows its live count from the worker's facets (the defects that ticking it would add, see
 * src/defects/select.ts); the store holds the filter, so the map, the counts and the other panels follow it.
 * Real inputs with labels throughout, so the panel works from the keyboard; data text is rendered as text.
 */
import { linkWarningText } from '@/ui/link-warnings';
import { useState, type ReactNode } from 'react';
import type { Campaign, IsoDate, Named } from '@/campaign/types';
import { named, useT } from '@/ui/i18n';
import { formatCount } from '@/ui/format';
import type { DefectFilter } from '@/defects/filter';
import type { Facets } from '@/defects/select';
import { useAppStore } from '@/store/store';
import type { Lang } from '@/store/view-slice';
import './FilterPanel.css';

type SetKey = 'taskForces' | 'states' | 'categories' | 'subdistricts' | 'units';

export function FilterPanel() {
  const t = useT();
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const filter = useAppStore((s) => s.defectFilter);
  const selection = useAppStore((s) => s.defectSelection);
  const warnings = useAppStore((s) => s.filterWarnings);
  const error = useAppStore((s) => s.defectError);
  const clear = useAppStore((s) => s.clearDefectFilter);
  const lang = useAppStore((s) => s.lang);
  if (!campaign) return null;
  const facets = selection?.facets ?? null;
  const chosenTaskForces = campaign.taskForces.filter((tf) => filter.taskForces?.includes(tf.code));
  const active = Object.keys(filter).length > 0;

  return (
    <section className="panel filters" aria-labelledby="filters-title" data-testid="filter-panel">
      <header className="filters-head">
        <h2 id="filters-title">{t('filtersTitle')}</h2>
        <button type="button" onClick={clear} disabled={!active} data-testid="filter-reset">
          {t('filterReset')}
        </button>
      </header>
      <p className="muted" role="status" data-testid="filter-shown">
        {selection
          ? t('filterShown', {
              shown: formatCount(selection.indexes.length, lang),
              total: formatCount(selection.total, lang),
            })
          : '…'}
      </p>
      {warnings.length > 0 && (
        <div className="notice" data-testid="filter-warnings">
          {t('filterIgnored')}
          <ul className="plain">
            {warnings.map((w, k) => (
              <li key={k}>{linkWarningText(lang, w)}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className="notice" role="alert" data-testid="filter-error">
          {t('filterError', { message: error })}
        </p>
      )}

      <CodeSet
        legend={t('filterTaskForce')}
        field="taskForces"
        testId="tf"
        items={campaign.taskForces}
        counts={facets?.taskForce}
        filter={filter}
        lang={lang}
      />
      {chosenTaskForces.map((tf) => (
        <details key={tf.code} className="filter-group" data-testid={`filter-categories-${tf.code}`}>
          <summary>
            {t('filterCategories', { name: named(lang, tf) })}
            <Chosen n={tf.categories.filter((c) => filter.categories?.includes(c.code)).length} />
          </summary>
          <CodeSet
            field="categories"
            testId="cat"
            items={tf.categories}
            counts={facets?.category}
            filter={filter}
            lang={lang}
          />
        </details>
      ))}
      <CodeSet
        legend={t('filterState')}
        field="states"
        testId="state"
        items={campaign.lifecycle.states}
        counts={facets?.state}
        filter={filter}
        lang={lang}
        swatch={(s) => (s as Campaign['lifecycle']['states'][number]).color}
      />
      <OverdueOnly filter={filter} facets={facets} lang={lang} />
      <details className="filter-group">
        <summary>
          {t('filterSubdistrict')}
          <Chosen n={filter.subdistricts?.length ?? 0} />
        </summary>
        <CodeSet
          field="subdistricts"
          testId="sd"
          items={campaign.subdistricts}
          counts={facets?.subdistrict}
          filter={filter}
          lang={lang}
        />
      </details>
      <details className="filter-group">
        <summary>
          {t('filterUnit')}
          <Chosen n={filter.units?.length ?? 0} />
        </summary>
        <CodeSet field="units" testId="unit" items={campaign.units} counts={facets?.unit} filter={filter} lang={lang} />
      </details>
      <FoundRange filter={filter} />
      <StaleFilter campaign={campaign} filter={filter} facets={facets} lang={lang} />
    </section>
  );
}

interface CodeSetProps {
  legend?: string;
  field: SetKey;
  /** data-testid stem: `filter-<stem>-<code>` on the checkbox, `filter-<stem>-count-<code>` on its count. */
  testId: string;
  items: (Named & { code: string })[];
  counts: Record<string, number> | undefined;
  filter: DefectFilter;
  lang: Lang;
  swatch?: (item: Named & { code: string }) => string;
}

/** One set filter as checkboxes with live counts; no box ticked means no restriction. */
function CodeSet({ legend, field, testId, items, counts, filter, lang, swatch }: CodeSetProps) {
  const patch = useAppStore((s) => s.patchDefectFilter);
  const chosen = filter[field] ?? [];
  const toggle = (code: string, on: boolean) =>
    patch({ [field]: on ? [...chosen, code] : chosen.filter((c) => c !== code) });
  const body = (
    <ul className="plain filter-options">
      {items.map((item) => (
        <li key={item.code}>
          <label>
            <input
              type="checkbox"
              checked={chosen.includes(item.code)}
              onChange={(e) => toggle(item.code, e.target.checked)}
              data-testid={`filter-${testId}-${item.code}`}
            />
            {swatch && <span className="swatch" style={{ background: swatch(item) }} aria-hidden="true" />}
            <span className="filter-name">{named(lang, item)}</span>
            <Count n={counts?.[item.code]} lang={lang} testId={`filter-${testId}-count-${item.code}`} />
          </label>
        </li>
      ))}
    </ul>
  );
  if (!legend) return body;
  return (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {body}
    </fieldset>
  );
}

function OverdueOnly({ filter, facets, lang }: { filter: DefectFilter; facets: Facets | null; lang: Lang }) {
  const t = useT();
  const patch = useAppStore((s) => s.patchDefectFilter);
  return (
    <label className="filter-line">
      <input
        type="checkbox"
        checked={filter.overdueOnly === true}
        onChange={(e) => patch({ overdueOnly: e.target.checked || undefined })}
        data-testid="filter-overdue"
      />
      <span className="filter-name">{t('filterOverdueOnly')}</span>
      <Count n={facets?.overdue} lang={lang} testId="filter-overdue-count" />
    </label>
  );
}

/** Date found, inclusive; a range that runs backwards is shown as a problem and not applied. */
function FoundRange({ filter }: { filter: DefectFilter }) {
  const t = useT();
  const patch = useAppStore((s) => s.patchDefectFilter);
  const [problem, setProblem] = useState(false);
  const set = (key: 'foundFrom' | 'foundTo', value: string) => {
    const next = { ...filter, [key]: value === '' ? undefined : (value as IsoDate) };
    if (next.foundFrom && next.foundTo && next.foundFrom > next.foundTo) {
      setProblem(true);
      return;
    }
    setProblem(false);
    patch({ [key]: value === '' ? undefined : value });
  };
  return (
    <fieldset className="filter-group">
      <legend>{t('filterFound')}</legend>
      <div className="filter-dates">
        <label>
          {t('filterFrom')}
          <input
            type="date"
            value={filter.foundFrom ?? ''}
            onChange={(e) => set('foundFrom', e.target.value)}
            data-testid="filter-from"
          />
        </label>
        <label>
          {t('filterTo')}
          <input
            type="date"
            value={filter.foundTo ?? ''}
            onChange={(e) => set('foundTo', e.target.value)}
            data-testid="filter-to"
          />
        </label>
      </div>
      {problem && (
        <p className="notice" role="alert" data-testid="filter-range-problem">
          {t('filterBadRange')}
        </p>
      )}
    </fieldset>
  );
}

/** "Stale": defects on objects not inspected within N days (the campaign's staleDays by default). */
function StaleFilter({
  campaign,
  filter,
  facets,
  lang,
}: {
  campaign: Campaign;
  filter: DefectFilter;
  facets: Facets | null;
  lang: Lang;
}) {
  const t = useT();
  const patch = useAppStore((s) => s.patchDefectFilter);
  const [draft, setDraft] = useState(String(filter.staleDays ?? campaign.staleDays));
  const on = filter.staleDays !== undefined;
  const days = /^\d{1,5}$/.test(draft) ? Number(draft) : null;
  return (
    <fieldset className="filter-group">
      <legend>{t('filterStale')}</legend>
      <div className="filter-line">
        <input
          id="filter-stale"
          type="checkbox"
          aria-label={t('filterStale')}
          checked={on}
          disabled={days === null}
          onChange={(e) => patch({ staleDays: e.target.checked && days !== null ? days : undefined })}
          data-testid="filter-stale"
        />
        <label htmlFor="filter-stale-days" className="filter-name">
          {t('filterStaleDays')}
        </label>
        <input
          id="filter-stale-days"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            const n = /^\d{1,5}$/.test(e.target.value) ? Number(e.target.value) : null;
            if (on && n !== null) patch({ staleDays: n });
          }}
          data-testid="filter-stale-days"
        />
        <span>{t('filterStaleDaysUnit')}</span>
        {facets?.stale !== null && facets?.stale !== undefined && (
          <Count n={facets.stale} lang={lang} testId="filter-stale-count" />
        )}
      </div>
    </fieldset>
  );
}

function Count({ n, lang, testId }: { n: number | undefined; lang: Lang; testId: string }) {
  return (
    <span className="filter-count" data-testid={testId}>
      {n === undefined ? '–' : formatCount(n, lang)}
    </span>
  );
}

function Chosen({ n }: { n: number }): ReactNode {
  const t = useT();
  return n > 0 ? <span className="filter-chosen">{t('filterChosen', { n })}</span> : null;
}
