import { describe, expect, it, vi } from 'vitest';
import { WAIT } from '../testing/patience.js';
import { TestHub } from '../../shared/domain/test-support.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { WarroomApi } from '../../shared/ipc/contract.js';
import { DEFAULT_NOTIFICATION_PREFS, type ConnectResult } from '../../shared/ipc/settings.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import type { Host } from '../bridge/index.js';
import { queued, stateWith, viewOf } from '../test-views.js';
import { createAppActions } from './app-actions.js';
import { selectScreen } from './selectors.js';
import { createAppStore } from './store.js';

/** A host that records calls and lets the test push views and "open incident" requests. */
function fakeHost(
  options: { signedIn?: boolean; connect?: ConnectResult; send?: SendResult; timeline?: DomainEvent[] | Error } = {},
) {
  const viewListeners = new Set<(view: EngineView) => void>();
  const openListeners = new Set<(id: string) => void>();
  const eventListeners = new Set<(events: DomainEvent[]) => void>();
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
    getTimeline: async (incidentId) => {
      calls.push(['getTimeline', incidentId]);
      if (options.timeline instanceof Error) throw options.timeline;
      return options.timeline ?? [];
    },
    onEvents: (listener) => {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    getOnCall: async () => {
      throw new Error('not used here');
    },
    changeOnCall: async () => {
      throw new Error('not used here');
    },
    listDrafts: async () => [],
    saveDraft: async () => undefined,
    removeDraft: async () => undefined,
    getMetrics: async () => {
      throw new Error('not used here');
    },
    saveFile: async () => ({ saved: false, where: null }),
    printPdf: async () => ({ saved: false, where: null }),
    sendTestPage: async () => {
      throw new Error('not used here');
    },
    getContact: async () => {
      throw new Error('not used here');
    },
    changeContact: async () => {
      throw new Error('not used here');
    },
    testContact: async () => {
      throw new Error('not used here');
    },
    getStatusPage: async () => {
      throw new Error('not used here');
    },
    changeStatusPage: async () => {
      throw new Error('not used here');
    },
    onPage: () => () => undefined,
    onOnCallChanged: () => () => undefined,
    onStatusPageChanged: () => () => undefined,
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
    webPush: null,
  };
  return {
    host,
    calls,
    push: (next: EngineView) => {
      view = next;
      viewListeners.forEach((listener) => listener(next));
    },
    open: (id: string) => openListeners.forEach((listener) => listener(id)),
    events: (events: DomainEvent[]) => eventListeners.forEach((listener) => listener(events)),
    listenerCount: () => viewListeners.size + openListeners.size + eventListeners.size,
  };
}

