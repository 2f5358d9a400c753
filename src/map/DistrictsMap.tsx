/**
 * The map of the roll-up page: the only map of that page, created once on a container ref and removed on
 * unmount, like MapView. The boundaries come in as data (`setData` when they change); the camera fits them once.
 * A click on a district opens it, like its link in the table; each district's name on the map is that link, so
 * the keyboard reaches it too (Tab, then Enter). A handful of districts, so one DOM link each is cheap.
 */
import { useEffect, useRef, useState } from 'react';
import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { BBox } from '@/campaign/types';
import {
  DISTRICT_FILL_LAYER,
  DISTRICTS_SOURCE,
  districtsStyle,
  type DistrictLabelProps,
  type DistrictMapProps,
} from './districts-layers';
import { MapFailureBoundary } from './MapView';

setWorkerUrl(maplibreWorkerUrl);

interface DistrictsMapProps {
  districts: FeatureCollection<Polygon | MultiPolygon, DistrictMapProps>;
  /** One point per district, where its name goes as a link to the district. */
  labels: FeatureCollection<Point, DistrictLabelProps>;
  /** Opens a district (its adcode), for a click on its area. */
  onOpen: (adcode: string) => void;
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

function DistrictsCanvas({ districts, labels, bounds, label, onOpen }: DistrictsMapProps) {
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
    instance.on('load', () => {
      // Browser tests find a district's pixels through it, as with the district map (MapView's window.__map).
      window.__map = instance;
      setMap(instance);
    });
    instance.on('mouseenter', DISTRICT_FILL_LAYER, () => (instance.getCanvas().style.cursor = 'pointer'));
    instance.on('mouseleave', DISTRICT_FILL_LAYER, () => (instance.getCanvas().style.cursor = ''));
    return () => {
      if (window.__map === instance) delete window.__map;
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    const open = (e: { features?: { properties: Partial<DistrictMapProps> }[] }) => {
      const adcode = e.features?.[0]?.properties.adcode;
      if (typeof adcode === 'string') onOpen(adcode);
    };
    map.on('click', DISTRICT_FILL_LAYER, open);
    return () => void map.off('click', DISTRICT_FILL_LAYER, open);
  }, [map, onOpen]);

  useEffect(() => {
    if (!map) return;
    const markers = labels.features.map((f) => {
      const link = document.createElement('a');
      link.className = 'district-map-label';
      link.href = f.properties.href;
      link.textContent = f.properties.name;
      link.dataset.testid = `district-map-link-${f.properties.adcode}`;
      return new Marker({ element: link }).setLngLat(f.geometry.coordinates as [number, number]).addTo(map);
    });
    return () => markers.forEach((m) => m.remove());
  }, [map, labels]);

  useEffect(() => {
    if (!map) return;
    (map.getSource(DISTRICTS_SOURCE) as GeoJSONSource | undefined)?.setData(districts);
    if (bounds && !fitted.current) {
      fitted.current = true;
      map.fitBounds(bounds, { padding: 24, duration: 0 });
    }
    // For browser tests: the first boundaries handed in are drawn.
    const done = () => setDrawn(districts.features.length > 0);
    map.once('idle', done);
    return () => void map.off('idle', done);
  }, [map, districts, bounds]);

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
