import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Campaign } from '@/campaign/types';
import type { MarketFC } from '@/dataset/types';
import { engineInput } from './engine-input';

const campaign = JSON.parse(readFileSync('data/campaign.json', 'utf8')) as Campaign;

describe('engineInput', () => {
  it('is null without the campaign: no rules, nothing to compute', () => {
    expect(engineInput({})).toBeNull();
  });

  it('treats a missing object file as empty and keeps the files that loaded', () => {
    const markets: MarketFC = { type: 'FeatureCollection', features: [] };
    const input = engineInput({ campaign, markets });
    expect(input?.markets).toBe(markets);
    expect(input?.compounds.features).toEqual([]);
    expect(input?.land).toBeNull();
    expect(input?.defects.count).toBe(0);
  });

  it('gives the same objects for the same missing files, so the worker is not sent the data again', () => {
    const a = engineInput({ campaign });
    const b = engineInput({ campaign });
    expect(a?.compounds).toBe(b?.compounds);
    expect(a?.defects).toBe(b?.defects);
  });
});
