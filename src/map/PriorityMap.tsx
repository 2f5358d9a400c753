/**
 * Priority on the map: pushes the priority zones and the badges of the top zones into their sources, opens the
 * first view on the top zones (unless a link names a view, or the user moved the map first), and draws the map's
 * own controls over it: "whole district" and "top zones" buttons, and the legend with the rule/priority toggle.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import type { BBox } from '@/campaign/types';
import { topZonesBBox } from '@/insights/priority-scale';
import { useAppStore } from '@/store/store';
import { useZoneRanking } from '@/store/use-insights';
import { usePriorityBadges, usePriorityScale } from '@/store/use-priority';
import type { ZoneShading } from '@/store/view-slice';
import { locale, named, useT, type Lang } from '@/ui/i18n';
import { useMap } from './map-context';
import {
  badgeFeatures,
  PRIORITY_COLORS,
  PRIORITY_SOURCE,
  priorityZoneFeatures,
  ZERO_PRIORITY_COLOR,
} from './priority-layers';
import { StateShapesLegend } from './StateShapes';
import './priority-map.css';

/** Room around the top zones in the first view and around the district for "whole district". */
const VIEW_PADDING_PX = 32;
const VIEW_DURATION_MS = 600;

export function PriorityMap({ districtBounds }: { districtBounds: BBox }) {
  const map = useMap();
  usePrioritySources(map);
  const topBox = useFirstView(map);
  return <PriorityOverlay map={map} districtBounds={districtBounds} topBox={topBox} />;
}

function usePrioritySources(map: MapLibreMap) {
  const result = useAppStore((s) => s.engineResult);
  const zoneHidden = useAppStore((s) => s.zoneHidden);
  const ranking = useZoneRanking();
  const scale = usePriorityScale();
  const badges = usePriorityBadges();
  useEffect(() => {
    map
      .getSource<GeoJSONSource>(PRIORITY_SOURCE.zones)
      ?.setData(priorityZoneFeatures(result, ranking, scale, zoneHidden));
  }, [map, result, ranking, scale, zoneHidden]);
  useEffect(() => {
    map.getSource<GeoJSONSource>(PRIORITY_SOURCE.badges)?.setData(badgeFeatures(badges ?? []));
  }, [map, badges]);
}

/**
 * Moves the camera once, to the box of the top zones, when the first ranking arrives; not when a shared link
 * named a view or the user already moved the map. Returns that box for the "top zones" button.
 */
function useFirstView(map: MapLibreMap): BBox | null {
  const ranking = useZoneRanking();
  const topBox = useMemo(() => (ranking ? topZonesBBox(ranking) : null), [ranking]);
  const done = useRef(false);
  const userMoved = useRef(false);
  useEffect(() => {
    const onStart = (e: { originalEvent?: Event }) => {
      if (e.originalEvent) userMoved.current = true;
    };
    map.on('movestart', onStart);
    return () => {
      map.off('movestart', onStart);
    };
  }, [map]);
  useEffect(() => {
    if (done.current || !ranking) return;
    done.current = true;
    if (!topBox || userMoved.current || useAppStore.getState().cameraRequest) return;
    fit(map, topBox, 0, legendPadding(map));
  }, [map, ranking, topBox]);
  return topBox;
}

function fit(
  map: MapLibreMap,
  [w, s, e, n]: BBox,
  duration: number,
  padding: PaddingOptions | number = VIEW_PADDING_PX,
) {
  map.fitBounds(
    [
      [w, s],
      [e, n],
    ],
    { padding, duration },
  );
}

/**
 * Room for the legend (bottom left) and the view buttons (top left), so no top zone or badge sits under them;
 * on a narrow map only the plain padding.
 */
function legendPadding(map: MapLibreMap): PaddingOptions | number {
  const legend = map.getContainer().querySelector<HTMLElement>('.map-legend');
  const width = legend?.offsetWidth ?? 0;
  if (!legend || map.getContainer().clientWidth < 3 * width) return VIEW_PADDING_PX;
  return { top: VIEW_PADDING_PX + 30, bottom: VIEW_PADDING_PX, right: VIEW_PADDING_PX, left: width + VIEW_PADDING_PX };
}

