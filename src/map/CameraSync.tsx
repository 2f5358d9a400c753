/**
 * The camera's two links to the store: where the map came to rest (`settledView`, on load and on every
 * `moveend`, for the defect markers and the shareable URL) and exact jumps asked for by the app
 * (`cameraRequest`, e.g. the view of a shared link). The live camera stays in MapLibre. Renders nothing.
 */
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BBox } from '@/campaign/types';
import { useAppStore } from '@/store/store';
import { useMap } from './map-context';

/** Web-Mercator latitude limit: a bbox beyond it means nothing to the clusterer. */
const MAX_LAT = 85.05;

export function CameraSync() {
  const map = useMap();
  const request = useAppStore((s) => s.cameraRequest);

  useEffect(() => {
    if (request) map.jumpTo({ center: request.center, zoom: request.zoom });
  }, [map, request]);

  useEffect(() => {
    const publish = () => useAppStore.getState().setSettledView(settledView(map));
    publish();
    map.on('moveend', publish);
    return () => {
      map.off('moveend', publish);
    };
  }, [map]);

  return null;
}

function settledView(map: MapLibreMap) {
  const center = map.getCenter();
  const b = map.getBounds();
  let bbox: BBox = [
    Math.max(-180, b.getWest()),
    Math.max(-MAX_LAT, b.getSouth()),
    Math.min(180, b.getEast()),
    Math.min(MAX_LAT, b.getNorth()),
  ];
  // A view across the antimeridian (never Dinghai, but a world view) asks for every longitude.
  if (bbox[0] > bbox[2]) bbox = [-180, bbox[1], 180, bbox[3]];
  return { center: [center.lng, center.lat] as [number, number], zoom: map.getZoom(), bbox };
}
