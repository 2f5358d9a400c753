/**
 * Keeps the defect markers on the map: pushes the worker's marker collection into the defects source when it
 * changed, draws cluster ring images when MapLibre first needs them (its missing-image resolver), and turns a
 * click on a cluster into a flight to the zoom where it falls apart (asked of the worker, which knows the
 * cluster's members). At street level (the last zoom that clusters, where flying in may only stack markers on
 * one spot) or with Alt held, the click lists the cluster's defects instead (panels/ClusterList.tsx). A click on
 * a single marker selects the defect through the map's common click handling (INTERACTIVE_LAYERS). Renders
 * nothing.
 */
import { useEffect, useRef } from 'react';
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { CLUSTER_MAX_ZOOM } from '@/defects/cluster';
import { useAppStore } from '@/store/store';
import { DEFECT_LAYER } from './defect-layers';
import { drawRing } from './defect-rings';
import { drawStateShape, SHAPE_PREFIX } from './state-shapes';
import { useDefectExpander } from './defect-expander';
import { SOURCE } from './layers';
import { useMap } from './map-context';

/** Never fly closer than this on a cluster click (single markers show from the cluster maxZoom + 1 = 17). */
const EXPAND_MAX_ZOOM = 18;
const EXPAND_DURATION_MS = 600;
/** Without a worker answer, a click on a cluster zooms in this much. */
const FALLBACK_ZOOM_STEP = 2;

export function DefectMarkers() {
  const map = useMap();
  const markers = useAppStore((s) => s.defectMarkers);
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const expand = useDefectExpander();

  // A view answer often repeats the filter answer's markers (the view settled where it was): the same markers
  // are not sent again, which would re-tile them in MapLibre's worker. Same JSON, same cluster ids: the drawn
  // features still name the clusters of the worker's latest view.
  const sent = useRef<{ map: typeof map; json: string } | null>(null);
  useEffect(() => {
    if (!markers) return;
    const json = JSON.stringify(markers);
    if (sent.current?.map === map && sent.current.json === json) return;
    const source = map.getSource<GeoJSONSource>(SOURCE.defects);
    if (!source) return;
    source.setData(markers);
    sent.current = { map, json };
  }, [map, markers]);

  useEffect(() => {
    const colors = campaign?.lifecycle.states.map((s) => s.color) ?? [];
    const overdueColor = campaign?.lifecycle.derived.overdue.color ?? '#460414';
    // A resolver, not a 'styleimagemissing' listener: MapLibre waits for it before laying the tile out, while an
    // image added from the event arrives too late for the tile that asked.
    map.setMissingStyleImageResolver((id) => {
      if (map.hasImage(id)) return;
      const image = id.startsWith(SHAPE_PREFIX)
        ? campaign && drawStateShape(id, campaign)
        : drawRing(id, colors, overdueColor);
      if (image) map.addImage(id, image.data, { pixelRatio: image.pixelRatio });
    });
    return () => {
      map.setMissingStyleImageResolver(null);
    };
  }, [map, campaign]);

  useEffect(() => {
    const onClick = (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      const id = f?.properties?.cluster_id;
      if (!f || f.geometry.type !== 'Point' || typeof id !== 'number') return;
      const [lng, lat] = f.geometry.coordinates;
      const fly = (zoom: number) =>
        map.flyTo({ center: [lng, lat], zoom: Math.min(zoom, EXPAND_MAX_ZOOM), duration: EXPAND_DURATION_MS });
      if (!expand) {
        fly(map.getZoom() + FALLBACK_ZOOM_STEP);
        return;
      }
      // Alt, not Shift: MapLibre's box zoom takes Shift+press and no click arrives.
      const list = e.originalEvent.altKey || map.getZoom() >= CLUSTER_MAX_ZOOM;
      // The columns the rows index, read now: the list must name the rows of the data set that was clicked.
      const columns = useAppStore.getState().dataset?.data.defects;
      // Asked before the camera moves, so the id still names a cluster of the worker's latest view.
      expand(id).then(
        (answer) => {
          if (list && columns) {
            useAppStore.getState().showClusterList({ count: answer.count, rows: answer.leaves, columns });
          } else fly(Math.max(answer.expansionZoom, map.getZoom() + 1));
        },
        () => fly(map.getZoom() + FALLBACK_ZOOM_STEP),
      );
    };
    map.on('click', DEFECT_LAYER.clusters, onClick);
    return () => {
      map.off('click', DEFECT_LAYER.clusters, onClick);
    };
  }, [map, expand]);

  return null;
}
