import { z } from 'zod';
import type { Timers } from '../shared/clock.js';
import type { ConnectResult } from '../shared/ipc/settings.js';
import type { EngineLike } from './engine-host.js';
import { normalizeHubUrl } from './hub-url.js';
import type { HubCredentials } from './local-hub.js';

/** The part of `fetch` used here, so tests need no network. */
export type HealthFetch = (
  url: string,
  init: { signal: AbortSignal },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface ConnectDeps {
  readonly fetch: HealthFetch;
  readonly timers: Timers;
  readonly createEngine: (credentials: HubCredentials) => EngineLike;
  readonly healthTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
}

export type OpenedConnection =
  | { readonly ok: true; readonly hubUrl: string; readonly engine: EngineLike }
  | { readonly ok: false; readonly message: string };

const healthSchema = z.object({ ok: z.literal(true), protocol: z.number().int() });

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/**
 * Whether a Warroom hub answers at `hubUrl` (GET /healthz, no token needed): null if it does, otherwise a
 * message for the person saying what is wrong.
 */
export async function checkHubHealth(
  hubUrl: string,
  fetchHealth: HealthFetch,
  timers: Timers,
  timeoutMs = 5000,
): Promise<string | null> {
  const controller = new AbortController();
  const timer = timers.set(() => controller.abort(), timeoutMs);
  const noHub = `No Warroom hub answers at ${hubUrl}. Check the address, and that the hub is running (npm start, or warroom-hub serve).`;
  try {
    const response = await fetchHealth(`${hubUrl}/healthz`, { signal: controller.signal });
    if (!response.ok)
      return `${hubUrl} answered, but not as a Warroom hub (GET /healthz gave HTTP ${response.status}). Check the address.`;
    const body = healthSchema.safeParse(await response.json().catch(() => null));
    return body.success ? null : `${hubUrl} answered, but not as a Warroom hub. Check the address.`;
  } catch {
    return controller.signal.aborted ? `${noHub} (No reply within ${seconds(timeoutMs)}.)` : noHub;
  } finally {
    timers.clear(timer);
  }
}

/**
 * Waits until a started engine is in (welcomed and caught up) or refused: a wrong token gets the hub's own
 * refusal message. A network error is not an answer (socket.io retries), so only the timeout ends that wait.
 */
export function waitForWelcome(
  engine: Pick<EngineLike, 'view' | 'onChange'>,
  hubUrl: string,
  timers: Timers,
  timeoutMs = 15_000,
): Promise<ConnectResult> {
  return new Promise((resolve) => {
    let settled = false;
    let unsubscribe = (): void => undefined;
    const timer = timers.set(
      () =>
        finish({
          ok: false,
          message: `The hub at ${hubUrl} is up but did not open a live connection within ${seconds(timeoutMs)}. Try again; if it keeps failing, check that any proxy in between allows WebSockets.`,
        }),
      timeoutMs,
    );
    function finish(result: ConnectResult): void {
      if (settled) return;
      settled = true;
      timers.clear(timer);
      unsubscribe();
      resolve(result);
    }
    const check = (view: EngineLike['view']): void => {
      if (view.refusal) finish({ ok: false, message: view.refusal.message });
      else if (view.status === 'online') finish({ ok: true });
    };
    unsubscribe = engine.onChange(check);
    check(engine.view);
    if (settled) unsubscribe();
  });
}

/**
 * Tries a hub before switching to it: the address, then /healthz, then a real connection with the token.
 * On success the engine that got in is returned, running, to become the app's engine (no second connection).
 */
export async function openHubConnection(request: HubCredentials, deps: ConnectDeps): Promise<OpenedConnection> {
  const url = normalizeHubUrl(request.hubUrl);
  if (!url.ok) return url;
  const unhealthy = await checkHubHealth(url.hubUrl, deps.fetch, deps.timers, deps.healthTimeoutMs);
  if (unhealthy) return { ok: false, message: unhealthy };
  const engine = deps.createEngine({ hubUrl: url.hubUrl, token: request.token });
  engine.start();
  const result = await waitForWelcome(engine, url.hubUrl, deps.timers, deps.handshakeTimeoutMs);
  if (!result.ok) {
    engine.stop();
    return result;
  }
  return { ok: true, hubUrl: url.hubUrl, engine };
}
