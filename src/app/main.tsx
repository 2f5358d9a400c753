import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BigScreen } from './BigScreen';
import { DistrictsView } from './DistrictsView';
import { registerServiceWorker } from './pwa';
import { isBigScreen } from './screen-mode';
import { resolveSite } from './site';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const search = window.location.search;
registerServiceWorker();
// The site (one district, or several with districts.json) decides where the data set lives before anything loads.
void resolveSite(search).then((site) => {
  createRoot(root).render(
    <StrictMode>
      {site.kind === 'rollup' ? (
        <DistrictsView index={site.index} unknown={site.unknown} />
      ) : isBigScreen(search) ? (
        <BigScreen />
      ) : (
        <App />
      )}
    </StrictMode>,
  );
});
