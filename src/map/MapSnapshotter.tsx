/** Offers snapshots of the enclosing map to the panels (src/map/snapshot.ts) while the map lives. Renders nothing. */
import { useEffect } from 'react';
import { useMap } from './map-context';
import { registerMapSnapshot } from './snapshot';

export function MapSnapshotter() {
  const map = useMap();
  useEffect(() => registerMapSnapshot(map), [map]);
  return null;
}
