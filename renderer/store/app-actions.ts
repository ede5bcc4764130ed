import type { ActionDeps } from './action-deps.js';
import { createConnectionActions } from './connection-actions.js';
import { createContactActions } from './contact-actions.js';
import { createHostFileActions } from './host-file-actions.js';
import { createIncidentCommands } from './incident-commands.js';
import { createNavigationActions } from './navigation-actions.js';
import { createOncallActions } from './oncall-actions.js';
import { createPostmortemActions } from './postmortem-actions.js';
import { createRejectionActions } from './rejection-actions.js';
import { createStatusPageActions } from './statuspage-actions.js';
import { createTimelineActions } from './timeline-actions.js';

/**
 * Everything the UI can ask for, outside React, built once per app (renderer/main.tsx) or per test over one store
 * and host; components get it from the StoreProvider (useActions). Each feature's actions live in their own module.
 */
export function createAppActions(deps: ActionDeps) {
  const timeline = createTimelineActions(deps);
  const oncall = createOncallActions(deps);
  const navigation = createNavigationActions(deps, timeline, oncall);
  const commands = createIncidentCommands(deps);
  const statusPage = createStatusPageActions(deps);
  return {
    ...createConnectionActions(deps, { timeline, navigation, oncall, statusPage }),
    ...navigation,
    reloadTimeline: timeline.reloadTimeline,
    ...commands,
    ...createRejectionActions(deps),
    ...oncall,
    ...createContactActions(deps),
    ...statusPage,
    ...createHostFileActions(deps),
    /** Postmortem drafts: local saves, publishing and merging. */
    postmortem: createPostmortemActions({ ...deps, command: commands.command }),
    /** A fresh id for what the person is creating (an incident, an entry, a rotation). */
    newId: (): string => deps.newId(),
  };
}

export type AppActions = ReturnType<typeof createAppActions>;
