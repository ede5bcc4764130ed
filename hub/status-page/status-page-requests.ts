import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { isoNow, type Clock } from '../../shared/clock.js';
import { hostOf } from '../../shared/contact/contact-method.js';
import { commandError, type ErrorCode } from '../../shared/domain/errors.js';
import type { Publishers } from '../../shared/domain/publish-policy.js';
import { plainIssues } from '../../shared/protocol/plain-issues.js';
import {
  statusPageChangeSchema,
  statusPageRequestSchema,
  type ParsedStatusPageChange,
  type StatusPageChangeReply,
  type StatusPageReply,
  type StatusPageView,
} from '../../shared/protocol/status-page-wire.js';
import { maskAnnounceTarget } from '../../shared/status-page/announcements.js';
import type { StatusPageConfig } from '../../shared/status-page/status-page-config.js';
import type { Session, UserStore } from '../auth/user-store.js';
import type { OutboxStatus } from '../contact/contact-store.js';
import type { SendOutcome } from '../contact/senders/sender.js';
import { answerRequest, tokenStillActive, type Refused } from '../socket/request-reply.js';
import type { HubSocket } from '../socket/types.js';
import type { StatusPageStore } from './status-page-store.js';

export interface StatusPageRequestDeps {
  readonly store: StatusPageStore;
  readonly users: Pick<UserStore, 'isTokenActive'>;
  seal(plain: string): string;
  /** The set-up in use now. */
  config(): StatusPageConfig;
  /** Saves a new set-up and puts it in use (the page is rebuilt). */
  saveConfig(config: StatusPageConfig, savedBy: string): Promise<void>;
  /** Sends a test message through a channel now; null when there is no such channel. */
  testChannel(id: string): Promise<SendOutcome | null>;
  readonly pageUrl: () => string;
  readonly email: boolean;
  readonly publishers: Publishers;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Something changed: every client asks `statuspage` again, here and on the other nodes. */
  changed(): void;
}

const refuse = (code: ErrorCode, message: string): Refused => ({ ok: false, error: commandError(code, message) });
const ADMINS_ONLY = 'Only admins change the status page: its set-up, chat channels and webhook subscribers.';

/**
 * `statuspage` (responders and admins read the set-up; only admins see channels and webhook subscribers, masked)
 * and `statuspage.change` (admins only, refused before anything is read) for one connection. Nothing secret is in a
 * reply or a log, except a webhook subscriber's signing secret, returned once to the admin who added it.
 */
export function attachStatusPageRequests(socket: HubSocket, deps: StatusPageRequestDeps): void {
  const { session } = socket.data;

  socket.on('statuspage', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    answerRequest(ack as (a: StatusPageReply) => void, deps.logger, 'status page view', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      if (session.user.role === 'viewer')
        return refuse('forbidden', 'Viewers do not see the status page set-up; ask an admin for the responder role.');
      if (!statusPageRequestSchema.safeParse(raw ?? {}).success)
        return refuse('invalid_command', 'statuspage takes no arguments: send {}.');
      return { ok: true, view: await view(deps, session.user.role === 'admin') };
    });
  });

  socket.on('statuspage.change', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    answerRequest(ack as (a: StatusPageChangeReply) => void, deps.logger, 'status page change', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      if (session.user.role !== 'admin') return refuse('forbidden', ADMINS_ONLY);
      const change = statusPageChangeSchema.safeParse(raw);
      if (!change.success)
        return refuse('invalid_command', `Invalid status page change: ${plainIssues(change.error, 'the change')}.`);
      const reply = await apply(change.data, session, deps);
      // Never a URL, token or secret: the kind and the id say enough.
      deps.logger.info(
        {
          user: session.user.id,
          kind: change.data.kind,
          ...(reply.ok ? { id: reply.id } : { error: reply.error.code }),
        },
        reply.ok ? 'status page changed' : 'status page change refused',
      );
      if (reply.ok && change.data.kind !== 'channel.test') deps.changed();
      return reply;
    });
  });
}

async function view(deps: StatusPageRequestDeps, admin: boolean): Promise<StatusPageView> {
  const { store } = deps;
  const [subscribers, channels, last] = await Promise.all([
    store.subscribers(),
    admin ? store.channels() : Promise.resolve([]),
    admin ? store.lastPerRecipient() : Promise.resolve(new Map<string, LastMessage>()),
  ]);
  const emailSubscribers = subscribers.filter((s) => s.kind === 'email');
  return {
    config: deps.config(),
    pageUrl: deps.pageUrl(),
    email: deps.email,
    publishers: deps.publishers,
    subscribers: {
      confirmed: emailSubscribers.filter((s) => s.confirmedAt !== null).length,
      pending: emailSubscribers.filter((s) => s.confirmedAt === null).length,
    },
    channels: channels.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      target: c.target,
      severities: [...c.severities],
      events: [...c.events],
      createdAt: c.createdAt,
      last: lastSend(last.get(c.id)),
    })),
    webhooks: admin
      ? subscribers
          .filter((s) => s.kind === 'webhook')
          .map((s) => ({
            id: s.id,
            target: s.target,
            services: [...s.services],
            createdAt: s.createdAt,
            last: lastSend(last.get(s.id)),
          }))
      : [],
  };
}

type LastMessage = { at: string; status: OutboxStatus; detail: string };

function lastSend(last: LastMessage | undefined): StatusPageView['channels'][number]['last'] {
  if (!last || last.status === 'cancelled') return null;
  return { at: last.at, result: last.status === 'pending' ? 'retrying' : last.status, detail: last.detail };
}

async function apply(
  change: ParsedStatusPageChange,
  session: Session,
  deps: StatusPageRequestDeps,
): Promise<StatusPageChangeReply> {
  const done = { ok: true as const, id: null, secret: null, sent: null };
  const now = isoNow(deps.clock);
  switch (change.kind) {
    case 'config.save':
      await deps.saveConfig(change.config, session.user.id);
      return done;
    case 'channel.add': {
      const id = `ch-${randomBytes(9).toString('base64url')}`;
      const { target } = change.channel;
      await deps.store.addChannel({
        id,
        name: change.channel.name,
        kind: target.kind,
        target: maskAnnounceTarget(target),
        sealedTarget: deps.seal(JSON.stringify(target)),
        severities: change.channel.severities,
        events: change.channel.events,
        createdAt: now,
      });
      return { ...done, id };
    }
    case 'channel.remove':
      return (await deps.store.removeChannel(change.id))
        ? done
        : refuse('not_found', 'There is no such chat channel (it may have been removed already).');
    case 'channel.test': {
      const sent = await deps.testChannel(change.id);
      if (!sent) return refuse('not_found', 'There is no such chat channel (it may have been removed).');
      return { ...done, sent: { ok: sent.ok, detail: sent.detail } };
    }
    case 'webhook.add': {
      const id = `sw-${randomBytes(9).toString('base64url')}`;
      const secret = randomBytes(32).toString('base64url');
      await deps.store.putSubscriber({
        id,
        kind: 'webhook',
        target: hostOf(change.url),
        sealedTarget: deps.seal(JSON.stringify({ url: change.url, secret })),
        addressHash: null,
        services: change.services,
        createdAt: now,
        // Added by an admin: nobody to confirm it.
        confirmedAt: now,
      });
      return { ...done, id, secret };
    }
    case 'webhook.remove': {
      const subscriber = await deps.store.subscriber(change.id);
      if (!subscriber || subscriber.kind !== 'webhook')
        return refuse('not_found', 'There is no such webhook subscriber (it may have been removed already).');
      await deps.store.removeSubscriber(change.id);
      return done;
    }
  }
}
