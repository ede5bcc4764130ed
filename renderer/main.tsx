import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { actions } from './store/app-actions.js';
import { App } from './ui/app.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
actions.start().catch((error: unknown) => console.error('Warroom could not start', error));
