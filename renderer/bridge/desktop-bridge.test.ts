import { describe, expect, it } from 'vitest';
import { T0, TestHub, alice } from '../../shared/domain/test-support.js';
import { Emitter } from '../../shared/events/emitter.js';
import type { DesktopApi, HostEvents, WarroomRequests } from '../../shared/ipc/contract.js';
import { ViewFeed } from '../../shared/ipc/view-feed.js';
import type { EngineView } from '../../shared/sync/engine-view.js';
import { viewOf } from '../../shared/sync/test-support.js';
import { createDesktopBridge } from './desktop-bridge.js';

const user = { ...alice, role: 'responder' as const };

/**
 * Main's side (a ViewFeed, as main/engine-host.ts runs it) feeding a fake preload, host events carried as copies the
 * way IPC delivers them, and the desktop bridge over that preload: what the renderer's store sees.
 */
function desktop() {
  const channel = new Emitter<HostEvents>();
  let mainView: EngineView = viewOf({ status: 'offline' });
  const getViews: EngineView[] = [];
  const requests: Partial<WarroomRequests> = {
    getView: async () => {
      getViews.push(mainView);
      return structuredClone(mainView);
    },
  };
  const preload: DesktopApi = {
    ...(requests as WarroomRequests), // only getView is called in these tests
    onViewChanged: (l) => channel.on('viewChanged', l),
    onOpenIncident: (l) => channel.on('openIncident', l),
    onEvents: (l) => channel.on('eventsReceived', l),
    onPage: (l) => channel.on('pageReceived', l),
    onOnCallChanged: (l) => channel.on('onCallChanged', l),
    onStatusPageChanged: (l) => channel.on('statusPageChanged', l),
    onPendingChanged: (l) => channel.on('pendingChanged', l),
    onConnectionChanged: (l) => channel.on('connectionChanged', l),
  };
  const bridge = createDesktopBridge(preload, () => T0);
  const views: EngineView[] = [];
  bridge.onViewChanged((view) => views.push(view));
  const sent: string[] = [];
  let connected = true;
  const feed = new ViewFeed((name, payload) => {
    sent.push(name);
    if (connected) channel.emit(name, structuredClone(payload));
  });
  /** Main's engine moved to `view`, after `events` (as the engine emits them). */
  const engineMoved = (view: EngineView, events: HostEvents['eventsReceived'] = []): void => {
    mainView = view;
    if (events.length > 0) feed.events(events);
    feed.view(view);
  };
  const drop = (dropping: boolean): void => {
    connected = !dropping;
  };
  return { bridge, views, sent, getViews, feed, engineMoved, drop };
}

function hubWithTwo() {
  const hub = new TestHub();
  hub.declare({}, { incidentId: 'inc-1' });
  hub.declare({ title: 'Search is slow' }, { incidentId: 'inc-2' });
  return hub;
}

const viewAt = (hub: TestHub): EngineView => viewOf({ user, confirmed: hub.state, state: hub.state });

describe('the desktop bridge over main’s feed', () => {
  it('shows every change as a whole view while main sends only events; other incidents keep their objects', async () => {
    const hub = hubWithTwo();
    const t = desktop();
    t.feed.snapshot(viewAt(hub));
    const first = t.views.at(-1);
    expect(first?.confirmed).toEqual(hub.state);

    const events = hub.ok('tried.add', { entryId: 'e1', what: 'Restarted search' }, { incidentId: 'inc-2' });
    t.engineMoved(viewAt(hub), events);

    expect(t.sent).toEqual(['viewChanged', 'eventsReceived']);
    const latest = t.views.at(-1);
    expect(latest?.state).toEqual(hub.state);
    expect(latest?.state.incidents['inc-1']).toBe(first?.state.incidents['inc-1']);
    expect(latest?.state.incidents['inc-2']).not.toBe(first?.state.incidents['inc-2']);
    expect(await t.bridge.getView()).toBe(latest);
    expect(t.getViews).toEqual([]);
  });

  it('asks main for a whole view when it has none yet', async () => {
    const hub = hubWithTwo();
    const t = desktop();
    t.drop(true);
    t.engineMoved(viewAt(hub));
    expect((await t.bridge.getView()).confirmed).toEqual(hub.state);
    expect(t.getViews).toHaveLength(1);
  });

  it('asks main for a whole view when the events do not follow on, and catches up', async () => {
    const hub = hubWithTwo();
    const t = desktop();
    t.feed.snapshot(viewAt(hub));
    // A batch lost on the way (never on one IPC channel, but the fold must not show a state with a hole).
    t.drop(true);
    t.engineMoved(viewAt(hub), hub.ok('tried.add', { entryId: 'e1', what: 'Lost' }, { incidentId: 'inc-1' }));
    t.drop(false);
    t.engineMoved(viewAt(hub), hub.ok('tried.add', { entryId: 'e2', what: 'Seen' }, { incidentId: 'inc-1' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.getViews).toHaveLength(1);
    expect(t.views.at(-1)?.confirmed).toEqual(hub.state);
  });

  it('starts again from a whole view on sign-out', () => {
    const hub = hubWithTwo();
    const t = desktop();
    t.feed.snapshot(viewAt(hub));
    t.feed.snapshot(viewOf({ status: 'offline' }));
    expect(t.views.at(-1)).toMatchObject({ status: 'offline', user: null });
    expect(Object.keys(t.views.at(-1)?.state.incidents ?? {})).toEqual([]);
  });
});
