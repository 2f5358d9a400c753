/**
 * What-if radii: a commander asks "what if the 500 m rule were 600 m?". Overrides are by rule id; a rule without
 * one keeps the plan's radius (src/campaign/what-if.ts). The engine (in the worker) is re-run with these as
 * `radiusOverrides`. A new data set prunes them (data-slice `setDataset`): a rule the reload no longer has loses
 * its override instead of stopping the zones.
 */
import type { StateCreator } from 'zustand';
import { checkRadiusM, type RadiusOverrides } from '@/campaign/what-if';
import type { AppState } from './store';

export interface WhatIfSlice {
  radiusOverrides: RadiusOverrides;
  /** Sets a what-if radius; throws when `checkRadiusM` refuses it. */
  setRadius: (ruleId: string, radiusM: number) => void;
  /** Back to the plan's radius for this rule. */
  resetRadius: (ruleId: string) => void;
}

export const createWhatIfSlice: StateCreator<AppState, [], [], WhatIfSlice> = (set) => ({
  radiusOverrides: {},
  setRadius: (ruleId, radiusM) => {
    const problem = checkRadiusM(radiusM);
    if (problem) throw new Error(`${ruleId}: ${problem}`);
    set((s) => ({ radiusOverrides: { ...s.radiusOverrides, [ruleId]: radiusM } }));
  },
  resetRadius: (ruleId) =>
    set((s) => {
      if (!Object.hasOwn(s.radiusOverrides, ruleId)) return s;
      const rest = { ...s.radiusOverrides };
      delete rest[ruleId];
      return { radiusOverrides: rest };
    }),
});
