/**
 * The printable A4 field sheet of one zone (print CSS in FieldSheet.css, saved as PDF from the browser's print
 * dialog): the zone's map snapshot, its objects with tick boxes, its open defects, the as-of date, the sample
 * label, and a link and QR code back to the same view in the app.
 *
 * Everything from the data is rendered as React text (escaped). The QR code is an SVG made by the `qrcode`
 * package and shown through `<img src="data:image/svg+xml,…">`, never as markup in the page. The link and the map
 * image are only used when they have a safe scheme (http/https, data:image/png|jpeg|webp).
 */
import { useEffect, useState } from 'react';
import type { Campaign } from '@/campaign/types';
import { defectLabels, qrSvgDataUrl, type FieldSheetModel, type RouteSheet } from '@/export/field-sheet';
import { radiusChanges } from '@/campaign/what-if';
import { campaignLabels, named, titleAtRadii, word, type ExportLang } from '@/export/labels';
import { t, type MessageKey } from '@/ui/i18n';
import { safeUrl } from '@/ui/safe-url';
import './FieldSheet.css';

export interface FieldSheetProps {
  /** From `buildFieldSheet(ctx, zoneId, defects)` (src/export/field-sheet.ts). */
  model: FieldSheetModel;
  campaign: Campaign;
  /** Absolute URL of the same view in the app (e.g. the current location with the zone selected). */
  appUrl: string;
  /** Optional map snapshot: `map.getCanvas().toDataURL('image/png')` (the map needs preserveDrawingBuffer). */
  mapImageDataUrl?: string;
  lang: ExportLang;
  /** Today's route (buildRouteSheet), printed after the lists when the inspector planned one. */
  route?: RouteSheet | null;
}

/** Column headings between the tick column and the note column of each list. */
const OBJECT_COLUMNS: MessageKey[] = [
  'fieldSheetColName',
  'fieldSheetColKind',
  'fieldSheetColUnit',
  'fieldSheetColDistance',
  'fieldSheetColState',
  'fieldSheetColOpen',
  'fieldSheetColLastInspected',
];
const DEFECT_COLUMNS: MessageKey[] = [
  'fieldSheetDefectId',
  'fieldSheetColName',
  'fieldSheetCategory',
  'fieldSheetColState',
  'fieldSheetFound',
  'fieldSheetDeadline',
];

export function FieldSheet({ model, campaign, appUrl, mapImageDataUrl, lang, route }: FieldSheetProps) {
  const { zone } = model;
  // A zone computed at a what-if radius says so in its title and rule name (the rule's name holds the plan's radius).
  const radii = radiusChanges(campaign, [zone]);
  const L = campaignLabels(campaign, lang, { radii });
  const title = `${t(lang, 'fieldSheetTitle')} · ${zone.anchorName}`;
  const link = safeUrl(appUrl);
  const qr = useQrCode(link);
  const map = mapImageDataUrl && /^data:image\/(png|jpeg|webp);base64,/.test(mapImageDataUrl) ? mapImageDataUrl : null;

  return (
    <article className="print-sheet field-sheet" data-testid="field-sheet" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <header className="fs-header">
        <div>
          <h1>{titleAtRadii(title, radii, lang)}</h1>
          <p>
            {L.rule(zone.ruleId)} · {t(lang, 'fieldSheetRadius')} {zone.radiusM} m ·{' '}
            <span className="fs-id">{zone.id}</span>
          </p>
          <p>
            {word(lang, 'asOfDate')}: {model.asOfDate}
            {model.statusDate !== model.asOfDate && ` · ${word(lang, 'statusDate')}: ${model.statusDate}`}
            {' · '}
            {named(lang, campaign.name)}
          </p>
          {model.sample && (
            <p className="fs-sample" data-testid="field-sheet-sample">
              {word(lang, 'sampleData')}
            </p>
          )}
        </div>
        {link && (
          <div className="fs-qr">
            {qr && (
              <img src={qr} alt={t(lang, 'fieldSheetQrAlt')} width={96} height={96} data-testid="field-sheet-qr" />
            )}
            <a href={link}>{t(lang, 'fieldSheetBackToApp')}</a>
            <span className="fs-url">{link}</span>
          </div>
        )}
      </header>

      {map && <img className="fs-map" src={map} alt={t(lang, 'fieldSheetMapAlt')} />}

      <ObjectTickList rows={model.rows} labels={L} lang={lang} />
      <DefectTickList defects={model.defects} campaign={campaign} lang={lang} />
      {route && <RouteTickList route={route} lang={lang} />}

      <footer className="fs-footer">
        <span>{t(lang, 'fieldSheetInspector')}: ____________</span>
        <span>{t(lang, 'fieldSheetInspectionDate')}: ____________</span>
      </footer>
      <button type="button" className="fs-print no-print" onClick={() => window.print()}>
        {t(lang, 'printOrPdf')}
      </button>
    </article>
  );
}

