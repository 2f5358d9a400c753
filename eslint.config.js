import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Layers (README, Architecture): imports flow one way, core -> worker -> store -> ui -> map -> panels -> app.
// The core runs the same in the browser, a Web Worker and Node, so it names no UI library, no Node module and no
// shell folder; tests and fixtures of the core may read files with node:*.
const CORE = ['campaign', 'geo', 'ingest', 'dataset', 'export', 'defects', 'insights', 'sample', 'field'];
const UI_PACKAGES = ['react', 'react-dom', 'zustand', 'maplibre-gl'];
const NODE_BUILTINS = ['fs', 'path', 'os', 'url', 'crypto', 'child_process', 'worker_threads', 'stream', 'util'];

/** `no-restricted-imports` options for a file in `layer` that must not import `folders` or `packages`. */
function layerRule(layer, folders, packages = [], { node = false } = {}) {
  const patterns = [];
  if (packages.length > 0)
    patterns.push({
      regex: `^(${packages.join('|')})(/.*)?$`,
      message: `${layer} does not import ${packages.join(', ')}: UI libraries belong to the browser shell.`,
    });
  if (node)
    patterns.push({
      regex: `^(node:.*|(${NODE_BUILTINS.join('|')})(/.*)?)$`,
      message: `${layer} runs in the browser too: Node modules belong to scripts/ (tests and fixtures may use them).`,
    });
  patterns.push({
    // `@/app/x`, `../app/x`, `../../app/x`: both spellings of an import of a folder of src/.
    regex: `^(@/|(\\.\\./)+)(${folders.join('|')})(/|$)`,
    message: `${layer} must not import from ${folders.map((f) => `src/${f}`).join(', ')}: imports flow one way (README, Architecture).`,
  });
  return ['error', { patterns }];
}

const coreFiles = (exts) => CORE.map((d) => `src/${d}/**/*.${exts}`);
const SHELL = ['app', 'panels', 'map', 'store', 'worker', 'ui'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/__fixtures__/**'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'tests/e2e/artifacts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Text from data files is never rendered as HTML.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Data text is never rendered as HTML.' },
        { property: 'outerHTML', message: 'Data text is never rendered as HTML.' },
        { property: 'setHTML', message: 'Data text is never rendered as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Data text is never rendered as HTML.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Data text is never rendered as HTML.',
        },
        {
          selector: 'Property[key.name=/^(innerHTML|outerHTML|dangerouslySetInnerHTML)$/]',
          message: 'Data text is never rendered as HTML.',
        },
      ],
    },
  },
  {
    files: coreFiles('{ts,tsx}'),
    ignores: TESTS,
    rules: {
      'no-restricted-imports': layerRule('The core', SHELL, UI_PACKAGES, { node: true }),
      'no-restricted-globals': [
        'error',
        ...['fetch', 'document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'XMLHttpRequest'].map(
          (name) => ({ name, message: 'The core does no I/O and has no page: the shell passes data in.' }),
        ),
      ],
    },
  },
  {
    files: CORE.flatMap((d) => TESTS.map((t) => `src/${d}/${t}`)),
    rules: { 'no-restricted-imports': layerRule('The core', SHELL, UI_PACKAGES) },
  },
  {
    files: ['src/worker/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': layerRule('The worker', ['app', 'panels', 'map', 'store', 'ui'], UI_PACKAGES),
    },
  },
  {
    // The service worker: the core's offline keys and Workbox, no page.
    files: ['src/sw/**/*.ts'],
    rules: { 'no-restricted-imports': layerRule('The service worker', SHELL, UI_PACKAGES) },
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerRule('The store', ['app', 'panels', 'map', 'ui'], ['maplibre-gl']) },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerRule('src/ui', ['app', 'panels', 'map'], ['maplibre-gl']) },
  },
  {
    files: ['src/map/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerRule('The map', ['app', 'panels']) },
  },
  {
    files: ['src/panels/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': layerRule('The panels', ['app']) },
  },
  {
    // The Node shell calls the core only; the browser shell's folders need a page (the browser bench's bare
    // MapLibre page is one, and draws with the app's basemap style).
    files: ['scripts/**/*.ts'],
    ignores: ['scripts/bench/bare/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(@/|(\\.\\./)+src/)(${SHELL.join('|')})(/|$)`,
              message:
                'scripts/ call the core only: the browser shell (src/app, panels, map, store, worker, ui) needs a page.',
            },
          ],
        },
      ],
    },
  },
);
