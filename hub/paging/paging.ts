import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import type { CommandPipeline, FollowUp } from '../commands/command-pipeline.js';
import type { HubServer, HubSocket } from '../socket/types.js';
import type { HubStore } from '../store/hub-store.js';
import type { Unreachable } from '../../shared/contact/reachability.js';
import type { OncallConfig } from './oncall-store.js';
import { attachOncallRequests } from './oncall-requests.js';
import { pushPages } from './page-push.js';
import { PagingScheduler } from './scheduler.js';

/** Node's timers behind the injectable interface; unref'd, so a pending escalation never keeps a process alive. */
export const systemTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PagingDeps {
  readonly hubStore: HubStore;
  readonly io: HubServer;
  readonly pipeline: CommandPipeline;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** People on call a page may not reach (hub/contact): the on-call screen's warnings, and the log's. */
  readonly unreachable?: (config: OncallConfig) => Promise<Unreachable[]>;
}

/** On-call and paging, as the hub wires it: the scheduler, page notifications and the on-call socket requests. */
export interface Paging {
  /** Looks at every active incident (catching up after a restart) and waits for the pages that asks for. */
  start(): Promise<void>;
  /** For the pipeline's followUps: an incident's first pages, committed with its declaration. */
  firstPages(state: IncidentsState, events: readonly DomainEvent[], now: string): readonly FollowUp[];
  /** For the pipeline's onCommitted: schedules and notifies. */
  onCommitted(events: readonly DomainEvent[]): void;
  /** The on-call set-up changed on another node: reload it, look again, tell this node's clients. */
  reconfigured(): void;
  /** For each new connection: its user's room and the on-call requests. */
  attach(socket: HubSocket): void;
  /** Someone's contact methods changed: the warnings about who can be reached may have too. */
  contactChanged(): void;
  /** Whether a rotation with this id exists (read from the store, so a rotation saved on another node counts). */
  rotationExists(id: string): Promise<boolean>;
  /** Resolves when every page submitted so far has been answered. */
  settled(): Promise<void>;
  stop(): void;
}

export function createPaging(deps: PagingDeps): Paging {
  const { oncall, users, events: store } = deps.hubStore;
  const logger = deps.logger.child({ component: 'paging' });
  const scheduler = new PagingScheduler({ ...deps, store, oncall, logger });
  // The hub log warns about people on call nobody can reach, at start and whenever the set-up changes.
  const warnUnreachable = () => {
    deps.unreachable?.(scheduler.currentConfig).catch((error: unknown) => {
      logger.warn({ err: error }, 'checking who can be reached failed');
    });
  };
  return {
    start: async () => {
      await scheduler.start();
      warnUnreachable();
    },
    firstPages: (state, events, now) => scheduler.firstPages(state, events, now),
    onCommitted: (events) => {
      try {
        scheduler.onCommitted(events);
        pushPages(deps.io, events, deps.pipeline.state);
      } catch (error) {
        // Runs inside the pipeline's commit: log, never throw into it (the events are durable already).
        deps.logger.error({ err: error }, 'paging failed after a commit');
      }
    },
    reconfigured: () => {
      scheduler.reconfigured().then(
        () => {
          deps.io.emit('oncall.changed');
          warnUnreachable();
        },
        (error: unknown) => logger.error({ err: error }, 'reloading the on-call set-up failed'),
      );
    },
    attach: (socket) => attachOncallRequests(socket, { ...deps, users, oncall, scheduler, hubStore: deps.hubStore }),
    contactChanged: warnUnreachable,
    rotationExists: async (id) => (await oncall.rotation(id)) !== undefined,
    settled: () => scheduler.settled(),
    stop: () => scheduler.stop(),
  };
}
