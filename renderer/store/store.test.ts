import { describe, expect, it } from 'vitest';
import { TestHub } from '../../shared/domain/test-support.js';
import { queued, stateWith, viewOf } from '../test-views.js';
import { createAppStore } from './store.js';

describe('the app store (slices)', () => {
  it('starts knowing nothing: not ready, signed out, offline, empty', () => {
    const s = createAppStore().getState();
    expect(s).toMatchObject({ ready: false, signedIn: false, status: 'offline', pendingCount: 0, user: null });
    expect(s.state.incidents).toEqual({});
    expect(s.selectedIncidentId).toBeNull();
  });

  it('the connection slice takes status, pending count, staleness, refusal and user from a view', () => {
    const store = createAppStore();
    const refusal = { code: 'unauthorized' as const, message: 'no' };
    store.getState().receiveConnection(
      viewOf({
        status: 'connecting',
        stale: true,
        refusal,
        pending: [
          { ...queued({ commandId: 'a' }), shown: true },
          { ...queued({ commandId: 'b' }), shown: false },
        ],
      }),
    );
    expect(store.getState()).toMatchObject({
      status: 'connecting',
      stale: true,
      pendingCount: 2,
      refusal,
      hubUrl: 'http://hub.test',
      user: { name: 'Alice', role: 'responder' },
    });
  });

  it('keeps the hub URL from settings when a signed-out view has none', () => {
    const store = createAppStore();
    store.getState().setSignedIn(false, 'http://127.0.0.1:4380');
    store.getState().receiveConnection(viewOf({ hubUrl: '' }));
    expect(store.getState()).toMatchObject({ ready: true, signedIn: false, hubUrl: 'http://127.0.0.1:4380' });
    store.getState().setSignedIn(true, null);
    expect(store.getState().hubUrl).toBe('http://127.0.0.1:4380');
  });

  it('the incidents slice keeps its arrays when a new view lists the same items, so selectors stay quiet', () => {
    const store = createAppStore();
    const state = stateWith([{ id: 'inc-1', title: 'A', severity: 'SEV-2' }]);
    const pending = [{ ...queued(), shown: true }];
    const rejected = [
      {
        command: queued({ commandId: 'r1' }),
        error: { code: 'forbidden' as const, message: 'no' },
        at: '2025-03-01T10:00:00.000Z',
      },
    ];
    store.getState().receiveIncidents(viewOf({ state, confirmed: state, pending, rejected }));
    const first = store.getState();
    store
      .getState()
      .receiveIncidents(viewOf({ state, confirmed: state, pending: [...pending], rejected: [...rejected] }));
    expect(store.getState().pending).toBe(first.pending);
    expect(store.getState().rejected).toBe(first.rejected);
    expect(store.getState().state).toBe(state);

    store
      .getState()
      .receiveIncidents(viewOf({ state, confirmed: state, pending: [{ ...queued(), shown: false }], rejected: [] }));
    expect(store.getState().pending).not.toBe(first.pending);
    expect(store.getState().rejected).toEqual([]);
  });

  it('the ui slice selects incidents and records connect attempts', () => {
    const store = createAppStore();
    store.getState().selectIncident('inc-1');
    store.getState().setConnectAttempt({ connecting: true, error: null });
    expect(store.getState()).toMatchObject({ selectedIncidentId: 'inc-1', connecting: true, connectError: null });
    store.getState().setConnectAttempt({ connecting: false, error: 'Wrong token' });
    store.getState().setCanAskNotifications(true);
    expect(store.getState()).toMatchObject({
      connecting: false,
      connectError: 'Wrong token',
      canAskNotifications: true,
    });
  });
});

