/**
 * What every screen that shows the map runs first (the desk view and the big screen): the data and defect
 * pipelines, the link's state, the manifest watch that reloads the data when the server publishes new ones, and
 * the initial map bounds.
 */
import { useState } from 'react';
import { bbox as turfBbox } from '@turf/turf';
import type { BBox } from '@/campaign/types';
import { useAppStore } from '@/store/store';
import { useDataPipeline } from './use-data-pipeline';
import { useDefectPipeline } from './use-defect-pipeline';
import { useUrlState } from './use-url-state';
import { manifestPollMs, useManifestWatch } from './use-manifest-watch';

/** Initial view when neither the campaign (the district's bbox) nor the boundary loaded. */
const WORLD: BBox = [-170, -60, 170, 75];

export function useWorkspaceData() {
  useDataPipeline();
  // Defect markers and the link's filters, camera and radii.
  const expandCluster = useDefectPipeline();
  useUrlState();
  const [pollMs] = useState(() => manifestPollMs(window.location.search, window.__manifestPollMs));
  useManifestWatch(pollMs);
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const boundary = useAppStore((s) => s.dataset?.data.boundary);
  const bounds = campaign?.district.bbox ?? (boundary ? (turfBbox(boundary) as BBox) : WORLD);
  return { expandCluster, campaign, bounds };
}
