import { EMPTY_STATE } from '../shared/domain/state.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import type { SyncEngine } from '../shared/sync/sync-engine.js';
import type { HubCredentials } from './local-hub.js';

/** What main uses of a SyncEngine; tests pass fakes. */
export type EngineLike = Pick<SyncEngine, 'view' | 'start' | 'stop' | 'onChange' | 'send' | 'dismissRejection'>;

/** The view while no hub is connected: nothing known, nothing pending. The UI shows the connect form. */
export function signedOutView(hubUrl: string | null): EngineView {
  return {
    hubUrl: hubUrl ?? '',
    status: 'offline',
    stale: false,
    user: null,
    state: EMPTY_STATE,
    confirmed: EMPTY_STATE,
    pending: [],
    rejected: [],
    refusal: null,
  };
}

/**
 * Holds the one running engine (or none, signed out) and forwards its views, so listeners (IPC, tray,
 * notifications) subscribe once and follow the app across connects and sign-outs.
 */
export class EngineHost {
  private running: { engine: EngineLike; credentials: HubCredentials; unsubscribe: () => void } | null = null;
  private readonly listeners = new Set<(view: EngineView | null) => void>();

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

  /** Makes `engine` (already started) the running one; the one before is stopped. */
  adopt(engine: EngineLike, credentials: HubCredentials): void {
    this.stopRunning();
    const unsubscribe = engine.onChange((view) => {
      if (this.running?.engine === engine) this.emit(view);
    });
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
