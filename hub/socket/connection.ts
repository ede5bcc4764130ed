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
import { createAccessSweep } from './access-sweep.js';
import { CommandByteAllowance } from './command-bytes.js';
import { CommandRateLimit } from './command-rate.js';
import { checkHandshake, refusalError, tooManyConnections } from './handshake.js';
import { jsonSize, parseCommand } from './parse-command.js';
import { SlowClientGuard } from './slow-clients.js';
import { syncReply } from './sync-reply.js';
import type { HubServer, HubSocket } from './types.js';

export interface ConnectionDeps {
  readonly users: UserStore;
  readonly pipeline: CommandPipeline;
  readonly store: EventStore;
  readonly logger: Logger;
  /** On-call and paging (hub/paging): the user's page room, the on-call requests, and which rotations exist. */
  readonly paging?: { attach(socket: HubSocket): void; rotationExists(id: string): Promise<boolean> };
  /** Commands per connection and connections per token (hub/limits). */
  readonly limits: HubLimits;
  /** Time for the command rate limit. */
  readonly clock: Clock;
}

/** What the rest of the hub tells the open connections. */
export interface Connections {
  /** Tokens or roles changed (here, on another node, or by the CLI): re-check every open connection. */
  accessChanged(): void;
  /** After a broadcast: drop connections that hold more unsent bytes than the hub allows. */
  afterBroadcast(): void;
  /** Resolves when no access check is running (tests, close). */
  idle(): Promise<void>;
}

/** Wires socket.io to the hub: refuse bad handshakes, then answer commands and sync requests. */
export function attachConnections(io: HubServer, deps: ConnectionDeps): Connections {
  const connections = new ConnectionCounter(deps.limits.maxConnectionsPerToken);
  const commandRate = { burst: deps.limits.commandBurst, perSecond: deps.limits.commandsPerSecond };
  const now = () => deps.clock.now();
  const bytes = new CommandByteAllowance(
    { burst: deps.limits.commandByteBurst, perSecond: deps.limits.commandBytesPerSecond },
    now,
  );
  const slowClients = new SlowClientGuard(io, deps.limits.maxSendBufferBytes, deps.logger, now);

  /** Who they are, the people, the allowance; and why the token's previous connection was dropped, if it was. */
  const welcome = (socket: HubSocket, notice?: ReturnType<SlowClientGuard['takeNotice']>): void => {
    deps.users.listUsers().then(
      (people) =>
        socket.emit('welcome', {
          protocol: PROTOCOL_VERSION,
          head: deps.pipeline.state.seq,
          user: socket.data.session.user,
          people,
          commandRate,
          ...(notice ? { notice } : {}),
        }),
      (error: unknown) => {
        deps.logger.error({ err: error, socket: socket.id }, 'reading people for welcome failed; disconnecting');
        socket.disconnect(true);
      },
    );
  };
  const access = createAccessSweep(io, { users: deps.users, logger: deps.logger, welcome });

  io.use((socket, next) => {
    checkHandshake(socket.handshake.auth, deps.users).then(
      (check) => admit(socket, check, next),
      (error: unknown) => {
        deps.logger.error({ err: error }, 'checking a connection failed');
        next(
          refusalError({
            code: 'hub_unavailable',
            message: 'The hub cannot reach its database to check your sign-in; the app tries again by itself.',
          }),
        );
      },
    );
  });

  const admit = (
    socket: HubSocket,
    check: Awaited<ReturnType<typeof checkHandshake>>,
    next: (error?: Error) => void,
  ): void => {
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
    const { tokenId } = check.session;
    const releaseAll = () => {
      release();
      if (connections.count(tokenId) === 0) bytes.release(tokenId);
    };
    socket.once('disconnect', releaseAll);
    socket.conn.once('close', releaseAll);
    socket.data.session = check.session;
    next();
  };

  io.on('connection', (socket) => {
    const { user } = socket.data.session;
    deps.logger.debug({ user: user.id, socket: socket.id }, 'client connected');
    // The handlers are attached at once (a request sent right after connecting is not lost); welcome follows.
    welcome(socket, slowClients.takeNotice(socket.data.session.tokenId));
    const limits = { rate: new CommandRateLimit(commandRate, now), bytes };
    const inOrder = sequencer();
    socket.on('command', (raw: unknown, ack: unknown) => onCommand(socket, deps, limits, inOrder, raw, ack));
    // A snapshot asked for may exceed the send-buffer limit: it is allowed on top until it has drained.
    socket.on('sync', (raw: unknown, ack: unknown) =>
      onSync(socket, deps, raw, ack, (send) => slowClients.reply(socket, send)),
    );
    socket.on('timeline', (raw: unknown, ack: unknown) => onTimeline(socket, deps, raw, ack));
    deps.paging?.attach(socket);
  });

  return {
    accessChanged: () => access.sweep(),
    afterBroadcast: () => slowClients.check(),
    idle: () => access.idle(),
  };
}

/**
 * Runs each step after the previous one's, whatever order their checks finish in: a connection's commands reach the
 * pipeline in the order they arrived (the checks read the store concurrently; on PostgreSQL they may finish out of
 * order, and a client's queue must apply in the order it was sent).
 */
