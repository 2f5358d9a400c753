import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Campaign } from '@/campaign/types';
import { stateEntry, stateLegend } from './state-legend';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

describe('state legend', () => {
  it('lists overdue first, open states by falling severity, then clean and never inspected', () => {
    const codes = stateLegend(campaign).map((e) => e.code);
    expect(codes[0]).toBe('overdue');
    expect(codes.slice(-2)).toEqual(['clean', 'neverInspected']);
    const open = campaign.lifecycle.states.filter((s) => s.open);
    expect(codes.slice(1, -2)).toEqual([...open].sort((a, b) => b.severity - a.severity).map((s) => s.code));
    expect(codes).not.toContain('closed');
  });

  it('takes names and colours from the campaign file', () => {
    const edited: Campaign = {
      ...campaign,
      lifecycle: {
        ...campaign.lifecycle,
        derived: { ...campaign.lifecycle.derived, overdue: { zh: '逾期', en: 'Late', color: '#000001' } },
      },
    };
    expect(stateEntry(edited, 'overdue')).toEqual({
      code: 'overdue',
      name: { zh: '逾期', en: 'Late' },
      color: '#000001',
    });
  });

  it('names a closed defect by its lifecycle state', () => {
    const closed = campaign.lifecycle.states.find((s) => s.code === 'closed')!;
    expect(stateEntry(campaign, 'closed')?.name.zh).toBe(closed.zh);
  });
});
