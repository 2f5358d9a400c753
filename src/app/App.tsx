/**
 * The app shell: header, banners, the layer panel and legend on the left, the map in the middle, summary and
 * details and the export panel on the right; report views (weekly report, declarations, field sheet) open over
 * the workspace. Loading the data, running the zone engine and reloading when the server publishes a new
 * manifest happen in use-workspace-data, shared with the big screen.
 */
import { useEffect } from 'react';
import { DefectExpanderContext } from '@/map/defect-expander';
import { MapView } from '@/map/MapView';
import { CommanderPanel } from '@/panels/CommanderPanel';
import { ClusterList } from '@/panels/ClusterList';
import { DetailsPanel } from '@/panels/DetailsPanel';
import { DocumentView } from '@/panels/DocumentView';
import { ExportSection } from '@/panels/ExportSection';
import { FilterPanel } from '@/panels/FilterPanel';
import { LayerPanel } from '@/panels/LayerPanel';
import { Legend } from '@/panels/Legend';
import { SummaryPanel } from '@/panels/SummaryPanel';
import { useAppStore } from '@/store/store';
import type { BasemapId } from '@/store/view-slice';
import { DataBanner } from './DataBanner';
import { Header } from './Header';
import { named, useT } from './i18n';
import { useWorkspaceData } from './use-workspace-data';

/** Tianditu needs a key; without one its option is not offered. */
const TIANDITU_KEY: string | null = import.meta.env.VITE_TIANDITU_KEY || null;
const BASEMAPS: BasemapId[] = TIANDITU_KEY ? ['offline', 'osm', 'tianditu'] : ['offline', 'osm'];

export function App() {
  const t = useT();
  const { expandCluster, campaign, bounds } = useWorkspaceData();
  const lang = useAppStore((s) => s.lang);
  const loading = useAppStore((s) => s.loading);
  const computing = useAppStore((s) => s.engineStatus === 'computing');
  const mapReady = useAppStore((s) => s.mapReady);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle') + (campaign ? ` · ${named(lang, campaign.district)}` : '');
  }, [lang, t, campaign]);

  return (
    <div className="app">
      <Header />
      <DataBanner />
      <main className="workspace">
        <aside className="sidebar left" aria-label={t('layersTitle')}>
          <FilterPanel />
          <LayerPanel basemaps={BASEMAPS} />
          <Legend />
        </aside>
        <div className="map-area">
          {loading ? (
            <p className="map-placeholder" role="status">
              {t('loading')}
            </p>
          ) : (
            <DefectExpanderContext.Provider value={expandCluster}>
              <MapView campaign={campaign} bounds={bounds} tiandituKey={TIANDITU_KEY} label={t('mapLabel')} />
            </DefectExpanderContext.Provider>
          )}
          {computing && (
            <p className="map-status" role="status" data-testid="computing">
              {t('computing')}
            </p>
          )}
          {mapReady && <span hidden data-testid="map-ready" />}
        </div>
        <aside className="sidebar right" aria-label={t('summaryTitle')}>
          <ClusterList />
          <DetailsPanel />
          <CommanderPanel />
          <SummaryPanel />
          <ExportSection />
        </aside>
        <DocumentView />
      </main>
    </div>
  );
}
