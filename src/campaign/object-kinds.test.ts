import { fileURLToPath } from 'node:url';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  ANCHOR_KINDS,
  dataKeyOf,
  kindOfDataKey,
  mapDataKeys,
  mapKinds,
  OBJECT_DATA_KEYS,
  OBJECT_KIND_DEFS,
  OBJECT_KINDS,
} from './object-kinds';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REGISTRY = path.join(ROOT, 'src/campaign/object-kinds.ts');

/** An eighth kind, added to the registry and nowhere else. */
const NEW_KIND = `
  fieldRecord: {
    dataKey: 'fieldRecords',
    file: 'fieldRecords.geojson',
    geometry: ['Point'],
    role: 'target',
    label: { zh: '现场记录', en: 'Field record' },
  },
} as const satisfies Record<string, KindDef>;`;

/**
 * The places a new kind must be filled in, and only those: its properties, how ingest reads it, how the map
 * draws it, and its names in the app. Every other list of kinds follows the registry by itself.
 */
const MUST_FILL_IN = [
  'scripts/bench/data.ts', // how many the benchmark generates (0 is fine)
  'src/dataset/types.ts', // ObjectPropsByKind: the properties of its features
  'src/ingest/objects.ts', // FEATURE_KINDS: the fields ingest reads and how a record becomes a feature
  'src/map/layers.ts', // KIND_LAYERS: its map layers, clickable layers, status join
  'src/panels/LayerPanel.tsx', // LAYER_LABEL: the layer toggle's label
  'src/panels/details-parts.tsx', // KIND_LABEL: its name in the detail views
];

describe('object kind registry', () => {
  it('lists the kinds in slot order with their data keys', () => {
    expect(OBJECT_KINDS).toEqual(['community', 'market', 'townSeat', 'compound', 'street', 'station', 'adsite']);
    expect(ANCHOR_KINDS).toEqual(['community', 'market', 'townSeat']);
    expect(OBJECT_DATA_KEYS).toEqual([
      'communities',
      'markets',
      'townSeats',
      'compounds',
      'streets',
      'stations',
      'adsites',
    ]);
    for (const kind of OBJECT_KINDS) expect(kindOfDataKey(dataKeyOf(kind))).toBe(kind);
    expect(Object.keys(mapKinds((k) => k))).toEqual(OBJECT_KINDS);
    expect(mapDataKeys((_, kind) => OBJECT_KIND_DEFS[kind].file).townSeats).toBe('townSeats.geojson');
  });

  it('adding a kind to the registry alone makes the compiler point at exactly the places to fill in', () => {
    const before = errorFiles(undefined);
    expect(before).toEqual({});
    const after = errorFiles((text) => {
      const patched = text.replace(/\n} as const satisfies Record<string, KindDef>;/, NEW_KIND);
      expect(patched).not.toBe(text);
      return patched;
    });
    expect(Object.keys(after)).toEqual(MUST_FILL_IN);
  }, 300_000);
});

/**
 * Type-checks the non-test sources of src/ and scripts/ with the project's tsconfig, the registry's text passed
 * through `patch`; returns the messages by file (relative to the repository root). Test files are left out:
 * they only import what they test, and checking them would double the time.
 */
function errorFiles(patch: ((text: string) => string) | undefined): Record<string, string[]> {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const rootNames = parsed.fileNames.filter(
    (f) => /^(src|scripts)\//.test(path.relative(ROOT, f)) && !/\.test\.tsx?$/.test(f),
  );
  const host = ts.createCompilerHost(parsed.options);
  if (patch) {
    const getSourceFile = host.getSourceFile;
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      path.resolve(fileName) === REGISTRY
        ? ts.createSourceFile(fileName, patch(ts.sys.readFile(fileName)!), languageVersion)
        : getSourceFile(fileName, languageVersion, ...rest);
  }
  const program = ts.createProgram({ rootNames, options: parsed.options, host });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  const byFile: Record<string, string[]> = {};
  for (const d of diagnostics) {
    const file = d.file ? path.relative(ROOT, d.file.fileName) : '(global)';
    (byFile[file] ??= []).push(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }
  return Object.fromEntries(Object.entries(byFile).sort(([a], [b]) => (a < b ? -1 : 1)));
}
