import type { Logger } from 'pino';
import {
  syncRequestSchema,
  timelineRequestSchema,
  type CommandAck,
  type SyncReply,
  type TimelineReply,
} from '../../shared/protocol/wire.js';
import { findIncident } from '../../shared/domain/state.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { commandError } from '../../shared/domain/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { UserStore } from '../auth/user-store.js';
import type { CommandPipeline } from '../commands/command-pipeline.js';
import { ConnectionCounter } from '../limits/connection-counter.js';
import type { HubLimits } from '../limits/limits.js';
import type { EventStore } from '../store/event-store.js';
import { CommandRateLimit } from './command-rate.js';
import { checkHandshake, refusalError, tooManyConnections } from './handshake.js';
import { parseCommand } from './parse-command.js';
import { syncReply } from './sync-reply.js';
import type { HubServer, HubSocket } from './types.js';

export interface ConnectionDeps {
  readonly users: UserStore;
  readonly pipeline: CommandPipeline;
  readonly store: EventStore;
  readonly logger: Logger;
  /** On-call and paging (hub/paging): the user's page room and the on-call requests. */
  readonly paging?: { attach(socket: HubSocket): void };
  /** Commands per connection and connections per token (hub/limits). */
  readonly limits: HubLimits;
  /** Time for the command rate limit. */
  readonly clock: Clock;
}

/** Wires socket.io to the hub: refuse bad handshakes, then answer commands and sync requests. */
export function attachConnections(io: HubServer, deps: ConnectionDeps): void {
  const connections = new ConnectionCounter(deps.limits.maxConnectionsPerToken);
  const commandRate = { burst: deps.limits.commandBurst, perSecond: deps.limits.commandsPerSecond };

  io.use((socket, next) => {
    const check = checkHandshake(socket.handshake.auth, deps.users);
    if (!check.ok) {
      deps.logger.info({ code: check.refusal.code, address: socket.handshake.address }, 'connection refused');
      return next(refusalError(check.refusal));
    }
    const release = connections.acquire(check.session.tokenId);
    if (!release) {
      const refusal = tooManyConnections(deps.limits.maxConnectionsPerToken);
      deps.logger.warn(
        { code: refusal.code, user: check.session.user.id, token: check.session.tokenId },
        'connection refused',
      );
      return next(refusalError(refusal));
    }
    // Given back when the socket disconnects, or when the transport closes before it ever connected.
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    socket.data.session = check.session;
    next();
  });

  io.on('connection', (socket) => {
    const { user } = socket.data.session;
    deps.logger.debug({ user: user.id, socket: socket.id }, 'client connected');
    socket.emit('welcome', {
      protocol: PROTOCOL_VERSION,
      head: deps.pipeline.state.seq,
      user,
      people: deps.users.listUsers(),
      commandRate,
    });
    const rate = new CommandRateLimit(commandRate, () => deps.clock.now());
    socket.on('command', (raw: unknown, ack: unknown) => onCommand(socket, deps, rate, raw, ack));
    socket.on('sync', (raw: unknown, ack: unknown) => onSync(socket, deps, raw, ack));
    socket.on('timeline', (raw: unknown, ack: unknown) => onTimeline(socket, deps, raw, ack));
    deps.paging?.attach(socket);
  });
}

function onCommand(socket: HubSocket, deps: ConnectionDeps, rate: CommandRateLimit, raw: unknown, ack: unknown): void {
  if (typeof ack !== 'function') {
    deps.logger.warn({ socket: socket.id }, 'command without an acknowledgement callback ignored');
    return;
  }
  const reply = ack as (answer: CommandAck) => void;
  const { session } = socket.data;
  const limited = rate.check();
  if (limited) {
    if (limited.pauseStarted) deps.logger.warn({ user: session.user.id, socket: socket.id }, 'commands rate limited');
    reply(limited.ack);
    return;
  }
  const parsed = parseCommand(raw, {
    session,
    isTokenActive: (id) => deps.users.isTokenActive(id),
    findUser: (id) => deps.users.findUserById(id),
  });
  if (!parsed.ok) {
    deps.logger.info({ user: session.user.id, error: parsed.error.code }, 'command refused before decide');
    reply({ ok: false, error: parsed.error });
    if (parsed.error.code === 'unauthorized') socket.disconnect(true);
    return;
  }
  void deps.pipeline.submit(parsed.command, { id: session.user.id, name: session.user.name }).then(reply);
}

function onSync(socket: HubSocket, deps: ConnectionDeps, raw: unknown, ack: unknown): void {
  if (typeof ack !== 'function') return;
  const reply = ack as (answer: SyncReply) => void;
  if (revoked(socket, deps)) {
    reply({ kind: 'error', error: REVOKED });
    return;
  }
  const request = syncRequestSchema.safeParse(raw);
  if (!request.success) {
    reply({ kind: 'error', error: commandError('invalid_command', 'sync needs { since: a whole number >= 0 }.') });
    return;
  }
  syncReply(request.data.since, deps.pipeline.state, deps.store).then(reply, (error: unknown) => {
    deps.logger.error({ err: error, socket: socket.id }, 'sync failed');
    reply({ kind: 'error', error: commandError('storage_failed', 'The hub could not read its log; try again.') });
  });
}

function onTimeline(socket: HubSocket, deps: ConnectionDeps, raw: unknown, ack: unknown): void {
  if (typeof ack !== 'function') return;
  const reply = ack as (answer: TimelineReply) => void;
  if (revoked(socket, deps)) {
    reply({ ok: false, error: REVOKED });
    return;
  }
  const request = timelineRequestSchema.safeParse(raw);
  if (!request.success) {
    reply({ ok: false, error: commandError('invalid_command', 'timeline needs { incidentId }.') });
    return;
  }
  if (!findIncident(deps.pipeline.state.incidents, request.data.incidentId)) {
    reply({ ok: false, error: commandError('not_found', `No incident with id ${request.data.incidentId}.`) });
    return;
  }
  deps.store.readIncident(request.data.incidentId).then(
    (events) => reply({ ok: true, events: events.filter((e) => e.seq <= deps.pipeline.state.seq) }),
    (error: unknown) => {
      deps.logger.error({ err: error, socket: socket.id }, 'timeline read failed');
      reply({ ok: false, error: commandError('storage_failed', 'The hub could not read its log; try again.') });
    },
  );
}

const REVOKED = commandError('unauthorized', 'Your token was revoked.');

/** Reads, like commands, stop when the token is revoked: the answer is `unauthorized`, then the connection drops. */
function revoked(socket: HubSocket, deps: ConnectionDeps): boolean {
  if (deps.users.isTokenActive(socket.data.session.tokenId)) return false;
  setImmediate(() => socket.disconnect(true));
  return true;
}
