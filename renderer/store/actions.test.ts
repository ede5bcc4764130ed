import { describe, expect, it, vi } from 'vitest';
import { TestHub } from '../../shared/domain/test-support.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { WarroomApi } from '../../shared/ipc/contract.js';
import { DEFAULT_NOTIFICATION_PREFS, type ConnectResult } from '../../shared/ipc/settings.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import type { Host } from '../bridge/index.js';
import { queued, stateWith, viewOf } from '../test-views.js';
import { createActions } from './actions.js';
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
    onPage: () => () => undefined,
    onOnCallChanged: () => () => undefined,
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
    events: (events: DomainEvent[]) => eventListeners.forEach((listener) => listener(events)),
    listenerCount: () => viewListeners.size + openListeners.size + eventListeners.size,
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
      send: { ok: false, error: { code: 'invalid_command', message: 'payload.service: unknown service' } },
    });
    await t.actions.start();
    expect(await t.actions.declareIncident({ title: 'DB down', severity: 'SEV-2', service: 'x' })).toEqual({
      ok: false,
      message: 'Service: unknown service',
    });
    expect(t.store.getState().selectedIncidentId).toBeNull();
  });

  it("checks a change with the hub's schema before sending it: a malformed one is refused here, unsent", async () => {
    const t = setup({ signedIn: true });
    await t.actions.start();
    expect(await t.actions.declareIncident({ title: '\u200B', severity: 'SEV-2', service: '' })).toEqual({
      ok: false,
      message: 'The title needs visible characters: it holds only spaces or invisible characters.',
    });
    expect(await t.actions.addTried('inc-1', { what: 'Restarted \u2067the pool', hypothesis: '' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Remove the text-direction control character U\+2067 \(RIGHT-TO-LEFT ISOLATE\) from what was tried/,
      ),
    });
    expect(t.calls.filter(([name]) => name === 'sendCommand')).toEqual([]);
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

  it('opening an incident loads its timeline (in a task of its own) and follows live events', async () => {
    const hub = new TestHub();
    const events = hub.declare({ title: 'A', severity: 'SEV-1' });
    const t = setup({ signedIn: true, timeline: events });
    await t.actions.start();
    t.push(viewOf({ state: hub.state, confirmed: hub.state }));
    t.actions.openIncident('inc-1');
    expect(t.calls).toContainEqual(['getTimeline', 'inc-1']);
    expect(t.store.getState()).toMatchObject({ selectedIncidentId: 'inc-1', timelineStatus: 'loading' });
    await vi.waitFor(() => expect(t.store.getState().timelineStatus).toBe('ready'));
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
    await vi.waitFor(() => expect(t.store.getState().timelineStatus).toBe('error'));
    expect(t.store.getState().timelineError).toBe('The timeline needs the hub.');
    t.push(viewOf({ status: 'online', state, confirmed: state }));
    expect(t.calls.filter((c) => c[0] === 'getTimeline')).toHaveLength(2);
  });

  it('sends every incident command with its payload', async () => {
    const t = setup({ signedIn: true });
    const bob = { id: 'u-bob', name: 'Bob' };
    await t.actions.changeSeverity('i', 'SEV-1', 'worse');
    await t.actions.changeStatus('i', 'mitigated', '');
    await t.actions.claimRole('i', 'comms');
    await t.actions.assignRole('i', 'fixer', { ...bob, role: 'responder' } as typeof bob);
    await t.actions.releaseRole('i', 'fixer', 'u-bob');
    await t.actions.releaseRole('i', 'lead');
    await t.actions.createChecklist('i', 'sev-1', 'tpl-sev-1');
    await t.actions.addChecklistItem('i', 'tpl-sev-1', 'Call the bank');
    await t.actions.setChecklistItem('i', 'tpl-sev-1', 'tpl-sev-1-1', true);
    await t.actions.setTriedOutcome('i', 'e1', 'helped');
    await t.actions.postStatusUpdate('i', 'external', 'Fixed');
    await t.actions.declareIncident({ title: 'T', severity: 'SEV-3', service: '', impact: 'Some', lead: bob });
    const sent = t.calls.filter((c) => c[0] === 'sendCommand').map((c) => c[1]);
    expect(sent).toEqual([
      { type: 'incident.change_severity', incidentId: 'i', payload: { severity: 'SEV-1', reason: 'worse' } },
      { type: 'incident.change_status', incidentId: 'i', payload: { status: 'mitigated', reason: '' } },
      { type: 'role.claim', incidentId: 'i', payload: { role: 'comms' } },
      { type: 'role.assign', incidentId: 'i', payload: { role: 'fixer', person: bob } },
      { type: 'role.release', incidentId: 'i', payload: { role: 'fixer', personId: 'u-bob' } },
      { type: 'role.release', incidentId: 'i', payload: { role: 'lead' } },
      { type: 'checklist.create', incidentId: 'i', payload: { checklistId: 'tpl-sev-1', templateId: 'sev-1' } },
      {
        type: 'checklist.add_item',
        incidentId: 'i',
        payload: { checklistId: 'tpl-sev-1', itemId: 'id-1', text: 'Call the bank' },
      },
      {
        type: 'checklist.set_item',
        incidentId: 'i',
        payload: { checklistId: 'tpl-sev-1', itemId: 'tpl-sev-1-1', done: true },
      },
      { type: 'tried.set_outcome', incidentId: 'i', payload: { entryId: 'e1', outcome: 'helped' } },
      {
        type: 'status_update.post',
        incidentId: 'i',
        payload: { updateId: 'id-2', audience: 'external', text: 'Fixed' },
      },
      {
        type: 'incident.declare',
        incidentId: 'id-3',
        payload: { title: 'T', severity: 'SEV-3', service: '', impact: 'Some', lead: bob },
      },
    ]);
  });

  it('turns a host that throws into a message, so the form keeps its text', async () => {
    const t = setup({ signedIn: true });
    t.host.api.sendCommand = async () => {
      throw new Error('IPC channel closed');
    };
    expect(await t.actions.addTried('i', { what: 'x', hypothesis: '' })).toEqual({
      ok: false,
      message: 'Not sent: IPC channel closed',
    });
  });

  it('"Edit again" puts a refused command\'s text back in its form and dismisses it', async () => {
    const t = setup({ signedIn: true });
    await t.actions.editAgain({
      command: queued({ commandId: 'r1', type: 'status_update.post', incidentId: 'inc-1', payload: { text: 'Hello' } }),
      error: { code: 'incident_closed', message: 'closed' },
      at: '2025-03-01T10:00:00.000Z',
    });
    expect(t.store.getState().drafts).toEqual({ 'update-text:inc-1': 'Hello' });
    expect(t.calls).toContainEqual(['dismissRejection', 'r1']);
  });

  it('toggles the theme and the shortcuts overlay', () => {
    const t = setup();
    const before = t.store.getState().theme;
    t.actions.toggleTheme();
    expect(t.store.getState().theme).not.toBe(before);
    t.actions.setHelpOpen(true);
    expect(t.store.getState().helpOpen).toBe(true);
  });
});
