/**
 * The one owner of the MapLibre map: created once on a container ref, removed on unmount, shared through
 * MapContext. The camera is uncontrolled (MapLibre keeps it); data, visibility, basemap and selection are synced
 * in by <MapSync> only when they change. Without WebGL (disabled, blocklisted GPU, lost driver) the map cannot be
 * made: a message takes its place and the rest of the app (panels, counts, exports) keeps working.
 */
import { Component, useEffect, useRef, useState, type ReactNode } from 'react';
import { Map as MapLibreMap, prewarm, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { BBox, Campaign } from '@/campaign/types';
import { useT } from '@/ui/i18n';
import { useAppStore } from '@/store/store';
import { withDataLayers } from './layers';
import { MapContext } from './map-context';
import { MapSync } from './MapSync';
import { CameraSync } from './CameraSync';
import { DefectMarkers } from './DefectMarkers';
import { FieldOverlay } from './FieldOverlay';
import { MapSnapshotter } from './MapSnapshotter';
import { MockSampleLayer } from './MockSampleLayer';
import { buildBaseStyle } from './style';
import { mapLocale } from './control-locale';
import { PriorityMap } from './PriorityMap';

// MapLibre looks for its worker next to its own module, which a bundler moves; point it at the emitted asset. Its
// workers start now, with the page, rather than when the map is made once the data set is in (they took ~2 s more).
setWorkerUrl(maplibreWorkerUrl);
prewarm();

declare global {
  interface Window {
    /** The map instance once loaded, for browser tests and benchmarks (camera, rendered features, pixels). */
    __map?: MapLibreMap;
  }
}

interface MapViewProps {
  /** The plan (rule and state colours); without it the objects draw in a neutral colour and no zones. */
  campaign: Campaign | null;
  /** Initial view, `[west, south, east, north]`. */
  bounds: BBox;
  tiandituKey: string | null;
  /** Accessible name of the map region. */
  label: string;
}

export function MapView(props: MapViewProps) {
  return (
    <MapFailureBoundary label={props.label}>
      <MapCanvas {...props} />
    </MapFailureBoundary>
  );
}

function MapCanvas({ campaign, bounds, tiandituKey, label }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The style is built once from the first props; later changes flow in through setData, never a new style.
  const initial = useRef({ campaign, bounds, tiandituKey });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { campaign, bounds, tiandituKey } = initial.current;
    const base = buildBaseStyle({ tiandituKey, basemap: useAppStore.getState().basemap });
    // Throws when there is no WebGL2 context; MapFailureBoundary turns that into a message.
    const instance = new MapLibreMap({
      container,
      style: withDataLayers(base, campaign),
      bounds,
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      // Labels are drawn locally with the layer's own CJK font stack (the style has no glyphs URL).
      localIdeographFontFamily: false,
      fadeDuration: 0,
      // Control tooltips in the app's language (MapSync re-adds the controls when it changes).
      locale: mapLocale(useAppStore.getState().lang),
    });
    instance.on('load', () => {
      window.__map = instance;
      setMap(instance);
    });
    return () => {
      if (window.__map === instance) delete window.__map;
      setMap(null);
      instance.remove();
    };
  }, []);

  return (
    <div className="map" ref={containerRef} role="region" aria-label={label} data-testid="map">
      {map && (
        <MapContext.Provider value={map}>
          <MapSync tiandituKey={tiandituKey} />
          <CameraSync />
          <DefectMarkers />
          <FieldOverlay />
          <MapSnapshotter />
          <MockSampleLayer />
          <PriorityMap districtBounds={bounds} />
        </MapContext.Provider>
      )}
    </div>
  );
}

/**
 * Catches what the map throws (MapLibre's constructor throws when WebGL2 is unavailable) and shows a message in
 * its place, so the panels, counts and exports around it keep working.
 */
export class MapFailureBoundary extends Component<{ label: string; children: ReactNode }, { failure: string | null }> {
  state = { failure: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }

  componentDidCatch() {
    useAppStore.getState().setMapFailed(true);
  }

  render() {
    if (this.state.failure === null) return this.props.children;
    return (
      <div className="map" role="region" aria-label={this.props.label} data-testid="map">
        <MapUnavailable detail={this.state.failure} />
      </div>
    );
  }
}

function MapUnavailable({ detail }: { detail: string }) {
  const t = useT();
  return (
    <div className="map-unavailable" role="alert" data-testid="map-unavailable">
      <strong>{t('mapUnavailableTitle')}</strong>
      <p>{t('mapUnavailableBody')}</p>
      <p className="muted">
        <code>{detail}</code>
      </p>
    </div>
  );
}
