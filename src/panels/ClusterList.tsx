/**
 * The defects of a clicked cluster (at street level, or with Alt held): id, category and state of each of
 * the first members the defects worker sent, with the cluster's full count. A click on one opens its details;
 * the list stays, so an inspector can go through a pile of defects on one spot. Data text is React text only.
 */
import { useId } from 'react';
import { categoryByCode } from '@/campaign/model';
import { named, useT } from '@/ui/i18n';
import { formatCount } from '@/ui/format';
import { useAppStore } from '@/store/store';
import { stateEntry } from './state-legend';
import { useDefectIds, useDefectIdsError } from '@/store/use-defect-ids';
import { IdsPending } from './IdsPending';
import './cluster-list.css';

export function ClusterList() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const list = useAppStore((s) => s.clusterList);
  const defects = useAppStore((s) => s.dataset?.data.defects ?? null);
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const selectedId = useAppStore((s) => (s.selection?.kind === 'defect' ? s.selection.id : null));
  const selectDefectRow = useAppStore((s) => s.selectDefectRow);
  const close = useAppStore((s) => s.closeClusterList);
  const titleId = useId();
  const ids = useDefectIds(!!list);
  const idsFailed = useDefectIdsError() !== null;
  // Rows of an older data set would name other defects.
  if (!list || !defects || !campaign || list.columns !== defects) return null;
  const { tables } = defects;
  return (
    <section className="panel cluster-list" aria-labelledby={titleId} data-testid="cluster-list">
      <header className="details-head">
        <h2 id={titleId} data-testid="cluster-list-title">
          {t('clusterListTitle', { n: formatCount(list.count, lang) })}
        </h2>
        <button type="button" onClick={close} aria-label={t('clusterListClose')} data-testid="cluster-list-close">
          ×
        </button>
      </header>
      {list.count > list.rows.length && (
        <p className="muted small" data-testid="cluster-list-first">
          {t('clusterListFirst', { n: formatCount(list.rows.length, lang) })}
        </p>
      )}
      {idsFailed && <IdsPending />}
      <ol className="plain cluster-items">
        {Array.from(list.rows, (row, k) => {
          // The ids come on demand (lazy-ids.ts): a row shows … in their place until then, and opens all the same.
          const id = ids?.at(row);
          const categoryCode = tables.category[defects.category[row]];
          const category = categoryByCode(campaign, categoryCode)?.category;
          const state = stateEntry(campaign, tables.state[defects.state[row]]);
          return (
            <li key={row}>
              <button
                type="button"
                className="cluster-item"
                aria-current={(id !== undefined && selectedId === id) || undefined}
                onClick={() => void selectDefectRow(row, defects)}
                data-testid={`cluster-item-${k}`}
                data-defect-id={id}
              >
                <span className="cluster-item-id">{id ?? '…'}</span>
                <span className="cluster-item-category">{category ? named(lang, category) : categoryCode}</span>
                <span className="cluster-item-state">
                  <span className="swatch" style={{ background: state?.color }} aria-hidden="true" />
                  {state ? named(lang, state.name) : tables.state[defects.state[row]]}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
