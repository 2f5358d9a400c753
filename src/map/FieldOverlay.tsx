/**
 * Field mode on the map: adds the field layers (field-layers.ts) on top once, pushes the position and the route
 * when they change, and in "pick position" mode turns the next tap on the map into the inspector's position
 * (MapSync's click handler leaves selection alone meanwhile) with a crosshair cursor. Renders nothing.
 */
import { useEffect } from 'react';
import type { GeoJSONSource, MapMouseEvent } from 'maplibre-gl';
import { useAppStore } from '@/store/store';
import { FIELD_LAYERS, FIELD_SOURCE, positionFeatures, routeFeatures } from './field-layers';
import { useMap } from './map-context';
import { shareProgram } from './shared-programs';

export function FieldOverlay() {
  const map = useMap();
  const position = useAppStore((s) => s.position);
  const route = useAppStore((s) => s.route);
  const picking = useAppStore((s) => s.pickingPosition);

  useEffect(() => {
    for (const id of Object.values(FIELD_SOURCE))
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    for (const layer of FIELD_LAYERS) if (!map.getLayer(layer.id)) map.addLayer(shareProgram(layer));
  }, [map]);

  useEffect(() => {
    map.getSource<GeoJSONSource>(FIELD_SOURCE.position)?.setData(positionFeatures(position));
  }, [map, position]);

  useEffect(() => {
    map.getSource<GeoJSONSource>(FIELD_SOURCE.route)?.setData(routeFeatures(route));
  }, [map, route]);

  useEffect(() => {
    if (!picking) return;
    const canvas = map.getCanvas();
    canvas.style.cursor = 'crosshair';
    const onClick = (e: MapMouseEvent) => {
      useAppStore.getState().setPosition({ lngLat: [e.lngLat.lng, e.lngLat.lat], accuracyM: null, source: 'picked' });
    };
    map.on('click', onClick);
    return () => {
      canvas.style.cursor = '';
      map.off('click', onClick);
    };
  }, [map, picking]);

  return null;
}
