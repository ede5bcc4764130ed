import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import { buildPublicStatus } from '../../shared/status-page/public-status.js';
import { STATUS_PATHS } from '../../shared/status-page/render/page-shell.js';
import { renderStatusFeed } from '../../shared/status-page/render/render-feed-atom.js';
import { renderStatusPage } from '../../shared/status-page/render/render-page-html.js';
import { renderStatusJson } from '../../shared/status-page/render/render-status-json.js';
import { STATUS_PAGE_CSS } from '../../shared/status-page/render/status-page-css.js';
import type { StatusPageConfig } from '../../shared/status-page/status-page-config.js';

/** One public resource, rendered once and served as it is until the next rebuild. */
export interface CachedResource {
  readonly body: Buffer;
  /** Strong: a hash of the bytes, so equal bytes (from any node) have equal tags. */
  readonly etag: string;
  readonly contentType: string;
  /**
   * The same bytes gzipped once per rebuild (the page is about 100 KB of HTML and 6 KB gzipped: on a phone during
   * an outage that is the difference), with its own strong tag, since it is another representation.
   */
  readonly gzip: { readonly body: Buffer; readonly etag: string };
}

export type CachedPath = (typeof STATUS_PATHS)['page' | 'json' | 'feed' | 'css'];

export interface PublicCacheDeps {
  state(): IncidentsState;
  config(): StatusPageConfig;
  /** `<public base>/status`. */
  pageUrl(): string;
  /** The hub can send e-mail (the page offers e-mail subscriptions). */
  email(): boolean;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
}

/** The longest a time-driven rebuild waits (a timer further out is armed again then). */
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

const resource = (text: string, contentType: string): CachedResource => {
  const body = Buffer.from(text, 'utf8');
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 32);
  return { body, etag: `"${tag}"`, contentType, gzip: { body: gzipSync(body), etag: `"${tag}-gzip"` } };
};

/**
 * The public page's bytes, built from buildPublicStatus when something public changes (a commit touching a published
 * incident, the set-up) and when time alone changes the page (a maintenance starts or ends, a new day:
 * PublicStatus.nextChangeAt), never per request: a status page is read most when an incident is on, so a storm of
 * visitors costs a hash lookup each, not a render. A failed rebuild keeps the last bytes.
 */
export class PublicCache {
  private resources: ReadonlyMap<CachedPath, CachedResource>;
  private timer: unknown = null;
  private pending: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: PublicCacheDeps) {
    this.resources = new Map([[STATUS_PATHS.css, resource(STATUS_PAGE_CSS, 'text/css; charset=utf-8')]]);
  }

  /** What is served at `path` now, or undefined for a path that is not the cache's. */
  get(path: string): CachedResource | undefined {
    return this.resources.get(path as CachedPath);
  }

  /** Rebuilds now (start, tests). */
  rebuildNow(): void {
    if (this.stopped) return;
    const now = this.deps.clock.now();
    try {
      const status = buildPublicStatus(this.deps.state(), this.deps.config(), now);
      const pageUrl = this.deps.pageUrl();
      const css = this.resources.get(STATUS_PATHS.css);
      const next = new Map<CachedPath, CachedResource>([
        [
          STATUS_PATHS.page,
          resource(renderStatusPage(status, { pageUrl, email: this.deps.email() }), 'text/html; charset=utf-8'),
        ],
        [STATUS_PATHS.json, resource(renderStatusJson(status, { pageUrl }), 'application/json; charset=utf-8')],
        [STATUS_PATHS.feed, resource(renderStatusFeed(status, { pageUrl }), 'application/atom+xml; charset=utf-8')],
      ]);
      if (css) next.set(STATUS_PATHS.css, css);
      this.resources = next;
      this.armAt(Date.parse(status.nextChangeAt));
    } catch (error) {
      // The last page stays up: a public page that says something slightly old beats one that says nothing.
      this.deps.logger.error({ err: error }, 'the status page could not be rebuilt; the last one is served');
      this.armAt(now + 60_000);
    }
  }

  /**
   * Something public changed: rebuild once after the current work (a commit's events, a burst of commits in one
   * turn), not once per event.
   */
  markDirty(): void {
    if (this.stopped || this.pending) return;
    this.pending = Promise.resolve().then(() => {
      this.pending = null;
      this.rebuildNow();
    });
  }

  /** Resolves once a rebuild asked for has run. */
  async settled(): Promise<void> {
    while (this.pending) await this.pending;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
  }

  private armAt(at: number): void {
    if (this.timer !== null) this.deps.timers.clear(this.timer);
    this.timer = null;
    if (this.stopped || !Number.isFinite(at)) return;
    // A change time already past (it should not be) waits a second rather than rebuilding in a loop.
    const until = at - this.deps.clock.now();
    const delay = Math.min(until > 0 ? until : 1000, MAX_TIMER_MS);
    this.timer = this.deps.timers.set(() => {
      this.timer = null;
      this.rebuildNow();
    }, delay);
  }
}
