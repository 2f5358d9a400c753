/**
 * The data check page (数据体检, `?view=check`): the refresh's import report (import-report.json) over the map.
 * Per source its file, kind, format, coordinate system and conversions, rows read, kept and skipped; then the
 * problems and warnings grouped by field and kind with their first locations; then each zone rule's coverage.
 * Everything is text rendered by React; the report holds no cell of a source. A data set from before the
 * report loads as usual and the page says it has none.
 */
import { useRef } from 'react';
import type { Campaign } from '@/campaign/types';
import type { Conversion, ImportReport, ProblemGroup, SourceReport } from '@/dataset/types';
import { GROUP_LOCATIONS } from '@/dataset/import-report';
import { useAppStore } from '@/store/store';
import { formatCount, formatInstant, formatMetres } from '@/ui/format';
import { named, t, type Lang, type MessageKey } from '@/ui/i18n';
import { useModalDialog } from '@/ui/use-modal-dialog';
import { KIND_LABEL } from './details-parts';
import './DataCheck.css';

const CRS_LABEL: Record<string, string> = { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' };
const FORMAT_LABEL: Record<string, string> = {
  csv: 'CSV',
  xlsx: 'XLSX',
  geojson: 'GeoJSON',
  kml: 'KML',
  overpass: 'OSM Overpass',
};
const SOURCE_KIND_LABEL: Record<string, MessageKey> = {
  ...KIND_LABEL,
  boundary: 'srcKindBoundary',
  land: 'srcKindLand',
  divisions: 'srcKindDivisions',
  defect: 'srcKindDefect',
  visit: 'srcKindVisit',
  declaration: 'srcKindDeclaration',
  fieldRecord: 'srcKindFieldRecord',
};
/** The time zone when the campaign file failed to load: the office is in Zhoushan. */
const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export function DataCheck() {
  const open = useAppStore((s) => s.checkOpen);
  return open ? <DataCheckDialog /> : null;
}

/** The page as a modal dialog over the map: focus moves in and stays in, Esc closes it, focus returns. */
function DataCheckDialog() {
  const setCheckOpen = useAppStore((s) => s.setCheckOpen);
  const lang = useAppStore((s) => s.lang);
  const dataset = useAppStore((s) => s.dataset);
  const ref = useRef<HTMLDivElement>(null);
  useModalDialog(ref, () => setCheckOpen(false));
  const report = dataset?.data.importReport;
  const campaign = dataset?.data.campaign;
  return (
    <div
      ref={ref}
      className="doc-view data-check"
      role="dialog"
      aria-modal="true"
      aria-labelledby="data-check-title"
      tabIndex={-1}
      data-testid="data-check"
    >
      <nav className="doc-bar" aria-label={t(lang, 'checkTitle')}>
        <button type="button" onClick={() => setCheckOpen(false)} data-testid="data-check-back">
          ← {t(lang, 'checkBack')}
        </button>
      </nav>
      <div className="doc-body" tabIndex={0}>
        <article className="data-check-page">
          <h2 id="data-check-title">{t(lang, 'checkTitle')}</h2>
          {!dataset && <p role="status">{t(lang, 'checkLoading')}</p>}
          {dataset && !report && (
            <p className="data-check-none" data-testid="data-check-none">
              {t(lang, 'checkNoReport')}
            </p>
          )}
          {report && <Report report={report} campaign={campaign} lang={lang} />}
        </article>
      </div>
    </div>
  );
}

function Report({ report, campaign, lang }: { report: ImportReport; campaign: Campaign | undefined; lang: Lang }) {
  const timeZone = campaign?.timezone ?? DEFAULT_TIMEZONE;
  const withProblems = report.sources.filter((s) => s.errors.length + s.warnings.length > 0);
  const other = report.other;
  const count = (n: number) => formatCount(n, lang);
  return (
    <>
      <p className="muted" data-testid="data-check-generated">
        {t(lang, 'checkGenerated', { time: formatInstant(report.generatedAt, lang, timeZone) })}
      </p>
      <p className="muted">{t(lang, 'checkPrivacyNote')}</p>

      <section aria-labelledby="check-totals">
        <h3 id="check-totals">{t(lang, 'checkTotalsTitle')}</h3>
        <dl className="check-totals" data-testid="data-check-totals">
          {(
            [
              ['checkTotalSources', report.totals.sources],
              ['checkTotalRecords', report.totals.records],
              ['checkTotalKept', report.totals.kept],
              ['checkTotalSkipped', report.totals.skipped],
              ['checkTotalErrors', report.totals.errors],
              ['checkTotalWarnings', report.totals.warnings],
            ] as [MessageKey, number][]
          ).map(([label, n]) => (
            <div key={label}>
              <dt>{t(lang, label)}</dt>
              <dd>{count(n)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="check-sources">
        <h3 id="check-sources">{t(lang, 'checkSourcesTitle')}</h3>
        <table className="check-table check-sources" data-testid="data-check-sources">
          <caption>{t(lang, 'checkSourcesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'checkColFile')}</th>
              <th scope="col">{t(lang, 'checkColKind')}</th>
              <th scope="col">{t(lang, 'checkColFormat')}</th>
              <th scope="col">{t(lang, 'checkColCrs')}</th>
              <th scope="col">{t(lang, 'checkColConverted')}</th>
              <th scope="col" className="num">
                {t(lang, 'checkColRecords')}
              </th>
              <th scope="col" className="num">
                {t(lang, 'checkColKept')}
              </th>
              <th scope="col" className="num">
                {t(lang, 'checkColSkipped')}
              </th>
              <th scope="col" className="num">
                {t(lang, 'checkColProblems')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.sources.map((s) => (
              <SourceRow key={s.id} source={s} lang={lang} />
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="check-problems">
        <h3 id="check-problems">{t(lang, 'checkProblemsTitle')}</h3>
        {withProblems.length === 0 && other.errors.length + other.warnings.length === 0 && (
          <p data-testid="data-check-no-problems">{t(lang, 'checkNoProblems')}</p>
        )}
        {withProblems.map((s) => (
          <div key={s.id} data-testid={`data-check-problems-${s.id}`}>
            {s.errors.length > 0 && (
              <Groups title={t(lang, 'checkErrorsOf', { file: s.path })} groups={s.errors} lang={lang} />
            )}
            {s.warnings.length > 0 && (
              <Groups title={t(lang, 'checkWarningsOf', { file: s.path })} groups={s.warnings} lang={lang} warning />
            )}
          </div>
        ))}
        {other.errors.length > 0 && (
          <Groups title={t(lang, 'checkOtherFiles')} groups={other.errors} lang={lang} withFile />
        )}
        {other.warnings.length > 0 && (
          <Groups title={t(lang, 'checkOtherFiles')} groups={other.warnings} lang={lang} withFile warning />
        )}
      </section>

      <section aria-labelledby="check-coverage">
        <h3 id="check-coverage">{t(lang, 'checkCoverageTitle')}</h3>
        <table className="check-table check-coverage" data-testid="data-check-coverage">
          <caption>{t(lang, 'checkCoverageCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'checkColRule')}</th>
              <th scope="col" className="num">
                {t(lang, 'checkColRadius')}
              </th>
              <th scope="col" className="num">
                {t(lang, 'checkColZones')}
              </th>
              <th scope="col">{t(lang, 'checkColMembers')}</th>
              <th scope="col">{t(lang, 'checkColEmpty')}</th>
            </tr>
          </thead>
          <tbody>
            {report.coverage.map((c) => {
              const rule = campaign?.zoneRules.find((r) => r.id === c.ruleId);
              return (
                <tr key={c.ruleId} data-testid={`data-check-rule-${c.ruleId}`}>
                  <th scope="row" data-label={t(lang, 'checkColRule')}>
                    {rule ? named(lang, rule) : c.ruleId}
                  </th>
                  <td className="num" data-label={t(lang, 'checkColRadius')}>
                    {t(lang, 'checkRadiusM', { n: formatMetres(c.radiusM, lang) })}
                  </td>
                  <td className="num" data-label={t(lang, 'checkColZones')} data-testid="zones">
                    {count(c.zones)}
                  </td>
                  <td data-label={t(lang, 'checkColMembers')}>
                    <span>
                      <strong data-testid="members">{count(c.members)}</strong>
                      {Object.entries(c.membersByKind).map(([kind, n]) => (
                        <span key={kind} className="muted by-kind">
                          {' '}
                          {kind in KIND_LABEL ? t(lang, KIND_LABEL[kind as keyof typeof KIND_LABEL]) : kind} {count(n)}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td data-label={t(lang, 'checkColEmpty')}>
                    {c.emptyZones.length === 0
                      ? t(lang, 'checkNoEmpty')
                      : c.emptyZones.map((z) => `${z.anchorName}（${z.anchorId}）`).join('、')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

function SourceRow({ source: s, lang }: { source: SourceReport; lang: Lang }) {
  const kind = SOURCE_KIND_LABEL[s.kind];
  const problems = s.errors.reduce((n, g) => n + g.count, 0);
  const warnings = s.warnings.reduce((n, g) => n + g.count, 0);
  return (
    <tr data-testid={`data-check-source-${s.id}`} className={s.read ? undefined : 'unread'}>
      <th scope="row" data-label={t(lang, 'checkColFile')}>
        <span className="path">{s.path}</span>
        {s.sample && <span className="badge sample">{t(lang, 'checkSample')}</span>}
        {!s.read && <span className="badge unread">{t(lang, 'checkUnread')}</span>}
      </th>
      <td data-label={t(lang, 'checkColKind')}>{kind ? t(lang, kind) : s.kind}</td>
      <td data-label={t(lang, 'checkColFormat')}>
        {FORMAT_LABEL[s.format] ?? s.format}
        {s.encoding && ` · ${ENCODING_LABEL[s.encoding]}`}
      </td>
      <td data-label={t(lang, 'checkColCrs')}>{CRS_LABEL[s.crs] ?? s.crs}</td>
      <td data-label={t(lang, 'checkColConverted')}>
        {s.conversions.length === 0
          ? t(lang, 'checkNoConversion')
          : s.conversions.map((c) => conversionText(c, lang)).join('；')}
      </td>
      <td className="num" data-label={t(lang, 'checkColRecords')} data-testid="records">
        {formatCount(s.records, lang)}
      </td>
      <td className="num" data-label={t(lang, 'checkColKept')} data-testid="kept">
        {formatCount(s.kept, lang)}
      </td>
      <td className={s.skipped > 0 ? 'num bad' : 'num'} data-label={t(lang, 'checkColSkipped')} data-testid="skipped">
        {formatCount(s.skipped, lang)}
      </td>
      <td className="num" data-label={t(lang, 'checkColProblems')}>
        {formatCount(problems, lang)} / {formatCount(warnings, lang)}
      </td>
    </tr>
  );
}

interface GroupsProps {
  title: string;
  groups: ProblemGroup[];
  lang: Lang;
  /** Groups from several files (the settings and checks across files): each location names its file. */
  withFile?: boolean;
  warning?: boolean;
}

function Groups({ title, groups, lang, withFile = false, warning = false }: GroupsProps) {
  return (
    <table className={`check-table check-groups${warning ? ' warning' : ''}`}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'checkColField')}</th>
          <th scope="col">{t(lang, 'checkColMessage')}</th>
          <th scope="col" className="num">
            {t(lang, 'checkColCount')}
          </th>
          <th scope="col">{t(lang, 'checkColWhere', { n: GROUP_LOCATIONS })}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={`${g.file}|${g.field}|${g.pattern}`}>
            <th scope="row" data-label={t(lang, 'checkColField')}>
              {g.field}
            </th>
            <td data-label={t(lang, 'checkColMessage')} lang="en">
              {g.pattern}
            </td>
            <td className="num" data-label={t(lang, 'checkColCount')}>
              {formatCount(g.count, lang)}
            </td>
            <td data-label={t(lang, 'checkColWhere', { n: GROUP_LOCATIONS })}>
              {g.locations.map((l) => (withFile ? `${g.file} ` : '') + locationText(l, lang)).join('、')}
              {g.count > g.locations.length && ` ${t(lang, 'checkMore', { n: formatCount(g.count, lang) })}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ENCODING_LABEL = { utf8: 'UTF-8', gbk: 'GBK', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE' } as const;

function conversionText(c: Conversion, lang: Lang): string {
  switch (c.kind) {
    case 'crs':
      return t(lang, 'convCrs', { from: CRS_LABEL[c.from] ?? c.from });
    case 'encoding':
      return t(lang, 'convEncoding', { from: ENCODING_LABEL[c.from] });
    case 'date1904':
      return t(lang, 'convDate1904');
    case 'visitFigures':
      return t(lang, 'convVisitFigures', { n: c.minHouseholds });
    default:
      return '';
  }
}

/** `row 7` → 第 7 行, `feature 3` → 要素 3, `file` → 整个文件; anything else as the refresh wrote it. */
function locationText(location: string, lang: Lang): string {
  const row = /^row (\d+)$/.exec(location);
  if (row) return t(lang, 'checkLocRow', { n: row[1] });
  const feature = /^feature (\d+)$/.exec(location);
  if (feature) return t(lang, 'checkLocFeature', { n: feature[1] });
  return location === 'file' ? t(lang, 'checkLocFile') : location;
}
