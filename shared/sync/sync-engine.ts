import { io, type Socket } from 'socket.io-client';
import { isoNow, systemClock, type Clock, type Timers } from '../clock.js';
import { commandSchema, type CommandInputOf, type CommandRequest, type CommandType } from '../domain/commands.js';
import { commandError, type ErrorCode } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { EMPTY_STATE, incidentsStateSchema, type IncidentsState } from '../domain/state.js';
import { Emitter } from '../events/emitter.js';
import {
  contactChangeReplySchema,
  contactChangeSchema,
  contactReplySchema,
  contactRequestSchema,
  contactTestReplySchema,
  type ContactChange,
  type ContactChangeReply,
  type ContactReply,
  type ContactTestReply,
} from '../protocol/contact-wire.js';
import {
  oncallChangeReplySchema,
  oncallChangeSchema,
  oncallReplySchema,
  pageNotificationSchema,
  pageTestReplySchema,
  type OncallChange,
  type OncallChangeReply,
  type OncallReply,
  type PageNotification,
  type PageTestReply,
} from '../protocol/oncall-wire.js';
import { TokenBucket, clientPace } from '../protocol/rate-limit.js';
import {
  statusPageChangeReplySchema,
  statusPageChangeSchema,
  statusPageReplySchema,
  type StatusPageChange,
  type StatusPageChangeReply,
  type StatusPageReply,
} from '../protocol/status-page-wire.js';
import { PROTOCOL_VERSION } from '../protocol/version.js';
import {
  commandAckSchema,
  connectErrorSchema,
  PASSING_REFUSALS,
  timelineReplySchema,
  welcomeSchema,
  type ClientToServerEvents,
  type CommandAck,
  type ConnectRefusal,
  type ServerToClientEvents,
  type SyncReply,
  eventBatchSchema,
} from '../protocol/wire.js';
import {
  sessionUserSchema,
  type ConnectionStatus,
  type EngineView,
  type SendResult,
  type SessionUser,
} from './engine-view.js';
import { withPending } from './optimistic.js';
import {
  PersistedList,
  queuedCommandSchema,
  rejectedCommandSchema,
  type QueuedCommand,
  type RejectedCommand,
} from './outbox.js';
import { Replica, type ReplicaChange } from './replica.js';
import { parseEventsInSlices, parseSyncReplyInSlices } from './sliced-parse.js';
import { storageKeys, type KeyValueStorage } from './storage.js';
import { z } from 'zod';

/** What a host (Electron main, the web bridge) uses of a SyncEngine; tests pass fakes of it. */
export type EngineHandle = Pick<
  SyncEngine,
  | 'view'
  | 'start'
  | 'stop'
  | 'onChange'
  | 'onEvents'
  | 'onPage'
  | 'onOnCallChanged'
  | 'getTimeline'
  | 'getOnCall'
  | 'changeOnCall'
  | 'sendTestPage'
  | 'getContact'
  | 'changeContact'
  | 'testContact'
  | 'onStatusPageChanged'
  | 'getStatusPage'
  | 'changeStatusPage'
  | 'send'
  | 'submit'
  | 'dismissRejection'
  | 'saveCache'
>;

export type EngineSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SyncEngineOptions {
  readonly hubUrl: string;
  readonly token: string;
  readonly storage: KeyValueStorage;
  readonly clock?: Clock;
  /** The host's timers (setTimeout/clearTimeout in Node and browsers). */
  readonly timers: Timers;
  /** Makes command ids (crypto.randomUUID in Node and browsers). */
  readonly newId: () => string;
  /** How long to wait for an ack before treating the command as unanswered (it stays queued). */
  readonly ackTimeoutMs?: number;
  /** How often the confirmed state is written to the local cache, at most. */
  readonly cacheEveryMs?: number;
  /** How long to wait before connecting again after `too_many_connections` (default 5 s). */
  readonly tooManyConnectionsRetryMs?: number;
  /** Opens the socket; tests and hosts may pass their own options. */
  readonly openSocket?: (hubUrl: string, auth: { token: string; protocol: number }) => EngineSocket;
}