function setup(options: Parameters<typeof fakeHost>[0] = {}) {
  const fake = fakeHost(options);
  const store = createAppStore();
  let ids = 0;
  const actions = createAppActions({ store, getHost: () => fake.host, newId: () => `id-${++ids}` });
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

  it('sends an incident command as asked, typed by its type', async () => {
    const t = setup({ signedIn: true });
    await t.actions.start();
    const request = {
      type: 'incident.declare',
      incidentId: 'id-1',
      payload: { title: 'DB down', severity: 'SEV-1', service: 'db' },
    } as const;
    expect(await t.actions.command(request)).toEqual({ ok: true });
    expect(t.calls).toContainEqual(['sendCommand', request]);
  });

  it('a refused command says why, in words', async () => {
    const t = setup({
      signedIn: true,
      send: { ok: false, error: { code: 'invalid_command', message: 'payload.service: unknown service' } },
    });
    await t.actions.start();
    const declare = { title: 'DB down', severity: 'SEV-2', service: 'x' } as const;
    expect(await t.actions.command({ type: 'incident.declare', incidentId: 'i', payload: declare })).toEqual({
      ok: false,
      message: 'Service: unknown service',
    });
  });

  it("checks a change with the hub's schema before sending it: a malformed one is refused here, unsent", async () => {
    const t = setup({ signedIn: true });
    await t.actions.start();
    const declare = { title: '\u200B', severity: 'SEV-2', service: '' } as const;
    expect(await t.actions.command({ type: 'incident.declare', incidentId: 'i', payload: declare })).toEqual({
      ok: false,
      message: 'The title needs visible characters: it holds only spaces or invisible characters.',
    });
    const tried = { entryId: 'e1', what: 'Restarted \u2067the pool', hypothesis: '' };
    expect(await t.actions.command({ type: 'tried.add', incidentId: 'inc-1', payload: tried })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Remove the text-direction control character U\+2067 \(RIGHT-TO-LEFT ISOLATE\) from what was tried/,
      ),
    });
    expect(t.calls.filter(([name]) => name === 'sendCommand')).toEqual([]);
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

  it('opening an incident loads its timeline (in a task of its own) and follows live events', async () => {
    const hub = new TestHub();
    const events = hub.declare({ title: 'A', severity: 'SEV-1' });
    const t = setup({ signedIn: true, timeline: events });
    await t.actions.start();
    t.push(viewOf({ state: hub.state, confirmed: hub.state }));
    t.actions.openIncident('inc-1');
    expect(t.calls).toContainEqual(['getTimeline', 'inc-1']);
    expect(t.store.getState()).toMatchObject({ selectedIncidentId: 'inc-1', timelineStatus: 'loading' });
    await vi.waitFor(() => expect(t.store.getState().timelineStatus).toBe('ready'), WAIT);
    expect(t.store.getState().timelineEvents).toEqual(events);
    const more = hub.ok('incident.change_status', { status: 'mitigated' });
    t.events(more);
    expect(t.store.getState().timelineEvents).toEqual([...events, ...more]);
    t.actions.openIncident('inc-1'); // already followed: not asked again
    expect(t.calls.filter((c) => c[0] === 'getTimeline')).toHaveLength(1);
    t.actions.showBoard();
    expect(t.store.getState()).toMatchObject({ selectedIncidentId: null, timelineIncidentId: null });
  });

  it('says why the timeline is missing, and asks again when the hub is back', async () => {
    const state = stateWith([{ id: 'inc-1', title: 'A', severity: 'SEV-1' }]);
    const t = setup({ signedIn: true, timeline: new Error('The timeline needs the hub.') });
    await t.actions.start();
    t.push(viewOf({ status: 'offline', state, confirmed: state }));
    t.actions.openIncident('inc-1');
    await vi.waitFor(() => expect(t.store.getState().timelineStatus).toBe('error'), WAIT);
    expect(t.store.getState().timelineError).toBe('The timeline needs the hub.');
    t.push(viewOf({ status: 'online', state, confirmed: state }));
    expect(t.calls.filter((c) => c[0] === 'getTimeline')).toHaveLength(2);
  });

  it('turns a host that throws into a message, so the form keeps its text', async () => {
    const t = setup({ signedIn: true });
    t.host.api.sendCommand = async () => {
      throw new Error('IPC channel closed');
    };
    const payload = { entryId: 'e1', what: 'x', hypothesis: '' };
    expect(await t.actions.command({ type: 'tried.add', incidentId: 'i', payload })).toEqual({
      ok: false,
      message: 'Not sent: IPC channel closed',
    });
  });

  it('"Edit again" puts a refused command\'s text back in its form and dismisses it', async () => {
    const t = setup({ signedIn: true });
    await t.actions.editAgain({
      command: queued({
        commandId: 'r1',
        type: 'status_update.post',
        incidentId: 'inc-1',
        payload: { updateId: 'u1', audience: 'internal', text: 'Hello' },
      }),
      error: { code: 'incident_closed', message: 'closed' },
      at: '2025-03-01T10:00:00.000Z',
    });
    expect(t.store.getState().drafts).toEqual({ 'update-text:inc-1': 'Hello' });
    expect(t.calls).toContainEqual(['dismissRejection', 'r1']);
  });
});
