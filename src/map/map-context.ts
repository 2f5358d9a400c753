/** The one MapLibre map, shared with the components that sync data into it. */
import { createContext, useContext } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';

export const MapContext = createContext<MapLibreMap | null>(null);

/** The map owned by the enclosing `<MapView>`; only rendered once its style has loaded. */
export function useMap(): MapLibreMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('useMap must be used inside <MapView> after the map has loaded');
  return map;
}
