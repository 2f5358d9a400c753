/**
 * The skip link (跳到地图): the first stop of the Tab key, hidden until focused, that moves focus past the header
 * and the filter and layer panels straight to the map, whose canvas then takes the arrow and +/- keys.
 */
import type { MouseEvent } from 'react';
import { useT } from '@/ui/i18n';

/** Id of the map's box in the workspace: the link's target. */
export const MAP_TARGET_ID = 'map-main';

export function SkipToMap() {
  const t = useT();
  function skip(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    const box = document.getElementById(MAP_TARGET_ID);
    const canvas = box?.querySelector<HTMLElement>('canvas.maplibregl-canvas');
    (canvas ?? box)?.focus();
  }
  return (
    <a className="skip-link" href={`#${MAP_TARGET_ID}`} onClick={skip} data-testid="skip-to-map">
      {t('skipToMap')}
    </a>
  );
}
