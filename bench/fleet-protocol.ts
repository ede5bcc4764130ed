/** Messages between the runner and a fleet worker (fleet.ts ↔ fleet-worker.ts). Times are clock.ts nowMs(). */
export type ToFleetWorker =
  /** Connect one client per auth object; each waits for the server's `welcome`. */
  | { readonly kind: 'connect'; readonly url: string; readonly auths: readonly object[]; readonly timeoutMs: number }
  /** Watch `event` messages for this commandId: answer `arrived` once every client has seen it. */
  | { readonly kind: 'arm'; readonly marker: string }
  /** How busy the worker's event loop was since the last ask (or since it started). */
  | { readonly kind: 'utilization' }
  | { readonly kind: 'disconnect' };

export type FromFleetWorker =
  | { readonly kind: 'connected'; readonly count: number }
  | { readonly kind: 'armed'; readonly marker: string }
  | { readonly kind: 'arrived'; readonly marker: string; readonly first: number; readonly last: number }
  | { readonly kind: 'utilization'; readonly busy: number }
  | { readonly kind: 'disconnected' }
  /** A client lost its connection during a benchmark, or something failed: the benchmark cannot be trusted. */
  | { readonly kind: 'failed'; readonly message: string };
