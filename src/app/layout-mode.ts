/**
 * Which layout the viewport gets. Phone: at most 600 px wide, or a phone on its side (at most 500 px high and
 * narrower than a desk): the map full-width with the panels in a bottom sheet. Tablet: up to 1200 px wide, the
 * map with one panel drawer at a time. Desk: 1200 px and up, the two fixed sidebars as before.
 */
import { useSyncExternalStore } from 'react';

export type LayoutMode = 'phone' | 'tablet' | 'desk';

/** Widths and heights in CSS pixels; app.css and field-layout.css use the same classes, not their own queries. */
export const PHONE_MAX_WIDTH_PX = 600;
export const PHONE_MAX_HEIGHT_PX = 500;
export const DESK_MIN_WIDTH_PX = 1200;

/**
 * @example layoutModeFor(390, 844) // 'phone'
 * @example layoutModeFor(844, 390) // 'phone' (landscape)
 * @example layoutModeFor(768, 1024) // 'tablet'
 * @example layoutModeFor(1366, 768) // 'desk'
 */
export function layoutModeFor(width: number, height: number): LayoutMode {
  if (width >= DESK_MIN_WIDTH_PX) return 'desk';
  if (width <= PHONE_MAX_WIDTH_PX || height <= PHONE_MAX_HEIGHT_PX) return 'phone';
  return 'tablet';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  window.addEventListener('orientationchange', onChange);
  return () => {
    window.removeEventListener('resize', onChange);
    window.removeEventListener('orientationchange', onChange);
  };
}

/** The layout for the current window, re-rendering the caller when a rotation or resize changes it. */
export function useLayoutMode(): LayoutMode {
  return useSyncExternalStore(
    subscribe,
    () => layoutModeFor(window.innerWidth, window.innerHeight),
    () => 'desk',
  );
}