/** The timeline reply's shape, with the events left for a sliced, complete validation. */
const timelineOutlineSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), events: z.array(z.unknown()) }),
  timelineReplySchema.options[1],
]);

/** Errors after which a command is worth sending again; anything else is a definite answer for the person. */
const TRANSIENT: readonly ErrorCode[] = ['storage_failed', 'internal_error', 'unauthorized'];

/** How long to wait after a `rate_limited` answer that names no delay. */
const RATE_LIMITED_FALLBACK_MS = 1000;
/** How long to wait before connecting again when the hub said this token has too many connections open. */
const TOO_MANY_CONNECTIONS_RETRY_MS = 5000;
/** How long the hub's note about a dropped connection stays in view. */
const NOTICE_SHOWN_MS = 60_000;

const cacheSchema = z.object({
  user: sessionUserSchema,
  people: z.array(sessionUserSchema).default([]),
  state: incidentsStateSchema,
});

/** What a SyncEngine tells its host about. */
export interface EngineEvents {
  /** A new view: something in it changed. */
  view: EngineView;
  /** Confirmed events, as the replica applied them (in seq order, each once). */
  events: DomainEvent[];
  /** A page for this person, pushed by the hub. */
  page: PageNotification;
  /** The hub's on-call set-up changed. */
  onCallChanged: null;
  /** The status page's set-up, channels or subscribers changed. */
  statusPageChanged: null;
}

/** What a view is made of: when none of these changed, neither did the view. */
interface ViewInputs {
  readonly confirmed: IncidentsState;
  readonly outbox: readonly QueuedCommand[];
  readonly rejected: readonly RejectedCommand[];
  readonly status: ConnectionStatus;
  readonly stale: boolean;
  readonly user: SessionUser | null;
  readonly people: SessionUser[];
  readonly refusal: ConnectRefusal | null;
  readonly notice: string | null;
}

/**
 * The client side of the sync protocol, for the Electron main process and the browser alike:
 * a replica of the hub's state kept by seq, an outbox that survives restarts, an optimistic view, and a
 * local cache so the app opens instantly on the last known state.
 */
export class SyncEngine {
  private readonly clock: Clock;
  private readonly outbox: PersistedList<QueuedCommand>;
  private readonly rejected: PersistedList<RejectedCommand>;
  private readonly replica: Replica;
  private readonly keys: ReturnType<typeof storageKeys>;
  private readonly emitter = new Emitter<EngineEvents>();
  /** What `current` was built from. */
  private inputs: ViewInputs;
  private people: SessionUser[] = [];
  /** seq at which each of our commands is known to be in the log (from acks or from events). */
  private readonly settled = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private socket: EngineSocket | null = null;
  private status: ConnectionStatus = 'connecting';
  private stale: boolean;
  private user: SessionUser | null;
  private refusal: ConnectRefusal | null = null;
  /** The hub ended this connection for good (`closing`: the token was revoked): no reconnecting. */
  private ended = false;
  private notice: string | null = null;
  private current: EngineView;
  private cacheTimer: unknown = null;
  private retryTimer: unknown = null;
  /** The pace the hub asked for in `welcome` (null: it announced no limit), renewed with each connection. */
  private pace: TokenBucket | null = null;
  /** No command goes out before this (clock ms): the hub answered `rate_limited`. */
  private pausedUntil = 0;
  /**
   * After `rate_limited`, nothing goes out until every command already on its way is answered: the hub refuses those
   * too (it pauses the connection), and sending again must not let a later command overtake them.
   */
  private awaitingAnswers = false;

  constructor(private readonly options: SyncEngineOptions) {
    this.clock = options.clock ?? systemClock;
    this.keys = storageKeys(options.hubUrl, tokenHint(options.token));
    this.outbox = new PersistedList(options.storage, this.keys.outbox, queuedCommandSchema);
    this.rejected = new PersistedList(options.storage, this.keys.rejected, rejectedCommandSchema);
    const cached = this.readCache();
    this.user = cached?.user ?? null;
    this.people = cached?.people ?? [];
    this.stale = cached !== null;
    this.replica = new Replica({ sync: (since) => this.requestSync(since) }, cached?.state ?? EMPTY_STATE);
    this.replica.onChange((_state, events) => this.onReplicaChange(events));
    this.inputs = this.viewInputs();
    this.current = this.buildView();
  }

