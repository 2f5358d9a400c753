/**
 * The big screen (大屏, `?screen=big`): the map and the key figures full screen in large type for a wall display,
 * with no editing panels. The data reload themselves when the server publishes a new manifest
 * (use-manifest-watch, shared with the desk view); the store keeps selection, what-if radii and filters across
 * a reload, and the "数据更新于 …" line says which data are on show.
 */
import { useEffect, useState } from 'react';
import { bbox as turfBbox } from '@turf/turf';
import type { BBox } from '@/campaign/types';
import { DefectExpanderContext } from '@/map/defect-expander';
import { MapView } from '@/map/MapView';
import { TopZones, Progress } from '@/panels/CommanderPanel';
import { ClusterList } from '@/panels/ClusterList';
import { DetailsPanel } from '@/panels/DetailsPanel';
import { KeyFigures } from '@/panels/KeyFigures';
import { useAppStore } from '@/store/store';
import { DataBanner } from './DataBanner';
import { formatInstant } from './format';
import { named, useT } from './i18n';
import { useDataPipeline } from './use-data-pipeline';
import { useDefectPipeline } from './use-defect-pipeline';
import { useUrlState } from './use-url-state';
import './big-screen.css';
import { manifestPollMs, useManifestWatch } from './use-manifest-watch';

const TIANDITU_KEY: string | null = import.meta.env.VITE_TIANDITU_KEY || null;
/** Zones listed on the wall: enough to dispatch from, few enough to read across a room. */
const TOP_ZONES = 5;
/** Initial view when neither the campaign nor the boundary loaded. */
const WORLD: BBox = [-170, -60, 170, 75];

export function BigScreen() {
  const t = useT();
  useDataPipeline();
  // Defect markers and the link's filters, camera and radii, as on the desk view.
  const expandCluster = useDefectPipeline();
  useUrlState();
  const [pollMs] = useState(() => manifestPollMs(window.location.search, window.__manifestPollMs));
  useManifestWatch(pollMs);
  const lang = useAppStore((s) => s.lang);
  const loading = useAppStore((s) => s.loading);
  const campaign = useAppStore((s) => s.dataset?.data.campaign ?? null);
  const boundary = useAppStore((s) => s.dataset?.data.boundary);
  const sample = useAppStore((s) => s.dataset?.manifest?.sample === true);
  const generatedAt = useAppStore((s) => s.dataset?.manifest?.generatedAt);
  const mapReady = useAppStore((s) => s.mapReady);
  const bounds = campaign?.district.bbox ?? (boundary ? (turfBbox(boundary) as BBox) : WORLD);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = `${t('appTitle')} · ${t('bigScreenTitle')}`;
  }, [lang, t]);

  return (
    <div className="big-screen">
      <header className="big-head">
        <h1>
          {t('appTitle')}
          {campaign && <span className="district"> · {named(lang, campaign.district)}</span>}
        </h1>
        {sample && <span className="badge sample">{t('sampleData')}</span>}
        <span className="spacer" />
        {generatedAt && campaign && (
          <span className="updated" data-testid="data-updated-at" data-generated-at={generatedAt}>
            {t('bigScreenUpdated', { time: formatInstant(generatedAt, lang, campaign.timezone) })}
          </span>
        )}
        <a className="exit" href={window.location.pathname}>
          {t('bigScreenExit')}
        </a>
      </header>
      <DataBanner />
      <main className="big-body">
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
          {mapReady && <span hidden data-testid="map-ready" />}
        </div>
        <aside className="big-side" aria-label={t('commanderTitle')}>
          <KeyFigures big />
          {campaign && (
            <section className="panel">
              <h2>{t('bigScreenTopZones')}</h2>
              <TopZones campaign={campaign} limit={TOP_ZONES} />
            </section>
          )}
          <ClusterList />
          <DetailsPanel />
          {campaign && (
            <section className="panel">
              <h2>{t('tabProgress')}</h2>
              <Progress campaign={campaign} />
            </section>
          )}
        </aside>
      </main>
    </div>
  );
}
