/**
 * Near me (附近): where the inspector is — the device's location, a tap on the map, or a town seat or community
 * chosen from the data — and the current filter's defects (or the objects on the map) sorted by straight-line
 * distance from there, each with its distance, a 导航 menu that opens Amap, Baidu or any map app at the converted
 * point, and a tick box that puts it on today's route. The route (walking order, legs, total) is listed below and
 * drawn on the map; the field sheet prints it. Data text is React text only.
 */
import { useId, useMemo, useState } from 'react';
import type { Campaign, LngLat } from '@/campaign/types';
import { categoryByCode } from '@/campaign/model';
import { OBJECT_KINDS, dataKeyOf } from '@/campaign/object-kinds';
import type { LoadedDataset } from '@/dataset/read';
import { formatDistance, nearest, placesFromCoords, representativePoint, type Place } from '@/field/nearby';
import { navLinks } from '@/field/nav-links';
import { circleBBox } from '@/geo/geodesy';
import { named, useT } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import { useDefectIds } from '@/store/use-defect-ids';
import { IdsPending } from './IdsPending';
import type { GeoStatus, RouteStop } from '@/store/field-slice';
import type { Lang } from '@/store/view-slice';
import { KIND_LABEL } from './details-parts';
import './near-me.css';

/** Rows shown: enough for a morning's walk, few enough to scroll on a phone. */
const LIST_LIMIT = 30;
/** Ask for a fresh fix, allow one up to a minute old, give up after 15 s (then the user can pick by hand). */
const GEO_OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 60_000, timeout: 15_000 };
/** Around a position, show at least this much when flying there (m). */
const FOCUS_RADIUS_M = 250;

type ListWhat = 'defects' | 'objects';

interface NearItem {
  /** `defect:<id>` or `<kind>:<id>`. */
  key: string;
  selection: { kind: 'defect' | (typeof OBJECT_KINDS)[number]; id: string };
  name: string;
  detail: string;
}

export function NearMePanel() {
  const t = useT();
  const titleId = useId();
  const lang = useAppStore((s) => s.lang);
  const dataset = useAppStore((s) => s.dataset);
  const position = useAppStore((s) => s.position);
  const campaign = dataset?.data.campaign;
  const [what, setWhat] = useState<ListWhat>('defects');
  if (!dataset || !campaign) return null;
  return (
    <section className="panel near-me" aria-labelledby={titleId} data-testid="near-me">
      <h2 id={titleId}>{t('nearTitle')}</h2>
      <PositionControls dataset={dataset} />
      {position && (
        <>
          <div className="near-what" role="group" aria-label={t('nearListWhat')}>
            {(['defects', 'objects'] as const).map((w) => (
              <button
                key={w}
                type="button"
                aria-pressed={what === w}
                onClick={() => setWhat(w)}
                data-testid={`near-what-${w}`}
              >
                {t(w === 'defects' ? 'nearListDefects' : 'nearListObjects')}
              </button>
            ))}
          </div>
          <p className="muted small near-note">
            {t(what === 'defects' ? 'nearNoteDefects' : 'nearNoteObjects')} {t('nearStraightLine')}
            {dataset.manifest?.sample && <span className="sample-note-inline"> · {t('sampleData')}</span>}
          </p>
          <NearList dataset={dataset} campaign={campaign} origin={position.lngLat} what={what} lang={lang} />
        </>
      )}
      <RouteSection />
    </section>
  );
}

/** Locate me / pick on the map / choose a place, and what came of it. */
function PositionControls({ dataset }: { dataset: LoadedDataset }) {
  const t = useT();
  const position = useAppStore((s) => s.position);
  const geoStatus = useAppStore((s) => s.geoStatus);
  const picking = useAppStore((s) => s.pickingPosition);
  const setPosition = useAppStore((s) => s.setPosition);
  const setGeoStatus = useAppStore((s) => s.setGeoStatus);
  const setPicking = useAppStore((s) => s.setPickingPosition);
  const focusOn = useAppStore((s) => s.focusOn);
  const places = useMemo(() => namedPlaces(dataset, (kind) => t(KIND_LABEL[kind])), [dataset, t]);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoStatus('unsupported');
      return;
    }
    setGeoStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const lngLat: LngLat = [p.coords.longitude, p.coords.latitude];
        setPosition({ lngLat, accuracyM: p.coords.accuracy, source: 'device' });
        setGeoStatus('ok');
        focusOn(circleBBox(lngLat, Math.max(FOCUS_RADIUS_M, p.coords.accuracy)));
      },
      (e) => setGeoStatus(e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable'),
      GEO_OPTIONS,
    );
  };

  const choosePlace = (key: string) => {
    const place = places.find((p) => p.key === key);
    if (!place) return;
    setPosition({ lngLat: place.lngLat, accuracyM: null, source: 'place', placeName: place.name });
    focusOn(circleBBox(place.lngLat, FOCUS_RADIUS_M));
  };

  return (
    <div className="near-position">
      <div className="near-actions">
        <button type="button" onClick={locate} disabled={geoStatus === 'locating'} data-testid="near-locate">
          {t('nearLocate')}
        </button>
        <button type="button" aria-pressed={picking} onClick={() => setPicking(!picking)} data-testid="near-pick">
          {t(picking ? 'nearPickCancel' : 'nearPick')}
        </button>
      </div>
      <label className="near-place">
        {t('nearChoosePlace')}
        <select value="" onChange={(e) => choosePlace(e.target.value)} data-testid="near-place">
          <option value="">{t('nearChoosePlaceNone')}</option>
          {places.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {picking && (
        <p className="notice" role="status" data-testid="near-picking">
          {t('nearPickHint')}
        </p>
      )}
      <GeoMessage status={geoStatus} />
      {position && (
        <p className="near-where" data-testid="near-position">
          {position.source === 'device'
            ? t('nearWhereDevice', { m: Math.round(position.accuracyM ?? 0) })
            : position.source === 'picked'
              ? t('nearWherePicked')
              : t('nearWherePlace', { name: position.placeName ?? '' })}
          <span className="muted small">
            {' '}
            {position.lngLat[1].toFixed(5)}, {position.lngLat[0].toFixed(5)} (WGS-84)
          </span>
        </p>
      )}
    </div>
  );
}

