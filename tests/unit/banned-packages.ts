/** Known-bad versions: name, a predicate on the version, and why. */
export const BANNED: { name: string; bad: (version: string) => boolean; reason: string }[] = [
  {
    name: 'xlsx',
    bad: () => true,
    reason: 'the npm registry copy is stuck at 0.18.5 with unfixed prototype-pollution and ReDoS advisories',
  },
  { name: 'tokml', bad: () => true, reason: 'pins minimist 0.1.0 (prototype pollution); use @placemarkio/tokml' },
  {
    name: 'minimist',
    bad: (v) => versionLess(v, '1.2.6'),
    reason: 'minimist before 1.2.6 has a prototype-pollution advisory',
  },
];

interface Lockfile {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>;
}

/** Banned packages in the production tree of an npm v3 lockfile (entries not marked dev). */
export function findBannedPackages(lock: Lockfile): { path: string; version: string; reason: string }[] {
  const found: { path: string; version: string; reason: string }[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (!path || entry.dev) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const version = entry.version ?? '0.0.0';
    for (const b of BANNED) if (b.name === name && b.bad(version)) found.push({ path, version, reason: b.reason });
  }
  return found;
}

function versionLess(a: string, b: string): boolean {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return false;
}
