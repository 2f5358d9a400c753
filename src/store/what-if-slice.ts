/**
 * What-if radii: a commander asks "what if the 500 m rule were 600 m?". Overrides are by rule id; a rule without
 * one keeps the plan's radius. The engine (in the worker) is re-run with these as `radiusOverrides`.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './store';

export interface WhatIfSlice {
  radiusOverrides: Record<string, number>;
  /** Sets a what-if radius; throws on anything that is not a positive finite number of metres. */
  setRadius: (ruleId: string, radiusM: number) => void;
  /** Back to the plan's radius for this rule. */
  resetRadius: (ruleId: string) => void;
}

export const createWhatIfSlice: StateCreator<AppState, [], [], WhatIfSlice> = (set) => ({
  radiusOverrides: {},
  setRadius: (ruleId, radiusM) => {
    if (!Number.isFinite(radiusM) || radiusM <= 0) throw new Error('radiusM must be a positive number');
    set((s) => ({ radiusOverrides: { ...s.radiusOverrides, [ruleId]: radiusM } }));
  },
  resetRadius: (ruleId) =>
    set((s) => {
      if (!(ruleId in s.radiusOverrides)) return s;
      const rest = { ...s.radiusOverrides };
      delete rest[ruleId];
      return { radiusOverrides: rest };
    }),
});
