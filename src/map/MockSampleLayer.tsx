/**
 * Draws the mock inspection's example draw (模拟测评, one of the 1,000 samples) on the map when the panel asks for
 * it: each sampled site outlined, green when it passes and red when it fails (points as rings, streets as wide
 * lines, compound polygons as outlines). Its own source and layers on top of the others, re-added when the
 * basemap changes the style. Renders nothing.
 */
import { useEffect, useMemo } from 'react';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import { mockInspectionOf } from '@/campaign/mock-inspection';
import { findObject } from '@/store/selectors';
import { useAppStore } from '@/store/store';
import { useMap } from './map-context';
import { shareProgram } from './shared-programs';

const SOURCE_ID = 'mock-sample';
const PASS_COLOR = '#16a34a';
const FAIL_COLOR = '#dc2626';
const COLOR = ['case', ['get', 'fails'], FAIL_COLOR, PASS_COLOR] as const;

/** The example draw's layers: plain data, kept together. */
export const MOCK_SAMPLE_LAYERS: LayerSpecification[] = [
  {
    id: 'mock-sample-lines',
    type: 'line',
    source: SOURCE_ID,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': COLOR as never, 'line-width': 6, 'line-opacity': 0.85 },
  },
  {
    id: 'mock-sample-points',
    type: 'circle',
    source: SOURCE_ID,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': 11,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-width': 4,
      'circle-stroke-color': COLOR as never,
    },
  },
];

type SampleFC = FeatureCollection<Geometry, { id: string; fails: boolean }>;

export function MockSampleLayer() {
  const map = useMap();
  const show = useAppStore((s) => s.mockShowExample);
  const run = useAppStore((s) => s.mockRun);
  const dataset = useAppStore((s) => s.dataset);

  const data = useMemo<SampleFC>(() => {
    const campaign = dataset?.data.campaign;
    if (!show || !run || !campaign) return { type: 'FeatureCollection', features: [] };
    const sites = mockInspectionOf(campaign).sites;
    const features: SampleFC['features'] = [];
    for (const e of run.result.example) {
      const kind = sites.find((s) => s.code === e.site)?.kind;
      const feature = kind ? findObject(dataset, { kind, id: e.id }) : null;
      if (!feature) continue;
      // A polygon compound is outlined by its ring, so the line layer draws it.
      const geometry: Geometry =
        feature.geometry.type === 'Polygon'
          ? { type: 'MultiLineString', coordinates: feature.geometry.coordinates }
          : feature.geometry;
      features.push({ type: 'Feature', geometry, properties: { id: e.id, fails: e.fails } });
    }
    return { type: 'FeatureCollection', features };
  }, [show, run, dataset]);

  useEffect(() => {
    // After a basemap change the style has lost this source and its layers: put them back.
    const ensure = () => {
      if (map.getSource(SOURCE_ID)) return;
      try {
        map.addSource(SOURCE_ID, { type: 'geojson', data });
        for (const layer of MOCK_SAMPLE_LAYERS) if (!map.getLayer(layer.id)) map.addLayer(shareProgram(layer));
      } catch {
        // A new style still loading refuses sources; its own 'styledata' comes once it has loaded.
      }
    };
    const source = map.getSource<GeoJSONSource>(SOURCE_ID);
    if (source) source.setData(data);
    else ensure();
    map.on('styledata', ensure);
    return () => {
      map.off('styledata', ensure);
    };
  }, [map, data]);

  return null;
}
