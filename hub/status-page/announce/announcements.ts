import type { Timers } from '../../../shared/clock.js';
import { announcementsOf } from '../../../shared/status-page/announce-message.js';
import { PendingWork } from '../../work/pending-work.js';
import type { StatusPagePart, StatusPagePartDeps } from '../status-page-parts.js';
import { AnnounceEnqueuer } from './announce-enqueue.js';
import { AnnounceHandler, DEFAULT_PACE_MS } from './announce-handler.js';

export interface AnnouncementsOptions {
  /** For the pause between two messages to one channel (tests drive them); the host's timers otherwise. */
  readonly timers?: Timers;
  /** The least time between two messages to one channel from this node. */
  readonly paceMs?: number;
}

const hostTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The team's chat announcements (docs/status-page.md "Announcements in the team's chat"): after each commit, the
 * messages its events call for go into the outbox, one per channel that takes them; the outbox hands them back to
 * the 'announce' handler to send.
 */
export function createAnnouncements(deps: StatusPagePartDeps, options: AnnouncementsOptions = {}): StatusPagePart {
  const work = new PendingWork();
  const enqueuer = new AnnounceEnqueuer(deps);
  const handler = new AnnounceHandler(deps, options.timers ?? hostTimers, options.paceMs ?? DEFAULT_PACE_MS);
  // Batches are numbered in log order: each waits for the one before.
  let queue: Promise<void> = Promise.resolve();
  return {
    onCommitted(events, state) {
      try {
        const announcements = announcementsOf(events, state, (id) => deps.urls.incident(id));
        if (announcements.length === 0) return;
        queue = queue.then(() =>
          enqueuer.enqueue(announcements).catch((error: unknown) => {
            // The events are committed; only their announcements are lost (the log says which).
            deps.logger.error({ err: error, seqs: announcements.map((a) => a.seq) }, 'enqueuing announcements failed');
          }),
        );
        work.track(queue);
      } catch (error) {
        deps.logger.error({ err: error }, 'deciding announcements failed');
      }
    },
    handlers: { announce: handler.handle },
    settled: () => work.settled(),
  };
}
