import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppActions } from './app-actions.js';
import type { AppState } from './app-state.js';
import type { AppStore } from './store.js';

/** One app: its store and the actions bound to it (made together in main.tsx, or per test). */
export interface AppInstance {
  readonly store: AppStore;
  readonly actions: AppActions;
}

const AppContext = createContext<AppInstance | null>(null);

/** Gives the components below this app's store and actions; each app (and each component test) has its own. */
export function StoreProvider({ app, children }: { app: AppInstance; children: ReactNode }) {
  return <AppContext.Provider value={app}>{children}</AppContext.Provider>;
}

function useApp(): AppInstance {
  const app = useContext(AppContext);
  if (!app) throw new Error('A Warroom component rendered outside <StoreProvider>');
  return app;
}

/** Reads the store with a narrow selector; the component renders again when the selected value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useApp().store, selector);
}

/** The store itself, for event handlers that read the state at the moment they run (not to render from). */
export function useStoreApi(): AppStore {
  return useApp().store;
}

export function useActions(): AppActions {
  return useApp().actions;
}
