import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { UserStore } from '../auth/user-store.js';
import type { CommandPipeline } from '../commands/command-pipeline.js';
import type { HubServer, HubSocket } from '../socket/types.js';
import type { Db } from '../store/database.js';
import type { EventStore } from '../store/event-store.js';
import { attachOncallRequests } from './oncall-requests.js';
import { OncallStore } from './oncall-store.js';
import { notifyPages } from './page-notifier.js';
import { PagingScheduler } from './scheduler.js';

/** Node's timers behind the injectable interface; unref'd, so a pending escalation never keeps a process alive. */
export const systemTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PagingDeps {
  readonly db: Db;
  readonly io: HubServer;
  readonly pipeline: CommandPipeline;
  readonly store: EventStore;
  readonly users: UserStore;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
}

/** On-call and paging, as the hub wires it: the scheduler, page notifications and the on-call socket requests. */
export interface Paging {
  /** Looks at every active incident (catching up after a restart) and waits for the pages that asks for. */
  start(): Promise<void>;
  /** For the pipeline's onCommitted: schedules and notifies. */
  onCommitted(events: readonly DomainEvent[]): void;
  /** For each new connection: its user's room and the on-call requests. */
  attach(socket: HubSocket): void;
  /** Resolves when every page submitted so far has been answered. */
  settled(): Promise<void>;
  stop(): void;
}

export function createPaging(deps: PagingDeps): Paging {
  const oncall = new OncallStore(deps.db, () => deps.clock.now());
  const scheduler = new PagingScheduler({ ...deps, oncall, logger: deps.logger.child({ component: 'paging' }) });
  return {
    start: () => scheduler.start(),
    onCommitted: (events) => {
      try {
        scheduler.onCommitted(events);
        notifyPages(deps.io, events, deps.pipeline.state);
      } catch (error) {
        // Runs inside the pipeline's commit: log, never throw into it (the events are durable already).
        deps.logger.error({ err: error }, 'paging failed after a commit');
      }
    },
    attach: (socket) => attachOncallRequests(socket, { ...deps, oncall, scheduler }),
    settled: () => scheduler.settled(),
    stop: () => scheduler.stop(),
  };
}
