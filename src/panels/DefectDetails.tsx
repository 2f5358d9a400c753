/**
 * Details of one defect: its category, task force, state (with the overdue flag), subdistrict, unit, object,
 * found date and deadline from the defect columns, and its description, state history and photo links from
 * the details chunk holding it, fetched when the panel opens (a chunk that fails says so; the rest works). Everything from the data is rendered as React text; a photo is a link only when its
 * address is http(s) (a `javascript:` or `data:` address stays plain text).
 */
import type { Campaign } from '@/campaign/types';
import { dayFromIso, isoFromDay } from '@/campaign/dates';
import { categoryByCode, isOverdue, subdistrictByCode, taskForceByCode, unitByCode } from '@/campaign/model';
import { OBJECT_DATA_KEYS } from '@/campaign/object-kinds';
import type { DefectColumns, DefectHistoryEntry, FieldStep } from '@/dataset/types';
import { FIELD_PHOTO_PREFIX } from '@/field/record';
import { named, useT } from '@/ui/i18n';
import { formatDate, formatInstant } from '@/ui/format';
import { safeUrl } from '@/ui/safe-url';
import { useAppStore } from '@/store/store';
import { selectAsOfDate } from '@/store/selectors';
import { useDefectDetail } from '@/store/use-details';
import type { Lang } from '@/store/view-slice';
import { Field } from './details-parts';
import { stateEntry } from './state-legend';
import { VERDICT_KEY } from './field-verdicts';
import './DefectDetails.css';

export function DefectDetails({ campaign, defects, row }: { campaign: Campaign; defects: DefectColumns; row: number }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const asOfDate = useAppStore(selectAsOfDate);
  const objectName = useAppStore((s) => objectNameOf(s.dataset?.data, defects, row));
  const { tables } = defects;
  const id = defects.id.at(row)!;
  const taskForce = taskForceByCode(campaign, tables.taskForce[defects.taskForce[row]]);
  const categoryCode = tables.category[defects.category[row]];
  const category = categoryByCode(campaign, categoryCode)?.category;
  const stateCode = tables.state[defects.state[row]];
  const state = stateEntry(campaign, stateCode);
  const deadline = defects.deadline[row];
  // A deadline of 0 (or none) is "not set yet", as in the zone engine and the defect filter.
  const hasDeadline = Number.isFinite(deadline) && deadline > 0;
  const overdue = hasDeadline && asOfDate !== null && isOverdue(deadline, stateCode, dayFromIso(asOfDate), campaign);
  const detail = useDefectDetail(row, id);
  const entry = detail.status === 'done' ? detail.entry : null;

  return (
    <div data-testid="defect-details">
      <h3 className="details-name" data-testid="details-name">
        {category ? named(lang, category) : categoryCode}
        {defects.sample && (
          <span className="badge sample" data-testid="details-sample">
            {t('sampleData')}
          </span>
        )}
      </h3>
      <dl className="fields">
        <Field label={t('detailsId')}>
          <span data-testid="details-defect-id">{id}</span>
        </Field>
        <Field label={t('detailsKind')}>{t('kindDefect')}</Field>
        <Field label={t('detailsCategory')}>
          <span data-testid="details-category">{category ? named(lang, category) : categoryCode}</span>
        </Field>
        <Field label={t('detailsTaskForce')}>
          <span data-testid="details-task-force">{taskForce ? named(lang, taskForce) : t('unknown')}</span>
        </Field>
        {state && (
          <Field label={t('detailsState')}>
            <span className="swatch" style={{ background: state.color }} aria-hidden="true" />
            <span data-testid="details-state">{named(lang, state.name)}</span>
            {overdue && (
              <span className="tag overdue" data-testid="details-overdue">
                {t('detailsOverdueFlag')}
              </span>
            )}
          </Field>
        )}
        <Field label={t('detailsSubdistrict')}>
          {nameOr(subdistrictByCode(campaign, tables.subdistrict[defects.subdistrict[row]]), lang) ??
            tables.subdistrict[defects.subdistrict[row]]}
        </Field>
        <Field label={t('detailsUnit')}>
          <span data-testid="details-unit">
            {nameOr(unitByCode(campaign, tables.unit[defects.unit[row]]), lang) ?? tables.unit[defects.unit[row]]}
          </span>
        </Field>
        {objectName && <Field label={t('detailsObject')}>{objectName}</Field>}
        <Field label={t('detailsFound')}>
          <span data-testid="details-found">{formatDate(isoFromDay(defects.found[row]), lang)}</span>
        </Field>
        <Field label={t('detailsDeadline')}>
          <span data-testid="details-deadline">
            {hasDeadline ? formatDate(isoFromDay(deadline), lang) : t('detailsNoDeadline')}
          </span>
        </Field>
      </dl>
      {detail.status === 'loading' && (
        <p className="muted" role="status" data-testid="details-loading">
          {t('detailsLoading')}
        </p>
      )}
      {detail.status === 'error' && (
        <p className="error-text" role="alert" data-testid="details-chunk-error">
          {t('detailsChunkError', { file: detail.error.file, message: detail.error.message })}
        </p>
      )}
      {entry?.description && (
        <>
          <h4>{t('detailsDescription')}</h4>
          <p className="details-description" data-testid="details-description">
            {entry.description}
          </p>
        </>
      )}
      {detail.status === 'done' && (
        <>
          <h4>{t('detailsHistory')}</h4>
          <History campaign={campaign} entries={entry?.history ?? []} lang={lang} />
          <h4>{t('detailsPhotos')}</h4>
          <Photos photos={entry?.photos ?? []} />
        </>
      )}
    </div>
  );
}

