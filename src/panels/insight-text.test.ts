import { describe, expect, it } from 'vitest';
import type { ReasonTerm } from '@/insights/ranking';
import { reasonText, scoreSumText } from './insight-text';

const REASONS: ReasonTerm[] = [
  { term: 'open', count: 35, weight: 1, points: 35 },
  { term: 'overdue', count: 13, weight: 5, points: 65 },
  { term: 'reopened', count: 6, weight: 3, points: 18 },
];

describe('score sum', () => {
  it('adds up the reasons, divides by the units and gives the score the row shows', () => {
    expect(scoreSumText('zh', REASONS, 3.03, 118 / 3.03)).toBe(
      '35 个未结 ×1 + 13 个超期 ×5 + 6 个返工 ×3 = 118 ÷ 3.03（点位数 + 街道公里数）= 38.9',
    );
    expect(scoreSumText('en', REASONS, 3.03, 118 / 3.03)).toBe(
      '35 open ×1 + 13 overdue ×5 + 6 reopened ×3 = 118 ÷ 3.03 (sites + km of street) = 38.9',
    );
  });

  it('leaves out a divisor of 1', () => {
    expect(scoreSumText('zh', REASONS.slice(1, 2), 1, 65)).toBe('13 个超期 ×5 = 65');
  });

  it('says so when nothing scores', () => {
    expect(scoreSumText('zh', [], 2, 0)).toBe(reasonText('zh', []));
  });
});
