/**
 * The import report (数据体检, import-report.json): per source its file, kind, format, coordinate system and what
 * was converted, the rows read, kept and skipped, its problems and warnings grouped by field and message, and
 * each zone rule's coverage over the published data. Pure: the refresh passes what it read and what ingest made
 * of it.
 *
 * The report is published with the data, so it never carries a cell of a source: only file paths, counts, field
 * names and message patterns, the message with every quoted value, number, date and coordinate list replaced
 * by `…` (a personal source's messages hold no values to begin with; see src/ingest/row.ts `withoutCells`).
 */
import { privacyOf } from '../campaign/privacy';
import type { Campaign } from '../campaign/types';
import type { SourceStats } from '../ingest/ingest';
import type { Problem, SourceSpec } from '../ingest/types';
import type { EngineResult } from '../geo/types';
import type { Conversion, ImportReport, ProblemGroup, RuleCoverage, SourceReport } from './types';

/** Locations kept per group: enough to find the pattern in the file, not a copy of the problems report. */
export const GROUP_LOCATIONS = 5;

export interface ImportReportInput {
  /** The sources listed in sources.json, read or not, in its order. */
  sources: SourceSpec[];
  /** Per source read: records read and kept (src/ingest ingestSources). */
  stats: SourceStats[];
  /** Every problem of the run: sources.json, unreadable files, and the ingest's. */
  problems: Problem[];
}

/** A problem that does not stop a strict refresh (the land-coverage and alias checks give these). */
type Graded = Problem & { severity?: 'error' | 'warning' };

/**
 * The report of one refresh. `engine` is the zone engine's result over the published data at the plan radii.
 *
 * @example buildImportReport({ sources, stats, problems }, campaign, computeEngine(input), '2019-09-12T08:00:00Z')
 */
export function buildImportReport(
  input: ImportReportInput,
  campaign: Campaign,
  engine: EngineResult,
  generatedAt: string,
): ImportReport {
  const paths = new Set(input.sources.map((s) => s.path));
  const minHouseholds = privacyOf(campaign).minHouseholds;
  const sources = input.sources.map((spec): SourceReport => {
    const stats = input.stats.find((s) => s.id === spec.id);
    const own = input.problems.filter((p) => p.file === spec.path);
    // A warning about the whole file (an empty template: "no rows (only a header)") is not a file left unread.
    const unreadable = own.some((p) => p.location === 'file' && !isWarning(p)) && (stats?.records ?? 0) === 0;
    const records = stats?.records ?? 0;
    const kept = stats?.kept ?? 0;
    return {
      id: spec.id,
      path: spec.path,
      kind: spec.kind,
      format: spec.format,
      crs: spec.crs,
      ...(stats?.encoding !== undefined && { encoding: stats.encoding }),
      sample: spec.sample === true,
      read: stats !== undefined && !unreadable,
      conversions: conversionsOf(spec, stats, minHouseholds),
      records,
      kept,
      skipped: records - kept,
      errors: groupProblems(own.filter((p) => !isWarning(p))),
      warnings: groupProblems(own.filter(isWarning)),
    };
  });
  const other = input.problems.filter((p) => !paths.has(p.file));
  const warnings = input.problems.filter(isWarning).length;
  return {
    schemaVersion: 1,
    generatedAt,
    totals: {
      sources: sources.length,
      records: sum(sources, (s) => s.records),
      kept: sum(sources, (s) => s.kept),
      skipped: sum(sources, (s) => s.skipped),
      errors: input.problems.length - warnings,
      warnings,
    },
    sources,
    other: {
      errors: groupProblems(other.filter((p) => !isWarning(p))),
      warnings: groupProblems(other.filter(isWarning)),
    },
    coverage: engine.rules.map(coverageOf),
  };
}

/**
 * A problem message with its values taken out, so that rows failing the same way group together and no cell
 * reaches the published report: quoted text, `[…]` lists, dates and numbers become `…`. Numbers inside words
 * (GCJ02, UTF-8, U+200B, TF3) stay.
 *
 * @example messagePattern("not a number: 'abc'") // "not a number: '…'"
 */
export function messagePattern(message: string): string {
  return message
    .replace(/'[^']*'|"[^"]*"|“[^”]*”|‘[^’]*’/g, (q) => `${q[0]}…${q.at(-1)}`)
    .replace(/\[[^\]]*\]/g, '[…]')
    .replace(/\d{4}[-/]\d{1,2}[-/]\d{1,2}/g, '…')
    .replace(/(?<![\w.+\-…])-?\d+(?:\.\d+)?(?![\w.]*\w)/g, '…');
}

/** Problems grouped by file, field and message pattern; the biggest group first, then in order of appearance. */
export function groupProblems(problems: Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const p of problems) {
    const pattern = messagePattern(p.message);
    const key = `${p.file}\u0000${p.field}\u0000${pattern}`;
    const group = groups.get(key) ?? { file: p.file, field: p.field, pattern, count: 0, locations: [] };
    group.count += 1;
    if (group.locations.length < GROUP_LOCATIONS) group.locations.push(p.location);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

function isWarning(p: Graded): boolean {
  return p.severity === 'warning';
}

function conversionsOf(spec: SourceSpec, stats: SourceStats | undefined, minHouseholds: number): Conversion[] {
  const out: Conversion[] = [];
  if (spec.crs !== 'wgs84') out.push({ kind: 'crs', from: spec.crs, to: 'wgs84' });
  if (stats?.encoding !== undefined && stats.encoding !== 'utf8')
    out.push({ kind: 'encoding', from: stats.encoding, to: 'utf8' });
  if (stats?.date1904) out.push({ kind: 'date1904' });
  if (spec.kind === 'visit') out.push({ kind: 'visitFigures', minHouseholds });
  return out;
}

function coverageOf(rule: EngineResult['rules'][number]): RuleCoverage {
  const hit = new Set<string>();
  const membersByKind: RuleCoverage['membersByKind'] = {};
  for (const m of rule.memberships) {
    membersByKind[m.kind] = (membersByKind[m.kind] ?? 0) + 1;
    for (const a of m.anchors) hit.add(a.zoneId);
  }
  return {
    ruleId: rule.ruleId,
    radiusM: rule.radiusM,
    zones: rule.zones.length,
    members: rule.memberships.length,
    membersByKind,
    emptyZones: rule.zones
      .filter((z) => !hit.has(z.id))
      .map((z) => ({ zoneId: z.id, anchorId: z.anchorId, anchorName: z.anchorName })),
  };
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
