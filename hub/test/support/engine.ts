import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { systemClock } from '../../../shared/clock.js';
import type { EngineView } from '../../../shared/sync/engine-view.js';
import { MemoryKeyValueStorage } from '../../../shared/sync/storage.js';
import { SyncEngine, type EngineSocket } from '../../../shared/sync/sync-engine.js';

export interface TestEngine {
  readonly engine: SyncEngine;
  /** The socket the engine opened, to cut its connection from outside. */
  socket(): EngineSocket;
}

export interface TestEngineOptions {
  /** Drop `commandRate` from the hub's welcome: an engine that does not know the limit and learns it by refusals. */
  readonly ignoreAnnouncedRate?: boolean;
  readonly tooManyConnectionsRetryMs?: number;
  /** False: not connected yet (call `engine.start()`), so commands queue as they would offline. Default true. */
  readonly start?: boolean;
}

/** A SyncEngine as the apps run it (memory storage, real timers), reconnecting quickly so tests stay short. */
export function startEngine(hubUrl: string, token: string, options: TestEngineOptions = {}): TestEngine {
  let opened: EngineSocket | null = null;
  const engine = new SyncEngine({
    hubUrl,
    token,
    storage: new MemoryKeyValueStorage(),
    clock: systemClock,
    timers: { set: setTimeout, clear: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    newId: randomUUID,
    ...(options.tooManyConnectionsRetryMs !== undefined
      ? { tooManyConnectionsRetryMs: options.tooManyConnectionsRetryMs }
      : {}),
    openSocket: (url, auth) => {
      const socket: EngineSocket = io(url, {
        auth,
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 20,
        reconnectionDelayMax: 100,
        randomizationFactor: 0,
        // A connection attempt cut half-way would otherwise wait out socket.io's 20 s before the next one.
        timeout: 1000,
      });
      // Listeners added with prependAny see an event's arguments before the engine's own listener does.
      if (options.ignoreAnnouncedRate)
        socket.prependAny((event: string, payload: unknown) => {
          if (event === 'welcome' && typeof payload === 'object' && payload !== null)
            delete (payload as { commandRate?: unknown }).commandRate;
        });
      opened = socket;
      return socket;
    },
  });
  if (options.start !== false) engine.start();
  return {
    engine,
    socket: () => {
      if (!opened) throw new Error('the engine has not opened a socket');
      return opened;
    },
  };
}

/** Resolves with the first view of `engine` that passes `test`. */
export function viewWhere(
  engine: SyncEngine,
  test: (view: EngineView) => boolean,
  timeoutMs = 20_000,
): Promise<EngineView> {
  return new Promise((resolve, reject) => {
    if (test(engine.view)) return resolve(engine.view);
    const timer = setTimeout(() => {
      stop();
      const v = engine.view;
      reject(
        new Error(
          `timed out; last view: ${v.status}, ${v.pending.length} pending, ${v.rejected.length} rejected, seq ${v.confirmed.seq}`,
        ),
      );
    }, timeoutMs);
    const stop = engine.onChange((view) => {
      if (!test(view)) return;
      clearTimeout(timer);
      stop();
      resolve(view);
    });
  });
}
