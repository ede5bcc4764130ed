import { describe, expect, it } from 'vitest';
import { alice, bob, carol, TestHub } from '../shared/domain/test-support.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import {
  MAX_NOTIFICATIONS_AT_ONCE,
  notificationOptions,
  pageNotificationOptions,
  planNotifications,
  type NotificationBaseline,
} from './notification-policy.js';
import { viewOf } from './test/engine-fakes.js';

const bobSession = { ...bob, role: 'responder' as const };
const prefs = DEFAULT_NOTIFICATION_PREFS;

function viewAt(hub: TestHub, overrides: Partial<EngineView> = {}): EngineView {
  return viewOf({ user: bobSession, state: hub.state, confirmed: hub.state, ...overrides });
}

/** Feeds views one after another, as the engine would, and returns what each one showed. */
function play(views: (EngineView | null)[], availability: 'available' | 'unavailable' = 'available') {
  let baseline: NotificationBaseline | null = null;
  return views.map((view) => {
    const plan = planNotifications(baseline, view, prefs, availability);
    baseline = plan.baseline;
    return plan.notifications;
  });
}

describe('planNotifications', () => {
  it('announces nothing for the first view, even with active incidents in it', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1' }, { actor: alice });
    expect(play([viewAt(hub)])).toEqual([[]]);
  });

  it('announces a new incident declared by someone else', () => {
    const hub = new TestHub();
    const before = viewAt(hub);
    hub.declare({ severity: 'SEV-1', title: 'Checkout down' }, { actor: alice, incidentId: 'inc-9' });
    const [, shown] = play([before, viewAt(hub)]);
    expect(shown).toEqual([
      { title: 'INC-1 SEV-1: Checkout down', body: expect.any(String), urgent: true, incidentId: 'inc-9' },
    ]);
  });

  it('starts over, silently, on another hub or as another person', () => {
    const hub = new TestHub();
    const first = viewAt(hub);
    hub.declare({ severity: 'SEV-2' }, { actor: alice });
    const otherHub = viewAt(hub, { hubUrl: 'https://other.example.com' });
    const asCarol = viewAt(hub, { hubUrl: 'https://other.example.com', user: { ...carol, role: 'viewer' } });
    expect(play([first, otherHub, asCarol])).toEqual([[], [], []]);
  });

  it('does not announce the history of a hub when the person becomes known at the welcome', () => {
    const empty = new TestHub();
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1' }, { actor: alice });
    expect(play([viewAt(empty, { user: null }), viewAt(hub)])).toEqual([[], []]);
  });

  it('forgets the baseline when signed out', () => {
    const hub = new TestHub();
    const before = viewAt(hub);
    hub.declare({ severity: 'SEV-1' }, { actor: alice });
    expect(play([before, null, viewAt(hub)])).toEqual([[], [], []]);
  });

  it('pages an unavailable person only for a role given to them', () => {
    const hub = new TestHub();
    const before = viewAt(hub);
    hub.declare({ severity: 'SEV-2', title: 'Checkout down' }, { actor: alice, incidentId: 'inc-1' });
    const declared = viewAt(hub);
    hub.ok(
      'incident.change_severity',
      { severity: 'SEV-1', reason: 'all regions' },
      { actor: alice, incidentId: 'inc-1' },
    );
    hub.ok('role.assign', { role: 'comms', person: bob }, { actor: alice, incidentId: 'inc-1' });
    const [, first, second] = play([before, declared, viewAt(hub)], 'unavailable');
    expect(first).toEqual([]);
    // Available, the same changes page for the new incident and the escalation too.
    expect(
      play([before, declared, viewAt(hub)], 'available')
        .flat()
        .map((n) => n.title),
    ).toEqual([
      'INC-1 SEV-2: Checkout down',
      'INC-1 SEV-1: escalated from SEV-2',
      'You are Communication Lead on INC-1',
    ]);
    expect(second).toEqual([
      { title: 'You are Communication Lead on INC-1', body: 'Checkout down', urgent: true, incidentId: 'inc-1' },
    ]);
  });

  it('sums up a flood, urgent ones first', () => {
    const hub = new TestHub();
    const before = viewAt(hub);
    hub.declare({ severity: 'SEV-3', title: 'a' }, { actor: alice, incidentId: 'inc-a' });
    hub.declare({ severity: 'SEV-2', title: 'b' }, { actor: alice, incidentId: 'inc-b' });
    hub.declare({ severity: 'SEV-3', title: 'c' }, { actor: alice, incidentId: 'inc-c' });
    hub.declare({ severity: 'SEV-1', title: 'd' }, { actor: alice, incidentId: 'inc-d' });
    hub.declare({ severity: 'SEV-2', title: 'e' }, { actor: alice, incidentId: 'inc-e' });
    const [, shown = []] = play([before, viewAt(hub)]);
    expect(shown).toHaveLength(MAX_NOTIFICATIONS_AT_ONCE);
    expect(shown[0]).toMatchObject({ incidentId: 'inc-d', urgent: true });
    expect(shown[1]).toMatchObject({ incidentId: 'inc-a', urgent: false });
    expect(shown[2]).toEqual({
      title: '3 more incident updates',
      body: 'INC-2 SEV-2: b\nINC-3 SEV-3: c\nINC-5 SEV-2: e',
      urgent: false,
      incidentId: null,
    });
  });

  it('uses the confirmed state: a change still pending does not notify', () => {
    const hub = new TestHub();
    const before = viewAt(hub);
    const confirmedBefore = hub.state;
    hub.declare({ severity: 'SEV-1' }, { actor: alice });
    expect(play([before, viewAt(hub, { confirmed: confirmedBefore })])).toEqual([[], []]);
  });
});

