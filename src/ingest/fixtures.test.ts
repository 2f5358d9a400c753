/**
 * The bad-input corpus: each folder under __fixtures__/bad is a tiny data directory (sources.json + files) and
 * `expected.txt` holds the exact problem lines it must produce. Cases whose point is what is kept (markup or
 * formula-looking names) also have `names.json`: the names that must come out, verbatim.
 * `REGEN=1 npx vitest run src/ingest/fixtures.test.ts` rewrites expected.txt; review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { ingestSources } from './ingest';
import { formatProblem } from './problems';
import { parseSources } from './sources';

const here = dirname(fileURLToPath(import.meta.url));
const BAD = join(here, '__fixtures__', 'bad');
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
const cases = readdirSync(BAD).sort();

describe('bad-input corpus', () => {
  test('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  test.each(cases)('%s', async (name) => {
    const dir = join(BAD, name);
    const { sources, problems: sourceProblems } = parseSources(
      JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')),
    );
    const inputs = sources.map((spec) => ({ spec, bytes: new Uint8Array(readFileSync(join(dir, spec.path))) }));
    const { data, problems, warnings } = await ingestSources(inputs, campaign);
    const lines = [...sourceProblems, ...problems, ...warnings].map(formatProblem);
    const expectedPath = join(dir, 'expected.txt');
    if (process.env.REGEN) writeFileSync(expectedPath, lines.map((l) => `${l}\n`).join(''));
    const expected = readFileSync(expectedPath, 'utf8').split('\n').filter(Boolean);
    expect(lines).toEqual(expected);

    const namesPath = join(dir, 'names.json');
    if (existsSync(namesPath)) {
      const kept = [data.communities, data.compounds, data.markets].flatMap((fc) =>
        fc.features.map((f) => f.properties.name),
      );
      expect(kept).toEqual(JSON.parse(readFileSync(namesPath, 'utf8')));
    } else {
      expect(lines.length).toBeGreaterThan(0);
    }
  });
});
