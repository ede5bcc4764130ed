import type { Logger } from 'pino';
import { applyAll } from '../../shared/domain/apply.js';
import { clampClientAt } from '../../shared/domain/clock-skew.js';
import type { Command } from '../../shared/domain/commands.js';
import { decide, type DecidePolicy } from '../../shared/domain/decide.js';
import { commandError, type CommandError } from '../../shared/domain/errors.js';
import { stampEvents, type DomainEvent } from '../../shared/domain/events.js';
import type { Person } from '../../shared/domain/primitives.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import { isoNow, type Clock } from '../../shared/clock.js';
import { applyInOrder } from '../../shared/sync/ordered-events.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import type { EventStore, StoredCommand } from '../store/event-store.js';
import { commandFingerprint } from './command-fingerprint.js';

/** A command the hub sends itself, as `actor`, right after the command that called for it. */
export interface FollowUp {
  readonly command: Command;
  readonly actor: Person;
}

interface Pending {
  readonly command: Command;
  readonly actor: Person;
  readonly resolve: (ack: CommandAck) => void;
}

export interface PipelineOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly initialState: IncidentsState;
  /**
   * Called with every event that advances the state, in seq order with no gap: this node's commits (after their
   * acks) and what other nodes committed (found inside a write, or by catchUp).
   */
  readonly onCommitted: (events: readonly DomainEvent[]) => void;
  readonly maxBatch?: number;
  /**
   * Commands the hub itself owes because of a command's events (an incident's first page), decided right after it
   * in the same transaction: they commit, and are broadcast, together. Must be pure (state and time only).
   */
  readonly followUps?: (state: IncidentsState, events: readonly DomainEvent[], now: string) => readonly FollowUp[];
  /** The organisation's rules (the review gate); default: decide's own. */
  readonly policy?: DecidePolicy;
}

/**
 * The hub's one writer: parse -> authorize happen before; here commands are decided on the
 * authoritative state, written durably, and only then acked and broadcast.
 *
 * Group commit: commands that arrive while a batch is being written wait in the queue and are decided
 * and written together in the next transaction, so throughput is not one fsync per command.
 */
export class CommandPipeline {
  private queue: Pending[] = [];
  private scheduled = false;
  private catchUpWanted = false;
  private current: IncidentsState;
  private idle: Promise<void> = Promise.resolve();
  private readonly maxBatch: number;

  constructor(private readonly options: PipelineOptions) {
    this.current = options.initialState;
    this.maxBatch = options.maxBatch ?? 1000;
  }

  /** The state as of the last committed event. */
  get state(): IncidentsState {
    return this.current;
  }

  submit(command: Command, actor: Person): Promise<CommandAck> {
    return new Promise((resolve) => {
      this.queue.push({ command, actor, resolve });
      this.schedule();
    });
  }

  /**
   * Another node committed (a store wake-up, or a poll): read the log past our state and fold it, in the same
   * one-at-a-time loop as the writes, so the state only ever moves forward in seq order.
   */
  catchUp(): void {
    this.catchUpWanted = true;
    this.schedule();
  }

  /** catchUp, and resolves once it has run: for a request that must not be answered from a state behind the log. */
  async caughtUp(): Promise<void> {
    this.catchUp();
    await this.drained();
  }

