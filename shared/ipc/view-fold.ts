import type { DomainEvent } from '../domain/events.js';
import type { IncidentsState } from '../domain/state.js';
import type { EngineView } from '../sync/engine-view.js';
import { withPending } from '../sync/optimistic.js';
import { applyInOrder } from '../sync/ordered-events.js';
import type { QueuedCommand } from '../sync/outbox.js';
import type { ViewFields } from './contract.js';
import { viewFields } from './view-feed.js';

/** What a fold step asks of its owner: a view to show (null: unchanged), and whether to ask main for a whole one. */
export interface FoldStep {
  readonly view: EngineView | null;
  /** The events do not follow on from the confirmed state here (one was missed): ask for a whole view. */
  readonly resync: boolean;
}

/**
 * The renderer's side of the view over IPC (ViewFeed is main's): whole views, confirmed events, pending commands and
 * small fields in, a whole EngineView out. Events go through the shared reducer, so incidents they do not touch keep
 * their object identity from one view to the next (memoised selectors keep hitting); pending commands are shown
 * through the same decide and apply as in main. Before the first whole view, events are held and applied after it.
 */
export class ViewFold {
  private current: EngineView | null = null;
  private confirmed: IncidentsState | null = null;
  private pending: readonly QueuedCommand[] = [];
  private fields: ViewFields | null = null;
  /** Events that came before any whole view, or after a gap: applied once a whole view arrives. */
  private held: DomainEvent[] = [];

  /** @param now the time pending commands are shown at (ISO), as main's engine does. */
  constructor(private readonly now: () => string) {}

  /** The view as folded so far; null before the first whole view. */
  get view(): EngineView | null {
    return this.current;
  }

  /** A whole view: start again from it, then apply any held events that follow on from it. */
  snapshot(whole: EngineView): FoldStep {
    // With nothing pending, what is shown is the confirmed state itself; a copy made by JSON (not by IPC's structured
    // clone) would otherwise give the two their own objects, and the next rebuild would replace every incident.
    const view =
      whole.pending.length === 0 && whole.state !== whole.confirmed ? { ...whole, state: whole.confirmed } : whole;
    this.current = view;
    this.confirmed = view.confirmed;
    this.pending = view.pending;
    this.fields = viewFields(view);
    // Held events that follow on from it are newer than it; the rest are dropped (never a resync from here, or a
    // sign-out's empty view would ask again and again): the next events show a gap if one is left.
    const held = this.held.sort((a, b) => a.seq - b.seq);
    this.held = [];
    const result = applyInOrder(view.confirmed, held);
    if (result.state === view.confirmed) return { view, resync: false };
    this.confirmed = result.state;
    return { view: this.rebuild(true) ?? view, resync: false };
  }

  /**
   * Confirmed events, in seq order: those already here are skipped; past a gap, the rest are held (applied once the
   * missing ones or a whole view arrive) and the owner is asked to fetch a whole view.
   */
  events(events: readonly DomainEvent[]): FoldStep {
    if (!this.confirmed) {
      this.held.push(...events);
      return { view: null, resync: false };
    }
    const all = this.held.length === 0 ? events : [...this.held, ...events].sort((a, b) => a.seq - b.seq);
    this.held = [];
    const result = applyInOrder(this.confirmed, all);
    if (result.gap) this.held = all.filter((e) => e.seq > result.state.seq);
    if (result.state === this.confirmed) return { view: null, resync: result.gap };
    this.confirmed = result.state;
    return { view: this.rebuild(true), resync: result.gap };
  }

  /** The outbox as it is now. */
  pendingChanged(pending: readonly QueuedCommand[]): FoldStep {
    if (!this.confirmed) return { view: null, resync: false };
    this.pending = pending;
    return { view: this.rebuild(true), resync: false };
  }

  /** The small fields as they are now; the shown state is rebuilt only if the person changed. */
  fieldsChanged(fields: ViewFields): FoldStep {
    if (!this.confirmed) return { view: null, resync: false };
    // Pending commands are shown as this person's: only who they are changes what is shown.
    const before = this.fields?.user;
    const userChanged = before?.id !== fields.user?.id || before?.name !== fields.user?.name;
    this.fields = fields;
    return { view: this.rebuild(userChanged), resync: false };
  }

  private rebuild(stateChanged: boolean): EngineView | null {
    const { confirmed, fields, current } = this;
    if (!confirmed || !fields || !current) return null;
    let state = current.state;
    let pending = current.pending;
    if (stateChanged) {
      const shown = withPending(confirmed, this.pending, fields.user, this.now());
      state = shown.state;
      pending = this.pending.map((p) => ({ ...p, shown: shown.applied.has(p.commandId) }));
    }
    this.current = { ...fields, state, confirmed, pending };
    return this.current;
  }
}
