/**
 * The app shell: header, banners, the layer panel and legend on the left, the map in the middle, summary and
 * details and the export panel on the right; report views (weekly report, declarations, field sheet) and the data
 * check page (数据体检) open over the workspace. Loading the data, running the zone engine and reloading when the
 * server publishes a new manifest happen in use-workspace-data, shared with the big screen.
 */
import { useEffect } from 'react';
import { CommanderPanel } from '@/panels/CommanderPanel';
import { ClusterList } from '@/panels/ClusterList';
import { DataCheck } from '@/panels/DataCheck';
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
import { MapArea, TIANDITU_KEY } from './MapArea';
import { TripDownload } from './TripDownload';
import { named, useT } from '@/ui/i18n';
import { useWorkspaceData } from './use-workspace-data';

const BASEMAPS: BasemapId[] = TIANDITU_KEY ? ['offline', 'osm', 'tianditu'] : ['offline', 'osm'];

export function App() {
  const t = useT();
  const { expandCluster, campaign, bounds } = useWorkspaceData();
  const lang = useAppStore((s) => s.lang);
  const computing = useAppStore((s) => s.engineStatus === 'computing');

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
        <MapArea campaign={campaign} bounds={bounds} expandCluster={expandCluster}>
          {computing && (
            <p className="map-status" role="status" data-testid="computing">
              {t('computing')}
            </p>
          )}
        </MapArea>
        <aside className="sidebar right" aria-label={t('summaryTitle')}>
          <ClusterList />
          <DetailsPanel />
          <CommanderPanel />
          <SummaryPanel />
          <ExportSection />
          <TripDownload />
        </aside>
        <DocumentView />
        <DataCheck />
      </main>
    </div>
  );
}
