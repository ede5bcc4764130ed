import type { Host } from '../bridge/index.js';
import type { AppStore } from './store.js';

/** What every feature's actions are built from: passed in, so tests use a fresh store and a fake host. */
export interface ActionDeps {
  readonly store: AppStore;
  readonly getHost: () => Host;
  readonly newId: () => string;
}
