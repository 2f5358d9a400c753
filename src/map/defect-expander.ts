/**
 * How the map asks what is inside a clicked cluster: the app's defect pipeline owns the defects worker and
 * provides this; the map only calls it. Null when there is no worker (the map then only zooms in one step).
 */
import { createContext, useContext } from 'react';
import type { ExpandAnswer } from '@/worker/defects-protocol';

export type ExpandCluster = (clusterId: number) => Promise<ExpandAnswer>;

export const DefectExpanderContext = createContext<ExpandCluster | null>(null);

export function useDefectExpander(): ExpandCluster | null {
  return useContext(DefectExpanderContext);
}
