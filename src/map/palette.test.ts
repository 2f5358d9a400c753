/**
 * The state palette of data/campaign.json stays distinct for people with protanopia, deuteranopia and tritanopia
 * (Machado et al. 2009, severity 1.0), and against the map's land and sea, measured in CIEDE2000 (ΔE00).
 *
 * Thresholds. ΔE00 ≈ 2 is just noticeable between two large patches side by side; map markers are 6–18 px and
 * seen apart, where small-field colour discrimination needs several times more (Stone, "Designing colour for small
 * marks"; Carter & Silverstein 2010 give ΔE ≈ 10–20 for reliable naming of small symbols). So:
 * - ≥ 20 for the pairs that matter: overdue and reopened (the two heaviest terms of the priority score) against
 *   every other state, every open state against closed/clean, never inspected against clean (not looked at is not
 *   fine), and every state against the land and the sea it is drawn on. 超期 vs 返工 was 6.6 under deuteranopia.
 * - ≥ 10 for the rest (neighbouring steps of the workflow: reported, assigned, in progress, awaiting re-check),
 *   which the markers also tell apart by shape (state-shapes.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deltaE2000, hexToRgb, rgbToLab, simulate, stateColors, visionDeltaE, worstPairs } from '@/campaign/palette';
import type { Campaign } from '@/campaign/types';
import { LAND_COLOR, SEA_COLOR } from './style';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;
const IMPORTANT_MIN = 20;
const OTHER_MIN = 10;

const colors: Record<string, string> = { ...stateColors(campaign), land: LAND_COLOR, sea: SEA_COLOR };
const open: string[] = campaign.lifecycle.states.filter((s) => s.open).map((s) => s.code);
const closed: string[] = campaign.lifecycle.states.filter((s) => !s.open).map((s) => s.code);
const states = Object.keys(stateColors(campaign));

function pairs(): { important: [string, string][]; other: [string, string][] } {
  const important: [string, string][] = [];
  const other: [string, string][] = [];
  const matters = (a: string, b: string) =>
    [a, b].some((x) => x === 'overdue' || x === 'reopened') ||
    ([a, b].some((x) => open.includes(x)) && [a, b].some((x) => closed.includes(x) || x === 'clean')) ||
    (a === 'neverInspected' && b === 'clean') ||
    (b === 'neverInspected' && a === 'clean');
  for (let i = 0; i < states.length; i++) {
    for (let j = i + 1; j < states.length; j++) {
      const [a, b] = [states[i], states[j]];
      // Closed (a defect's state) and clean (an object with none open) mean the same and share a colour.
      if (colors[a] === colors[b] && [a, b].every((x) => closed.includes(x) || x === 'clean')) continue;
      (matters(a, b) ? important : other).push([a, b]);
    }
    important.push([states[i], 'land'], [states[i], 'sea']);
  }
  return { important, other };
}

describe('CIEDE2000 and the CVD simulation', () => {
  it('match Sharma, Wu & Dalal (2005) test pairs', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, -1.1848, -84.8006], [50, 0, -82.7485])).toBeCloseTo(1.0, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  it('keeps greys and white as they are, and folds red onto green for deuteranopia', () => {
    for (const v of ['protanopia', 'deuteranopia', 'tritanopia'] as const) {
      expect(visionDeltaE('#808080', '#808080', v)).toBe(0);
      expect(deltaE2000(rgbToLab(simulate(hexToRgb('#ffffff'), v)), rgbToLab([1, 1, 1]))).toBeLessThan(1);
    }
    expect(visionDeltaE('#d62728', '#2ca02c', 'normal')).toBeGreaterThan(50);
    expect(visionDeltaE('#d62728', '#2ca02c', 'deuteranopia')).toBeLessThan(20);
  });
});

describe('state palette', () => {
  const { important, other } = pairs();

  it('covers every state against every other and against land and sea', () => {
    expect(states).toEqual(expect.arrayContaining(['overdue', 'reopened', 'clean', 'neverInspected', ...open]));
    expect(important.length + other.length).toBeGreaterThan(40);
  });

  it(`keeps the pairs that matter ≥ ${IMPORTANT_MIN} ΔE00 apart under normal vision and all three deficiencies`, () => {
    const worst = worstPairs(colors, important);
    expect(worst.filter((p) => p.deltaE < IMPORTANT_MIN)).toEqual([]);
    expect(worstPairs(colors, [['overdue', 'reopened']])[0].deltaE).toBeGreaterThanOrEqual(IMPORTANT_MIN);
  });

  it(`keeps every other pair ≥ ${OTHER_MIN} ΔE00 apart`, () => {
    expect(worstPairs(colors, other).filter((p) => p.deltaE < OTHER_MIN)).toEqual([]);
  });

  it('fails the palette the app had before (超期 vs 返工 under deuteranopia)', () => {
    expect(visionDeltaE('#7f1d1d', '#9f1239', 'deuteranopia')).toBeLessThan(IMPORTANT_MIN);
  });
});