function History({ campaign, entries, lang }: { campaign: Campaign; entries: DefectHistoryEntry[]; lang: Lang }) {
  const t = useT();
  if (entries.length === 0) {
    return (
      <p className="muted" data-testid="details-history-empty">
        {t('detailsNoHistory')}
      </p>
    );
  }
  const stateName = (code: string) => {
    const s = stateEntry(campaign, code as DefectHistoryEntry['to']);
    return s ? named(lang, s.name) : code;
  };
  return (
    <ol className="plain history" data-testid="details-history">
      {entries.map((h, k) => (
        <li key={k}>
          <time dateTime={h.date}>{formatDate(h.date, lang)}</time>{' '}
          {h.from === null
            ? t('historyCreated', { to: stateName(h.to) })
            : t('historyChange', { from: stateName(h.from), to: stateName(h.to) })}
          {' · '}
          <span className="muted">{nameOr(unitByCode(campaign, h.unit), lang) ?? h.unit}</span>
          {h.field && <FieldStepView step={h.field} timeZone={campaign.timezone} />}
        </li>
      ))}
    </ol>
  );
}

/** What an inspector recorded on site (a returned field record): who, when, where, the note and the photos. */
function FieldStepView({ step, timeZone }: { step: FieldStep; timeZone: string }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const base = useDataBase();
  return (
    <div className="field-step" data-testid="details-field-step">
      <div>
        {t('fieldStepBy', { by: step.by, verdict: t(VERDICT_KEY[step.verdict]) })} ·{' '}
        <time dateTime={step.time}>{formatInstant(step.time, lang, timeZone)}</time>
      </div>
      <div className="muted">
        {step.lngLat
          ? t('fieldPosition', { lng: step.lngLat[0], lat: step.lngLat[1], m: step.accuracyM ?? '?' })
          : t('fieldNoPosition', { reason: t('fieldGeoUnavailable') })}
      </div>
      {step.note && <div className="details-description">{step.note}</div>}
      {step.photos.map((p, k) => {
        const href = safeUrl(p, base);
        return href ? (
          <a key={p} href={href} target="_blank" rel="noopener noreferrer" data-testid="details-field-photo">
            {t('fieldStepPhoto', { n: k + 1 })}{' '}
          </a>
        ) : null;
      })}
    </div>
  );
}

/** The data set's folder as an absolute URL: field photos are published there, beside its JSON files. */
function useDataBase(): string {
  const baseUrl = useAppStore((s) => s.dataset?.baseUrl);
  return baseUrl ? new URL(`${baseUrl.replace(/\/+$/, '')}/`, document.baseURI).href : document.baseURI;
}

function Photos({ photos }: { photos: string[] }) {
  const t = useT();
  const base = useDataBase();
  if (photos.length === 0) return <p className="muted">{t('detailsNoPhotos')}</p>;
  return (
    <ul className="plain" data-testid="details-photos">
      {photos.map((address, k) => {
        const href = safeUrl(address, address.startsWith(FIELD_PHOTO_PREFIX) ? base : document.baseURI);
        return (
          <li key={k}>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {t('detailsPhoto', { n: k + 1 })}
              </a>
            ) : (
              <span>{address}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function nameOr(item: { zh: string; en: string } | undefined, lang: Lang): string | null {
  return item ? named(lang, item) : null;
}

/** Name of the object the defect is linked to, looked up in the object files by id; null when none. */
function objectNameOf(
  data: Partial<{ [key: string]: unknown }> | undefined,
  defects: DefectColumns,
  row: number,
): string | null {
  const o = defects.object[row];
  if (!data || o < 0) return null;
  const id = defects.tables.object[o];
  for (const key of OBJECT_DATA_KEYS) {
    const fc = data[key] as { features: { properties: { id: string; name: string } }[] } | undefined;
    const f = fc?.features.find((x) => x.properties.id === id);
    if (f) return f.properties.name;
  }
  return id;
}
