import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getHost } from './bridge/index.js';
import { newId } from './bridge/new-id.js';
import { startHashRouting } from './routing/hash-router.js';
import { createAppInstance } from './store/app-instance.js';
import { StoreProvider } from './store/store-context.js';
import { App } from './ui/common/app.js';
import { preloadLazyScreensWhenIdle } from './ui/common/lazy-screens.js';

// The app's one store and its actions, made here and handed to the components through the StoreProvider.
const app = createAppInstance({ getHost, newId: () => newId() });

// The remembered (or preferred) theme before the first paint, so a light-theme user never sees a dark flash.
document.documentElement.className = `theme-${app.store.getState().theme}`;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreProvider app={app}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
app.actions
  .start()
  // The bridge reads (and clears) a sign-in fragment when it starts; only then is the fragment a route.
  .then(() => {
    startHashRouting(window, app.store, app.actions);
    preloadLazyScreensWhenIdle(window);
  })
  .catch((error: unknown) => console.error('Warroom could not start', error));