/** The head row of a tick list on the sheet: the tick column, `columns`, and a wide note column to write in. */
function TickListHead({ lang, columns }: { lang: ExportLang; columns: MessageKey[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{t(lang, 'fieldSheetChecked')}</th>
        {columns.map((key) => (
          <th scope="col" key={key}>
            {t(lang, key)}
          </th>
        ))}
        <th scope="col" className="fs-note">
          {t(lang, 'fieldSheetNote')}
        </th>
      </tr>
    </thead>
  );
}
type Labels = ReturnType<typeof campaignLabels>;

/** The zone's objects, one tick row each. */
function ObjectTickList({
  rows,
  labels: L,
  lang,
}: {
  rows: FieldSheetModel['rows'];
  labels: Labels;
  lang: ExportLang;
}) {
  return (
    <section>
      <h2>
        {t(lang, 'fieldSheetObjects')} ({rows.length})
      </h2>
      <table className="fs-table">
        <TickListHead lang={lang} columns={OBJECT_COLUMNS} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.objectId}>
              <td className="fs-tick">
                <TickBox label={r.objectName} lang={lang} />
              </td>
              <td>
                {r.objectName}
                <span className="fs-id"> {r.objectId}</span>
              </td>
              <td>{L.kind(r.kind)}</td>
              <td>{r.unit ? L.unit(r.unit) : ''}</td>
              <td className="num">{r.insideM !== null ? `${r.distanceM} (${r.insideM})` : r.distanceM}</td>
              <td>{r.state ? L.state(r.state) : ''}</td>
              <td className="num">{r.openDefects ?? ''}</td>
              <td>{r.lastInspected ?? ''}</td>
              <td className="fs-note" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The zone's open defects (overdue first, as the model orders them), one tick row each. */
function DefectTickList({
  defects,
  campaign,
  lang,
}: {
  defects: FieldSheetModel['defects'];
  campaign: Campaign;
  lang: ExportLang;
}) {
  return (
    <section>
      <h2>
        {t(lang, 'fieldSheetOpenDefects')} ({defects.length})
      </h2>
      {defects.length === 0 ? (
        <p>{t(lang, 'fieldSheetNoOpenDefects')}</p>
      ) : (
        <table className="fs-table">
          <TickListHead lang={lang} columns={DEFECT_COLUMNS} />
          <tbody>
            {defects.map((d) => {
              const l = defectLabels(campaign, d, lang);
              return (
                <tr key={d.id} className={d.overdue ? 'fs-overdue' : undefined}>
                  <td className="fs-tick">
                    <TickBox label={d.id} lang={lang} />
                  </td>
                  <td>{d.id}</td>
                  <td>{d.objectName}</td>
                  <td>{l.category}</td>
                  <td>{l.state}</td>
                  <td>{d.found}</td>
                  <td>{d.deadline}</td>
                  <td className="fs-note" />
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const ROUTE_COLUMNS: MessageKey[] = [
  'routeSheetNo',
  'fieldSheetColName',
  'routeSheetLeg',
  'routeSheetSoFar',
  'routeSheetPoint',
];

/**
 * Today's route in walking order, one tick row per stop, with straight-line legs and the WGS-84 point. Also
 * printed on its own (RouteSheetPage) when no zone is chosen.
 */
export function RouteTickList({ route, lang }: { route: RouteSheet; lang: ExportLang }) {
  return (
    <section data-testid="field-sheet-route">
      <h2>{t(lang, 'routeSheetTitle', { n: route.rows.length })}</h2>
      <p>{t(lang, 'routeSheetNote', { total: route.totalM, back: route.returnM })}</p>
      <table className="fs-table">
        <TickListHead lang={lang} columns={ROUTE_COLUMNS} />
        <tbody>
          {route.rows.map((r) => (
            <tr key={r.key}>
              <td className="fs-tick">
                <TickBox label={r.name} lang={lang} />
              </td>
              <td className="num">{r.n}</td>
              <td>{r.name}</td>
              <td className="num">{r.legM}</td>
              <td className="num">{r.cumulativeM}</td>
              <td className="fs-id">
                {r.lat}, {r.lng}
              </td>
              <td className="fs-note" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** An empty box to tick on paper, named for screen readers. */
function TickBox({ label, lang }: { label: string; lang: ExportLang }) {
  return (
    <span
      className="fs-box"
      role="checkbox"
      aria-checked="false"
      aria-label={`${t(lang, 'fieldSheetChecked')}: ${label}`}
    />
  );
}

/** A QR code of `link` as a data URL, made asynchronously; kept with its link so a changed link never shows a stale code. */
function useQrCode(link: string | null): string | null {
  const [qrFor, setQrFor] = useState<{ link: string; src: string } | null>(null);
  useEffect(() => {
    let live = true;
    if (link) void qrSvgDataUrl(link).then((src) => live && setQrFor({ link, src }));
    return () => {
      live = false;
    };
  }, [link]);
  return qrFor && qrFor.link === link ? qrFor.src : null;
}
