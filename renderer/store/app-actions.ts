import { getHost } from '../bridge/index.js';
import { newId } from '../bridge/new-id.js';
import { createActions } from './actions.js';
import { createPostmortemActions } from './postmortem-actions.js';
import { appStore } from './store.js';

/** The app's actions, bound to its store and host at module level: components and host listeners call these. */
export const actions = createActions(appStore, getHost, () => newId());

/** Postmortem drafts: local saves, publishing and merging (postmortem-actions.ts). */
export const postmortemActions = createPostmortemActions({ store: appStore, getHost, newId: () => newId() });