function sequencer(): <T>(work: Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (work) => {
    // Handled here at once: a check that fails while an earlier one is still running is answered in its turn, and
    // must not count as an unhandled rejection meanwhile (which would end the process).
    work.catch(() => undefined);
    const next = last.then(() => work);
    last = next.catch(() => undefined);
    return next;
  };
}

function onCommand(
  socket: HubSocket,
  deps: ConnectionDeps,
  limits: { readonly rate: CommandRateLimit; readonly bytes: CommandByteAllowance },
  inOrder: ReturnType<typeof sequencer>,
  raw: unknown,
  ack: unknown,
): void {
  if (typeof ack !== 'function') {
    deps.logger.warn({ socket: socket.id }, 'command without an acknowledgement callback ignored');
    return;
  }
  const reply = ack as (answer: CommandAck) => void;
  const { session } = socket.data;
  const { paging } = deps;
  const limited = limits.rate.check();
  if (limited) {
    if (limited.pauseStarted) deps.logger.warn({ user: session.user.id, socket: socket.id }, 'commands rate limited');
    reply(limited.ack);
    return;
  }
  // Unparseable data is refused by parseCommand; here it costs what it would as JSON, or nothing.
  const size = jsonSize(raw);
  const overBytes = limits.bytes.check(session.tokenId, size ?? 0);
  if (overBytes) {
    deps.logger.warn({ user: session.user.id, socket: socket.id }, 'command bytes rate limited');
    reply(overBytes);
    return;
  }
  inOrder(
    parseCommand(
      raw,
      {
        session,
        isTokenActive: (id) => deps.users.isTokenActive(id),
        findUser: (id) => deps.users.findUserById(id),
        ...(paging ? { rotationExists: (id: string) => paging.rotationExists(id) } : {}),
      },
      size,
    ),
  ).then(
    (parsed) => {
      if (!parsed.ok) {
        deps.logger.info({ user: session.user.id, error: parsed.error.code }, 'command refused before decide');
        reply({ ok: false, error: parsed.error });
        if (parsed.error.code === 'unauthorized') socket.disconnect(true);
        return;
      }
      void deps.pipeline.submit(parsed.command, { id: session.user.id, name: session.user.name }).then(reply);
    },
    (error: unknown) => {
      // The store could not check the token or the people named: retryable, like a failed write.
      deps.logger.error({ err: error, socket: socket.id }, 'checking a command failed');
      reply({ ok: false, error: commandError('storage_failed', 'The hub could not check this; try again.') });
    },
  );
}

function onSync(
  socket: HubSocket,
  deps: ConnectionDeps,
  raw: unknown,
  ack: unknown,
  sending: (send: () => void) => void,
): void {
  if (typeof ack !== 'function') return;
  const reply = (answer: SyncReply) => sending(() => (ack as (answer: SyncReply) => void)(answer));
  const request = syncRequestSchema.safeParse(raw);
  const answer = async (): Promise<SyncReply> => {
    if (await revoked(socket, deps)) return { kind: 'error', error: REVOKED };
    if (!request.success)
      return { kind: 'error', error: commandError('invalid_command', 'sync needs { since: a whole number >= 0 }.') };
    // A client that saw more than this node has (it was on another node) waits for this node to read the log,
    // rather than being sent an older snapshot.
    if (request.data.since > deps.pipeline.state.seq) await deps.pipeline.caughtUp();
    return syncReply(request.data.since, deps.pipeline.state, deps.store);
  };
  answer().then(reply, (error: unknown) => {
    deps.logger.error({ err: error, socket: socket.id }, 'sync failed');
    reply({ kind: 'error', error: commandError('storage_failed', 'The hub could not read its log; try again.') });
  });
}

function onTimeline(socket: HubSocket, deps: ConnectionDeps, raw: unknown, ack: unknown): void {
  if (typeof ack !== 'function') return;
  const reply = ack as (answer: TimelineReply) => void;
  const request = timelineRequestSchema.safeParse(raw);
  const answer = async (): Promise<TimelineReply> => {
    if (await revoked(socket, deps)) return { ok: false, error: REVOKED };
    if (!request.success)
      return { ok: false, error: commandError('invalid_command', 'timeline needs { incidentId }.') };
    if (!findIncident(deps.pipeline.state.incidents, request.data.incidentId))
      return { ok: false, error: commandError('not_found', `No incident with id ${request.data.incidentId}.`) };
    const events = await deps.store.readIncident(request.data.incidentId);
    return { ok: true, events: events.filter((e) => e.seq <= deps.pipeline.state.seq) };
  };
  answer().then(reply, (error: unknown) => {
    deps.logger.error({ err: error, socket: socket.id }, 'timeline read failed');
    reply({ ok: false, error: commandError('storage_failed', 'The hub could not read its log; try again.') });
  });
}

const REVOKED = commandError('unauthorized', 'Your token was revoked.');

/** Reads, like commands, stop when the token is revoked: the answer is `unauthorized`, then the connection drops. */
async function revoked(socket: HubSocket, deps: ConnectionDeps): Promise<boolean> {
  if (await deps.users.isTokenActive(socket.data.session.tokenId)) return false;
  setImmediate(() => socket.disconnect(true));
  return true;
}
