import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Clock, Timers } from '../../shared/clock.js';
import { contactTargetSchema } from '../../shared/contact/contact-method.js';
import { unreachablePeople, type Unreachable } from '../../shared/contact/reachability.js';
import type { Command } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Person } from '../../shared/domain/primitives.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import type { CommandRate } from '../../shared/protocol/rate-limit.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import type { UserStore } from '../auth/user-store.js';
import type { OncallConfig } from '../paging/oncall-store.js';
import { SecretsKeyError } from '../secrets/secret-key.js';
import type { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import type { HubSocket } from '../socket/types.js';
import { ACK_KEY_SETTING, AckLinks, ackSigningKey } from './ack-links.js';
import { handleAckRoute } from './ack-route.js';
import { ContactHealthCheck, ntfyHealthCheck, type ContactHealth } from './contact-health.js';
import { attachContactRequests } from './contact-requests.js';
import { ContactService } from './contact-service.js';
import type { ContactStore } from './contact-store.js';
import { DeliveryOutbox } from './delivery-outbox.js';
import { emailSenderFor, type SmtpSettings } from './senders/email.js';
import { DEFAULT_NTFY_SERVER } from './senders/ntfy.js';
import { createSendThrough } from './senders/send-through.js';
import { VAPID_SETTING, ensureVapidKeys } from './vapid-keys.js';

/** How a hub reaches people beyond its own app (docs/contact.md); `serve` fills it from the environment. */
export interface ContactOptions {
  /** null or absent: e-mail is off. */
  readonly smtp?: SmtpSettings | null;
  /** The team's ntfy server (WARROOM_NTFY_URL): the default for ntfy methods, and checked by /healthz. */
  readonly ntfyServer?: string | undefined;
  /** The address people open the hub at (WARROOM_PUBLIC_URL), for the links in messages; default where it listens. */
  readonly publicUrl?: string | undefined;
  /** Who push services may contact about this hub's Web Push (mailto: or https:); a default is derived. */
  readonly vapidSubject?: string | undefined;
  /** Each send's timeout (tests make it short). */
  readonly sendTimeoutMs?: number | undefined;
  /**
   * The Web Push and acknowledge-link keys are sealed with the secrets key. When they do not open with it (the key
   * was lost), make new ones: browsers subscribe again, links sent before stop working. Always so on SQLite (one
   * node: the key can only have been lost); on PostgreSQL only when asked (WARROOM_RENEW_CONTACT_KEYS=1), since
   * there it usually means this node was given another key than the others.
   */
  readonly renewKeys?: boolean | undefined;
  /** Codes and test pages a person may have sent (contact-service.ts DEFAULT_MESSAGE_RATE unless told). */
  readonly messageRate?: CommandRate | undefined;
}

export interface ContactDeps {
  readonly store: ContactStore;
  readonly storeKind: 'sqlite' | 'postgres';
  readonly secrets: SecretsKeyFile;
  readonly users: UserStore;
  readonly pipeline: {
    readonly state: IncidentsState;
    submit(command: Command, actor: Person): Promise<CommandAck>;
  };
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
  readonly options: ContactOptions;
  /** A message failed for good (the guardrails look again). */
  readonly onDeliveryFailed?: () => void;
}

/** Contact methods as the hub wires them: the outbox, acknowledge links, the socket requests, health. */
export interface Contact {
  /** Starts the outbox once the hub's address is known (links in messages point at it). */
  start(listeningUrl: string): Promise<void>;
  onCommitted(events: readonly DomainEvent[]): void;
  attach(socket: HubSocket, changed: () => void): void;
  /** `/ack/<token>`; false for other paths. */
  handleHttp(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  health(): Promise<ContactHealth>;
  /** People on a rotation (or covering one) a page may not reach. */
  unreachable(config: OncallConfig): Promise<Unreachable[]>;
  /** Resolves when every delivery started so far is done (tests). */
  settled(): Promise<void>;
  stop(): void;
  /** The hub's address in links (WARROOM_PUBLIC_URL without a trailing slash, else where it listens once started). */
  publicUrl(): string;
}

export async function createContact(deps: ContactDeps): Promise<Contact> {
  const { store, secrets, clock, options } = deps;
  const logger = deps.logger.child({ component: 'contact' });
  const seal = (plain: string, beside: readonly string[] = []) => secrets.seal(plain, beside);
  const open = (sealed: string) => secrets.open(sealed, 'a contact setting');
  const base = { url: options.publicUrl?.replace(/\/+$/, '') ?? '' };
  const ntfyServer = options.ntfyServer ?? DEFAULT_NTFY_SERVER;
  const smtp = options.smtp ?? null;
  const renew = deps.storeKind === 'sqlite' || options.renewKeys === true;
  const keys = await openOrRenewKeys(
    async () => ({
      vapid: await ensureVapidKeys(store, seal, open, vapidSubject(options, smtp)),
      ack: await ackSigningKey(store, seal, open),
    }),
    { store, renew, logger },
  );
  const { vapid } = keys;
  const links = new AckLinks(store, keys.ack);
  const sendThrough = createSendThrough({
    smtp,
    vapid,
    ntfyServer,
    ...(options.sendTimeoutMs ? { timeoutMs: options.sendTimeoutMs } : {}),
  });
  const urls = {
    ack: (token: string) => `${base.url}/ack/${token}`,
    incident: (incidentId: string) => `${base.url}/#/incident/${encodeURIComponent(incidentId)}`,
  };
  const service = new ContactService({
    store,
    seal,
    open,
    sendThrough,
    channels: { email: smtp !== null, webPushKey: vapid.publicKey, ntfyServer },
    messageRate: options.messageRate,
    clock,
    logger,
  });
  const outbox = new DeliveryOutbox({
    store,
    state: () => deps.pipeline.state,
    submit: (command, actor) => deps.pipeline.submit(command, actor),
    sendThrough,
    openTarget: (method) => contactTargetSchema.parse(JSON.parse(open(method.sealedTarget))),
    links,
    urls,
    clock,
    timers: deps.timers,
    logger,
    nodeId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    onFailed: () => deps.onDeliveryFailed?.(),
  });
  const health = new ContactHealthCheck(
    {
      email: smtp ? () => emailSenderFor(smtp, options.sendTimeoutMs).verify() : null,
      ntfy: options.ntfyServer ? ntfyHealthCheck(options.ntfyServer) : null,
    },
    clock,
    (now) => {
      for (const [channel, state] of Object.entries(now))
        if (state && !state.ok)
          logger.warn({ channel, detail: state.detail }, `${channel} is not working: pages cannot go out by it`);
        else if (state) logger.info({ channel }, `${channel} works`);
    },
  );
  const warned = new Map<string, string>();

  return {
    start: async (listeningUrl) => {
      if (!base.url) base.url = listeningUrl;
      await outbox.start();
      void health.current();
    },
    onCommitted: (events) => outbox.onCommitted(events),
    attach: (socket, changed) => attachContactRequests(socket, { service, store, users: deps.users, logger, changed }),
    handleHttp: (req, res) =>
      handleAckRoute(req, res, {
        links,
        state: () => deps.pipeline.state,
        submit: (command, actor) => deps.pipeline.submit(command, actor),
        users: deps.users,
        clock,
        logger,
        incidentUrl: urls.incident,
      }),
    health: () => health.current(),
    unreachable: async (config) => {
      const now = clock.now();
      const people = [
        ...config.rotations.flatMap((r) => r.members),
        ...config.overrides.filter((o) => Date.parse(o.end) > now).map((o) => o.person),
      ];
      const [methods, last] = await Promise.all([store.methods(), store.lastDeliveries()]);
      const found = unreachablePeople(
        people,
        methods.map((m) => ({
          id: m.id,
          userId: m.userId,
          kind: m.kind,
          target: m.target,
          verified: m.verifiedAt !== null,
        })),
        last,
      );
      // The hub log says it once per change, not at every look.
      for (const person of found) {
        const text = person.problems.join('; ');
        if (warned.get(person.userId) !== text)
          logger.warn({ user: person.userId }, `${person.name} may not be reached by a page: ${text}`);
        warned.set(person.userId, text);
      }
      for (const id of [...warned.keys()]) if (!found.some((p) => p.userId === id)) warned.delete(id);
      return found;
    },
    settled: () => outbox.settled(),
    stop: () => outbox.stop(),
    publicUrl: () => base.url,
  };
}

/** The hub's contact keys, made anew when the secrets key that sealed them is gone and `renew` allows it. */
async function openOrRenewKeys<T>(
  open: () => Promise<T>,
  { store, renew, logger }: { store: ContactStore; renew: boolean; logger: Logger },
): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!(error instanceof SecretsKeyError)) throw error;
    if (!renew)
      throw new SecretsKeyError(
        `${error.message} Every node must use the same secrets key (--secrets-key or WARROOM_SECRETS_KEY_FILE, docs/deploy.md). If that key is lost on every node, start one node once with WARROOM_RENEW_CONTACT_KEYS=1: browsers then subscribe again, and acknowledge links sent before stop working.`,
        { cause: error },
      );
    logger.warn(
      { err: error },
      'the Web Push and acknowledge-link keys were sealed with another secrets key: new ones are made (browsers subscribe again; links sent before no longer work)',
    );
    for (const key of [VAPID_SETTING, ACK_KEY_SETTING]) await store.forgetSetting(key);
    return open();
  }
}

/** WARROOM_VAPID_SUBJECT, else the hub's https address, else the SMTP sender, else a placeholder push services accept. */
function vapidSubject(options: ContactOptions, smtp: SmtpSettings | null): string {
  if (options.vapidSubject) return options.vapidSubject;
  if (options.publicUrl?.startsWith('https://')) return options.publicUrl;
  const address = smtp ? (/<([^>]+)>/.exec(smtp.from)?.[1] ?? smtp.from) : null;
  return address?.includes('@') ? `mailto:${address}` : 'mailto:warroom@localhost';
}
