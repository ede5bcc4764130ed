import type { Clock } from '../../shared/clock.js';

/** One channel's configuration, as `/healthz` reports it: null when the channel is not set up here. */
export interface ChannelHealth {
  readonly ok: boolean;
  readonly detail: string;
  readonly checkedAt: string;
}

export interface ContactHealth {
  readonly email: ChannelHealth | null;
  readonly ntfy: ChannelHealth | null;
}

export type ChannelCheck = () => Promise<{ ok: boolean; detail: string }>;

/** A load balancer asks /healthz every few seconds: the SMTP server and ntfy are asked at most this often. */
export const HEALTH_MAX_AGE_MS = 60_000;

/**
 * Whether the configured SMTP server and ntfy server answer, for `/healthz`. Results are kept for a minute and
 * refreshed in the background, so a slow mail server never slows the balancer's health checks; the first answer
 * waits for the first check. A broken channel does not make the node unready (it still serves the war room): it
 * is reported beside `ok`, and the hub log says it when it changes.
 */
export class ContactHealthCheck {
  private last: ContactHealth | null = null;
  private checkedAt = 0;
  private running: Promise<ContactHealth> | null = null;

  constructor(
    private readonly checks: { readonly email: ChannelCheck | null; readonly ntfy: ChannelCheck | null },
    private readonly clock: Clock,
    private readonly onChange: (health: ContactHealth) => void = () => {},
  ) {}

  async current(): Promise<ContactHealth> {
    const stale = this.clock.now() - this.checkedAt >= HEALTH_MAX_AGE_MS;
    if (this.last && !stale) return this.last;
    const refresh = this.refresh();
    return this.last ?? refresh;
  }

  private refresh(): Promise<ContactHealth> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<ContactHealth> {
    const at = new Date(this.clock.now()).toISOString();
    const ask = async (check: ChannelCheck | null): Promise<ChannelHealth | null> => {
      if (!check) return null;
      try {
        return { ...(await check()), checkedAt: at };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error), checkedAt: at };
      }
    };
    const [email, ntfy] = await Promise.all([ask(this.checks.email), ask(this.checks.ntfy)]);
    const health = { email, ntfy };
    const changed = JSON.stringify(summary(this.last)) !== JSON.stringify(summary(health));
    this.last = health;
    this.checkedAt = this.clock.now();
    if (changed) this.onChange(health);
    return health;
  }
}

const summary = (h: ContactHealth | null) => h && { email: h.email?.ok ?? null, ntfy: h.ntfy?.ok ?? null };

/** ntfy's own health endpoint (GET /v1/health answers {"healthy":true}). */
export function ntfyHealthCheck(server: string, timeoutMs = 5000, fetcher: typeof fetch = fetch): ChannelCheck {
  return async () => {
    const url = `${server.replace(/\/+$/, '')}/v1/health`;
    const response = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json().catch(() => null)) as { healthy?: unknown } | null;
    return response.ok && body?.healthy === true
      ? { ok: true, detail: `${server} is healthy` }
      : { ok: false, detail: `${server} answered HTTP ${response.status}${body ? '' : ' without health JSON'}` };
  };
}
