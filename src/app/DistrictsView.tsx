/**
 * The roll-up of a several-district site (districts.json): one row per district with its open, overdue and
 * closed-this-week defects and the task force most behind, each linking to `?d=<adcode>`. A district whose last
 * refresh failed says so, with the reason and the time of the data still shown; sample data is marked 示例数据.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { area, bbox, pointOnFeature, polygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { BBox } from '@/campaign/types';
import type { DistrictEntry, DistrictsIndex } from '@/dataset/districts';
import { DATASET_PATHS } from '@/dataset/paths';
import type { BoundaryFeature } from '@/dataset/types';
import { ROLLUP_FIGURES, sharesOfMax, type RollupFigure } from '@/insights/district-rollup';
import { DistrictsMap } from '@/map/DistrictsMap';
import type { DistrictLabelProps, DistrictMapProps } from '@/map/districts-layers';
import { useAppStore } from '@/store/store';
import { LanguageSwitch } from './LanguageSwitch';
import { formatCount, formatDate, formatInstant } from '@/ui/format';
import { named, useT, type Lang } from '@/ui/i18n';
import { districtHref, SITE_DATA_URL } from './site';
import './districts.css';
import '@/ui/access.css';

/** The campaign's time zone; districts.json carries no campaign, and every district of the plan shares it. */
const TIME_ZONE = 'Asia/Shanghai';