  get view(): EngineView {
    return this.current;
  }

  /** Calls `listener` with every new view; returns the unsubscribe function. */
  onChange(listener: (view: EngineView) => void): () => void {
    return this.emitter.on('view', listener);
  }

  /**
   * Calls `listener` with confirmed events as they arrive (live, or pages of a catch-up), in seq order;
   * a snapshot brings none, so a timeline should be fetched again after one. Each event comes once, as the confirmed
   * state takes it, and before the view that shows it. Returns the unsubscribe function.
   */
  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    return this.emitter.on('events', listener);
  }

  /**
   * Calls `listener` with every page the hub pushes for this person (`page`): real pages as they go out, and test
   * pages asked for with `sendTestPage`. Live only: a page sent while offline arrives as its incident's page.sent
   * event in the view. Returns the unsubscribe function.
   */
  onPage(listener: (page: PageNotification) => void): () => void {
    return this.emitter.on('page', listener);
  }

  /** Calls `listener` when the hub says the on-call set-up changed (`oncall.changed`): ask `getOnCall` again. */
  onOnCallChanged(listener: () => void): () => void {
    return this.emitter.on('onCallChanged', listener);
  }

  /**
   * The on-call view (`oncall`): rotations with `days` of schedule (1-28; the hub's default is 14), overrides,
   * routes, policy, profiles, my next shift, paging deadlines. The hub's refusal comes back as `{ ok: false }`;
   * offline or unanswered, it rejects with a message for a person.
   */
  async getOnCall(days?: number): Promise<OncallReply> {
    const socket = this.connectedSocket('The on-call schedule');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('oncall', days === undefined ? {} : { days }),
      oncallReplySchema,
      'The hub did not answer in time. Try again.',
    );
  }

  /**
   * One change to the on-call set-up or a profile (`oncall.change`). Malformed input is refused here, naming the
   * field, and nothing is sent; the hub's refusals (`forbidden`, `not_found`…) come back as `{ ok: false }`. Unlike
   * incident commands nothing is queued: offline or unanswered, it rejects.
   */
  async changeOnCall(change: OncallChange): Promise<OncallChangeReply> {
    const parsed = oncallChangeSchema.safeParse(change);
    if (!parsed.success)
      return { ok: false, error: commandError('invalid_command', parsed.error.issues.map(issueText).join('; ')) };
    const socket = this.connectedSocket('Changing the on-call set-up');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('oncall.change', parsed.data),
      oncallChangeReplySchema,
      'The hub did not answer in time: the change may or may not be saved. Look at the on-call screen before retrying.',
    );
  }

  /** Asks the hub for a test page to this person's own devices; it also arrives through `onPage`. */
  async sendTestPage(): Promise<PageTestReply> {
    const socket = this.connectedSocket('A test page');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('page.test', {}),
      pageTestReplySchema,
      'The hub did not answer in time. Try again.',
    );
  }

  /**
   * A person's contact methods (masked), notification rules and what the hub can send through (`contact`): mine, or
   * `userId`'s for an admin. A malformed id is refused here; the hub's refusals come back as `{ ok: false }`.
   */
  async getContact(userId?: string): Promise<ContactReply> {
    const request = userId === undefined ? {} : { userId };
    const parsed = contactRequestSchema.safeParse(request);
    if (!parsed.success)
      return { ok: false, error: commandError('invalid_command', parsed.error.issues.map(issueText).join('; ')) };
    const socket = this.connectedSocket('Reading contact methods');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('contact', parsed.data),
      contactReplySchema,
      'The hub did not answer in time. Try again.',
    );
  }

  /**
   * One change to contact methods or notification rules (`contact.change`). Malformed input (an address, a topic, a
   * code) is refused here, naming the field, and nothing is sent; offline or unanswered, it rejects.
   */
  async changeContact(change: ContactChange): Promise<ContactChangeReply> {
    const parsed = contactChangeSchema.safeParse(change);
    if (!parsed.success)
      return { ok: false, error: commandError('invalid_command', parsed.error.issues.map(issueText).join('; ')) };
    const socket = this.connectedSocket('Changing contact methods');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('contact.change', parsed.data),
      contactChangeReplySchema,
      'The hub did not answer in time: the change may or may not be saved. Look at your profile before retrying.',
    );
  }

  /** A test page through every verified method of mine (`contact.test`), and what each answered. */
  async testContact(): Promise<ContactTestReply> {
    const socket = this.connectedSocket('A test page through your contact methods');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('contact.test', {}),
      contactTestReplySchema,
      'The hub did not answer in time: some messages may have gone out. Try again in a minute.',
    );
  }

  /** Calls `listener` when the hub says the status page's set-up changed (`statuspage.changed`): ask again. */
  onStatusPageChanged(listener: () => void): () => void {
    return this.emitter.on('statusPageChanged', listener);
  }

  /** The status page's set-up, its address and who may publish (`statuspage`); channels and webhooks for admins. */
  async getStatusPage(): Promise<StatusPageReply> {
    const socket = this.connectedSocket('The status page set-up');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('statuspage', {}),
      statusPageReplySchema,
      'The hub did not answer in time. Try again.',
    );
  }

  /**
   * One change to the status page (`statuspage.change`, admins). Malformed input (a URL, a time zone, a channel's
   * fields) is refused here, naming the field, and nothing is sent; offline or unanswered, it rejects.
   */
  async changeStatusPage(change: StatusPageChange): Promise<StatusPageChangeReply> {
    const parsed = statusPageChangeSchema.safeParse(change);
    if (!parsed.success)
      return { ok: false, error: commandError('invalid_command', parsed.error.issues.map(issueText).join('; ')) };
    const socket = this.connectedSocket('Changing the status page');
    return this.answer(
      socket.timeout(this.ackTimeoutMs).emitWithAck('statuspage.change', parsed.data),
      statusPageChangeReplySchema,
      'The hub did not answer in time: the change may or may not be saved. Look at the Status page screen before retrying.',
    );
  }

  /** One incident's events from the hub, oldest first. Needs the hub: offline, it rejects with a clear message. */
  async getTimeline(incidentId: string): Promise<DomainEvent[]> {
    const socket = this.socket;
    if (!socket || this.status === 'offline')
      throw new Error('The timeline needs the hub, which cannot be reached now.');
    const raw: unknown = await socket
      .timeout(this.options.ackTimeoutMs ?? 15_000)
      .emitWithAck('timeline', { incidentId });
    const outline = timelineOutlineSchema.parse(raw);
    if (!outline.ok) throw new Error(outline.error.message);
    // Every event is validated, but in slices with a turn of the event loop between them: 10,000 events checked in
    // one go would block the page (or main) for over 100 ms.
    return parseEventsInSlices(outline.events, this.yieldTurn);
  }

  /** Opens the connection; it then reconnects by itself until `stop`. */
  start(): void {
    if (this.socket) return;
    const auth = { token: this.options.token, protocol: PROTOCOL_VERSION };
    const socket = this.options.openSocket?.(this.options.hubUrl, auth) ?? defaultSocket(this.options.hubUrl, auth);
    this.socket = socket;
    socket.on('welcome', (raw) => void this.onWelcome(raw));
    socket.on('events', (raw) => this.receiveBroadcast(raw));
    socket.on('page', (raw) => this.onPageReceived(raw));
    socket.on('oncall.changed', () => this.emitter.emit('onCallChanged'));
    socket.on('statuspage.changed', () => this.emitter.emit('statusPageChanged'));
    socket.on('closing', (raw) => {
      const refusal = connectErrorSchema.safeParse(raw);
      if (!refusal.success) return;
      this.refusal = refusal.data;
      this.ended = true;
      this.setStatus('offline');
    });
    socket.on('disconnect', (reason) => {
      this.inFlight.clear();
      this.setStatus('offline');
      // A disconnect the server asked for is not retried by socket.io itself; one it said was for good, never.
      if (reason === 'io server disconnect' && !this.ended) this.options.timers.set(() => this.socket?.connect(), 1000);
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const refusal = connectErrorSchema.safeParse(error.data);
      if (refusal.success) this.refusal = refusal.data;
      this.setStatus('offline');
      // socket.io does not retry a refused handshake; this refusal passes once another connection closes.
      if (refusal.success && PASSING_REFUSALS.includes(refusal.data.code))
        this.options.timers.set(
          () => this.socket?.connect(),
          this.options.tooManyConnectionsRetryMs ?? TOO_MANY_CONNECTIONS_RETRY_MS,
        );
    });
  }

  /** Closes the connection and writes the cache. The outbox is already on disk. */
  stop(): void {
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = null;
    if (this.cacheTimer !== null) this.options.timers.clear(this.cacheTimer);
    if (this.retryTimer !== null) this.options.timers.clear(this.retryTimer);
    this.cacheTimer = this.retryTimer = null;
    this.writeCache();
    this.setStatus('offline');
  }

  /**
   * Queues a command: validated here, written to the outbox, shown as pending, sent when online.
   * Malformed input is refused at once and nothing is queued.
   */
  submit(request: CommandRequest): SendResult {
    return this.queue(request);
  }

  /** `submit` with the command's parts apart: `payload` follows from `type`. */
  send<T extends CommandType>(type: T, incidentId: string, payload: CommandInputOf<T>['payload']): SendResult {
    return this.queue({ type, incidentId, payload });
  }

  /** Parses the command once, with its id and moment; the outbox keeps the parsed command. */
  private queue(request: {
    readonly type: string;
    readonly incidentId: string;
    readonly payload: unknown;
  }): SendResult {
    const parsed = commandSchema.safeParse({
      commandId: this.options.newId(),
      type: request.type,
      incidentId: request.incidentId,
      payload: request.payload,
      clientAt: isoNow(this.clock),
    });
    if (!parsed.success)
      return { ok: false, error: commandError('invalid_command', parsed.error.issues.map(issueText).join('; ')) };
    this.outbox.add(parsed.data);
    this.refresh();
    this.flush();
    return { ok: true, commandId: parsed.data.commandId };
  }

  /** The person has read a rejection; the text they typed is gone from the list only now. */
  dismissRejection(commandId: string): void {
    this.rejected.remove(new Set([commandId]));
    this.refresh();
  }

  private async onWelcome(raw: unknown): Promise<void> {
    const welcome = welcomeSchema.safeParse(raw);
    if (!welcome.success) return;
    this.user = welcome.data.user;
    this.people = welcome.data.people;
    this.refusal = null;
    this.showNotice(welcome.data.notice?.message ?? null);
    // A new connection has a new allowance at the hub.
    const rate = welcome.data.commandRate;
    this.pace = rate ? new TokenBucket(clientPace(rate), this.clock.now()) : null;
    this.pausedUntil = 0;
    this.awaitingAnswers = false;
    this.setStatus('connecting');
    try {
      await this.replica.catchUp();
    } catch {
      return; // disconnected mid-sync: the next welcome tries again
    }
    this.stale = false;
    this.setStatus('online');
    this.scheduleCacheWrite();
    this.flush();
  }

  /** Shows the hub's note for a minute: it explains a reconnect that has already healed. */
  private showNotice(notice: string | null): void {
    this.notice = notice;
    if (notice === null) return;
    this.options.timers.set(() => {
      if (this.notice !== notice) return;
      this.notice = null;
      this.refresh();
    }, NOTICE_SHOWN_MS);
  }

  /** One commit's events, as the hub broadcasts them. A malformed batch is ignored whole (catch-up fills the gap). */
  private receiveBroadcast(raw: unknown): void {
    const batch = eventBatchSchema.safeParse(raw);
    if (!batch.success || batch.data.length === 0) return;
    this.noteSettled(batch.data);
    this.replica.receiveAll(batch.data);
  }

  private onPageReceived(raw: unknown): void {
    const page = pageNotificationSchema.safeParse(raw);
    if (!page.success) return;
    this.emitter.emit('page', page.data);
  }

  private get ackTimeoutMs(): number {
    return this.options.ackTimeoutMs ?? 15_000;
  }

  /** The socket, if it is connected now; otherwise a rejection that says what needs the hub. */
  private connectedSocket(what: string): EngineSocket {
    const socket = this.socket;
    if (!socket?.connected) throw new Error(`${what} needs the hub, which cannot be reached now.`);
    return socket;
  }

  /** A request's answer, checked with its schema; no answer in time is an error with `timeoutMessage`. */
  private async answer<T>(request: Promise<unknown>, schema: z.ZodType<T>, timeoutMessage: string): Promise<T> {
    let raw: unknown;
    try {
      raw = await request;
    } catch {
      throw new Error(timeoutMessage);
    }
    const reply = schema.safeParse(raw);
    if (!reply.success)
      throw new Error('The hub answered in a form this app does not understand. Update the app or the hub.');
    return reply.data;
  }

  private async requestSync(since: number): Promise<SyncReply> {
    const socket = this.socket;
    if (!socket) throw new Error('not connected');
    const raw: unknown = await socket.timeout(this.options.ackTimeoutMs ?? 15_000).emitWithAck('sync', { since });
    // Validated in slices, a turn of the event loop between them: a sign-in's snapshot may hold a 10,000-entry
    // incident.
    const reply = await parseSyncReplyInSlices(raw, this.yieldTurn);
    if (reply.kind === 'events') this.noteSettled(reply.events);
    return reply;
  }

  /** One turn of the host's event loop (a zero timer), between two slices of validation. */
  private readonly yieldTurn = (): Promise<void> =>
    new Promise<void>((resolve) => {
      this.options.timers.set(resolve, 0);
    });

  private noteSettled(events: readonly DomainEvent[]): void {
    for (const event of events) if (event.commandId) this.settled.set(event.commandId, event.seq);
  }

  /**
   * Sends every queued command not already on its way, in order, at the pace the hub announced (the rest go when the
   * pace allows); the hub answers duplicates with the first result.
   */
  private flush(): void {
    const socket = this.socket;
    if (!socket || this.status !== 'online') return;
    const now = this.clock.now();
    if (now < this.pausedUntil) return this.flushLater(this.pausedUntil - now);
    if (this.awaitingAnswers && this.inFlight.size > 0) return; // the last answer flushes again
    this.awaitingAnswers = false;
    for (const queued of this.outbox.all) {
      if (this.inFlight.has(queued.commandId)) continue;
      const wait = this.pace?.take(now) ?? 0;
      if (wait > 0) return this.flushLater(wait);
      this.inFlight.add(queued.commandId);
      socket
        .timeout(this.options.ackTimeoutMs ?? 15_000)
        .emitWithAck('command', queued)
        .then(
          (raw) => this.onAck(queued, commandAckSchema.parse(raw)),
          () => this.answered(queued.commandId), // no answer: stays queued, re-sent on reconnect
        );
    }
  }

  /** A command is no longer on its way; the last one to be answered after a `rate_limited` lets the queue move on. */
  private answered(commandId: string): void {
    this.inFlight.delete(commandId);
    if (this.awaitingAnswers && this.inFlight.size === 0) this.flush();
  }

  private onAck(queued: QueuedCommand, ack: CommandAck): void {
    this.handleAck(queued, ack);
    this.answered(queued.commandId);
  }

  private handleAck(queued: QueuedCommand, ack: CommandAck): void {
    if (ack.ok) {
      this.settled.set(queued.commandId, ack.seq);
      this.onConfirmedChange();
      return;
    }
    if (ack.error.code === 'rate_limited') {
      // Not refused, only not yet: it stays queued and goes again once the hub's allowance is back.
      const now = this.clock.now();
      this.pace?.empty(now);
      this.pausedUntil = Math.max(this.pausedUntil, now + (ack.retryAfterMs ?? RATE_LIMITED_FALLBACK_MS));
      this.awaitingAnswers = true;
      return this.flushLater(this.pausedUntil - now);
    }
    if (TRANSIENT.includes(ack.error.code)) return this.flushLater(2000);
    this.rejected.add({ command: queued, error: ack.error, at: isoNow(this.clock) });
    this.outbox.remove(new Set([queued.commandId]));
    this.refresh();
  }

  /** Flushes again in `ms`, unless a flush is planned already (a flush too early plans itself again). */
  private flushLater(ms: number): void {
    this.retryTimer ??= this.options.timers.set(() => {
      this.retryTimer = null;
      this.flush();
    }, ms);
  }

  /** The replica moved: its events go out first, then the view that shows them. */
  private onReplicaChange(events: ReplicaChange['events']): void {
    if (events && events.length > 0) this.emitter.emit('events', [...events]);
    this.onConfirmedChange();
  }

  /** Confirmed state moved (or an ack said where a command is): drop queued commands it now contains, then refresh. */
  private onConfirmedChange(): void {
    const seq = this.replica.state.seq;
    const done = new Set<string>();
    for (const queued of this.outbox.all) {
      const at = this.settled.get(queued.commandId);
      if (at !== undefined && at <= seq) done.add(queued.commandId);
    }
    this.outbox.remove(done);
    for (const id of done) this.settled.delete(id);
    this.scheduleCacheWrite();
    this.refresh();
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    this.refresh();
  }

  /** Rebuilds the view and tells the listeners, only if something it is made of changed. */
  private refresh(): void {
    const inputs = this.viewInputs();
    if (sameInputs(inputs, this.inputs)) return;
    this.inputs = inputs;
    this.current = this.buildView();
    this.emitter.emit('view', this.current);
  }

  private viewInputs(): ViewInputs {
    return {
      confirmed: this.replica.state,
      outbox: this.outbox.all,
      rejected: this.rejected.all,
      status: this.status,
      stale: this.stale,
      user: this.user,
      people: this.people,
      refusal: this.refusal,
      notice: this.notice,
    };
  }

  private buildView(): EngineView {
    const { confirmed, outbox, rejected, user } = this.inputs;
    const { state, applied } = withPending(confirmed, outbox, user, isoNow(this.clock));
    return {
      hubUrl: this.options.hubUrl,
      status: this.inputs.status,
      stale: this.inputs.stale,
      user,
      people: this.inputs.people,
      state,
      confirmed,
      pending: outbox.map((p) => ({ ...p, shown: applied.has(p.commandId) })),
      rejected: [...rejected],
      refusal: this.inputs.refusal,
      notice: this.inputs.notice,
    };
  }

  /**
   * Writes the cached state now instead of at the next timer: for a page about to unload (a reload within the two
   * seconds after a change would otherwise open on an older copy, or none).
   */
  saveCache(): void {
    if (this.cacheTimer !== null) this.options.timers.clear(this.cacheTimer);
    this.cacheTimer = null;
    this.writeCache();
  }

  private scheduleCacheWrite(): void {
    this.cacheTimer ??= this.options.timers.set(() => {
      this.cacheTimer = null;
      this.writeCache();
    }, this.options.cacheEveryMs ?? 2000);
  }

  private writeCache(): void {
    if (!this.user) return;
    try {
      this.options.storage.write(
        this.keys.cache,
        JSON.stringify({ user: this.user, people: this.people, state: this.replica.state }),
      );
    } catch {
      // The cache is only a head start (browser storage may be full); the outbox writes are the ones that must not fail.
    }
  }

  private readCache(): z.infer<typeof cacheSchema> | null {
    const raw = this.options.storage.read(this.keys.cache);
    if (!raw) return null;
    try {
      return cacheSchema.parse(JSON.parse(raw));
    } catch {
      return null; // a cache is only a head start; the hub has the truth
    }
  }
}

/** Lists and states are replaced, never changed in place: the same object means the same content. */
function sameInputs(a: ViewInputs, b: ViewInputs): boolean {
  return (Object.keys(a) as (keyof ViewInputs)[]).every((key) => Object.is(a[key], b[key]));
}

function defaultSocket(hubUrl: string, auth: { token: string; protocol: number }): EngineSocket {
  return io(hubUrl, { auth, transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000 });
}

/** Not the token: a short, non-secret tag that keeps two people's data apart in one storage. */
function tokenHint(token: string): string {
  let hash = 0;
  for (let i = 0; i < token.length; i++) hash = (Math.imul(31, hash) + token.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

function issueText(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || 'command'}: ${issue.message}`;
}
