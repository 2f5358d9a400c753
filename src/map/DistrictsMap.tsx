/**
 * The map of the roll-up page: the only map of that page, created once on a container ref and removed on
 * unmount, like MapView. The boundaries come in as data (`setData` when they change); the camera fits them once.
 */
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, NavigationControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { BBox } from '@/campaign/types';
import { DISTRICT_LABELS_SOURCE, DISTRICTS_SOURCE, districtsStyle, type DistrictMapProps } from './districts-layers';
import { MapFailureBoundary } from './MapView';

setWorkerUrl(maplibreWorkerUrl);

interface DistrictsMapProps {
  districts: FeatureCollection<Polygon | MultiPolygon, DistrictMapProps>;
  /** One point per district, where its name goes. */
  labels: FeatureCollection<Point, { name: string }>;
  /** Fitted once the first boundaries arrive, `[west, south, east, north]`. */
  bounds: BBox | null;
  label: string;
}

export function DistrictsMap(props: DistrictsMapProps) {
  return (
    <MapFailureBoundary label={props.label}>
      <DistrictsCanvas {...props} />
    </MapFailureBoundary>
  );
}

function DistrictsCanvas({ districts, labels, bounds, label }: DistrictsMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const fitted = useRef(false);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = new MapLibreMap({
      container,
      style: districtsStyle(),
      center: [122.2, 30.1],
      zoom: 7,
      attributionControl: false,
      localIdeographFontFamily: false,
    });
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.on('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    (map.getSource(DISTRICTS_SOURCE) as GeoJSONSource | undefined)?.setData(districts);
    (map.getSource(DISTRICT_LABELS_SOURCE) as GeoJSONSource | undefined)?.setData(labels);
    if (bounds && !fitted.current) {
      fitted.current = true;
      map.fitBounds(bounds, { padding: 24, duration: 0 });
    }
    // For browser tests: the first boundaries handed in are drawn.
    const done = () => setDrawn(districts.features.length > 0);
    map.once('idle', done);
    return () => void map.off('idle', done);
  }, [map, districts, labels, bounds]);

  return (
    <div
      ref={containerRef}
      className="districts-map"
      role="region"
      aria-label={label}
      data-testid="districts-map"
      data-drawn={drawn}
    />
  );
}
