/**
 * The desktop path's stand-in for Electron's preload (main/preload.cts), installed in the page with addInitScript:
 * `window.warroom` with one function per request and one subscription per host event, carried to and from the
 * benchmark process (ui-desktop-host.ts, ui-desktop-channel.ts) over a WebSocket instead of ipcRenderer. Each
 * message is parsed in the task that delivers it, as Electron deserializes an IPC message in the task that
 * dispatches it. It speaks socket.io's text frames itself (engine.io 4: "0" open, "2" ping, "3" pong; socket.io 5:
 * "40" connect, "42" + JSON event), so the page needs no client library.
 * Everything in installDesktopPreload is serialized into the page: it may not refer to anything outside itself.
 */

/** What the page side needs to know; made in the benchmark process from the contract (ui-desktop-host.ts). */
export interface PreloadPlan {
  /** Request names of the contract (requestSchemas). */
  readonly requests: readonly string[];
  /** The preload's subscription methods, each with the host event it listens to (the contract's map). */
  readonly listeners: Readonly<Record<string, string>>;
  /** The host's WebSocket address. */
  readonly url: string;
  /** The global array each delivery's timings are pushed to (Delivery), for the benchmark to read. */
  readonly statsGlobal: string;
}

/** One message the page received: a host event, or a request's reply (`reply:<name>`), and what it cost there. */
export interface Delivery {
  readonly event: string;
  /** Its frame's length in characters. */
  readonly bytes: number;
  /** JSON.parse of the frame: what Electron's deserialization of the message stands for. */
  readonly parseMs: number;
  /** The renderer's listeners (for a reply: 0, the caller runs on in a later microtask). */
  readonly listenMs: number;
}

export function installDesktopPreload(plan: PreloadPlan): void {
  type Listener = (payload: unknown) => void;
  interface PageSocket {
    onmessage: ((message: { data: unknown }) => void) | null;
    send(text: string): void;
  }
  const g = globalThis as unknown as Record<string, unknown> & {
    WebSocket: new (url: string) => PageSocket;
    performance: { now(): number };
  };
  const channels = new Map<string, Set<Listener>>();
  const deliveries: Delivery[] = [];
  g[plan.statsGlobal] = deliveries;
  const waiting = new Map<number, { name: string; resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  /** Frames written before the namespace is joined wait here. */
  let outbox: string[] | null = [];

  const socket = new g.WebSocket(plan.url);
  const write = (frame: string): void => {
    if (outbox) outbox.push(frame);
    else socket.send(frame);
  };
  socket.onmessage = ({ data }) => {
    const text = String(data);
    if (text === '2') return socket.send('3');
    if (text.startsWith('0')) return socket.send('40');
    if (text.startsWith('40')) {
      const queued = outbox ?? [];
      outbox = null;
      for (const frame of queued) socket.send(frame);
      return;
    }
    if (!text.startsWith('42')) return;
    const start = g.performance.now();
    const [kind, ...rest] = JSON.parse(text.slice(2)) as [string, ...unknown[]];
    const parsed = g.performance.now();
    if (kind === 'host') {
      const [event, payload] = rest as [string, unknown];
      for (const listener of channels.get(event) ?? []) listener(payload);
      deliveries.push({ event, bytes: text.length, parseMs: parsed - start, listenMs: g.performance.now() - parsed });
    } else if (kind === 'reply') {
      const [id, ok, value] = rest as [number, boolean, unknown];
      const call = waiting.get(id);
      if (!call) return;
      waiting.delete(id);
      deliveries.push({ event: `reply:${call.name}`, bytes: text.length, parseMs: parsed - start, listenMs: 0 });
      if (ok) call.resolve(value === null ? undefined : value);
      else call.reject(new Error(String(value)));
    }
  };

  const request =
    (name: string) =>
    (...args: unknown[]): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { name, resolve, reject });
        write(`42${JSON.stringify(['invoke', id, name, args])}`);
      });

  const subscribe =
    (event: string) =>
    (listener: Listener): (() => void) => {
      const set = channels.get(event) ?? new Set<Listener>();
      channels.set(event, set);
      // Each subscription its own wrapper, as the preload's: unsubscribing one leaves another of the same listener.
      const forward: Listener = (payload) => listener(payload);
      set.add(forward);
      return () => {
        set.delete(forward);
      };
    };

  const api: Record<string, unknown> = {};
  for (const name of plan.requests) api[name] = request(name);
  for (const [method, event] of Object.entries(plan.listeners)) api[method] = subscribe(event);
  // contextBridge hands the page a frozen copy it cannot replace.
  Object.defineProperty(g, 'warroom', { value: Object.freeze(api), writable: false, configurable: false });
}
