/**
 * File names for exports, in the file's language: `R300_文昌社区周边300米_2019-09-12_示例数据.xlsx`. The parts come
 * from the data (anchor and rule names), so the result is made safe for every desktop system: characters Windows,
 * macOS or Linux refuse (`<>:"/\|?*`, control characters) become `_`, runs of spaces and `_` shrink to one, a
 * name Windows reserves (CON, NUL, COM1 …) gets a leading `_`, trailing dots and spaces go, and the stem is cut to
 * MAX_STEM_CHARS characters without splitting a surrogate pair.
 */
import type { IsoDate } from '../campaign/types';
import type { ExportLang } from './labels';

/** Characters of the stem kept at most: well under the 255-byte limit of common file systems in UTF-8 (3 bytes each). */
export const MAX_STEM_CHARS = 80;

/** The marker a sample data set's files end with. */
export const SAMPLE_SUFFIX: Record<ExportLang, string> = { zh: '示例数据', en: 'sample' };

// eslint-disable-next-line no-control-regex -- control characters are what this removes
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A file name from its parts (joined by `_`), the as-of date, the sample marker and the extension, made safe.
 *
 * @example exportFilename(['R300', '文昌社区周边300米'], '2019-09-12', true, 'xlsx', 'zh') // 'R300_文昌社区周边300米_2019-09-12_示例数据.xlsx'
 */
export function exportFilename(
  parts: readonly string[],
  date: IsoDate,
  sample: boolean,
  ext: string,
  lang: ExportLang,
): string {
  const named = parts.map(safeFilePart).filter(Boolean);
  const stem = clip(
    [...(named.length ? named : ['export']), date].join('_'),
    MAX_STEM_CHARS - 1 - SAMPLE_SUFFIX[lang].length,
  );
  return `${sample ? `${stem}_${SAMPLE_SUFFIX[lang]}` : stem}.${ext}`;
}

/**
 * One part of a file name made safe on every desktop system (see the module comment).
 *
 * @example safeFilePart('a/b:c*?  d.') // 'a_b_c_d'
 */
export function safeFilePart(s: string): string {
  let out = s
    .normalize('NFC')
    .replace(ILLEGAL, '_')
    .replace(/\s+/g, ' ')
    .replace(/[ _]*_[ _]*/g, '_')
    .replace(/^[ ._]+|[ ._]+$/g, '');
  if (RESERVED.test(out)) out = `_${out}`;
  return clip(out, MAX_STEM_CHARS);
}

/** At most `max` UTF-16 units, without splitting a surrogate pair, and no trailing dot or space left by the cut. */
function clip(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out.replace(/[ .]+$/, '');
}
