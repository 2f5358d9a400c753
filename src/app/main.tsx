import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { BigScreen } from './BigScreen';
import { isBigScreen } from './screen-mode';
import './app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(<StrictMode>{isBigScreen(window.location.search) ? <BigScreen /> : <App />}</StrictMode>);
