import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { registerServiceWorkerAfterFirstView } from './pwa';
import { isBigScreen } from './screen-mode';
import { discardPrestarted, prefetchDataset, prestartWorkers } from './prestart';
import { resolveSite } from './site';
import { fetchPrefetched } from './prefetch';
import { fetchDataset } from './use-data-pipeline';
import { useAppStore } from '@/store/store';
import './app.css';

// The big screen and the districts roll-up are other pages of the same site: loaded only when one is opened.
const BigScreen = lazy(() => import('./BigScreen').then((m) => ({ default: m.BigScreen })));
const DistrictsView = lazy(() => import('./DistrictsView').then((m) => ({ default: m.DistrictsView })));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const search = window.location.search;
// The workers load their code while the site is resolved; the site (one district, or several with districts.json)
// decides where the data set lives, and its fetch starts before React renders.
prestartWorkers();
void resolveSite(search, fetchPrefetched).then((site) => {
  registerServiceWorkerAfterFirstView(site.kind !== 'rollup');
  if (site.kind === 'rollup') discardPrestarted();
  else
    prefetchDataset(() =>
      fetchDataset((base) => {
        if (!useAppStore.getState().dataset) useAppStore.getState().setDataset(base);
      }),
    );
  createRoot(root).render(
    <StrictMode>
      <Suspense fallback={null}>
        {site.kind === 'rollup' ? (
          <DistrictsView index={site.index} unknown={site.unknown} />
        ) : isBigScreen(search) ? (
          <BigScreen />
        ) : (
          <App />
        )}
      </Suspense>
    </StrictMode>,
  );
});
