/**
 * Bytes to text. Office spreadsheets exported on Chinese Windows are often GBK; exports from newer tools are UTF-8,
 * with or without a byte-order mark. 'auto' takes UTF-8 when the bytes are valid UTF-8 and GBK otherwise: GBK text
 * of any length is almost never valid UTF-8, while ASCII is both.
 */
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'gbk' | 'auto';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decodes `bytes`; throws with a plain message when an explicit 'utf8' is not valid UTF-8.
 *
 * @example decodeText(bytes, 'auto') // { text: '名称,经度…', encoding: 'gbk' }
 */
export function decodeText(
  bytes: Uint8Array,
  encoding: TextEncoding = 'auto',
): { text: string; encoding: 'utf8' | 'gbk' } {
  const hasBom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (encoding === 'gbk') return { text: iconv.decode(body as Buffer, 'gbk'), encoding: 'gbk' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8' };
  } catch {
    if (encoding === 'utf8' || hasBom) {
      throw new Error('not valid UTF-8 (a GBK export from Excel? set "encoding": "gbk" or "auto" in sources.json)');
    }
    return { text: iconv.decode(body as Buffer, 'gbk'), encoding: 'gbk' };
  }
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
