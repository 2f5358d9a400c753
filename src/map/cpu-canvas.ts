/**
 * Canvases for marker images that MapLibre takes as pixels (`addImage` with ImageData), kept on the CPU:
 * `willReadFrequently` keeps them out of the GPU, where each `getImageData` costs a read-back (measured 20–40 ms
 * per image in Chromium; the state shapes' first pass took 600 ms of the 5k load before they shared this). One
 * canvas per size, reused: the caller draws, reads the pixels back and leaves it for the next image.
 */
const contexts = new Map<number, CanvasRenderingContext2D | null>();

/** A cleared `size`×`size` 2D context with an identity transform, or null where the browser gives none. */
export function cpuContext(size: number): CanvasRenderingContext2D | null {
  let ctx = contexts.get(size);
  if (ctx === undefined) {
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    ctx = canvas.getContext('2d', { willReadFrequently: true });
    contexts.set(size, ctx);
  }
  if (!ctx) return null;
  // Nothing drawn or set for the last image carries over (reset() is missing in older browsers and jsdom).
  if (typeof ctx.reset === 'function') ctx.reset();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, size, size);
  ctx.lineCap = 'butt';
  ctx.lineJoin = 'miter';
  return ctx;
}
