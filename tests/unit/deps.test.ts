import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findBannedPackages } from './banned-packages';

describe('production dependency guard', () => {
  it('finds no known-bad package in our lockfile', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect(findBannedPackages(lock)).toEqual([]);
  });

  it('catches xlsx, tokml and an old minimist in the production tree, but not in dev-only entries', () => {
    const lock = {
      packages: {
        '': {},
        'node_modules/xlsx': { version: '0.18.5' },
        'node_modules/tokml': { version: '0.4.0' },
        'node_modules/tokml/node_modules/minimist': { version: '0.1.0' },
        'node_modules/minimist': { version: '1.2.8' },
        'node_modules/some-dev-tool/node_modules/xlsx': { version: '0.18.5', dev: true },
      },
    };
    expect(findBannedPackages(lock).map((f) => f.path)).toEqual([
      'node_modules/xlsx',
      'node_modules/tokml',
      'node_modules/tokml/node_modules/minimist',
    ]);
  });
});