const GEO_MESSAGE: Partial<
  Record<GeoStatus, 'nearLocating' | 'nearDenied' | 'nearUnavailable' | 'nearTimeout' | 'nearUnsupported'>
> = {
  locating: 'nearLocating',
  denied: 'nearDenied',
  unavailable: 'nearUnavailable',
  timeout: 'nearTimeout',
  unsupported: 'nearUnsupported',
};

function GeoMessage({ status }: { status: GeoStatus }) {
  const t = useT();
  const key = GEO_MESSAGE[status];
  if (!key) return null;
  const failed = status !== 'locating';
  return (
    <p
      className={failed ? 'notice error-text' : 'muted'}
      role={failed ? 'alert' : 'status'}
      data-testid="near-geo-message"
    >
      {t(key)}
    </p>
  );
}

/** The list: nearest first, each with its distance, a route tick box and the 导航 menu. */
function NearList({
  dataset,
  campaign,
  origin,
  what,
  lang,
}: {
  dataset: LoadedDataset;
  campaign: Campaign;
  origin: LngLat;
  what: ListWhat;
  lang: Lang;
}) {
  const t = useT();
  const selection = useAppStore((s) => s.defectSelection);
  const filter = useAppStore((s) => s.defectFilter);
  const layerVisible = useAppStore((s) => s.layerVisible);
  const defects = dataset.data.defects ?? null;
  const current = selection !== null && selection.filter === filter && selection.columns === defects;
  const names = useMemo(() => objectNames(dataset), [dataset]);
  const ids = useDefectIds(what === 'defects');

  const places = useMemo((): Place<NearItem>[] => {
    if (what === 'defects') {
      if (!defects || !current || !ids) return [];
      const T = defects.tables;
      return placesFromCoords(
        defects.coords,
        selection.indexes,
        (r) => `defect:${ids.at(r)!}`,
        (r): NearItem => {
          const code = T.category[defects.category[r]];
          const category = categoryByCode(campaign, code)?.category;
          const object = defects.object[r] >= 0 ? T.object[defects.object[r]] : null;
          return {
            key: `defect:${ids.at(r)!}`,
            selection: { kind: 'defect', id: ids.at(r)! },
            name: category ? named(lang, category) : code,
            detail: `${ids.at(r)!}${object ? ` · ${names.get(object) ?? object}` : ''}`,
          };
        },
      );
    }
    const out: Place<NearItem>[] = [];
    for (const kind of OBJECT_KINDS) {
      const key = dataKeyOf(kind);
      if (!layerVisible[key]) continue;
      const fc = dataset.data[key] as
        { features: { geometry: GeoJSON.Geometry; properties: { id: string; name: string } }[] } | undefined;
      for (const f of fc?.features ?? []) {
        const p = representativePoint(f.geometry);
        if (!p) continue;
        const k = `${kind}:${f.properties.id}`;
        out.push({
          key: k,
          lngLat: p,
          item: {
            key: k,
            selection: { kind, id: f.properties.id },
            name: f.properties.name,
            detail: t(KIND_LABEL[kind]),
          },
        });
      }
    }
    return out;
  }, [what, defects, current, ids, selection, campaign, lang, names, dataset, layerVisible, t]);

  const rows = useMemo(() => nearest(origin, places, LIST_LIMIT), [origin, places]);
  if (what === 'defects' && defects && !current) return <p role="status">{t('nearCounting')}</p>;
  if (what === 'defects' && defects && !ids) return <IdsPending />;
  if (rows.length === 0) return <p data-testid="near-empty">{t('nearEmpty')}</p>;
  return (
    <ol className="plain near-list" data-testid="near-list">
      {rows.map((r, i) => (
        <NearRow key={r.key} index={i} lngLat={r.lngLat} distanceM={r.distanceM} item={r.item} />
      ))}
    </ol>
  );
}

