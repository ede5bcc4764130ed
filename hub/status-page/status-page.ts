import { touchesPublicPage } from '../../shared/status-page/public-status.js';
import { randomBytes } from 'node:crypto';
import { storedSigningKey } from '../secrets/link-signing.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import { isoNow } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Publishers } from '../../shared/domain/publish-policy.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import { STATUS_PATHS } from '../../shared/status-page/render/page-shell.js';
import {
  EMPTY_STATUS_PAGE_CONFIG,
  statusPageConfigSchema,
  type StatusPageConfig,
} from '../../shared/status-page/status-page-config.js';
import type { UserStore } from '../auth/user-store.js';
import type { ContactStore } from '../contact/contact-store.js';
import type { SmtpSettings } from '../contact/senders/email.js';
import type { SendOutcome } from '../contact/senders/sender.js';
import { SecretsKeyError } from '../secrets/secret-key.js';
import type { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import type { HubSocket } from '../socket/types.js';
import { createAnnouncements } from './announce/announcements.js';
import { sendTestMessage } from './announce/test-message.js';
import { MessageOutbox } from './message-outbox.js';
import { PublicCache } from './public-cache.js';
import { handleStatusHttp } from './status-http.js';
import { attachStatusPageRequests } from './status-page-requests.js';
import type { MessageHandler, StatusPagePart, StatusPagePartDeps } from './status-page-parts.js';
import type { MessageKind, StatusPageStore } from './status-page-store.js';
import { createSubscribers } from './subscribers/subscribers.js';

export interface StatusPageDeps {
  readonly store: StatusPageStore;
  /** Where the link key is kept (a hub-wide setting every node reads). */
  readonly settings: Pick<ContactStore, 'settingIfAbsent' | 'forgetSetting'>;
  readonly storeKind: 'sqlite' | 'postgres';
  readonly secrets: SecretsKeyFile;
  readonly users: Pick<UserStore, 'isTokenActive'>;
  readonly pipeline: { readonly state: IncidentsState };
  /** Who may publish (the hub's publish policy), shown to the app. */
  readonly publishers: Publishers;
  /** The hub's SMTP settings (the contact options'): null, e-mail is off. */
  readonly smtp: SmtpSettings | null;
  readonly sendTimeoutMs?: number | undefined;
  /** The hub's public address without a trailing slash (the contact options' public URL, else where it listens). */
  baseUrl(): string;
  /** The link key was sealed with a secrets key that is lost: make a new one (contact's renew rule). */
  readonly renewKeys: boolean;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  /** Tell every client on this node that the set-up, channels or subscribers changed. */
  emitChanged(): void;
  /** Tell the other nodes the same (StoreChange 'statuspage'). */
  announce(): Promise<void>;
}

/** The status page as the hub wires it: the public cache and routes, the parts, the outbox, the socket requests. */
export interface StatusPage {
  /** Starts the outbox (messages left by a stopped hub go out) once the hub's address is known. */
  start(): void;
  onCommitted(events: readonly DomainEvent[]): void;
  /** /status, /status.json, the feed, the stylesheet, then the parts' routes; false for other paths. */
  handleHttp(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  attach(socket: HubSocket): void;
  /** Another node changed the set-up, channels or subscribers (or the store's feed came back): read again. */
  storeChanged(): void;
  /** Sends a test message through a chat channel now (the announcements part); null for an unknown channel. */
  testChannel(id: string): Promise<SendOutcome | null>;
  /** Resolves when the work started so far (messages, rebuilds, parts' work) is done. */
  settled(): Promise<void>;
  stop(): void;
}

/** The hub-wide setting the subscriber link key is kept under, sealed. */
export const LINK_KEY_SETTING = 'statuspage-link-key';

export async function createStatusPage(deps: StatusPageDeps): Promise<StatusPage> {
  const { store, secrets, clock } = deps;
  const logger = deps.logger.child({ component: 'status-page' });
  const seal = (plain: string) => secrets.seal(plain);
  const open = (sealed: string) => secrets.open(sealed, 'a status page secret');
  const current = { config: await readConfig(store, logger, EMPTY_STATUS_PAGE_CONFIG) };
  const linkKey = await linkSigningKey(deps, seal, open, logger);
  const urls = {
    base: () => deps.baseUrl(),
    incident: (incidentId: string) => `${deps.baseUrl()}/#/incident/${encodeURIComponent(incidentId)}`,
    page: () => `${deps.baseUrl()}${STATUS_PATHS.page}`,
  };
  const changed = () => {
    deps.emitChanged();
    deps.announce().catch((error: unknown) => {
      logger.warn({ err: error }, 'telling other nodes about a status page change failed');
    });
  };
  const handlers: Partial<Record<MessageKind, MessageHandler>> = {};
  const outbox = new MessageOutbox({
    store,
    handlers,
    open,
    clock,
    timers: deps.timers,
    logger,
    nodeId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    // "Last sent" beside channels and webhook subscribers: the admins' screens look again. Not for each e-mail to
    // a subscriber (hundreds per update, and nothing on those screens shows them).
    onFinished: (row) => {
      if (row.kind === 'announce' || row.kind === 'subscriber-webhook') deps.emitChanged();
    },
  });
  const partDeps: StatusPagePartDeps = {
    store,
    seal,
    open,
    state: () => deps.pipeline.state,
    config: () => current.config,
    enqueue: (rows) => outbox.enqueue(rows),
    urls,
    smtp: deps.smtp,
    sendTimeoutMs: deps.sendTimeoutMs,
    linkKey,
    clock,
    logger,
    changed,
  };
  // The announcements' one-second pace between a channel's messages runs on real timers even on a test's fake
  // clock: a paced send waits inside the outbox's work, which a fake clock that nobody advances would never end.
  const parts: StatusPagePart[] = [createSubscribers(partDeps), createAnnouncements(partDeps)];
  for (const part of parts) Object.assign(handlers, part.handlers);
  const cache = new PublicCache({
    state: () => deps.pipeline.state,
    config: () => current.config,
    pageUrl: urls.page,
    email: () => deps.smtp !== null,
    clock,
    timers: deps.timers,
    logger,
  });

  // Built at once: the hub answers HTTP before start() (which rebuilds with the address it then knows).
  cache.rebuildNow();

  /** Reads the set-up again (after a save here or on another node); a failed read keeps the one in use. */
  const reload = async () => {
    current.config = await readConfig(store, logger, current.config);
    cache.markDirty();
  };
  const reloads = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    reloads.add(work);
    void work.finally(() => reloads.delete(work));
  };

  return {
    start: () => {
      cache.rebuildNow();
      outbox.start();
    },
    onCommitted: (events) => {
      const state = deps.pipeline.state;
      for (const part of parts) {
        try {
          part.onCommitted(events, state);
        } catch (error) {
          logger.error({ err: error }, 'a status page part failed on a commit');
        }
      }
      // Only what changes the page rebuilds it: an internal update, the tried log or an incident never published
      // leaves it as it is (the state after the commit says whether this one published it).
      if (events.some((e) => touchesPublicPage(e, state))) cache.markDirty();
    },
    handleHttp: async (req, res) => {
      if (handleStatusHttp(req, res, cache)) return true;
      for (const part of parts) if (part.handleHttp && (await part.handleHttp(req, res))) return true;
      return false;
    },
    attach: (socket) =>
      attachStatusPageRequests(socket, {
        store,
        users: deps.users,
        seal,
        config: () => current.config,
        saveConfig: async (config, savedBy) => {
          await store.saveConfig({ json: JSON.stringify(config), savedAt: isoNow(clock), savedBy });
          current.config = config;
          cache.markDirty();
        },
        testChannel: (id) => testChannel(id),
        pageUrl: urls.page,
        email: deps.smtp !== null,
        publishers: deps.publishers,
        clock,
        logger,
        changed,
      }),
    storeChanged: () => {
      track(reload());
      outbox.wake();
    },
    testChannel: (id) => testChannel(id),
    settled: async () => {
      while (reloads.size > 0) await Promise.all([...reloads]);
      // Parts enqueue into the outbox, whose sends may ask parts for more (a Slack thread): twice round.
      for (let round = 0; round < 2; round++) {
        await Promise.all(parts.map((p) => p.settled()));
        await outbox.settled();
      }
      await cache.settled();
    },
    stop: () => {
      outbox.stop();
      cache.stop();
    },
  };

  async function testChannel(id: string): Promise<SendOutcome | null> {
    const channel = (await store.channels()).find((c) => c.id === id);
    return channel ? sendTestMessage(partDeps, channel) : null;
  }
}

/** The saved set-up, or `fallback` when none is saved, it cannot be read, or it is not a valid one (said in the log). */
async function readConfig(
  store: Pick<StatusPageStore, 'config'>,
  logger: Logger,
  fallback: StatusPageConfig,
): Promise<StatusPageConfig> {
  try {
    const saved = await store.config();
    if (!saved) return fallback;
    const parsed = statusPageConfigSchema.safeParse(JSON.parse(saved.json));
    if (parsed.success) return parsed.data;
    logger.error({ savedAt: saved.savedAt }, 'the saved status page set-up is not valid; the one in use stays');
  } catch (error) {
    logger.error({ err: error }, 'the status page set-up could not be read; the one in use stays');
  }
  return fallback;
}

/**
 * 32 random bytes, stored sealed once per hub (all nodes agree on the first one stored). Sealed with a secrets key
 * that is lost: a new one where contact keys would be renewed (links sent before then stop working).
 */
async function linkSigningKey(
  deps: Pick<StatusPageDeps, 'settings' | 'renewKeys'>,
  seal: (plain: string) => string,
  open: (sealed: string) => string,
  logger: Logger,
): Promise<Buffer> {
  const read = () => storedSigningKey(deps.settings, LINK_KEY_SETTING, seal, open);
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof SecretsKeyError) || !deps.renewKeys) throw error;
    logger.warn({ err: error }, 'the status page link key was sealed with another secrets key: a new one is made');
    await deps.settings.forgetSetting(LINK_KEY_SETTING);
    return read();
  }
}
