import { describe, expect, it } from 'vitest';
import { exifGpsSegment, jpegWithMetadata, TINY_JPEG } from './__fixtures__/exif';
import { hasJpegMetadata, stripJpegMetadata } from './jpeg-strip';

const contains = (hay: Uint8Array, needle: Uint8Array) => Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

describe('stripJpegMetadata', () => {
  it('drops EXIF with its GPS position, XMP, APP13 and comments, and gives the original image back', () => {
    const tagged = jpegWithMetadata();
    expect(contains(tagged, exifGpsSegment())).toBe(true);
    expect(hasJpegMetadata(tagged)).toBe(true);
    const r = stripJpegMetadata(tagged);
    if (!r.ok) throw new Error(r.reason);
    expect(r.dropped).toBe(4);
    expect([...r.bytes]).toEqual([...TINY_JPEG]);
    expect(contains(r.bytes, new TextEncoder().encode('Exif'))).toBe(false);
    expect(contains(r.bytes, new TextEncoder().encode('张三'))).toBe(false);
    expect(hasJpegMetadata(r.bytes)).toBe(false);
  });

  it('keeps a JPEG without metadata byte for byte', () => {
    const r = stripJpegMetadata(TINY_JPEG);
    expect(r.ok && [...r.bytes]).toEqual([...TINY_JPEG]);
    expect(r.ok && r.dropped).toBe(0);
  });

  it('keeps stuffed 0xFF00 bytes and restart markers inside the image data', () => {
    const sos = TINY_JPEG.length - 2; // put a restart marker and a stuffed FF00 just before EOI
    const withRst = new Uint8Array([
      ...TINY_JPEG.subarray(0, sos),
      0xff,
      0x00,
      0xff,
      0xd0,
      0x12,
      ...TINY_JPEG.subarray(sos),
    ]);
    const r = stripJpegMetadata(withRst);
    expect(r.ok && [...r.bytes]).toEqual([...withRst]);
  });

  it('refuses what is not a JPEG, or is cut short', () => {
    expect(stripJpegMetadata(new TextEncoder().encode('GIF89a......'))).toEqual({
      ok: false,
      reason: 'not a JPEG (no SOI)',
    });
    const cut = stripJpegMetadata(jpegWithMetadata().subarray(0, 40));
    expect(cut.ok).toBe(false);
    const noEnd = stripJpegMetadata(TINY_JPEG.subarray(0, TINY_JPEG.length - 2));
    expect(noEnd.ok).toBe(false);
  });
});
