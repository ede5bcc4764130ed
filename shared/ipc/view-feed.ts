import type { DomainEvent } from '../domain/events.js';
import type { EngineView } from '../sync/engine-view.js';
import type { HostEventName, HostEvents, ViewFields } from './contract.js';

/** Sends one host event (main: to the window's page). */
export type HostSend = <K extends HostEventName>(name: K, payload: HostEvents[K]) => void;

/**
 * Main's side of the view over IPC: an engine's confirmed events and views in, what changed out. A whole view goes
 * only when the renderer could not get there from what it has (`snapshot`: first load, sign-in or sign-out; or the
 * confirmed state moved without events, as after a catch-up by snapshot); otherwise events, the pending list and the
 * small fields, each only when it changed. Events must come before the view that shows them (the engine does so).
 */
export class ViewFeed {
  /** The last view the renderer has been brought to; null: it needs a whole one. */
  private last: EngineView | null = null;
  /** The renderer's confirmed seq after the events sent since `last`. */
  private seq = 0;

  constructor(private readonly send: HostSend) {}

  /** The renderer starts again from `view`. */
  snapshot(view: EngineView): void {
    this.last = view;
    this.seq = view.confirmed.seq;
    this.send('viewChanged', view);
  }

  /** Confirmed events, contiguous in seq, as the engine applied them. */
  events(events: DomainEvent[]): void {
    const first = events[0];
    const lastEvent = events.at(-1);
    if (!first || !lastEvent) return;
    // Not following on from what the renderer has (never from one engine): the next view goes whole.
    if (first.seq !== this.seq + 1) this.last = null;
    this.seq = lastEvent.seq;
    this.send('eventsReceived', events);
  }

  /** The engine's new view: the parts of it that changed go out. */
  view(view: EngineView): void {
    const last = this.last;
    if (!last || view.confirmed.seq !== this.seq) return this.snapshot(view);
    if (!sameIds(last.pending, view.pending, (p) => p.commandId))
      this.send(
        'pendingChanged',
        view.pending.map(({ shown: _shown, ...queued }) => queued),
      );
    if (!sameFields(last, view)) this.send('connectionChanged', viewFields(view));
    this.last = view;
  }
}

/** The small fields of a view. */
export function viewFields(view: EngineView): ViewFields {
  const { hubUrl, status, stale, user, people, rejected, refusal, notice } = view;
  return { hubUrl, status, stale, user, people, rejected, refusal, notice };
}

function sameFields(a: EngineView, b: EngineView): boolean {
  return (
    a.hubUrl === b.hubUrl &&
    a.status === b.status &&
    a.stale === b.stale &&
    a.notice === b.notice &&
    personKey(a.user) === personKey(b.user) &&
    sameIds(a.people, b.people, personKey) &&
    a.refusal?.code === b.refusal?.code &&
    a.refusal?.message === b.refusal?.message &&
    sameIds(a.rejected, b.rejected, (r) => r.command.commandId)
  );
}

function personKey(person: EngineView['user']): string {
  return person ? `${person.id}\u0000${person.name}\u0000${person.role}` : '';
}

/** Queued and rejected commands never change once made: the same ids in the same order are the same list. */
export function sameIds<T>(a: readonly T[], b: readonly T[], id: (item: T) => string): boolean {
  return (
    a.length === b.length &&
    a.every((item, i) => {
      const other = b[i];
      return other !== undefined && id(item) === id(other);
    })
  );
}
