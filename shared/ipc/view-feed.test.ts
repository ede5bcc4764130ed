import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/events.js';
import type { IncidentsState } from '../domain/state.js';
import { T0, TestHub, alice, command } from '../domain/test-support.js';
import { signedOutView, type EngineView } from '../sync/engine-view.js';
import { withPending } from '../sync/optimistic.js';
import type { QueuedCommand } from '../sync/outbox.js';
import type { HostEventName, HostEvents } from './contract.js';
import { ViewFeed } from './view-feed.js';
import { ViewFold } from './view-fold.js';

type Message = { [K in HostEventName]: { name: K; payload: HostEvents[K] } }[HostEventName];

/** The engine keeps the same user object until the hub says otherwise. */
const user = { ...alice, role: 'responder' as const };

/** A view as the engine builds it: confirmed state, pending commands shown on top. */
function engineView(confirmed: IncidentsState, pending: QueuedCommand[] = [], overrides: Partial<EngineView> = {}) {
  const shown = withPending(confirmed, pending, user, T0);
  return {
    ...signedOutView('http://hub'),
    status: 'online' as const,
    user,
    confirmed,
    state: shown.state,
    pending: pending.map((p) => ({ ...p, shown: shown.applied.has(p.commandId) })),
    ...overrides,
  };
}

/** Main's feed wired to the renderer's fold, as over IPC; every message is kept. */
function wire() {
  const messages: Message[] = [];
  const fold = new ViewFold(() => T0);
  let resyncs = 0;
  const feed = new ViewFeed((name, payload) => {
    const message = { name, payload } as Message; // the pair as sent: name and payload match by HostSend's type
    messages.push(message);
    const step =
      message.name === 'viewChanged'
        ? fold.snapshot(message.payload)
        : message.name === 'eventsReceived'
          ? fold.events(message.payload)
          : message.name === 'pendingChanged'
            ? fold.pendingChanged(message.payload)
            : message.name === 'connectionChanged'
              ? fold.fieldsChanged(message.payload)
              : { view: null, resync: false };
    if (step.resync) resyncs += 1;
  });
  return { messages, fold, feed, names: () => messages.map((m) => m.name), resyncs: () => resyncs };
}

function twoIncidents() {
  const hub = new TestHub();
  hub.declare({}, { incidentId: 'inc-1' });
  hub.declare({ title: 'Search is slow' }, { incidentId: 'inc-2' });
  return hub;
}

describe('ViewFeed → ViewFold (the desktop view over IPC)', () => {
  it('sends a whole view first, then events only; untouched incidents keep their objects', () => {
    const hub = twoIncidents();
    const t = wire();
    t.feed.view(engineView(hub.state));
    expect(t.names()).toEqual(['viewChanged']);
    const before = t.fold.view;

    const events = hub.ok('tried.add', { entryId: 'e1', what: 'Restarted search' }, { incidentId: 'inc-2' });
    t.feed.events(events);
    t.feed.view(engineView(hub.state));
    expect(t.names()).toEqual(['viewChanged', 'eventsReceived']);

    const after = t.fold.view;
    expect(after?.state).toEqual(hub.state);
    expect(after?.confirmed.incidents['inc-1']).toBe(before?.confirmed.incidents['inc-1']);
    expect(after?.state.incidents['inc-1']).toBe(before?.state.incidents['inc-1']);
    expect(after?.state.incidents['inc-2']).not.toBe(before?.state.incidents['inc-2']);
  });

  it('sends the pending list and the small fields only when they change, and nothing for an unchanged view', () => {
    const hub = twoIncidents();
    const t = wire();
    t.feed.view(engineView(hub.state));
    t.feed.view(engineView(hub.state));
    expect(t.names()).toEqual(['viewChanged']);

    const queued = command('tried.add', { entryId: 'e9', what: 'Flushed the cache' }, { incidentId: 'inc-1' });
    const pendingView = engineView(hub.state, [queued]);
    t.feed.view(pendingView);
    expect(t.names().at(-1)).toBe('pendingChanged');
    expect(t.fold.view?.state).toEqual(pendingView.state);
    expect(t.fold.view?.pending).toEqual(pendingView.pending);
    const shown = t.fold.view?.state;

    t.feed.view(engineView(hub.state, [queued], { status: 'offline' }));
    expect(t.names().slice(1)).toEqual(['pendingChanged', 'connectionChanged']);
    expect(t.fold.view?.status).toBe('offline');
    expect(t.fold.view?.state).toBe(shown);
  });

  it('sends a whole view when the confirmed state moved without events (a catch-up by snapshot)', () => {
    const hub = twoIncidents();
    const t = wire();
    t.feed.view(engineView(hub.state));
    hub.ok('tried.add', { entryId: 'e1', what: 'Restarted search' }, { incidentId: 'inc-2' });
    t.feed.view(engineView(hub.state));
    expect(t.names()).toEqual(['viewChanged', 'viewChanged']);
    expect(t.fold.view?.confirmed).toBe(hub.state);
  });

  it('sends a whole view after events that do not follow on', () => {
    const hub = twoIncidents();
    const t = wire();
    t.feed.view(engineView(hub.state));
    hub.ok('tried.add', { entryId: 'e1', what: 'One' }, { incidentId: 'inc-2' });
    const later = hub.ok('tried.add', { entryId: 'e2', what: 'Two' }, { incidentId: 'inc-2' });
    t.feed.events(later);
    t.feed.view(engineView(hub.state));
    expect(t.names()).toEqual(['viewChanged', 'eventsReceived', 'viewChanged']);
    expect(t.resyncs()).toBe(1);
    expect(t.fold.view?.confirmed).toEqual(hub.state);
  });
});

