import type { ActionDeps } from './action-deps.js';
import { errorText } from './action-results.js';

/** The open incident's timeline: asked for from the hub; live events are merged in by the store. */
export function createTimelineActions({ store, getHost }: Pick<ActionDeps, 'store' | 'getHost'>) {
  const loadTimeline = (incidentId: string): void => {
    store.getState().followTimeline(incidentId);
    getHost()
      .api.getTimeline(incidentId)
      .then(
        // A long timeline arrives in one message: render it in a task of its own, not in the one that read it.
        (events) => nextTask().then(() => store.getState().receiveTimeline(incidentId, events)),
        (error: unknown) => store.getState().failTimeline(incidentId, errorText(error)),
      );
  };
  return {
    loadTimeline,
    /** Asks the hub for the open incident's timeline again (after it could not be loaded). */
    reloadTimeline(): void {
      const id = store.getState().timelineIncidentId;
      if (id) loadTimeline(id);
    },
  };
}

export type TimelineActions = ReturnType<typeof createTimelineActions>;

/** Resolves in a later task, so the browser can paint (and take input) in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
