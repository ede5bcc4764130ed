import { describe, expect, it } from 'vitest';
import type { WarroomApi } from '../../shared/ipc/contract.js';
import { DEFAULT_NOTIFICATION_PREFS, type ConnectResult } from '../../shared/ipc/settings.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import type { Host } from '../bridge/index.js';
import { stateWith, viewOf } from '../test-views.js';
import { createActions } from './actions.js';
import { selectScreen } from './selectors.js';
import { createAppStore } from './store.js';

/** A host that records calls and lets the test push views and "open incident" requests. */
function fakeHost(options: { signedIn?: boolean; connect?: ConnectResult; send?: SendResult } = {}) {
  const viewListeners = new Set<(view: EngineView) => void>();
  const openListeners = new Set<(id: string) => void>();
  const calls: unknown[][] = [];
  let signedIn = options.signedIn ?? false;
  let view = viewOf({ status: signedIn ? 'online' : 'offline' });
  let canAsk = true;
  const api: WarroomApi = {
    getView: async () => view,
    sendCommand: async (command) => {
      calls.push(['sendCommand', command]);
      return options.send ?? { ok: true, commandId: 'c1' };
    },
    dismissRejection: async (id) => void calls.push(['dismissRejection', id]),
    connect: async (request) => {
      calls.push(['connect', request]);
      const result = options.connect ?? { ok: true };
      if (result.ok) signedIn = true;
      return result;
    },
    getSettings: async () => ({
      hubUrl: 'http://127.0.0.1:4380',
      signedIn,
      notifications: DEFAULT_NOTIFICATION_PREFS,
      availability: 'available',
    }),
    setNotificationPrefs: async () => undefined,
    setAvailability: async () => undefined,
    openExternal: async () => undefined,
    signOut: async () => {
      calls.push(['signOut']);
      signedIn = false;
      view = viewOf({ status: 'offline', user: null });
    },
    onViewChanged: (listener) => {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    onOpenIncident: (listener) => {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
  };
  const host: Host = {
    kind: 'web',
    api,
    notifications: {
      canAskNotificationPermission: () => canAsk,
      askNotificationPermission: async () => {
        calls.push(['askNotificationPermission']);
        canAsk = false;
      },
    },
  };
  return {
    host,
    calls,
    push: (next: EngineView) => {
      view = next;
      viewListeners.forEach((listener) => listener(next));
    },
    open: (id: string) => openListeners.forEach((listener) => listener(id)),
    listenerCount: () => viewListeners.size + openListeners.size,
  };
}

function setup(options: Parameters<typeof fakeHost>[0] = {}) {
  const fake = fakeHost(options);
  const store = createAppStore();
  let ids = 0;
  const actions = createActions(
    store,
    () => fake.host,
    () => `id-${++ids}`,
  );
  return { ...fake, store, actions };
}

describe('actions', () => {
  it('start loads settings and the view, then follows the host', async () => {
    const t = setup({ signedIn: true });
    const stop = await t.actions.start();
    expect(t.store.getState()).toMatchObject({
      ready: true,
      signedIn: true,
      status: 'online',
      canAskNotifications: true,
    });
    expect(selectScreen(t.store.getState())).toBe('board');

    const state = stateWith([{ id: 'inc-1', title: 'Checkout down', severity: 'SEV-1' }]);
    t.push(viewOf({ status: 'offline', state, confirmed: state }));
    expect(t.store.getState().status).toBe('offline');
    expect(Object.keys(t.store.getState().state.incidents)).toEqual(['inc-1']);

    t.open('inc-1');
    expect(selectScreen(t.store.getState())).toBe('incident');
    expect(await t.actions.start()).toBe(stop); // once only
    stop();
    expect(t.listenerCount()).toBe(0);
  });

  it('connect shows the failure message and stays on the connect screen', async () => {
    const t = setup({ connect: { ok: false, message: 'The hub did not accept this token.' } });
    await t.actions.start();
    expect(await t.actions.connect('http://hub.test', 'wr_bad')).toEqual({
      ok: false,
      message: 'The hub did not accept this token.',
    });
    expect(t.store.getState()).toMatchObject({ connecting: false, connectError: 'The hub did not accept this token.' });
    expect(selectScreen(t.store.getState())).toBe('connect');
    expect(t.calls).toContainEqual(['connect', { hubUrl: 'http://hub.test', token: 'wr_bad' }]);
  });

  it('connect success signs in and clears the error', async () => {
    const t = setup();
    await t.actions.start();
    t.store.getState().setConnectAttempt({ connecting: false, error: 'old error' });
    expect(await t.actions.connect('http://hub.test', 'wr_good')).toEqual({ ok: true });
    expect(t.store.getState()).toMatchObject({ signedIn: true, connectError: null, connecting: false });
    expect(selectScreen(t.store.getState())).toBe('board');
  });

  it('connect turns a thrown error into a message', async () => {
    const t = setup();
    t.host.api.connect = async () => {
      throw new Error('IPC channel closed');
    };
    expect(await t.actions.connect('http://hub.test', 'wr_x')).toEqual({
      ok: false,
      message: 'Could not connect: IPC channel closed',
    });
  });

  it('declaring sends incident.declare with a new id and opens the incident', async () => {
    const t = setup({ signedIn: true });
    await t.actions.start();
    expect(await t.actions.declareIncident({ title: 'DB down', severity: 'SEV-1', service: 'db' })).toEqual({
      ok: true,
    });
    expect(t.calls).toContainEqual([
      'sendCommand',
      { type: 'incident.declare', incidentId: 'id-1', payload: { title: 'DB down', severity: 'SEV-1', service: 'db' } },
    ]);
    expect(t.store.getState().selectedIncidentId).toBe('id-1');
  });

  it('a refused declare stays on the board and says why, in words', async () => {
    const t = setup({
      signedIn: true,
      send: { ok: false, error: { code: 'invalid_command', message: 'payload.title: must not be empty' } },
    });
    await t.actions.start();
    expect(await t.actions.declareIncident({ title: '', severity: 'SEV-2', service: '' })).toEqual({
      ok: false,
      message: 'Title: must not be empty',
    });
    expect(t.store.getState().selectedIncidentId).toBeNull();
  });

  it('adds a tried entry with its own id', async () => {
    const t = setup({ signedIn: true });
    expect(await t.actions.addTried('inc-1', { what: 'Restarted', hypothesis: 'Leak' })).toEqual({ ok: true });
    expect(t.calls).toContainEqual([
      'sendCommand',
      { type: 'tried.add', incidentId: 'inc-1', payload: { entryId: 'id-1', what: 'Restarted', hypothesis: 'Leak' } },
    ]);
  });

  it('dismisses a rejection, navigates, signs out', async () => {
    const t = setup({ signedIn: true });
    await t.actions.start();
    await t.actions.dismissRejection('c7');
    t.actions.openIncident('inc-1');
    expect(t.store.getState().selectedIncidentId).toBe('inc-1');
    t.actions.showBoard();
    expect(t.store.getState().selectedIncidentId).toBeNull();
    t.actions.openIncident('inc-1');
    await t.actions.signOut();
    expect(t.calls).toContainEqual(['dismissRejection', 'c7']);
    expect(t.store.getState()).toMatchObject({ signedIn: false, selectedIncidentId: null, user: null });
    expect(selectScreen(t.store.getState())).toBe('connect');
  });

  it('asks for notification permission through the host, then hides the button', async () => {
    const t = setup({ signedIn: true });
    await t.actions.start();
    expect(t.store.getState().canAskNotifications).toBe(true);
    await t.actions.enableNotifications();
    expect(t.calls).toContainEqual(['askNotificationPermission']);
    expect(t.store.getState().canAskNotifications).toBe(false);
  });
});
