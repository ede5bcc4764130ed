import type { Logger } from 'pino';
import { commandError, type ErrorCode } from '../../shared/domain/errors.js';
import {
  contactChangeSchema,
  contactRequestSchema,
  contactTestRequestSchema,
  type ContactChangeReply,
  type ContactReply,
  type ContactTestReply,
  type ParsedContactChange,
} from '../../shared/protocol/contact-wire.js';
import { plainIssues } from '../../shared/protocol/plain-issues.js';
import type { Session, UserStore } from '../auth/user-store.js';
import { answerRequest, tokenStillActive, type Refused } from '../socket/request-reply.js';
import type { HubSocket } from '../socket/types.js';
import type { ContactService } from './contact-service.js';
import type { ContactStore, StoredContactMethod } from './contact-store.js';

export interface ContactRequestDeps {
  readonly service: ContactService;
  readonly store: Pick<ContactStore, 'method'>;
  readonly users: Pick<UserStore, 'isTokenActive' | 'findUserById'>;
  readonly logger: Logger;
  /** A person's methods changed: the on-call screen's warnings may have too. */
  changed(): void;
}

const refuse = (code: ErrorCode, message: string): Refused => ({ ok: false, error: commandError(code, message) });

/**
 * `contact`, `contact.change` and `contact.test` for one connection: about the sender's own methods and rules, or
 * anyone's for admins. Every payload is parsed with the shared schema; nothing secret is ever in a reply or a log.
 */
export function attachContactRequests(socket: HubSocket, deps: ContactRequestDeps): void {
  const { session } = socket.data;

  socket.on('contact', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    answerRequest(ack as (a: ContactReply) => void, deps.logger, 'contact view', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      const request = contactRequestSchema.safeParse(raw ?? {});
      if (!request.success)
        return refuse('invalid_command', `Invalid contact request: ${plainIssues(request.error, 'the request')}.`);
      const userId = request.data.userId ?? session.user.id;
      const notYours = await mayManage(session, userId, deps);
      if (notYours) return notYours;
      return { ok: true, view: await deps.service.view(userId) };
    });
  });

  socket.on('contact.change', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    answerRequest(ack as (a: ContactChangeReply) => void, deps.logger, 'contact change', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      const change = contactChangeSchema.safeParse(raw);
      if (!change.success)
        return refuse('invalid_command', `Invalid contact change: ${plainIssues(change.error, 'the change')}.`);
      const reply = await apply(change.data, session, deps);
      // Never the target: the kind and the method id say enough.
      deps.logger.info(
        { user: session.user.id, kind: change.data.kind, ...(reply.ok ? {} : { error: reply.error.code }) },
        reply.ok ? 'contact changed' : 'contact change refused',
      );
      if (reply.ok) deps.changed();
      return reply;
    });
  });

  socket.on('contact.test', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    answerRequest(ack as (a: ContactTestReply) => void, deps.logger, 'contact test', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      if (!contactTestRequestSchema.safeParse(raw ?? {}).success)
        return refuse('invalid_command', 'contact.test takes no arguments: send {}.');
      const tested = await deps.service.test(session.user.id, session.user.name);
      if (!tested.ok) return tested;
      const { results } = tested;
      deps.logger.info(
        { user: session.user.id, methods: results.length, failed: results.filter((r) => !r.ok).length },
        'contact test page sent',
      );
      return tested;
    });
  });
}

async function apply(
  change: ParsedContactChange,
  session: Session,
  deps: ContactRequestDeps,
): Promise<ContactChangeReply> {
  const done = { ok: true as const, methodId: null, sent: null };
  switch (change.kind) {
    case 'method.add': {
      const userId = change.userId ?? session.user.id;
      const notYours = await mayManage(session, userId, deps);
      if (notYours) return notYours;
      const added = await deps.service.add(session.user.id, userId, change.label ?? '', change.target);
      return added.ok ? { ok: true, methodId: added.methodId, sent: added.sent } : added;
    }
    case 'rules.save': {
      const userId = change.userId ?? session.user.id;
      const notYours = await mayManage(session, userId, deps);
      if (notYours) return notYours;
      const saved = await deps.service.saveRules(userId, change.rules);
      return saved.ok ? done : saved;
    }
    case 'method.verify':
    case 'method.resend':
    case 'method.remove': {
      const method = await ownMethod(session, change.methodId, deps);
      if (!method.ok) return method;
      if (change.kind === 'method.remove') {
        await deps.service.remove(method.method);
        return done;
      }
      if (change.kind === 'method.verify') {
        const verified = await deps.service.verify(method.method, change.code);
        return verified.ok ? done : verified;
      }
      const resent = await deps.service.resend(session.user.id, method.method);
      return resent.ok ? { ...done, methodId: method.method.id, sent: resent.sent } : resent;
    }
  }
}

/** Someone else's methods are an admin's to see and change; an unknown person is said so only to admins. */
async function mayManage(session: Session, userId: string, deps: ContactRequestDeps): Promise<Refused | null> {
  if (userId === session.user.id) return null;
  if (session.user.role !== 'admin')
    return refuse('forbidden', "Only admins see or change other people's contact methods.");
  return (await deps.users.findUserById(userId))
    ? null
    : refuse('unknown_user', `No user with id ${userId} on this hub.`);
}

async function ownMethod(
  session: Session,
  methodId: string,
  deps: ContactRequestDeps,
): Promise<{ ok: true; method: StoredContactMethod } | Refused> {
  const method = await deps.store.method(methodId);
  if (!method) return refuse('not_found', `No contact method ${methodId} on this hub.`);
  // As with overrides: whose it is can only be known by looking it up (its id is random and never shown to others).
  if (method.userId !== session.user.id && session.user.role !== 'admin')
    return refuse('forbidden', "Only admins see or change other people's contact methods.");
  return { ok: true, method };
}
