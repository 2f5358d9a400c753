/**
 * MapLibre's own control tooltips (zoom, compass, fullscreen, attribution, scale units, the canvas's name) in
 * the app's language, from the i18n table. MapLibre reads them when a control is added, so on a language change
 * the navigation and scale controls are added again (the attribution is re-added by MapSync's useAttribution).
 */
import { useEffect } from 'react';
import { NavigationControl, ScaleControl, type Map as MapLibreMap } from 'maplibre-gl';
import { t, type Lang } from '@/ui/i18n';
import { useAppStore } from '@/store/store';

/** The `locale` option of the map: MapLibre's UI string ids to the app's strings in `lang`. */
export function mapLocale(lang: Lang): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': t(lang, 'mapZoomIn'),
    'NavigationControl.ZoomOut': t(lang, 'mapZoomOut'),
    'NavigationControl.ResetBearing': t(lang, 'mapResetBearing'),
    'FullscreenControl.Enter': t(lang, 'mapFullscreenEnter'),
    'FullscreenControl.Exit': t(lang, 'mapFullscreenExit'),
    'AttributionControl.ToggleAttribution': t(lang, 'mapToggleAttribution'),
    'Map.Title': t(lang, 'mapCanvasTitle'),
    'ScaleControl.Meters': t(lang, 'mapMeters'),
    'ScaleControl.Kilometers': t(lang, 'mapKilometers'),
  };
}

/** Adds the navigation and scale controls in the current language, again whenever it changes. */
export function useLocalizedControls(map: MapLibreMap): void {
  const lang = useAppStore((s) => s.lang);
  useEffect(() => {
    const locale = mapLocale(lang);
    applyLocale(map, locale);
    const nav = new NavigationControl({ showCompass: false });
    const scale = new ScaleControl({ unit: 'metric' });
    map.addControl(nav, 'top-right');
    map.addControl(scale, 'bottom-right');
    return () => {
      map.removeControl(nav);
      map.removeControl(scale);
    };
  }, [map, lang]);
}

/** MapLibre keeps its UI strings in `_locale` (public in its types) and reads them as each control is added. */
function applyLocale(map: MapLibreMap, locale: Record<string, string>): void {
  Object.assign(map._locale, locale);
  map.getCanvas().setAttribute('aria-label', locale['Map.Title']);
}
