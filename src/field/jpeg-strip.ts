/**
 * Drops a JPEG's metadata segments (APP1–APP15: EXIF with GPS position and camera serial, XMP, ICC, Photoshop
 * IRB; and COM comments) and keeps everything the image needs: SOI, APP0 (JFIF), quantisation and Huffman tables,
 * frame and scan headers, restart intervals and the entropy-coded data to EOI. Pure byte work, no decoding, so
 * the refresh can strip a returned photo without an image library.
 */

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP1 = 0xe1;
const APP15 = 0xef;

export type StripResult = { ok: true; bytes: Uint8Array; dropped: number } | { ok: false; reason: string };

/**
 * The JPEG without APP1–APP15 and COM segments; `dropped` counts them. Refuses what is not a JPEG or is cut short.
 *
 * @example stripJpegMetadata(withExif) // { ok: true, bytes: <no EXIF>, dropped: 1 }
 */
export function stripJpegMetadata(input: Uint8Array): StripResult {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== SOI) return { ok: false, reason: 'not a JPEG (no SOI)' };
  const out: Uint8Array[] = [input.subarray(0, 2)];
  let dropped = 0;
  let i = 2;
  while (i < input.length) {
    if (input[i] !== 0xff) return { ok: false, reason: `bad marker at byte ${i}` };
    let m = i + 1;
    while (m < input.length && input[m] === 0xff) m += 1; // fill bytes before a marker
    if (m >= input.length) return { ok: false, reason: 'cut short' };
    const marker = input[m];
    if (marker === EOI) {
      out.push(input.subarray(m - 1, m + 1));
      return { ok: true, bytes: concat(out), dropped };
    }
    if (marker === SOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(input.subarray(m - 1, m + 1));
      i = m + 1;
      continue;
    }
    if (m + 2 >= input.length) return { ok: false, reason: `cut short in segment at byte ${i}` };
    const length = (input[m + 1] << 8) | input[m + 2];
    const end = m + 1 + length;
    if (length < 2 || end > input.length) return { ok: false, reason: `segment at byte ${i} runs past the end` };
    const metadata = (marker >= APP1 && marker <= APP15) || marker === COM;
    if (metadata) dropped += 1;
    else out.push(input.subarray(m - 1, end));
    if (marker === SOS) {
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      let j = end;
      while (j < input.length - 1) {
        if (input[j] === 0xff && input[j + 1] !== 0 && !(input[j + 1] >= 0xd0 && input[j + 1] <= 0xd7)) break;
        j += 1;
      }
      if (j >= input.length - 1) return { ok: false, reason: 'cut short in the image data' };
      out.push(input.subarray(end, j));
      i = j;
      continue;
    }
    i = end;
  }
  return { ok: false, reason: 'no end-of-image marker' };
}

/** True when the JPEG still holds a metadata segment (APP1–APP15 or COM) before its image data. */
export function hasJpegMetadata(input: Uint8Array): boolean {
  const r = stripJpegMetadata(input);
  return r.ok && r.dropped > 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
