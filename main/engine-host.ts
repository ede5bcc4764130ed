import type { DomainEvent } from '../shared/domain/events.js';
import { Emitter } from '../shared/events/emitter.js';
import { ViewFeed, type HostSend } from '../shared/ipc/view-feed.js';
import type { PageNotification } from '../shared/protocol/oncall-wire.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import type { EngineHandle } from '../shared/sync/sync-engine.js';
import type { HubCredentials } from './local-hub.js';

/** What main uses of a SyncEngine; tests pass fakes. */
export type EngineLike = EngineHandle;

/** What an EngineHost tells its listeners, from whichever engine is running. */
export interface EngineHostEvents {
  /** The running engine's new view; null when signed out. */
  view: EngineView | null;
  events: DomainEvent[];
  page: PageNotification;
  onCallChanged: null;
  statusPageChanged: null;
}

/** A renderer fed by `feed`: `resend` starts it again from a whole view (its page has just loaded). */
export interface HostFeed {
  resend(): void;
  stop(): void;
}

/**
 * Holds the one running engine (or none, signed out) and forwards its views, so listeners (IPC, tray,
 * notifications) subscribe once and follow the app across connects and sign-outs.
 */
export class EngineHost {
  private running: { engine: EngineLike; credentials: HubCredentials; unsubscribe: () => void } | null = null;
  private readonly emitter = new Emitter<EngineHostEvents>();
  /** Renderers fed with diffs: each gets a whole view when the engine changes (sign-in, sign-out). */
  private readonly feeds = new Set<ViewFeed>();

  get engine(): EngineLike | null {
    return this.running?.engine ?? null;
  }

  get credentials(): HubCredentials | null {
    return this.running?.credentials ?? null;
  }

  /** The running engine's view; null when signed out. */
  get view(): EngineView | null {
    return this.running?.engine.view ?? null;
  }

  onChange(listener: (view: EngineView | null) => void): () => void {
    return this.emitter.on('view', listener);
  }

  /** Confirmed events from whichever engine is running. */
  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    return this.emitter.on('events', listener);
  }

  /** Pages for me pushed by the hub (and test pages), from whichever engine is running. */
  onPage(listener: (page: PageNotification) => void): () => void {
    return this.emitter.on('page', listener);
  }

  /** The hub's on-call set-up changed, on whichever engine is running. */
  onOnCallChanged(listener: () => void): () => void {
    return this.emitter.on('onCallChanged', listener);
  }

  /** The hub's status page set-up changed, on whichever engine is running. */
  onStatusPageChanged(listener: () => void): () => void {
    return this.emitter.on('statusPageChanged', listener);
  }

  /**
   * Feeds a renderer the host events (shared/ipc/contract.ts HostEvents): a whole view now, on every sign-in and
   * sign-out and whenever the renderer could not follow otherwise; between them, only what changed (ViewFeed).
   * `signedOut` is the view to show with no engine running.
   */
  feed(send: HostSend, signedOut: () => EngineView): HostFeed {
    const feed = new ViewFeed(send);
    const offs = [
      this.onEvents((events) => feed.events(events)),
      this.onChange((view) => (view ? feed.view(view) : feed.snapshot(signedOut()))),
      this.onPage((page) => send('pageReceived', page)),
      this.onOnCallChanged(() => send('onCallChanged', null)),
      this.onStatusPageChanged(() => send('statusPageChanged', null)),
    ];
    const resend = (): void => feed.snapshot(this.view ?? signedOut());
    this.feeds.add(feed);
    resend();
    return {
      resend,
      stop: () => {
        this.feeds.delete(feed);
        for (const off of offs) off();
      },
    };
  }

  /** Makes `engine` (already started) the running one; the one before is stopped. */
  adopt(engine: EngineLike, credentials: HubCredentials): void {
    this.stopRunning();
    const mine = (): boolean => this.running?.engine === engine;
    const offs = [
      engine.onChange((view) => {
        if (mine()) this.emitter.emit('view', view);
      }),
      engine.onEvents((events) => {
        if (mine()) this.emitter.emit('events', events);
      }),
      engine.onPage((page) => {
        if (mine()) this.emitter.emit('page', page);
      }),
      engine.onOnCallChanged(() => {
        if (mine()) this.emitter.emit('onCallChanged');
      }),
      engine.onStatusPageChanged(() => {
        if (mine()) this.emitter.emit('statusPageChanged');
      }),
    ];
    this.running = { engine, credentials, unsubscribe: () => offs.forEach((off) => off()) };
    // Another engine: what a renderer has is of no use, it starts from this one's whole view.
    for (const feed of this.feeds) feed.snapshot(engine.view);
    this.emitter.emit('view', engine.view);
  }

  /** Stops the running engine (its outbox stays on disk for next time). */
  stop(): void {
    if (!this.running) return;
    this.stopRunning();
    this.emitter.emit('view', null);
  }

  private stopRunning(): void {
    if (!this.running) return;
    const { engine, unsubscribe } = this.running;
    this.running = null;
    unsubscribe();
    engine.stop();
  }
}