export function DistrictsView({ index, unknown }: { index: DistrictsIndex; unknown: string | null }) {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const setLang = useAppStore((s) => s.setLang);

  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('lang') === 'en') setLang('en');
  }, [setLang]);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appTitle')} · ${t('districtsTitle')}`;
    window.history.replaceState(null, '', districtHref(null, lang));
  }, [lang, t]);

  return (
    <div className="app districts-page">
      <header className="app-header">
        <h1>
          {t('appTitle')} <span className="district">· {t('districtsTitle')}</span>
        </h1>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <main className="districts-main">
        {unknown !== null && (
          <p className="banner" role="alert" data-testid="districts-unknown">
            {t('districtsUnknown', { code: unknown })}
          </p>
        )}
        <p className="muted" data-testid="districts-generated">
          {t('districtsGenerated', { time: formatInstant(index.generatedAt, lang, TIME_ZONE) })}
        </p>
        {index.districts.length === 0 ? (
          <p>{t('districtsEmpty')}</p>
        ) : (
          <table className="districts-table" data-testid="districts-table">
            <caption>{t('districtsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('districtsName')}</th>
                <th scope="col">{t('districtsStatus')}</th>
                <th scope="col">{t('districtsAsOf')}</th>
                <th scope="col" className="num">
                  {t('districtsOpen')}
                </th>
                <th scope="col" className="num">
                  {t('districtsOverdue')}
                </th>
                <th scope="col" className="num">
                  {t('districtsClosedWeek')}
                </th>
                <th scope="col">{t('districtsWorstTaskForce')}</th>
                <th scope="col">{t('districtsZones')}</th>
              </tr>
            </thead>
            <tbody>
              {index.districts.map((d) => (
                <DistrictRow key={d.adcode} district={d} lang={lang} />
              ))}
            </tbody>
          </table>
        )}
        {index.districts.length > 0 && <DistrictsFigureMap index={index} />}
      </main>
    </div>
  );
}

const FIGURE_LABEL = {
  overdue: 'districtsOverdue',
  open: 'districtsOpen',
  closedThisWeek: 'districtsClosedWeek',
} as const satisfies Record<RollupFigure, string>;

/** The districts' boundaries (each from its own data set) coloured by the chosen figure. */
function DistrictsFigureMap({ index }: { index: DistrictsIndex }) {
  const t = useT();
  const [figure, setFigure] = useState<RollupFigure>('overdue');
  const boundaries = useBoundaries(index);
  const lang = useAppStore((s) => s.lang);
  const open = useCallback((adcode: string) => window.location.assign(districtHref(adcode, lang)), [lang]);
  const { districts, labels, bounds, max } = useMemo(() => {
    const shown = index.districts.filter((d) => boundaries.has(d.adcode));
    const values = shown.map((d) => d.rollup?.totals[figure] ?? null);
    const shares = sharesOfMax(values);
    const fc: FeatureCollection<Polygon | MultiPolygon, DistrictMapProps> = {
      type: 'FeatureCollection',
      features: shown.map((d, k) => ({
        type: 'Feature',
        geometry: boundaries.get(d.adcode)!.geometry,
        properties: { adcode: d.adcode, name: d.name, share: shares[k] },
      })),
    };
    const labels: FeatureCollection<Point, DistrictLabelProps> = {
      type: 'FeatureCollection',
      features: fc.features.map((f) => ({
        type: 'Feature',
        geometry: pointOnFeature(largestPart(f.geometry)).geometry,
        properties: {
          adcode: f.properties.adcode,
          name: f.properties.name,
          href: districtHref(f.properties.adcode, lang),
        },
      })),
    };
    return {
      districts: fc,
      labels,
      bounds: fc.features.length ? (bbox(fc) as BBox) : null,
      max: Math.max(0, ...values.filter((v): v is number => v !== null)),
    };
  }, [index, boundaries, figure, lang]);

  return (
    // No name of its own: the map inside is the region called 各区县分布图 (two landmarks of one name confuse).
    <section className="districts-map-section">
      <h2>{t('districtsMapTitle')}</h2>
      <label>
        {t('districtsMapFigure')}{' '}
        <select
          value={figure}
          onChange={(e) => setFigure(e.target.value as RollupFigure)}
          data-testid="districts-figure"
        >
          {ROLLUP_FIGURES.map((f) => (
            <option key={f} value={f}>
              {t(FIGURE_LABEL[f])}
            </option>
          ))}
        </select>
      </label>
      <p className="districts-legend" data-testid="districts-legend">
        <span className="ramp" aria-hidden="true" /> 0 – {formatCount(max, lang)}{' '}
        <span className="no-data" aria-hidden="true" /> {t('districtsMapNoData')}
      </p>
      <p className="districts-map-hint">{t('districtsMapHint')}</p>
      <DistrictsMap
        districts={districts}
        labels={labels}
        bounds={bounds}
        label={t('districtsMapTitle')}
        onOpen={open}
      />
    </section>
  );
}

/** The largest polygon of a boundary, where its name goes (an island district is many polygons). */
function largestPart(geometry: Polygon | MultiPolygon) {
  if (geometry.type === 'Polygon') return polygon(geometry.coordinates);
  const parts = geometry.coordinates.map((rings) => polygon(rings));
  return parts.reduce((a, b) => (area(b) > area(a) ? b : a));
}

/** Each district's boundary.geojson from its data set; a district without one is left off the map. */
function useBoundaries(index: DistrictsIndex): Map<string, BoundaryFeature> {
  const [boundaries, setBoundaries] = useState(() => new Map<string, BoundaryFeature>());
  useEffect(() => {
    let stopped = false;
    void Promise.all(
      index.districts
        .filter((d) => d.generatedAt !== null)
        .map(async (d) => {
          try {
            const response = await fetch(`${SITE_DATA_URL}/${d.adcode}/${DATASET_PATHS.boundary}`, {
              cache: 'no-cache',
            });
            const value = (await response.json()) as BoundaryFeature;
            return response.ok && value?.type === 'Feature' ? ([d.adcode, value] as const) : null;
          } catch {
            return null;
          }
        }),
    ).then((found) => {
      if (!stopped) setBoundaries(new Map(found.filter((f) => f !== null)));
    });
    return () => {
      stopped = true;
    };
  }, [index]);
  return boundaries;
}

function DistrictRow({ district: d, lang }: { district: DistrictEntry; lang: Lang }) {
  const t = useT();
  const none = t('districtsNone');
  const totals = d.rollup?.totals;
  const worst = d.rollup?.taskForces.find((tf) => tf.code === d.rollup?.worstTaskForce);
  const kept = d.generatedAt ? formatInstant(d.generatedAt, lang, TIME_ZONE) : null;
  const count = (n: number | undefined) => (n === undefined ? none : formatCount(n, lang));
  return (
    <tr data-testid={`district-${d.adcode}`} className={d.status === 'failed' ? 'failed' : undefined}>
      <th scope="row">
        <a href={districtHref(d.adcode, lang)} data-testid={`district-link-${d.adcode}`}>
          {d.name}
        </a>{' '}
        <span className="muted">{d.adcode}</span>
        {d.sample && (
          <span className="badge sample" title={t('sampleDataNote')}>
            {t('sampleData')}
          </span>
        )}
      </th>
      <td data-testid={`district-status-${d.adcode}`}>
        {d.status === 'ok'
          ? t('districtsOk', { time: kept ?? none })
          : kept
            ? t('districtsFailed', { time: kept, reason: d.reason ?? '' })
            : t('districtsFailedNoData', { reason: d.reason ?? '' })}
      </td>
      <td>{d.asOfDate ? formatDate(d.asOfDate, lang) : none}</td>
      <td className="num" data-testid={`district-open-${d.adcode}`}>
        {count(totals?.open)}
      </td>
      <td className="num" data-testid={`district-overdue-${d.adcode}`}>
        {count(totals?.overdue)}
      </td>
      <td className="num" data-testid={`district-closed-${d.adcode}`}>
        {count(totals?.closedThisWeek)}
      </td>
      <td data-testid={`district-worst-${d.adcode}`}>
        {worst
          ? t('districtsWorstFigures', { name: named(lang, worst), overdue: formatCount(worst.overdue, lang) })
          : none}
      </td>
      <td data-testid={`district-zones-${d.adcode}`}>
        {d.zones?.length ? (
          <ul className="district-zones">
            {d.zones.map((z) => (
              <li key={z.ruleId} data-testid={`district-zones-${d.adcode}-${z.ruleId}`}>
                {t('districtsZoneRule', {
                  name: named(lang, z),
                  zones: formatCount(z.zones, lang),
                  members: formatCount(z.members, lang),
                })}
                {z.emptyZones > 0 && (
                  <span className="muted"> {t('districtsZoneEmpty', { count: formatCount(z.emptyZones, lang) })}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </td>
    </tr>
  );
}
