import { plainIssues } from '../../shared/protocol/plain-issues.js';
import type { Logger } from 'pino';
import { isoNow, type Clock } from '../../shared/clock.js';
import { refuseViewerWork } from '../../shared/domain/authorize.js';
import { commandError, type CommandError, type ErrorCode } from '../../shared/domain/errors.js';
import type { Person } from '../../shared/domain/primitives.js';
import {
  OVERRIDE_WORDS,
  authorizeOncallChange,
  authorizeOncallKind,
  mayEditOverride,
} from '../../shared/oncall/change-permissions.js';
import { rotationWarnings } from '../../shared/oncall/rotation.js';
import {
  oncallChangeSchema,
  oncallRequestSchema,
  pageTestRequestSchema,
  type OncallChangeReply,
  type OncallReply,
  type PageTestReply,
  type ParsedOncallChange,
} from '../../shared/protocol/oncall-wire.js';
import type { Session, UserStore } from '../auth/user-store.js';
import { answerRequest, tokenStillActive } from '../socket/request-reply.js';
import type { HubServer, HubSocket } from '../socket/types.js';
import type { OncallConfig, OncallStore } from './oncall-store.js';
import type { Unreachable } from '../../shared/contact/reachability.js';
import { buildOncallView } from './oncall-view.js';
import { sendTestPage, userRoom } from './page-push.js';
import type { PagingScheduler } from './scheduler.js';
import type { HubStore } from '../store/hub-store.js';

export interface OncallRequestDeps {
  readonly io: HubServer;
  readonly users: UserStore;
  readonly oncall: OncallStore;
  readonly scheduler: PagingScheduler;
  /** To tell the other nodes (PostgreSQL) that the on-call set-up changed. */
  readonly hubStore: Pick<HubStore, 'announce'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** People on call a page may not reach (hub/contact); absent: none are named. */
  readonly unreachable?: ((config: OncallConfig) => Promise<Unreachable[]>) | undefined;
}

type Outcome = { ok: true; warnings: string[] } | { ok: false; error: CommandError };

const refuse = (code: ErrorCode, message: string): { ok: false; error: CommandError } => ({
  ok: false,
  error: commandError(code, message),
});

/**
 * The on-call requests of one connection: `oncall` (read, any role), `oncall.change` (admins, or people about
 * themselves), `page.test`. Every payload is parsed with the shared schema; the connection joins its user's room
 * so pages reach only that person.
 */
export function attachOncallRequests(socket: HubSocket, deps: OncallRequestDeps): void {
  const { session } = socket.data;
  void socket.join(userRoom(session.user.id));

  socket.on('oncall', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: OncallReply) => void;
    answerRequest(reply, deps.logger, 'on-call view', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      const request = oncallRequestSchema.safeParse(raw ?? {});
      if (!request.success)
        return refuse('invalid_command', `Invalid on-call request: ${plainIssues(request.error, 'the request')}.`);
      const view = buildOncallView(
        deps.scheduler.currentConfig,
        await deps.oncall.deadlines(),
        session.user.id,
        deps.clock.now(),
        request.data.days,
        (await deps.unreachable?.(deps.scheduler.currentConfig)) ?? [],
      );
      return { ok: true, view };
    });
  });

  socket.on('oncall.change', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: OncallChangeReply) => void;
    answerRequest(reply, deps.logger, 'on-call change', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      // The role first, before the shape and before any lookup: a refusal never tells what exists.
      const byKind = authorizeOncallKind(session.user.role, kindOf(raw));
      if (byKind) return { ok: false, error: byKind };
      const change = oncallChangeSchema.safeParse(raw);
      if (!change.success)
        return refuse('invalid_command', `Invalid on-call change: ${plainIssues(change.error, 'the change')}.`);
      const notYours = authorizeOncallChange(session.user, change.data);
      if (notYours) return { ok: false, error: notYours };
      const outcome = await applyChange(change.data, session, deps);
      deps.logger.info(
        { user: session.user.id, kind: change.data.kind, ...(outcome.ok ? {} : { error: outcome.error.code }) },
        outcome.ok ? 'on-call changed' : 'on-call change refused',
      );
      if (outcome.ok) {
        await deps.scheduler.reconfigured();
        deps.io.emit('oncall.changed');
        // Other nodes reload too; if telling them fails they still see it at their next reconnect.
        deps.hubStore.announce('oncall').catch((error: unknown) => {
          deps.logger.warn({ err: error }, 'telling other nodes about an on-call change failed');
        });
      }
      return outcome;
    });
  });

  socket.on('page.test', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (answer: PageTestReply) => void;
    answerRequest(reply, deps.logger, 'test page', async () => {
      if (!(await tokenStillActive(socket, deps.users))) return refuse('unauthorized', 'Your token was revoked.');
      if (!pageTestRequestSchema.safeParse(raw ?? {}).success)
        return refuse('invalid_command', 'page.test takes no arguments: send {}.');
      const page = sendTestPage(deps.io, session.user.id, isoNow(deps.clock));
      deps.logger.info({ user: session.user.id, pageId: page.pageId }, 'test page sent');
      return { ok: true, page };
    });
  });
}