describe('ViewFold', () => {
  it('holds events that come before the first whole view, and applies those after it', () => {
    const hub = twoIncidents();
    const start = hub.state;
    const early: DomainEvent[] = hub.ok('tried.add', { entryId: 'e1', what: 'Early' }, { incidentId: 'inc-1' });
    const fold = new ViewFold(() => T0);
    expect(fold.events(early)).toEqual({ view: null, resync: false });
    const step = fold.snapshot(engineView(start));
    expect(step.view?.confirmed).toEqual(hub.state);
    expect(step.view?.state.incidents['inc-2']).toBe(start.incidents['inc-2']);
  });

  it('drops held events that do not follow on from a whole view (as after a sign-out), without asking again', () => {
    const hub = twoIncidents();
    const fold = new ViewFold(() => T0);
    fold.snapshot(engineView(hub.state));
    hub.ok('tried.add', { entryId: 'e1', what: 'Lost' }, { incidentId: 'inc-1' });
    const after = hub.ok('tried.add', { entryId: 'e2', what: 'After a gap' }, { incidentId: 'inc-1' });
    expect(fold.events(after).resync).toBe(true);
    const signedOut = signedOutView('http://hub');
    expect(fold.snapshot(signedOut)).toEqual({ view: signedOut, resync: false });
    expect(fold.events([]).view).toBeNull();
  });

  it('asks for a whole view past a gap, and skips events it already has', () => {
    const hub = twoIncidents();
    const fold = new ViewFold(() => T0);
    fold.snapshot(engineView(hub.state));
    const first = hub.ok('tried.add', { entryId: 'e1', what: 'One' }, { incidentId: 'inc-1' });
    const second = hub.ok('tried.add', { entryId: 'e2', what: 'Two' }, { incidentId: 'inc-1' });
    expect(fold.events(second)).toEqual({ view: null, resync: true });
    expect(fold.events(first).view?.confirmed.seq).toBe(second.at(-1)?.seq);
    expect(fold.events(first)).toEqual({ view: null, resync: false });
  });

  it('rebuilds what is shown when the person changes, not for other small fields', () => {
    const hub = twoIncidents();
    const fold = new ViewFold(() => T0);
    const queued = command('role.claim', { role: 'comms' }, { incidentId: 'inc-1' });
    const view = engineView(hub.state, [queued]);
    fold.snapshot(view);
    const fields = { ...view, status: 'connecting' as const };
    expect(fold.fieldsChanged(fields).view?.state).toBe(view.state);
    const signedOut = fold.fieldsChanged({ ...fields, user: null }).view;
    expect(signedOut?.state).toBe(hub.state);
    expect(signedOut?.pending.map((p) => p.shown)).toEqual([false]);
  });
});