  /** Resolves when everything queued so far has been answered. */
  async drained(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled || this.catchUpWanted) await this.idle;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate lets commands already received in this turn of the event loop join the batch.
    this.idle = new Promise((done) =>
      setImmediate(() => {
        void this.flush().finally(() => {
          this.scheduled = false;
          if (this.queue.length > 0 || this.catchUpWanted) this.schedule();
          done();
        });
      }),
    );
  }

  private async flush(): Promise<void> {
    const catchUp = this.catchUpWanted;
    this.catchUpWanted = false;
    if (this.queue.length === 0) {
      if (catchUp) await this.readForeign();
      return;
    }
    const batch = this.queue.splice(0, this.maxBatch);
    const { store, logger } = this.options;
    const from = this.current;
    let written: { foreign: readonly DomainEvent[]; result: Decided };
    try {
      written = await store.write(from.seq, async (tx) => {
        const state = tx.foreign.length > 0 ? foldForeign(from, tx.foreign) : from;
        const known = await tx.findCommands(batch.map((p) => p.command.commandId));
        const result = this.decideBatch(batch, state, known);
        return { batch: { events: result.events, commands: result.stored }, result };
      });
    } catch (error) {
      logger.error({ err: error, commands: batch.length }, 'write failed; batch refused, state unchanged');
      for (const p of batch)
        p.resolve({
          ok: false,
          error: commandError('storage_failed', 'The hub could not save this; nothing was changed. Try again.'),
        });
      return;
    }
    const { foreign, result } = written;
    this.current = result.state;
    batch.forEach((p, i) => {
      const ack = result.answers[i] ?? { ok: false, error: commandError('storage_failed', 'No answer was produced.') };
      logger.info(
        {
          commandId: p.command.commandId,
          type: p.command.type,
          actor: p.actor.id,
          ...(ack.ok ? { seq: ack.seq, duplicate: ack.duplicate } : { error: ack.error.code }),
        },
        ack.ok ? 'command accepted' : 'command refused',
      );
      p.resolve(ack);
    });
    for (const { command, actor, seq } of result.followUps)
      logger.info({ commandId: command.commandId, type: command.type, actor: actor.id, seq }, 'follow-up accepted');
    const advanced = foreign.length > 0 ? [...foreign, ...result.events] : result.events;
    if (advanced.length > 0) this.options.onCommitted(advanced);
  }

  /** Folds what others committed past our state, a page at a time. A read failure is left for the next wake-up. */
  private async readForeign(): Promise<void> {
    for (;;) {
      let page: DomainEvent[];
      try {
        page = await this.options.store.readSince(this.current.seq, CATCH_UP_PAGE);
      } catch (error) {
        this.options.logger.warn({ err: error }, 'reading the log to catch up failed; trying at the next wake-up');
        return;
      }
      if (page.length === 0) return;
      this.current = foldForeign(this.current, page);
      this.options.onCommitted(page);
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  /**
   * Decides a batch against `state`: each accepted command's events stamped and applied, in order, each followed
   * at once by the follow-ups it calls for (an incident's first page), so both are in the same commit.
   */
  private decideBatch(batch: readonly Pending[], state: IncidentsState, known: Map<string, StoredCommand>): Decided {
    const now = isoNow(this.options.clock);
    const out: Decided = { state, answers: [], events: [], stored: [], followUps: [] };
    const inBatch = new Map<string, StoredCommand>();
    for (const { command, actor } of batch) {
      const fingerprint = commandFingerprint(command);
      const previous = known.get(command.commandId) ?? inBatch.get(command.commandId);
      if (previous) {
        out.answers.push(answerAgain(previous, actor, fingerprint));
        continue;
      }
      const accepted = this.decideOne(out, command, actor, now, fingerprint);
      if (!accepted.ok) {
        out.answers.push(accepted);
        continue;
      }
      inBatch.set(command.commandId, accepted.record);
      out.answers.push({ ok: true, seq: accepted.record.lastSeq });
      for (const followUp of this.followUpsOf(out.state, accepted.events, now)) {
        // Never one already known: follow-ups are only asked for things this very command created.
        if (inBatch.has(followUp.command.commandId)) continue;
        const done = this.decideOne(out, followUp.command, followUp.actor, now, commandFingerprint(followUp.command));
        if (!done.ok) continue; // left to the scheduler, which looks at every committed incident
        inBatch.set(followUp.command.commandId, done.record);
        out.followUps.push({ command: followUp.command, actor: followUp.actor, seq: done.record.lastSeq });
      }
    }
    return out;
  }

  /** Decides one command on `out.state`; when accepted, appends its events and record to `out`. */
  private decideOne(
    out: Decided,
    command: Command,
    actor: Person,
    now: string,
    fingerprint: string,
  ): { ok: true; record: StoredCommand; events: readonly DomainEvent[] } | { ok: false; error: CommandError } {
    const decision = decide(out.state, command, actor, now, this.options.policy);
    if (!decision.ok) return decision;
    const stamped = stampEvents(decision.events, {
      firstSeq: out.state.seq + 1,
      at: now,
      clientAt: clampClientAt(command.clientAt, now),
      actor,
      commandId: command.commandId,
    });
    let next: IncidentsState;
    try {
      next = applyAll(out.state, stamped);
    } catch (error) {
      // decide accepted what the reducer cannot apply: a bug. Refuse rather than write a poisoned log.
      this.options.logger.error({ err: error, commandId: command.commandId }, 'reducer rejected decided events');
      return {
        ok: false,
        error: commandError('internal_error', 'The hub hit a bug with this command; nothing was changed.'),
      };
    }
    const record: StoredCommand = {
      commandId: command.commandId,
      actorId: actor.id,
      firstSeq: stamped[0]?.seq ?? next.seq,
      lastSeq: next.seq,
      fingerprint,
    };
    out.state = next;
    out.stored.push(record);
    out.events.push(...stamped);
    return { ok: true, record, events: stamped };
  }

  /** The follow-ups a command's events call for; a failure only leaves them to the scheduler's own look. */
  private followUpsOf(state: IncidentsState, events: readonly DomainEvent[], now: string): readonly FollowUp[] {
    const { followUps, logger } = this.options;
    if (!followUps) return [];
    try {
      return followUps(state, events, now);
    } catch (error) {
      logger.error({ err: error }, 'deciding follow-up commands failed; the scheduler will look again');
      return [];
    }
  }
}

/** A command id seen before: the first result for the same command from the same sender, otherwise a refusal. */
function answerAgain(previous: StoredCommand, actor: Person, fingerprint: string): CommandAck {
  if (previous.actorId !== actor.id)
    return {
      ok: false,
      error: commandError('duplicate_command_id', 'That command id was already used by someone else.'),
    };
  // Records written before fingerprints were kept have none: answered as before, with the first result.
  if (previous.fingerprint !== undefined && previous.fingerprint !== fingerprint)
    return {
      ok: false,
      error: commandError(
        'command_id_reused',
        'That command id was already used for a different change; send this change with a new command id.',
      ),
    };
  return { ok: true, seq: previous.lastSeq, duplicate: true };
}

interface Decided {
  state: IncidentsState;
  readonly answers: CommandAck[];
  readonly events: DomainEvent[];
  readonly stored: StoredCommand[];
  /** Follow-ups accepted, for the log. */
  readonly followUps: { readonly command: Command; readonly actor: Person; readonly seq: number }[];
}

/** Events read per query while catching up with other nodes. */
const CATCH_UP_PAGE = 5000;

/** Folds events committed elsewhere; they must continue `state` with no gap (the store reads them by seq). */
function foldForeign(state: IncidentsState, events: readonly DomainEvent[]): IncidentsState {
  const folded = applyInOrder(state, events);
  if (folded.gap) throw new Error(`the log has a gap after seq ${folded.state.seq}`);
  return folded.state;
}
