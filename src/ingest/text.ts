/**
 * Bytes to text. Office spreadsheets exported on Chinese Windows are often GBK; exports from newer tools are UTF-8,
 * with or without a byte-order mark. 'auto' takes UTF-8 when the bytes are valid UTF-8 and GBK otherwise: GBK text
 * of any length is almost never valid UTF-8, while ASCII is both. A declared encoding is checked against the bytes
 * too, because the wrong one does not fail: it publishes mojibake (UTF-8 read as GBK turns 名称 into 鍚嶇О).
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'gbk' | 'auto';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** CJK ideographs and CJK punctuation/full-width forms: UTF-8 bytes that decode to these are text, not chance. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Decodes `bytes`; throws with a plain message and the fix when the declared encoding does not fit the bytes: an
 * explicit 'utf8' that is not valid UTF-8, or an explicit 'gbk' whose bytes are UTF-8 (a BOM, or valid UTF-8
 * holding Chinese text).
 *
 * @example decodeText(bytes, 'auto') // { text: '名称,经度…', encoding: 'gbk' }
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncoding = 'auto',
): { text: string; encoding: 'utf8' | 'gbk' | 'utf16le' | 'utf16be' } {
  // Excel's "Unicode text" export is tab-separated UTF-16 with a byte-order mark, which no other encoding
  // starts with: read it whatever was declared (the CSV reader detects the tabs).
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf16be' };
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  let utf8: string | null = null;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    utf8 = null;
  }
  if (encoding === 'gbk') {
    if (hasBom || (utf8 !== null && CJK.test(utf8))) {
      throw new Error(
        `declared "encoding": "gbk" but the file is UTF-8 (${hasBom ? 'it starts with a UTF-8 byte-order mark' : 'its Chinese text is valid UTF-8'}); reading it as GBK would publish garbled text: set "encoding": "utf8" (or "auto") in sources.json`,
      );
    }
    return { text: iconv.decode(body as Buffer, 'gbk'), encoding: 'gbk' };
  }
  if (utf8 !== null) return { text: utf8, encoding: 'utf8' };
  if (encoding === 'utf8' || hasBom) {
    const at = firstInvalidUtf8(body);
    const gbk = iconv.decode(body as Buffer, 'gbk');
    const hint =
      !gbk.includes('\ufffd') && CJK.test(gbk)
        ? 'the bytes read as GBK Chinese, as Excel on Chinese Windows exports them.'
        : 'a GBK export from Excel?';
    throw new Error(
      `not valid UTF-8 at byte ${at + (hasBom ? 3 : 0)}: ${hint} Set "encoding": "gbk" or "auto" in sources.json`,
    );
  }
  return { text: iconv.decode(body as Buffer, 'gbk'), encoding: 'gbk' };
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (overlong forms aside). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k += 1) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

// C0 and C1 control characters, DEL included; tab, line feed and carriage return become spaces first.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * A text cell as plain text: control characters removed, whitespace trimmed. Markup is kept verbatim because
 * it is data (the UI never renders data as HTML), so `<script>` in a name stays a visible string.
 */
export function cleanText(value: string): string {
  return value
    .replace(/[\t\r\n]+/g, ' ')
    .replace(CONTROL, '')
    .trim();
}

/** Names of the invisible characters people paste into ids by accident (or on purpose, to make look-alikes). */
const INVISIBLE_NAMES: Record<number, string> = {
  0x00ad: 'soft hyphen',
  0x061c: 'Arabic letter mark',
  0x180e: 'Mongolian vowel separator',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space (byte-order mark)',
};
/** Control (Cc), format (Cf: zero-width, bidi) and line/paragraph separators: none is visible where an id is shown. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * The first invisible or control character of `value`, as `U+200B (zero-width space) at position 3` (1-based,
 * counted in characters of the text as written), or null. Leading and trailing tabs and line breaks are left to
 * `cleanText`, which trims them.
 */
export function findInvisible(value: string): string | null {
  const chars = [...value.replace(/^[\t\r\n ]+|[\t\r\n ]+$/g, '')];
  const offset = [...value].length - [...value.replace(/^[\t\r\n ]+/, '')].length;
  const i = chars.findIndex((c) => INVISIBLE.test(c));
  if (i < 0) return null;
  const cp = chars[i].codePointAt(0)!;
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} (${INVISIBLE_NAMES[cp] ?? 'control character'}) at position ${i + 1 + offset}`;
}
