/**
 * The big screen (大屏, `?screen=big`): the map and the key figures full screen in large type for a wall display,
 * with no editing panels. The data reload themselves when the server publishes a new manifest
 * (use-workspace-data, shared with the desk view); the store keeps selection, what-if radii and filters across
 * a reload, and the "数据更新于 …" line says which data are on show.
 */
import { useEffect } from 'react';
import { TopZones, Progress } from '@/panels/CommanderPanel';
import { ClusterList } from '@/panels/ClusterList';
import { DetailsPanel } from '@/panels/DetailsPanel';
import { KeyFigures } from '@/panels/KeyFigures';
import { useAppStore } from '@/store/store';
import { DataBanner } from './DataBanner';
import { formatInstant } from '@/ui/format';
import { named, useT } from '@/ui/i18n';
import { MapArea } from './MapArea';
import { deskHref } from './screen-mode';
import { useWorkspaceData } from './use-workspace-data';
import './big-screen.css';

/** Zones listed on the wall: enough to dispatch from, few enough to read across a room. */
const TOP_ZONES = 5;

export function BigScreen() {
  const t = useT();
  const { expandCluster, campaign, bounds } = useWorkspaceData();
  const lang = useAppStore((s) => s.lang);
  const sample = useAppStore((s) => s.dataset?.manifest?.sample === true);
  const generatedAt = useAppStore((s) => s.dataset?.manifest?.generatedAt);

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
        <a className="exit" href={deskHref(window.location.pathname, window.location.search)} data-testid="big-exit">
          {t('bigScreenExit')}
        </a>
      </header>
      <DataBanner />
      <main className="big-body">
        <MapArea campaign={campaign} bounds={bounds} expandCluster={expandCluster} />
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