/** The `kind` of an unparsed change, for the role check that comes before its shape. */
function kindOf(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as { kind?: unknown }).kind : undefined;
}

/** A change the sender may make (authorizeOncallChange said so): what it names must exist, then it is saved. */
async function applyChange(change: ParsedOncallChange, session: Session, deps: OncallRequestDeps): Promise<Outcome> {
  const { user } = session;
  const { oncall } = deps;
  switch (change.kind) {
    case 'rotation.save': {
      const members: Person[] = [];
      for (const member of change.rotation.members) {
        const known = await deps.users.findUserById(member.id);
        if (!known) return refuse('unknown_user', `No user with id ${member.id} on this hub.`);
        const viewer = refuseViewerWork(known, 'on call');
        if (viewer) return { ok: false, error: viewer };
        members.push({ id: known.id, name: known.name });
      }
      const rotation = { ...change.rotation, members };
      await oncall.saveRotation(rotation);
      return { ok: true, warnings: rotationWarnings(rotation) };
    }
    case 'rotation.delete':
      return (await oncall.deleteRotation(change.rotationId))
        ? { ok: true, warnings: [] }
        : refuse('not_found', `No rotation with id ${change.rotationId}.`);
    case 'override.save': {
      const wanted = change.override;
      // Replacing someone else's override is theirs to allow: asked first, before what it names is looked up.
      const existing = await oncall.override(wanted.id);
      if (existing && !mayEditOverride(user, existing)) return refuse('forbidden', OVERRIDE_WORDS);
      const rotation = await oncall.rotation(wanted.rotationId);
      if (!rotation) return refuse('not_found', `No rotation with id ${wanted.rotationId}.`);
      if (!rotation.members.some((m) => m.id === wanted.replaces))
        return refuse('invalid_command', `${wanted.replaces} is not on the ${rotation.name} rotation.`);
      const cover = await deps.users.findUserById(wanted.person.id);
      if (!cover) return refuse('unknown_user', `No user with id ${wanted.person.id} on this hub.`);
      const viewer = refuseViewerWork(cover, 'on call');
      if (viewer) return { ok: false, error: viewer };
      await oncall.saveOverride({ ...wanted, person: { id: cover.id, name: cover.name } });
      const ended = Date.parse(wanted.end) <= deps.clock.now();
      return { ok: true, warnings: ended ? ['This override has already ended; it changes nothing.'] : [] };
    }
    case 'override.delete': {
      const existing = await oncall.override(change.overrideId);
      if (!existing) return refuse('not_found', `No override with id ${change.overrideId}.`);
      if (!mayEditOverride(user, existing))
        return refuse('forbidden', 'Only admins, or the people covering and covered, remove an override.');
      await oncall.deleteOverride(existing.id);
      return { ok: true, warnings: [] };
    }
    case 'service.route':
      if (change.rotationId !== null && !(await oncall.rotation(change.rotationId)))
        return refuse('not_found', `No rotation with id ${change.rotationId}.`);
      await oncall.routeService(change.service, change.rotationId);
      return { ok: true, warnings: [] };
    case 'settings.save':
      if (typeof change.defaultRotationId === 'string' && !(await oncall.rotation(change.defaultRotationId)))
        return refuse('not_found', `No rotation with id ${change.defaultRotationId}.`);
      await oncall.saveSettings(change);
      return { ok: true, warnings: [] };
    case 'profile.save': {
      const target = change.userId ?? user.id;
      if (!(await deps.users.findUserById(target)))
        return refuse('unknown_user', `No user with id ${target} on this hub.`);
      await oncall.saveProfile(target, change.profile);
      return { ok: true, warnings: [] };
    }
  }
}
