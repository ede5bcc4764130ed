import type pg from 'pg';
import type { StoreChange } from '../hub-store.js';
import { CHANGE_CHANNEL } from './pg-event-store.js';
import { createClient } from './pool.js';

export interface ChangeFeedOptions {
  readonly url: string;
  /** The backstop: every this often, `log` and `inbox` are announced even without a notification. */
  readonly pollMs: number;
  readonly onError: (error: Error) => void;
}

const CHANGES: readonly StoreChange[] = ['log', 'oncall', 'inbox', 'tokens', 'statuspage', 'reconnected'];
const MAX_RECONNECT_MS = 5000;

/**
 * One dedicated connection LISTENing for other nodes' changes. It reconnects by itself (backing off up to 5 s) and
 * then announces `reconnected`, so the hub catches up by seq. A slow poll backs NOTIFY up: a lost notification costs
 * latency, never an event.
 */
export class ChangeFeed {
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private client: pg.Client | null = null;
  private closed = false;
  private failures = 0;
  private readonly poll: NodeJS.Timeout;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private connected = false;

  constructor(private readonly options: ChangeFeedOptions) {
    this.poll = setInterval(() => {
      this.emit('log');
      this.emit('inbox');
    }, options.pollMs);
    this.poll.unref();
  }

  /** Connects the LISTEN connection; resolves once listening (or after the first failure, retrying behind). */
  async start(): Promise<void> {
    await this.connect();
  }

  get listening(): boolean {
    return this.connected;
  }

  watch(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = createClient(this.options.url);
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    client.on('notification', (message) => {
      const change = CHANGES.find((c) => c === message.payload);
      if (change) this.emit(change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      this.lost(client, error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.connected = true;
    const wasLost = this.failures > 0;
    this.failures = 0;
    if (wasLost) this.emit('reconnected');
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.closed || (this.client !== null && this.client !== client)) return;
    if (this.client === client) this.client = null;
    this.connected = false;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.options.onError(error);
    if (this.reconnectTimer) return;
    const delay = Math.min(MAX_RECONNECT_MS, 250 * 2 ** this.failures);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
