/**
 * Shrinks a photo on the phone before it is queued: decoded with createImageBitmap (turned upright by its EXIF
 * orientation), drawn on a canvas at most MAX_LONG_SIDE_PX on its long side, and encoded as JPEG at JPEG_QUALITY.
 * A canvas writes no EXIF, so the camera's GPS tags, serial number and the like never leave the phone.
 */
import { fitWithin, JPEG_QUALITY, refuseOriginal, refuseShrunk, type PhotoRefusal } from '@/field/photo-limits';

export type ShrinkResult =
  | { ok: true; blob: Blob; width: number; height: number }
  | { ok: false; refusal: PhotoRefusal | { reason: 'unreadable' } };

/** `file` shrunk for a record that already holds `count` photos, or why it cannot be added. */
export async function shrinkPhoto(file: File, count: number): Promise<ShrinkResult> {
  const refusal = refuseOriginal(count, file.type || 'application/octet-stream', file.size);
  if (refusal) return { ok: false, refusal };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { ok: false, refusal: { reason: 'unreadable' } };
  }
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return { ok: false, refusal: { reason: 'unreadable' } };
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob) return { ok: false, refusal: { reason: 'unreadable' } };
  const tooBig = refuseShrunk(blob.size);
  return tooBig ? { ok: false, refusal: tooBig } : { ok: true, blob, width, height };
}

export type PositionFix =
  { ok: true; lngLat: [number, number]; accuracyM: number } | { ok: false; reason: 'denied' | 'unavailable' };

/** The device's position now (a fix up to a minute old will do), or why there is none; never rejects. */
export function currentPosition(timeoutMs = 10_000): Promise<PositionFix> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve({ ok: false, reason: 'unavailable' });
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          ok: true,
          lngLat: [Number(p.coords.longitude.toFixed(6)), Number(p.coords.latitude.toFixed(6))],
          accuracyM: Math.round(p.coords.accuracy),
        }),
      (e) => resolve({ ok: false, reason: e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
