/**
 * How big a field photo may be: the phone shrinks every photo on a canvas before it is queued (long side at most
 * MAX_LONG_SIDE_PX, JPEG quality JPEG_QUALITY, which also leaves the camera's EXIF behind), and a record holds at
 * most MAX_PHOTOS_PER_RECORD of them, each at most MAX_PHOTO_BYTES after shrinking. The refresh holds returned
 * zips to the same numbers.
 */

/** Longest side of a stored photo: enough to read a sign or a crack on a laptop screen. */
export const MAX_LONG_SIDE_PX = 1600;
/** JPEG quality of the shrunk photo (0–1): about 200–400 kB at 1600 px. */
export const JPEG_QUALITY = 0.7;
export const MAX_PHOTOS_PER_RECORD = 4;
/** A shrunk photo over this is refused rather than queued (a 1600 px JPEG at 0.7 is far below it). */
export const MAX_PHOTO_BYTES = 1_500_000;
/** An original larger than this is refused before it is decoded (a phone's photo is 2–12 MB). */
export const MAX_ORIGINAL_BYTES = 40_000_000;

/**
 * The size to draw a `width`×`height` image at so its long side is at most `maxLongSidePx`; never enlarged.
 *
 * @example fitWithin(4032, 3024) // { width: 1600, height: 1200 }
 */
export function fitWithin(
  width: number,
  height: number,
  maxLongSidePx = MAX_LONG_SIDE_PX,
): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new Error(`image size must be positive, got ${width}×${height}`);
  const scale = Math.min(1, maxLongSidePx / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export type PhotoRefusal =
  | { reason: 'tooMany'; max: number }
  | { reason: 'notImage'; type: string }
  | { reason: 'originalTooBig'; bytes: number; max: number }
  | { reason: 'tooBig'; bytes: number; max: number };

/** Why one more photo (`type`, `bytes` before shrinking) cannot join a record already holding `count`; or null. */
export function refuseOriginal(count: number, type: string, bytes: number): PhotoRefusal | null {
  if (count >= MAX_PHOTOS_PER_RECORD) return { reason: 'tooMany', max: MAX_PHOTOS_PER_RECORD };
  if (!type.startsWith('image/')) return { reason: 'notImage', type };
  if (bytes > MAX_ORIGINAL_BYTES) return { reason: 'originalTooBig', bytes, max: MAX_ORIGINAL_BYTES };
  return null;
}

/** Why a shrunk photo of `bytes` cannot be stored; or null. */
export function refuseShrunk(bytes: number): PhotoRefusal | null {
  return bytes > MAX_PHOTO_BYTES ? { reason: 'tooBig', bytes, max: MAX_PHOTO_BYTES } : null;
}
