import type { StateStorage } from 'zustand/middleware';
import type { Host } from '../bridge/index.js';
import { createAppActions } from './app-actions.js';
import { createAppStore } from './store.js';
import type { AppInstance } from './store-context.js';

/** A store and its actions over one host: made once in main.tsx, and afresh for every component test. */
export function createAppInstance(options: {
  getHost: () => Host;
  newId: () => string;
  storage?: StateStorage;
}): AppInstance {
  const store = createAppStore(options.storage ? { storage: options.storage } : {});
  return { store, actions: createAppActions({ store, getHost: options.getHost, newId: options.newId }) };
}