describe('the timeline slice', () => {
  const hub = new TestHub();
  hub.declare({ title: 'A', severity: 'SEV-2' }, { incidentId: 'inc-1' });
  hub.declare({ title: 'B', severity: 'SEV-3' }, { incidentId: 'inc-2' });
  const ofOne = hub.log.filter((e) => e.incidentId === 'inc-1');
  const ofOther = hub.log.filter((e) => e.incidentId === 'inc-2');

  it('follows one incident: its events from the hub and live ones, merged by seq, others ignored', () => {
    const store = createAppStore();
    store.getState().receiveEvents(ofOne); // nothing followed yet
    expect(store.getState().timelineEvents).toEqual([]);
    store.getState().followTimeline('inc-1');
    expect(store.getState().timelineStatus).toBe('loading');
    store.getState().receiveEvents([...ofOne.slice(-1), ...ofOther]);
    expect(store.getState().timelineEvents).toEqual(ofOne.slice(-1));
    store.getState().receiveTimeline('inc-1', ofOne);
    expect(store.getState()).toMatchObject({ timelineStatus: 'ready', timelineEvents: ofOne });
    store.getState().receiveTimeline('inc-2', ofOther); // a late answer for another incident
    expect(store.getState().timelineEvents).toEqual(ofOne);
    const before = store.getState().timelineEvents;
    store.getState().receiveEvents(ofOne);
    expect(store.getState().timelineEvents).toBe(before);
  });

  it('keeps what it has when the hub cannot answer, and forgets on leaving', () => {
    const store = createAppStore();
    store.getState().followTimeline('inc-1');
    store.getState().receiveEvents(ofOne);
    store.getState().failTimeline('inc-1', 'offline');
    expect(store.getState()).toMatchObject({
      timelineStatus: 'error',
      timelineError: 'offline',
      timelineEvents: ofOne,
    });
    store.getState().followTimeline('inc-1'); // asking again keeps the events
    expect(store.getState().timelineEvents).toEqual(ofOne);
    store.getState().followTimeline(null);
    expect(store.getState()).toMatchObject({ timelineIncidentId: null, timelineEvents: [], timelineStatus: 'idle' });
  });
});

describe('preferences', () => {
  function memory() {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
      removeItem: (key: string) => void items.delete(key),
    };
  }

  it('starts from what the system prefers, then remembers the choice (and nothing else)', () => {
    const storage = memory();
    const original = globalThis.matchMedia;
    globalThis.matchMedia = ((query: string) => ({ matches: query.includes('light') })) as typeof globalThis.matchMedia;
    try {
      const first = createAppStore({ storage });
      expect(first.getState().theme).toBe('light');
      first.getState().setTheme('dark');
      first.getState().selectIncident('inc-1');
      first.getState().setDraft('tried-what:inc-1', 'secret-ish text');
      expect(JSON.parse(storage.items.get('warroom:ui-preferences') ?? '')).toEqual({
        state: { theme: 'dark' },
        version: 1,
      });
      expect(createAppStore({ storage }).getState().theme).toBe('dark'); // remembered over the system's choice
    } finally {
      globalThis.matchMedia = original;
    }
  });

  it('keeps drafts per field, and filters while moving around', () => {
    const store = createAppStore();
    store.getState().setDraft('a', 'one');
    store.getState().setDraft('b', 'two');
    store.getState().clearDrafts('a', 'zzz');
    expect(store.getState().drafts).toEqual({ b: 'two' });
    store.getState().setBoardFilter({ severity: 'SEV-1' });
    store.getState().setBoardFilter({ mine: true });
    expect(store.getState().boardFilter).toEqual({ status: 'active', severity: 'SEV-1', service: '', mine: true });
    store.getState().selectIncident('inc-1');
    store.getState().selectIncident(null);
    expect(store.getState().lastOpenedIncidentId).toBe('inc-1');
  });

  it('takes the people of the hub from the view, keeping the same array when they did not change', () => {
    const store = createAppStore();
    const people = [{ id: 'u-1', name: 'Ana', role: 'responder' as const }];
    store.getState().receiveConnection(viewOf({ people }));
    const first = store.getState().people;
    store.getState().receiveConnection(viewOf({ people: [{ ...people[0]! }] }));
    expect(store.getState().people).toBe(first);
    expect(first).toEqual(people);
  });

  it('toggles the theme (the one persisted preference)', () => {
    const store = createAppStore();
    const before = store.getState().theme;
    store.getState().toggleTheme();
    expect(store.getState().theme).not.toBe(before);
    store.getState().toggleTheme();
    expect(store.getState().theme).toBe(before);
  });
});
