/**
 * The loaded data set in the shape the export panels take: the data with a campaign (null until campaign.json
 * loaded), the manifest, and the provenance line (`meta`) of the weekly report and the declaration tracker.
 */
import { useMemo } from 'react';
import type { Campaign, IsoDate } from '@/campaign/types';
import type { DatasetData, Manifest } from '@/dataset/types';
import { useAppStore } from '@/store/store';

export interface ExportData {
  data: Partial<DatasetData> & { campaign: Campaign };
  manifest: Manifest | null;
  /** The data's own as-of date (manifest, else campaign) and whether it is the synthetic sample. */
  meta: { asOfDate: IsoDate; sample: boolean };
}

export function useExportData(): ExportData | null {
  const dataset = useAppStore((s) => s.dataset);
  // One object per loaded data set, so the panels' memoised export context is rebuilt only on a reload.
  return useMemo(() => {
    const campaign = dataset?.data.campaign;
    if (!dataset || !campaign) return null;
    const manifest = dataset.manifest;
    return {
      data: { ...dataset.data, campaign },
      manifest,
      meta: {
        asOfDate: manifest?.asOfDate ?? campaign.asOfDate,
        sample: manifest?.sample ?? Boolean(dataset.data.defects?.sample),
      },
    };
  }, [dataset]);
}
