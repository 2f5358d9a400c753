/**
 * No data text reaches the page as HTML (README, Deploying). Two guards: no source file names an HTML sink at all, and
 * the lint rules that ban them are in force (so a later `eslint-disable` or config edit shows up here too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|setHTML|srcdoc)\b|document\.write\(/;
const ROOTS = ['src', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

describe('no HTML sinks', () => {
  it('no source file in src/ or scripts/ uses innerHTML, outerHTML, insertAdjacentHTML, setHTML, srcdoc or dangerouslySetInnerHTML', () => {
    const hits = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SINKS.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it('eslint rejects each sink, as a property and as a JSX attribute', async () => {
    const eslint = new ESLint();
    const code = [
      'export function A({ text }: { text: string }) {',
      '  document.body.innerHTML = text;',
      '  document.body.insertAdjacentHTML("beforeend", text);',
      '  Object.assign(document.body, { outerHTML: text });',
      '  return <div dangerouslySetInnerHTML={{ __html: text }} />;',
      '}',
    ].join('\n');
    const [result] = await eslint.lintText(code, { filePath: 'src/app/__sink-probe.tsx' });
    const banned = result.messages
      .filter((m) => m.message.includes('Data text is never rendered as HTML.'))
      .map((m) => m.line);
    expect(banned.sort()).toEqual([2, 3, 4, 5]);
  });
});
