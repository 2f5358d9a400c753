/**
 * Bench runner. `npm run bench` runs every `scripts/bench/*.bench.ts`, each in its own Node process so one
 * bench's memory and JIT state do not colour the next; `npm run bench -- zone-engine export` runs only the
 * benches whose file names contain one of the words. Flags (`--quick`) are passed on to each bench.
 * A bench is a plain script: it prints its own table and says whether each target is met. To add one, drop a
 * `name.bench.ts` file here.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const words = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const chosen = words.length ? all.filter((f) => words.some((w) => f.includes(w))) : all;
if (chosen.length === 0) {
  console.error(`no bench matches ${words.join(', ')}; available: ${all.join(', ')}`);
  process.exit(1);
}

let failed = 0;
for (const file of chosen) {
  console.log(`\n=== ${file} ===`);
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(dir, file), ...flags], {
    stdio: 'inherit',
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    console.error(`${file} failed (exit code ${run.status ?? run.signal}) after ${seconds} s`);
  } else console.log(`${file} finished in ${seconds} s`);
}
process.exit(failed ? 1 : 0);
