import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startHashRouting } from './routing/hash-router.js';
import { actions } from './store/app-actions.js';
import { appStore } from './store/store.js';
import { App } from './ui/app.js';

// The remembered (or preferred) theme before the first paint, so a light-theme user never sees a dark flash.
document.documentElement.className = `theme-${appStore.getState().theme}`;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
actions
  .start()
  // The bridge reads (and clears) a sign-in fragment when it starts; only then is the fragment a route.
  .then(() => startHashRouting(window, appStore, actions))
  .catch((error: unknown) => console.error('Warroom could not start', error));
