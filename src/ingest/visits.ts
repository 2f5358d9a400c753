/**
 * Door-to-door visits (task force 8). Household records may carry a resident's name, phone and address; only the
 * columns below are ever read, each reduced to a flag, and only per-community counts leave this module. Nothing
 * personal can reach public/data because nothing personal is kept past `visitOf`, no problem message quotes a
 * visit cell (the rows are personal, see `rowOf`), and a community with fewer households than the campaign's
 * `privacy.minHouseholds` is published without figures (`suppressVisits`): one household's answer is its own.
 */
import type { SuppressedVisits, VisitFigures, VisitSummary } from '../dataset/types';
import type { FieldSpec } from './columns';
import type { Row } from './row';
import { cellText, type Cell, type Parsed } from './values';

/** One household, reduced to what the summary needs. */
export interface HouseholdVisit {
  /** Community id (as in communities.geojson). */
  community: string;
  /** Stairwell label such as 3幢2单元; '' when the file has none. */
  stairwell: string;
  hasStairwellHead: boolean;
  visited: boolean;
  questionnaire: boolean;
  /** null when the household gave no answer. */
  satisfied: boolean | null;
  sample: boolean;
}

const req = (field: string): FieldSpec => ({ field, required: true });
const opt = (field: string): FieldSpec => ({ field, required: false });
export const VISIT_FIELDS: FieldSpec[] = [
  req('community'),
  req('visited'),
  opt('questionnaire'),
  opt('satisfied'),
  opt('stairwell'),
  opt('stairwellHead'),
];

/**
 * A table that already holds per-community figures (one row per community, a 户数 column) is read as summaries;
 * `visited` is then a count, not a yes/no.
 */
export const VISIT_SUMMARY_FIELDS: FieldSpec[] = [
  req('community'),
  req('households'),
  req('visited'),
  req('questionnaires'),
  opt('satisfaction'),
  opt('stairwells'),
  opt('stairwellHeads'),
];

/** Reads one per-community row, checking the counts against each other. */
export function visitSummaryOf(
  row: Row,
  community: (cell: Cell) => Parsed<string>,
  sample: boolean,
): VisitFigures | null {
  const communityId = row.lookup('community', true, community);
  const households = row.count('households', null);
  const visited = row.count('visited', null);
  const questionnaires = row.count('questionnaires', null);
  const satisfaction = row.lookup('satisfaction', false, parseRate);
  const stairwells = row.count('stairwells', 0);
  const stairwellHeads = row.count('stairwellHeads', 0);
  if (households !== null && visited !== null && visited > households)
    row.fail('visited', `more than the households (${row.header('households')})`);
  if (households !== null && questionnaires !== null && questionnaires > households)
    row.fail('questionnaires', `more than the households (${row.header('households')})`);
  if (stairwells !== null && stairwellHeads !== null && stairwellHeads > stairwells)
    row.fail('stairwellHeads', `more than the stairwells (${row.header('stairwells')})`);
  if (
    !communityId ||
    households === null ||
    visited === null ||
    questionnaires === null ||
    satisfaction === null ||
    stairwells === null ||
    stairwellHeads === null ||
    row.problems.length > 0
  )
    return null;
  return {
    community: communityId,
    households,
    visited,
    questionnaires,
    satisfaction: satisfaction ?? null,
    stairwells,
    stairwellHeads,
    sample,
  };
}

/** 0.93, 93% or 93 (a percentage) → 0.93. */
function parseRate(cell: Cell): Parsed<number> {
  const text = cellText(cell).replace(/%$/, '');
  const x = Number(text);
  if (text === '' || !Number.isFinite(x) || x < 0 || x > 100) return { ok: false, reason: 'not a rate (0.93 or 93%)' };
  return { ok: true, value: round4(x > 1 || cellText(cell).endsWith('%') ? x / 100 : x) };
}

const SATISFIED: Record<string, boolean> = {
  非常满意: true,
  满意: true,
  基本满意: true,
  比较满意: true,
  是: true,
  yes: true,
  satisfied: true,
  不满意: false,
  不太满意: false,
  非常不满意: false,
  否: false,
  no: false,
  unsatisfied: false,
};
const NO_HEAD = new Set(['', '否', '无', 'no', 'n', '0', '×']);

