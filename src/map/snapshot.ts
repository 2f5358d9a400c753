/**
 * A PNG snapshot of the map around a bbox, for the printed field sheet. The map is made without
 * `preserveDrawingBuffer` (it costs every frame); instead a snapshot moves the camera to the bbox, waits until the
 * tiles are drawn, asks for one more frame and reads the canvas inside that frame's `render` event, while the
 * drawing buffer still holds it. The camera then goes back where it was, so the user's view is not disturbed.
 *
 * The map owner registers the capability (`registerMapSnapshot` from <MapSnapshotter> inside <MapView>), so the
 * panels never hold the map instance; without a map (no WebGL, not loaded yet) `takeMapSnapshot` gives null.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BBox } from '@/campaign/types';

export interface SnapshotOptions {
  /** Pixels kept free around the bbox. */
  paddingPx?: number;
  /** Give up waiting for tiles after this long and take what is drawn. */
  idleTimeoutMs?: number;
}

type Snapshotter = (bbox: BBox, options: SnapshotOptions) => Promise<string>;

let current: Snapshotter | null = null;

/** The map around `bbox` as a `data:image/png;base64,…` URL, or null when no map can draw. */
export async function takeMapSnapshot(bbox: BBox, options: SnapshotOptions = {}): Promise<string | null> {
  return current ? current(bbox, options) : null;
}

/** Called by the map owner; returns the unregister function for its cleanup. */
export function registerMapSnapshot(map: MapLibreMap): () => void {
  const snap: Snapshotter = (bbox, options) => snapshotOf(map, bbox, options);
  current = snap;
  return () => {
    if (current === snap) current = null;
  };
}

/** One snapshot at a time: a second request waits for the first to put the camera back. */
let queue: Promise<unknown> = Promise.resolve();

function snapshotOf(
  map: MapLibreMap,
  bbox: BBox,
  { paddingPx = 24, idleTimeoutMs = 8000 }: SnapshotOptions,
): Promise<string> {
  const run = queue.then(async () => {
    const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
    try {
      map.fitBounds(bbox, { padding: paddingPx, animate: false });
      await idle(map, idleTimeoutMs);
      return await nextFrameAsPng(map);
    } finally {
      map.jumpTo(camera);
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

/** Resolves on the next `idle` (tiles loaded, nothing moving), or after `timeoutMs` whatever is drawn. */
function idle(map: MapLibreMap, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      map.off('idle', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    map.on('idle', done);
    // A jump to the same camera draws nothing, and then no idle would come.
    map.triggerRepaint();
  });
}

/** The canvas read inside the next `render`, before the browser clears the drawing buffer. */
function nextFrameAsPng(map: MapLibreMap): Promise<string> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      try {
        resolve(map.getCanvas().toDataURL('image/png'));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    map.triggerRepaint();
  });
}
