/**
 * Fails when a package version with a known, unfixed advisory is in the production dependency tree.
 * `npm audit` cannot reach its advisory service from the office's machines, so the known traps are listed here
 * (see README "Dependencies"). Run: `npm run check-deps`; the unit suite runs the same check.
 */
import { readFileSync } from 'node:fs';
import { findBannedPackages } from '../tests/unit/banned-packages';

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const found = findBannedPackages(lock);
for (const f of found) console.error(`${f.path}@${f.version}: ${f.reason}`);
if (found.length > 0) process.exit(1);
console.log('no known-bad package versions in the production tree');
