import { describe, expect, it } from 'vitest';
import { campaign } from '@/geo/__fixtures__/build';
import { countdowns, phaseText } from './countdown';

describe('countdowns', () => {
  it('says days left, today, and days past for each evaluation in both languages', () => {
    expect(countdowns('zh', campaign, '2019-09-12').map((c) => `${c.label} ${c.value}`)).toEqual([
      '距省测 8 天',
      '距国测 64 天',
    ]);
    expect(countdowns('zh', campaign, '2019-09-20')[0]).toMatchObject({ label: '省测', value: '今天', daysLeft: 0 });
    expect(countdowns('en', campaign, '2019-09-23')[0]).toMatchObject({ value: '3 days ago', daysLeft: -3 });
  });

  it('names the phase, or says the date is outside the phases', () => {
    expect(phaseText('zh', campaign, '2019-09-12')).toBe(campaign.phases[0].zh);
    expect(phaseText('en', campaign, '2019-09-20')).toBe('Outside the plan phases');
  });
});
