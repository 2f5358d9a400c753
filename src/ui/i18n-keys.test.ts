/**
 * The i18n table and the code agree: every key the code passes to `t` is defined, and every defined key is used
 * somewhere in the browser shell (a key nobody reads is a label edited in two languages for nothing). A key is
 * "used" when it appears as a string literal in a shell source file (the core has no UI text, and its own strings
 * such as 'no' or 'asOfDate' must not count); keys the code builds from parts are declared in `DYNAMIC_KEYS`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, type MessageKey } from './i18n';

/** Keys built at run time (a template literal cast to MessageKey), by the file that builds them. */
const DYNAMIC_KEYS: Record<string, MessageKey[]> = {
  // `weekdayName${dueWeekday}`: the weekly report's due weekday, 1 = Monday … 7 = Sunday.
  'src/panels/WeeklyChart.tsx': [
    'weekdayName1',
    'weekdayName2',
    'weekdayName3',
    'weekdayName4',
    'weekdayName5',
    'weekdayName6',
    'weekdayName7',
  ],
};

const SRC = join(__dirname, '..');
const ROOT = join(SRC, '..');
const SHELL = ['app', 'map', 'panels', 'store', 'ui', 'worker'];
const sources = SHELL.flatMap((dir) =>
  (readdirSync(join(SRC, dir), { recursive: true }) as string[]).map((name) => join(SRC, dir, name)),
)
  .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
  .filter((path) => !path.startsWith(join(SRC, 'ui', 'messages')) && path !== join(SRC, 'ui', 'i18n.ts'))
  .map((path) => ({ file: relative(ROOT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));

const KEYS = new Set(Object.keys(MESSAGES));
const TEMPLATE_KEY = /`[^`]*\$\{[^`]*`\s+as\s+MessageKey/;

describe('i18n keys', () => {
  it('defines every key the code passes to t()', () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      if (!/from '(@\/ui|\.)\/i18n'/.test(text)) continue;
      for (const m of text.matchAll(/\b(?:t|translate)\(\s*(?:[\w.]+\s*,\s*)?['"]([A-Za-z]\w*)['"]/g))
        if (!KEYS.has(m[1])) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('uses every defined key somewhere in the shell', () => {
    const used = new Set<string>(Object.values(DYNAMIC_KEYS).flat());
    for (const { text } of sources) for (const m of text.matchAll(/['"`]([A-Za-z]\w*)['"`]/g)) used.add(m[1]);
    expect([...KEYS].filter((key) => !used.has(key))).toEqual([]);
  });

  it('declares every key built at run time, and only where one is built', () => {
    const building = sources.filter(({ text }) => TEMPLATE_KEY.test(text)).map(({ file }) => file);
    expect(building.sort()).toEqual(Object.keys(DYNAMIC_KEYS).sort());
  });
});
