/**
 * The map's place in a layout, shared by the desk view and the big screen: a loading note until the data set
 * (all but the defects, which follow with a note of their own) is in, then the one MapView (with the
 * defect-cluster expander in context), and the hidden map-ready marker the browser tests wait for. Layout-specific status lines go in as children.
 */
import type { ReactNode } from 'react';
import type { BBox, Campaign } from '@/campaign/types';
import { DefectExpanderContext, type ExpandCluster } from '@/map/defect-expander';
import { MapView } from '@/map/MapView';
import { useAppStore } from '@/store/store';
import { useT } from '@/ui/i18n';
import './loading.css';

/** Tianditu needs a key; without one its option is not offered. */
export const TIANDITU_KEY: string | null = import.meta.env.VITE_TIANDITU_KEY || null;

interface MapAreaProps {
  campaign: Campaign | null;
  bounds: BBox;
  expandCluster: ExpandCluster | null;
  children?: ReactNode;
  /** Id of the map's box, the skip link's target. */
  id?: string;
}

export function MapArea({ campaign, bounds, expandCluster, children, id }: MapAreaProps) {
  const t = useT();
  const loading = useAppStore((s) => s.loading);
  const mapReady = useAppStore((s) => s.mapReady);
  const defectsPending = useAppStore((s) => Boolean(s.dataset?.pending?.length));
  return (
    <div className="map-area" id={id} tabIndex={id ? -1 : undefined}>
      {loading ? (
        <p className="map-placeholder" role="status">
          {t('loading')}
        </p>
      ) : (
        <DefectExpanderContext.Provider value={expandCluster}>
          <MapView campaign={campaign} bounds={bounds} tiandituKey={TIANDITU_KEY} label={t('mapLabel')} />
        </DefectExpanderContext.Provider>
      )}
      {defectsPending && (
        <p className="map-status loading-defects" role="status" data-testid="loading-defects">
          {t('loadingDefects')}
        </p>
      )}
      {children}
      {mapReady && <span hidden data-testid="map-ready" />}
    </div>
  );
}
