/**
 * Builds metadata segments to put into a JPEG in tests: an EXIF APP1 whose IFD0 points at a GPS IFD holding a
 * position (GPSLatitude 30°1'12", GPSLongitude 122°6'0"), an XMP APP1, an APP13 and a COM comment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINY_JPEG = new Uint8Array(readFileSync(join(__dirname, 'tiny.jpg')));

/** A marker segment: FF, marker, big-endian length (payload + 2), payload. */
export function segment(marker: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  out.set(payload, 4);
  return out;
}

/** EXIF (little-endian TIFF) with a GPS IFD: the segment a phone camera writes with location on. */
export function exifGpsSegment(): Uint8Array {
  const tiff: number[] = [];
  const u16 = (v: number) => tiff.push(v & 0xff, v >> 8);
  const u32 = (v: number) => tiff.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  tiff.push(0x49, 0x49); // II
  u16(42);
  u32(8); // IFD0 at 8
  u16(1); // one entry: GPSInfo pointer
  u16(0x8825);
  u16(4);
  u32(1);
  u32(26); // GPS IFD at 26
  u32(0); // no next IFD
  // GPS IFD at 26: 4 entries (LatRef, Lat, LonRef, Lon), then the rationals
  const dataAt = 26 + 2 + 4 * 12 + 4;
  u16(4);
  u16(1);
  u16(2);
  u32(2);
  tiff.push(0x4e, 0, 0, 0); // 'N'
  u16(2);
  u16(5);
  u32(3);
  u32(dataAt);
  u16(3);
  u16(2);
  u32(2);
  tiff.push(0x45, 0, 0, 0); // 'E'
  u16(4);
  u16(5);
  u32(3);
  u32(dataAt + 24);
  u32(0);
  for (const [n, d] of [
    [30, 1],
    [1, 1],
    [12, 1],
    [122, 1],
    [6, 1],
    [0, 1],
  ]) {
    u32(n);
    u32(d);
  }
  const header = [...new TextEncoder().encode('Exif'), 0, 0];
  return segment(0xe1, new Uint8Array([...header, ...tiff]));
}

/** TINY_JPEG with EXIF GPS, XMP, APP13 and a comment put in after its APP0 (as cameras and editors do). */
export function jpegWithMetadata(): Uint8Array {
  const app0End = 4 + ((TINY_JPEG[4] << 8) | TINY_JPEG[5]) - 2 + 2;
  const text = (s: string) => new TextEncoder().encode(s);
  const parts = [
    TINY_JPEG.subarray(0, app0End),
    exifGpsSegment(),
    segment(0xe1, text('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>张三 iPhone</x:xmpmeta>')),
    segment(0xed, text('Photoshop 3.0\0camera-serial-12345')),
    segment(0xfe, text('taken by 张三')),
    TINY_JPEG.subarray(app0End),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