function PriorityOverlay({
  map,
  districtBounds,
  topBox,
}: {
  map: MapLibreMap;
  districtBounds: BBox;
  topBox: BBox | null;
}) {
  const t = useT();
  return (
    <>
      <div className="map-view-buttons" role="group" aria-label={t('mapViewButtons')}>
        <button
          type="button"
          title={t('wholeDistrictTitle')}
          onClick={() => fit(map, districtBounds, VIEW_DURATION_MS)}
          data-testid="view-whole-district"
        >
          {t('wholeDistrict')}
        </button>
        {topBox && (
          <button
            type="button"
            title={t('topZonesTitle')}
            onClick={() => fit(map, topBox, VIEW_DURATION_MS, legendPadding(map))}
            data-testid="view-top-zones"
          >
            {t('topZones')}
          </button>
        )}
      </div>
      <PriorityLegend />
    </>
  );
}

function PriorityLegend() {
  const t = useT();
  const lang = useAppStore((s) => s.lang);
  const shading = useAppStore((s) => s.zoneShading);
  const setShading = useAppStore((s) => s.setZoneShading);
  const campaign = useAppStore((s) => s.dataset?.data.campaign);
  const scale = usePriorityScale();
  const badges = usePriorityBadges();
  const { breaks, max } = scale;
  // On a phone the legend would cover a third of the map: folded to a 图例 button until asked for (the button
  // and the folding show on a phone only, priority-map.css).
  const [folded, setFolded] = useState(true);
  const bodyId = useId();
  return (
    <section className="map-legend" aria-label={t('mapLegendTitle')} data-folded={folded} data-testid="map-legend">
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={!folded}
        aria-controls={bodyId}
        onClick={() => setFolded(!folded)}
        data-testid="legend-toggle"
      >
        {t(folded ? 'legendShow' : 'legendHide')}
      </button>
      <div className="legend-body" id={bodyId}>
        <div className="segmented" role="group" aria-label={t('shadeBy')}>
          {(['priority', 'rule'] as ZoneShading[]).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={shading === k}
              onClick={() => setShading(k)}
              data-testid={`shade-${k}`}
            >
              {t(k === 'priority' ? 'shadeByPriority' : 'shadeByRule')}
            </button>
          ))}
        </div>
        {shading === 'priority' ? (
          <div data-testid="priority-legend">
            <p className="legend-title">{t('priorityLegendTitle')}</p>
            <ol className="priority-scale">
              {breaks.map((lo, k) => (
                <li key={k} data-testid={`priority-class-${k}`}>
                  <span className="swatch" style={{ background: PRIORITY_COLORS[k] }} aria-hidden="true" />
                  {`${k === 0 ? '> 0' : `> ${formatScore(lo, lang)}`} – ${formatScore(breaks[k + 1] ?? max, lang)}`}
                </li>
              ))}
              <li>
                <span className="swatch" style={{ background: ZERO_PRIORITY_COLOR }} aria-hidden="true" />
                {t('priorityLegendNone')}
              </li>
            </ol>
          </div>
        ) : (
          <ul className="priority-scale" data-testid="rule-legend">
            {(campaign?.zoneRules ?? []).map((rule) => (
              <li key={rule.id}>
                <span className="swatch" style={{ background: rule.color }} aria-hidden="true" />
                {named(lang, rule)}
              </li>
            ))}
          </ul>
        )}
        {badges && badges.length > 0 && (
          <p className="badge-note" data-testid="badge-note">
            <span className="badge-sample" aria-hidden="true">
              1
            </span>
            {t('priorityLegendBadges', { n: badges.length })}
          </p>
        )}
        <StateShapesLegend />
      </div>
    </section>
  );
}

/** A class bound with one decimal, as the ranking shows scores. */
function formatScore(score: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}
