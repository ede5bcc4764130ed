/**
 * Helpers for the domain's unit tests: fixed people and times, builders for commands and events, and
 * a tiny "hub in a test" that folds decide + stampEvents + applyAll like the real hub does.
 * Pure TypeScript (no vitest, no Node) so it type-checks with the rest of shared/.
 */
import { clampClientAt } from './clock-skew.js';
import { commandSchema, type CommandInputOf, type CommandOf, type CommandType } from './commands.js';
import { decide, type Decision } from './decide.js';
import {
  stampEvents,
  type DomainEvent,
  type EventDraft,
  type EventOf,
  type EventPayload,
  type EventType,
} from './events.js';
import type { Incident } from './incident.js';
import type { Person } from './primitives.js';
import { EMPTY_STATE, type IncidentsState } from './state.js';
import { apply, applyAll } from './apply.js';

export const T0 = '2025-03-01T10:00:00.000Z';

export function minutesAfter(base: string, minutes: number): string {
  return new Date(Date.parse(base) + minutes * 60_000).toISOString();
}

export const alice: Person = { id: 'u-alice', name: 'Alice' };
export const bob: Person = { id: 'u-bob', name: 'Bob' };
export const carol: Person = { id: 'u-carol', name: 'Carol' };

export const INC = 'inc-1';

/** What a client may send as each command's payload (defaults optional), by command type. */
export type PayloadInputs = { readonly [T in CommandType]: CommandInputOf<T>['payload'] };

export interface CommandOptions {
  readonly incidentId?: string;
  readonly clientAt?: string;
  readonly commandId?: string;
}

let commandCounter = 0;

/** A command as the hub sees it: parsed by the real schema, so defaults are filled in. */
export function command<T extends CommandType>(
  type: T,
  payload: PayloadInputs[T],
  options: CommandOptions = {},
): CommandOf<T> {
  commandCounter += 1;
  return commandSchema.parse({
    type,
    payload,
    incidentId: options.incidentId ?? INC,
    clientAt: options.clientAt ?? T0,
    commandId: options.commandId ?? `cmd-${commandCounter}`,
  }) as CommandOf<T>;
}

export interface EventOptions {
  readonly seq: number;
  readonly incidentId?: string;
  readonly at?: string;
  readonly clientAt?: string;
  readonly actor?: Person;
  readonly commandId?: string | null;
}

/** One stamped event, built with the real stampEvents. */
export function eventOf<T extends EventType>(type: T, payload: EventPayload<T>, options: EventOptions): EventOf<T> {
  const draft = { type, incidentId: options.incidentId ?? INC, payload } as EventDraft;
  const [event] = stampEvents([draft], {
    firstSeq: options.seq,
    at: options.at ?? T0,
    clientAt: options.clientAt ?? options.at ?? T0,
    actor: options.actor ?? alice,
    commandId: options.commandId === undefined ? 'cmd-x' : options.commandId,
  });
  return event as EventOf<T>;
}

export function declaredPayload(
  overrides: Partial<EventPayload<'incident.declared'>> = {},
): EventPayload<'incident.declared'> {
  return {
    number: 1,
    title: 'Checkout is failing',
    severity: 'SEV-2',
    status: 'investigating',
    summary: '',
    impact: '',
    service: 'checkout',
    team: 'payments',
    impactStartedAt: null,
    detectedAt: T0,
    ...overrides,
  };
}

/** The next event for a state: its seq follows the state's. */
export function nextEvent<T extends EventType>(
  state: IncidentsState,
  type: T,
  payload: EventPayload<T>,
  options: Partial<EventOptions> = {},
): EventOf<T> {
  return eventOf(type, payload, { seq: state.seq + 1, ...options });
}

/** Applies the next event for a state. */
export function applyNext<T extends EventType>(
  state: IncidentsState,
  type: T,
  payload: EventPayload<T>,
  options: Partial<EventOptions> = {},
): IncidentsState {
  return apply(state, nextEvent(state, type, payload, options));
}

/** A state with an incident declared by a bare event (no roles or checklists): SEV-2, investigating. */
export function declaredState(
  overrides: Partial<EventPayload<'incident.declared'>> = {},
  options: Partial<EventOptions> = {},
  state: IncidentsState = EMPTY_STATE,
): IncidentsState {
  return applyNext(state, 'incident.declared', declaredPayload(overrides), options);
}

/** The incident, or a thrown error that names it (the state type says it may be missing). */
export function incidentIn(state: IncidentsState, id = INC): Incident {
  const incident = state.incidents[id];
  if (!incident) throw new Error(`no incident ${id} in the test state`);
  return incident;
}

/** Freezes an object graph so any mutation by the code under test throws (ESM is strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface SendOptions extends CommandOptions {
  readonly actor?: Person;
}

/** The hub in a test: decides commands against its state and, when accepted, stamps and applies them. */
export class TestHub {
  state: IncidentsState = EMPTY_STATE;
  readonly log: DomainEvent[] = [];
  now: string;

  constructor(now = T0) {
    this.now = now;
  }

  advance(minutes: number): this {
    this.now = minutesAfter(this.now, minutes);
    return this;
  }

  /** Decides and, if accepted, records the events. The decision is returned either way. */
  send<T extends CommandType>(type: T, payload: PayloadInputs[T], options: SendOptions = {}): Decision {
    const cmd = command(type, payload, { clientAt: this.now, ...options });
    const actor = options.actor ?? alice;
    const decision = decide(this.state, cmd, actor, this.now);
    if (!decision.ok) return decision;
    const stamped = stampEvents(decision.events, {
      firstSeq: this.state.seq + 1,
      at: this.now,
      clientAt: clampClientAt(cmd.clientAt, this.now),
      actor,
      commandId: cmd.commandId,
    });
    this.state = applyAll(this.state, stamped);
    this.log.push(...stamped);
    return decision;
  }

  /** Like send, but a refusal is a broken test setup, so it throws. Returns the stamped events. */
  ok<T extends CommandType>(type: T, payload: PayloadInputs[T], options: SendOptions = {}): DomainEvent[] {
    const before = this.log.length;
    const decision = this.send(type, payload, options);
    if (!decision.ok) throw new Error(`${type} refused: ${decision.error.code}: ${decision.error.message}`);
    return this.log.slice(before);
  }

  /** Declares an incident with sensible defaults (SEV-2, investigating, Alice leads). */
  declare(
    payload: Partial<CommandInputOf<'incident.declare'>['payload']> = {},
    options: SendOptions = {},
  ): DomainEvent[] {
    return this.ok('incident.declare', { title: 'Checkout is failing', severity: 'SEV-2', ...payload }, options);
  }

  incident(id = INC): Incident {
    return incidentIn(this.state, id);
  }
}

/** mulberry32: a small seeded generator, so every run of a property test is reproducible. */
export class SeededRandom {
  constructor(private seed: number) {}
  next(): number {
    this.seed = (this.seed + 0x6d2b79f5) | 0;
    let t = this.seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    const value = list[this.int(list.length)];
    if (value === undefined) throw new Error('pick from an empty list');
    return value;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}
