/**
 * The app shell: header, banners, and on a desk the layer panel and legend on the left, the map in the middle,
 * details, ranking and summary on the right with the export panel one tab away (概况 / 导出); on a phone the map
 * full-width with the panels in a bottom sheet, on a tablet the map with one panel drawer at a time
 * (layout-mode.ts, panel-slots.tsx); report views (weekly report, declarations, field sheet) and the data
 * check page (数据体检) open over the workspace. Loading the data, running the zone engine and reloading when the
 * server publishes a new manifest happen in use-workspace-data, shared with the big screen.
 */
import { Fragment, lazy, Suspense, useEffect } from 'react';
import { useAppStore } from '@/store/store';
import type { BasemapId } from '@/store/view-slice';
import { DataBanner } from './DataBanner';
import { Header } from './Header';
import { useLayoutMode } from './layout-mode';
import { MapArea, TIANDITU_KEY } from './MapArea';
import { PanelDock } from './PanelDock';
import { PANEL_SLOTS, type PanelSlot } from './panel-slots';
import './field-layout.css';
import { named, useT } from '@/ui/i18n';
import { useWorkspaceData } from './use-workspace-data';
import { MAP_TARGET_ID, SkipToMap } from './SkipToMap';
import { RightSidebar } from './RightSidebar';
import { usePanelsAfterMap } from './panels-after-map';
import { usePreloadDefectIds } from '@/store/use-defect-ids';
import '@/ui/access.css';

// The report views (weekly report with its XLSX writer, field sheet with its QR code) and the data check page load
// when first opened, so the first load carries only the map and the panels.
const DocumentView = lazy(() => import('@/panels/DocumentView').then((m) => ({ default: m.DocumentView })));
const DataCheck = lazy(() => import('@/panels/DataCheck').then((m) => ({ default: m.DataCheck })));

const BASEMAPS: BasemapId[] = TIANDITU_KEY ? ['offline', 'osm', 'tianditu'] : ['offline', 'osm'];

export function App() {
  const t = useT();
  const { expandCluster, campaign, bounds } = useWorkspaceData();
  const lang = useAppStore((s) => s.lang);
  const computing = useAppStore((s) => s.engineStatus === 'computing');
  const mode = useLayoutMode();
  const docOpen = useAppStore((s) => s.docView !== null);
  const checkOpen = useAppStore((s) => s.checkOpen);
  const panels = usePanelsAfterMap();
  usePreloadDefectIds();
  /** The desk's panels of the slots `keep` picks, once the map has gone first. */
  const slots = (keep: (slot: PanelSlot) => boolean) =>
    panels && PANEL_SLOTS.filter(keep).map((s) => <Fragment key={s.id}>{s.render({ basemaps: BASEMAPS })}</Fragment>);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('appTitle') + (campaign ? ` · ${named(lang, campaign.district)}` : '');
  }, [lang, t, campaign]);

  // The map keeps its place among the workspace's children in every layout, so a rotation or resize that
  // changes the layout never remounts it.
  return (
    <div className={`app layout-${mode}`}>
      <SkipToMap />
      <Header />
      <DataBanner />
      <main className="workspace">
        {mode === 'desk' ? (
          <aside className="sidebar left" aria-label={t('layersTitle')}>
            {slots((s) => s.side === 'left')}
          </aside>
        ) : null}
        <MapArea id={MAP_TARGET_ID} campaign={campaign} bounds={bounds} expandCluster={expandCluster}>
          {computing && (
            <p className="map-status" role="status" data-testid="computing">
              {t('computing')}
            </p>
          )}
        </MapArea>
        {mode === 'desk' ? (
          <RightSidebar
            label={t('summaryTitle')}
            overview={slots((s) => s.side === 'right' && s.id !== 'exports')}
            exports={slots((s) => s.id === 'exports')}
          />
        ) : (
          panels && <PanelDock variant={mode === 'phone' ? 'sheet' : 'drawer'} basemaps={BASEMAPS} />
        )}
        <Suspense fallback={null}>
          {docOpen && <DocumentView />}
          {checkOpen && <DataCheck />}
        </Suspense>
      </main>
    </div>
  );
}
