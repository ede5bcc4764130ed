import type { DomainEvent } from '../shared/domain/events.js';
import type { PageNotification } from '../shared/protocol/oncall-wire.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import type { EngineHandle } from '../shared/sync/sync-engine.js';
import type { HubCredentials } from './local-hub.js';

/** What main uses of a SyncEngine; tests pass fakes. */
export type EngineLike = EngineHandle;

/**
 * Holds the one running engine (or none, signed out) and forwards its views, so listeners (IPC, tray,
 * notifications) subscribe once and follow the app across connects and sign-outs.
 */
export class EngineHost {
  private running: { engine: EngineLike; credentials: HubCredentials; unsubscribe: () => void } | null = null;
  private readonly listeners = new Set<(view: EngineView | null) => void>();
  private readonly eventListeners = new Set<(events: DomainEvent[]) => void>();
  private readonly pageListeners = new Set<(page: PageNotification) => void>();
  private readonly onCallListeners = new Set<() => void>();

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
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Confirmed events from whichever engine is running. */
  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Pages for me pushed by the hub (and test pages), from whichever engine is running. */
  onPage(listener: (page: PageNotification) => void): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }

  /** The hub's on-call set-up changed, on whichever engine is running. */
  onOnCallChanged(listener: () => void): () => void {
    this.onCallListeners.add(listener);
    return () => this.onCallListeners.delete(listener);
  }

  /** Makes `engine` (already started) the running one; the one before is stopped. */
  adopt(engine: EngineLike, credentials: HubCredentials): void {
    this.stopRunning();
    const stopViews = engine.onChange((view) => {
      if (this.running?.engine === engine) this.emit(view);
    });
    const stopEvents = engine.onEvents((events) => {
      if (this.running?.engine === engine) for (const listener of this.eventListeners) listener(events);
    });
    const stopPages = engine.onPage((page) => {
      if (this.running?.engine === engine) for (const listener of this.pageListeners) listener(page);
    });
    const stopOnCall = engine.onOnCallChanged(() => {
      if (this.running?.engine === engine) for (const listener of this.onCallListeners) listener();
    });
    const unsubscribe = () => {
      stopViews();
      stopEvents();
      stopPages();
      stopOnCall();
    };
    this.running = { engine, credentials, unsubscribe };
    this.emit(engine.view);
  }

  /** Stops the running engine (its outbox stays on disk for next time). */
  stop(): void {
    if (!this.running) return;
    this.stopRunning();
    this.emit(null);
  }

  private stopRunning(): void {
    if (!this.running) return;
    const { engine, unsubscribe } = this.running;
    this.running = null;
    unsubscribe();
    engine.stop();
  }

  private emit(view: EngineView | null): void {
    for (const listener of this.listeners) listener(view);
  }
}