/**
 * Reads one household. `community` resolves a community id, name or NBS code to the community's id.
 * The 楼道长 column may hold a name: it is read only as "has one or not".
 */
export function visitOf(row: Row, community: (cell: Cell) => Parsed<string>, sample: boolean): HouseholdVisit | null {
  const communityId = row.lookup('community', true, community);
  const visited = row.bool('visited', undefined);
  const satisfied = row.lookup('satisfied', false, (c) => {
    const key = cellText(c).toLowerCase();
    const hit = Object.hasOwn(SATISFIED, key) ? SATISFIED[key] : undefined;
    return hit === undefined
      ? { ok: false, reason: 'not a satisfaction answer (满意/基本满意/不满意)' }
      : { ok: true, value: hit };
  });
  const questionnaire = row.has('questionnaire') ? row.bool('questionnaire', false) : satisfied !== undefined;
  if (
    !communityId ||
    visited === null ||
    visited === undefined ||
    questionnaire === null ||
    questionnaire === undefined ||
    satisfied === null
  ) {
    if (visited === undefined) row.fail('visited', 'missing');
    return null;
  }
  return {
    community: communityId,
    stairwell: row.text('stairwell', false) ?? '',
    hasStairwellHead: !NO_HEAD.has(cellText(row.cell('stairwellHead')).toLowerCase()),
    visited,
    questionnaire,
    satisfied: satisfied ?? null,
    sample,
  };
}

/**
 * Per-community figures: households, visited, questionnaires returned, satisfaction rate (satisfied answers over
 * all answers; null when none, or when fewer than `minAnswers`, flagged `satisfactionSuppressed`), stairwells and
 * stairwells with a head. Sorted by community id.
 */
export function summarizeVisits(households: HouseholdVisit[], minAnswers = 1): VisitFigures[] {
  const byCommunity = new Map<string, HouseholdVisit[]>();
  for (const h of households) {
    const list = byCommunity.get(h.community) ?? [];
    list.push(h);
    byCommunity.set(h.community, list);
  }
  return [...byCommunity.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([community, list]) => {
      const answers = list.filter((h) => h.satisfied !== null);
      const stairwells = new Set(list.map((h) => h.stairwell).filter(Boolean));
      const withHead = new Set(list.filter((h) => h.hasStairwellHead && h.stairwell).map((h) => h.stairwell));
      const hidden = answers.length > 0 && answers.length < minAnswers;
      return {
        community,
        households: list.length,
        visited: list.filter((h) => h.visited).length,
        questionnaires: list.filter((h) => h.questionnaire).length,
        satisfaction:
          answers.length > 0 && !hidden ? round4(answers.filter((h) => h.satisfied).length / answers.length) : null,
        ...(hidden ? { satisfactionSuppressed: true } : {}),
        stairwells: stairwells.size,
        stairwellHeads: withHead.size,
        sample: list.some((h) => h.sample),
      };
    });
}

/**
 * What may be published: a community with fewer than `minHouseholds` households keeps only its id and the mark
 * (its figures would be one or two households' answers); a rate from fewer questionnaires than that is left out.
 * Idempotent, so the data set writer applies it again as a last guard.
 *
 * @example suppressVisits([{ community: 'C1', households: 1, … }], 5) // [{ community: 'C1', suppressed: true, minHouseholds: 5, sample }]
 */
export function suppressVisits(visits: VisitSummary[], minHouseholds: number): VisitSummary[] {
  return visits.map((v): VisitSummary => {
    if (v.suppressed === true) return v;
    if (v.households < minHouseholds) {
      const hidden: SuppressedVisits = { community: v.community, suppressed: true, minHouseholds, sample: v.sample };
      return hidden;
    }
    if (v.satisfaction !== null && v.questionnaires < minHouseholds)
      return { ...v, satisfaction: null, satisfactionSuppressed: true };
    return v;
  });
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