function NearRow({
  index,
  lngLat,
  distanceM,
  item,
}: {
  index: number;
  lngLat: LngLat;
  distanceM: number;
  item: NearItem;
}) {
  const t = useT();
  const select = useAppStore((s) => s.select);
  const focusOn = useAppStore((s) => s.focusOn);
  const onRoute = useAppStore((s) => s.shortlist.some((x) => x.key === item.key));
  const toggle = useAppStore((s) => s.toggleShortlist);
  const d = formatDistance(distanceM);
  const links = navLinks(lngLat, item.name);
  const stop: RouteStop = { key: item.key, name: `${item.name} · ${item.detail}`, lngLat };
  return (
    <li className="near-row" data-testid={`near-row-${index}`} data-key={item.key}>
      <label className="near-tick" title={t('nearAddToRoute')}>
        <input
          type="checkbox"
          checked={onRoute}
          onChange={() => toggle(stop)}
          aria-label={t('nearAddToRouteNamed', { name: item.name })}
          data-testid={`near-tick-${index}`}
        />
      </label>
      <button
        type="button"
        className="near-name"
        onClick={() => {
          select(item.selection);
          focusOn(circleBBox(lngLat, 60));
        }}
        data-testid={`near-name-${index}`}
      >
        <span className="near-title">{item.name}</span>
        <span className="near-detail muted">{item.detail}</span>
      </button>
      <span className="near-distance" data-testid={`near-distance-${index}`} title={t('nearStraightLine')}>
        {t(d.unit === 'm' ? 'nearMetres' : 'nearKilometres', { n: d.value })}
      </span>
      <details className="near-nav">
        <summary data-testid={`near-nav-${index}`}>{t('nearNavigate')}</summary>
        <div className="near-nav-links">
          <a href={links.amap} target="_blank" rel="noopener noreferrer" data-testid={`near-amap-${index}`}>
            {t('nearAmap')}
          </a>
          <a href={links.baidu} target="_blank" rel="noopener noreferrer" data-testid={`near-baidu-${index}`}>
            {t('nearBaidu')}
          </a>
          <a href={links.geo} data-testid={`near-geo-${index}`}>
            {t('nearGeoApp')}
          </a>
        </div>
      </details>
    </li>
  );
}

/** Today's route through the ticked places: the walking order with each leg, the total, and the field sheet. */
function RouteSection() {
  const t = useT();
  const shortlist = useAppStore((s) => s.shortlist);
  const route = useAppStore((s) => s.route);
  const clear = useAppStore((s) => s.clearShortlist);
  const openDoc = useAppStore((s) => s.openDoc);
  if (shortlist.length === 0) return null;
  const total = route ? formatDistance(route.totalM) : null;
  return (
    <div className="near-route" data-testid="route">
      <h3>{t('routeTitle', { n: shortlist.length })}</h3>
      {!route ? (
        <p className="muted">{t('routeNeedsPosition')}</p>
      ) : (
        <>
          <p data-testid="route-total">
            {t('routeTotal', { d: t(total!.unit === 'm' ? 'nearMetres' : 'nearKilometres', { n: total!.value }) })}{' '}
            <span className="muted small">{t('nearStraightLine')}</span>
          </p>
          <ol className="route-stops">
            {route.stops.map((s, i) => {
              const leg = formatDistance(route.legsM[i]);
              return (
                <li key={s.key} data-testid={`route-stop-${i}`} data-key={s.key}>
                  {s.name}{' '}
                  <span className="muted small">
                    +{t(leg.unit === 'm' ? 'nearMetres' : 'nearKilometres', { n: leg.value })}
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <div className="near-actions">
        {route && (
          <button type="button" onClick={() => openDoc('fieldSheet')} data-testid="route-print">
            {t('routePrint')}
          </button>
        )}
        <button type="button" onClick={clear} data-testid="route-clear">
          {t('routeClear')}
        </button>
      </div>
    </div>
  );
}

/** Town seats and communities as places to start from, in the data's order. */
function namedPlaces(
  dataset: LoadedDataset,
  kindLabel: (kind: 'townSeat' | 'community') => string,
): { key: string; name: string; lngLat: LngLat }[] {
  const out: { key: string; name: string; lngLat: LngLat }[] = [];
  for (const kind of ['townSeat', 'community'] as const) {
    const fc = dataset.data[dataKeyOf(kind)];
    for (const f of fc?.features ?? []) {
      const p = representativePoint(f.geometry);
      if (p)
        out.push({ key: `${kind}:${f.properties.id}`, name: `${f.properties.name} · ${kindLabel(kind)}`, lngLat: p });
    }
  }
  return out;
}

function objectNames(dataset: LoadedDataset): Map<string, string> {
  const names = new Map<string, string>();
  for (const kind of OBJECT_KINDS) {
    const fc = dataset.data[dataKeyOf(kind)] as
      { features: { properties: { id: string; name: string } }[] } | undefined;
    for (const f of fc?.features ?? []) names.set(f.properties.id, f.properties.name);
  }
  return names;
}
