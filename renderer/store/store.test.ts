import { describe, expect, it } from 'vitest';
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
