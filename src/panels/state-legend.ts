/**
 * The inspection states an object can be drawn in, with their names and colours from the campaign file, in
 * legend order: worst first (overdue, then open states by severity), then clean, then never inspected.
 */
import type { Campaign, Named } from '@/campaign/types';
import type { ObjectState } from '@/geo/types';

export interface StateEntry {
  code: ObjectState;
  name: Named;
  color: string;
}

export function stateLegend(campaign: Campaign): StateEntry[] {
  const { states, derived } = campaign.lifecycle;
  const open = states
    .filter((s) => s.open)
    .sort((a, b) => b.severity - a.severity)
    .map((s) => ({ code: s.code, name: { zh: s.zh, en: s.en }, color: s.color }));
  return [
    { code: 'overdue', name: named(derived.overdue), color: derived.overdue.color },
    ...open,
    { code: 'clean', name: named(derived.clean), color: derived.clean.color },
    { code: 'neverInspected', name: named(derived.neverInspected), color: derived.neverInspected.color },
  ];
}

/** Name and colour of one state (an object's derived state or a defect's lifecycle state). */
export function stateEntry(campaign: Campaign, code: ObjectState): StateEntry | null {
  const lifecycle = campaign.lifecycle.states.find((s) => s.code === code);
  if (lifecycle) return { code, name: named(lifecycle), color: lifecycle.color };
  return stateLegend(campaign).find((e) => e.code === code) ?? null;
}

function named(n: Named): Named {
  return { zh: n.zh, en: n.en };
}