describe('notificationOptions', () => {
  const urgent = { title: 'INC-1 SEV-1: Checkout down', body: 'Service: checkout', urgent: true, incidentId: 'inc-1' };

  it('keeps urgent notifications until dismissed, critical on Linux', () => {
    expect(notificationOptions(urgent, 'linux')).toEqual({
      title: urgent.title,
      body: urgent.body,
      timeoutType: 'never',
      urgency: 'critical',
    });
    expect(notificationOptions(urgent, 'win32')).toEqual({
      title: urgent.title,
      body: urgent.body,
      timeoutType: 'never',
    });
  });

  it('lets the others go by themselves', () => {
    expect(notificationOptions({ ...urgent, urgent: false }, 'linux')).toMatchObject({
      timeoutType: 'default',
      urgency: 'normal',
    });
    expect(notificationOptions({ ...urgent, urgent: false }, 'darwin')).not.toHaveProperty('urgency');
  });
});

describe('pageNotificationOptions', () => {
  const page = {
    pageId: 'p-1',
    incidentId: 'inc-1',
    title: 'Paged: INC-12 SEV-1 Checkout down',
    body: 'You are on call: acknowledge to stop the escalation. Service: checkout.',
    acknowledge: true,
    repeat: 0,
  };

  it('is urgent everywhere and offers Acknowledge where Electron shows buttons (macOS, Windows)', () => {
    for (const platform of ['darwin', 'win32'])
      expect(pageNotificationOptions(page, platform)).toEqual({
        title: page.title,
        body: page.body,
        silent: false,
        timeoutType: 'never',
        ...(platform === 'win32' ? { urgency: 'critical' } : {}),
        actions: [{ type: 'button', text: 'Acknowledge' }],
      });
  });

  it('is critical on Linux, with no button: clicking opens the incident, the tray acknowledges', () => {
    expect(pageNotificationOptions(page, 'linux')).toEqual({
      title: page.title,
      body: page.body,
      silent: false,
      timeoutType: 'never',
      urgency: 'critical',
    });
  });

  it('offers no button for a test page or an ack-timeout page', () => {
    const test = {
      ...page,
      incidentId: null,
      acknowledge: false,
      title: 'Test page from Warroom — notifications reach you.',
    };
    expect(pageNotificationOptions(test, 'darwin')).not.toHaveProperty('actions');
    expect(pageNotificationOptions(test, 'darwin')).toMatchObject({ timeoutType: 'never', title: test.title });
  });
});
