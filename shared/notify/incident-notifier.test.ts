import { describe, expect, it } from 'vitest';
import type { UserRole } from '../domain/authorize.js';
import type { DomainEvent } from '../domain/events.js';
import { alice, bob, carol, TestHub } from '../domain/test-support.js';
import { DEFAULT_NOTIFICATION_PREFS, type Availability } from '../ipc/settings.js';
import { defaultProfile, type NewIncidentNotices } from '../oncall/profile.js';
import { PAGING_ACTOR } from '../oncall/paging.js';
import type { OncallReply, OncallView } from '../protocol/oncall-wire.js';
import type { EngineView } from '../sync/engine-view.js';
import { viewOf } from '../sync/test-support.js';
import { IncidentNotifier } from './incident-notifier.js';
import type { ShownNotification } from './notice-groups.js';
import { FakeTime } from './test-support.js';

const ALERTMANAGER = { id: 'integration-alertmanager', name: 'Alertmanager' };
const WINDOW = 3_000;
const MINUTE = 60_000;

/** The hub's `oncall` answer, with just what the notifier reads. */
function oncallReply(
  options: { newIncidents?: NewIncidentNotices; members?: string[]; service?: string } = {},
): OncallReply {
  const rotation = {
    id: 'rot-checkout',
    name: 'Checkout',
    members: (options.members ?? []).map((id) => ({ id, name: id })),
    handoffTime: '09:00',
    shift: 'weekly',
    timeZone: 'UTC',
    startDate: '2025-01-06',
  };
  const view = {
    at: '2025-03-01T10:00:00.000Z',
    rotations: options.members ? [{ rotation, warnings: [], now: { primary: alice, backup: null }, schedule: [] }] : [],
    overrides: [],
    services: options.members ? [{ service: options.service ?? 'checkout', rotationId: 'rot-checkout' }] : [],
    defaultRotationId: null,
    policy: {},
    profiles: [],
    me: {
      profile: { ...defaultProfile('UTC'), ...(options.newIncidents ? { newIncidents: options.newIncidents } : {}) },
      saved: options.newIncidents !== undefined,
      nextShift: null,
    },
    deadlines: [],
  } as unknown as OncallView; // only the fields the notifier reads are filled in; the rest is not looked at
  return { ok: true, view };
}

function setup(
  options: { role?: UserRole; me?: typeof bob; oncall?: OncallReply | Error; availability?: Availability } = {},
) {
  const time = new FakeTime();
  const shown: ShownNotification[] = [];
  let oncall = options.oncall ?? new Error('offline');
  let reads = 0;
  const notifier = new IncidentNotifier({
    clock: { now: () => time.now },
    timers: time,
    show: (n) => shown.push(n),
    prefs: () => DEFAULT_NOTIFICATION_PREFS,
    availability: () => options.availability ?? 'available',
    readOncall: async () => {
      reads++;
      if (oncall instanceof Error) throw oncall;
      return oncall;
    },
    windowMs: WINDOW,
    maxWaitMs: 5 * WINDOW,
  });
  const user = { ...(options.me ?? bob), role: options.role ?? 'responder' };
  const hub = new TestHub();
  const view = (overrides: Partial<EngineView> = {}): EngineView =>
    viewOf({ user, state: hub.state, confirmed: hub.state, ...overrides });
  /** The engine delivers events, then the view that shows them. */
  const deliver = (events: DomainEvent[]) => {
    notifier.onEvents(events);
    notifier.onView(view());
  };
  return {
    time,
    shown,
    notifier,
    hub,
    view,
    deliver,
    reads: () => reads,
    answer: (reply: OncallReply | Error) => (oncall = reply),
  };
}

/** Lets the on-call read (a promise) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const alertIncident = (t: ReturnType<typeof setup>, i: number, severity: 'SEV-1' | 'SEV-2' = 'SEV-1') =>
  t.hub.declare(
    { title: `Disk full on db-${i}`, severity, service: 'checkout' },
    { actor: ALERTMANAGER, incidentId: `inc-${i}` },
  );

describe('IncidentNotifier', () => {
  it('turns a storm of 30 alert incidents into one grouped notification, shown once the window is quiet', () => {
    const t = setup();
    t.notifier.onView(t.view());
    for (let i = 1; i <= 30; i++) {
      t.deliver(alertIncident(t, i));
      t.time.advance(WINDOW / 10);
    }
    expect(t.shown).toEqual([]);
    t.time.advance(WINDOW);
    expect(t.shown).toEqual([
      expect.objectContaining({
        title: '30 new incidents from Alertmanager',
        count: 30,
        incidentId: null,
        urgent: true,
      }),
    ]);
    t.time.advance(10 * WINDOW);
    expect(t.shown).toHaveLength(1);
  });

  it('shows a storm that never pauses after the longest wait, then starts a new window', () => {
    const t = setup();
    t.notifier.onView(t.view());
    for (let i = 1; i <= 12; i++) {
      t.deliver(alertIncident(t, i));
      t.time.advance(WINDOW / 2);
    }
    // The fifth window-length since the first notification falls after the tenth incident (every half window).
    expect(t.shown.map((n) => n.count)).toEqual([10]);
    t.time.advance(WINDOW);
    expect(t.shown.map((n) => n.count)).toEqual([10, 2]);
  });

  it('announces nothing from before the first live view: the cache at start and its catch-up', () => {
    const t = setup();
    t.notifier.onView(t.view({ stale: true, status: 'connecting' }));
    t.deliver(alertIncident(t, 1));
    t.notifier.onView(t.view());
    t.time.advance(10 * WINDOW);
    expect(t.shown).toEqual([]);
    // Live now: what an outage's catch-up brings is announced.
    t.notifier.onView(t.view({ status: 'connecting' }));
    t.deliver(alertIncident(t, 2));
    t.time.advance(WINDOW);
    expect(t.shown.map((n) => n.title)).toEqual(['INC-2 SEV-1: Disk full on db-2']);
  });

  it('gives a viewer nothing by default, and what they opted in to on their profile', async () => {
    const viewer = setup({ role: 'viewer', me: carol });
    viewer.notifier.onView(viewer.view());
    viewer.deliver(alertIncident(viewer, 1));
    viewer.time.advance(WINDOW);
    expect(viewer.shown).toEqual([]);

    const optedIn = setup({
      role: 'viewer',
      me: carol,
      oncall: oncallReply({ newIncidents: { 'SEV-1': 'always', 'SEV-2': 'never', 'SEV-3': 'never' } }),
    });
    optedIn.notifier.onView(optedIn.view());
    await settle();
    optedIn.deliver(alertIncident(optedIn, 1));
    optedIn.time.advance(WINDOW);
    expect(optedIn.shown).toHaveLength(1);
  });

  it('tells SEV-2s to members of the covering rotation, and reads the set-up again when it changes', async () => {
    const t = setup({ oncall: oncallReply({ members: [carol.id] }) });
    t.notifier.onView(t.view());
    await settle();
    t.deliver(alertIncident(t, 1, 'SEV-2'));
    t.time.advance(WINDOW);
    expect(t.shown).toEqual([]);
    t.answer(oncallReply({ members: [bob.id] }));
    t.notifier.onOncallChanged();
    await settle();
    expect(t.reads()).toBe(2);
    t.deliver(alertIncident(t, 2, 'SEV-2'));
    t.time.advance(WINDOW);
    expect(t.shown.map((n) => n.incidentId)).toEqual(['inc-2']);
  });

  it('lets the page be my one notification: no new-incident notice for an incident that pages me', () => {
    const t = setup();
    t.notifier.onView(t.view());
    t.deliver(alertIncident(t, 1));
    t.deliver(alertIncident(t, 2));
    t.deliver(alertIncident(t, 3));
    // inc-1: its page.sent event arrives within the window; inc-2: the hub pushed the page first.
    t.deliver(
      t.hub.ok(
        'page.record',
        {
          pageId: 'inc-1-s0-r0-u-bob',
          person: bob,
          reason: 'initial',
          step: 0,
          round: 0,
          rotationId: 'rot-checkout',
          heldUntil: null,
        },
        { incidentId: 'inc-1', actor: PAGING_ACTOR },
      ),
    );
    t.notifier.onPage({
      pageId: 'inc-2-s0-r0-u-bob',
      at: t.hub.now,
      test: false,
      incident: { id: 'inc-2', number: 2, title: 'Disk full on db-2', severity: 'SEV-1', service: 'checkout' },
      reason: 'initial',
      step: 0,
      round: 0,
    });
    t.time.advance(WINDOW);
    expect(t.shown.map((n) => n.incidentId)).toEqual(['inc-3']);
  });

  it('while I am unavailable, tells only of roles given to me', () => {
    const t = setup({ availability: 'unavailable' });
    t.notifier.onView(t.view());
    t.deliver(alertIncident(t, 1));
    t.deliver(t.hub.ok('role.assign', { role: 'fixer', person: bob }, { actor: alice, incidentId: 'inc-1' }));
    t.time.advance(WINDOW);
    expect(t.shown.map((n) => n.title)).toEqual(['You are Fixer on INC-1']);
  });

  it('tells the Incident Lead of an overdue update once per overdue period, on a timer, then the Comms Lead', () => {
    const t = setup({ me: alice });
    t.hub.declare({ title: 'Checkout down', severity: 'SEV-1' }, { actor: bob, incidentId: 'inc-1' });
    t.hub.ok('role.assign', { role: 'lead', person: alice }, { actor: bob, incidentId: 'inc-1' });
    t.time.now = Date.parse(t.hub.now);
    t.notifier.onView(t.view());
    t.time.advance(30 * MINUTE);
    expect(t.shown).toEqual([]);
    t.time.advance(WINDOW + 1);
    expect(t.shown.map((n) => n.title)).toEqual(['INC-1 SEV-1: status update overdue']);
    // Views keep coming while it stays overdue: no second notification.
    for (let i = 0; i < 5; i++) {
      t.notifier.onView(t.view({ notice: `view ${i}` }));
      t.time.advance(10 * MINUTE);
    }
    expect(t.shown).toHaveLength(1);
    // Bob posts an update and takes Comms: the next overdue period is his, not mine.
    t.hub.now = new Date(t.time.now).toISOString();
    t.deliver([
      ...t.hub.ok(
        'status_update.post',
        { updateId: 'up-1', text: 'Failing over', audience: 'internal' },
        { actor: bob, incidentId: 'inc-1' },
      ),
      ...t.hub.ok('role.assign', { role: 'comms', person: bob }, { actor: bob, incidentId: 'inc-1' }),
    ]);
    t.time.advance(31 * MINUTE + WINDOW);
    expect(t.shown).toHaveLength(1);
  });

  it('starts afresh for another hub or person, and a refused on-call read changes nothing', async () => {
    const t = setup({ oncall: { ok: false, error: { code: 'forbidden', message: 'no' } } });
    t.notifier.onView(t.view());
    await settle();
    t.deliver(alertIncident(t, 1));
    t.notifier.onView(viewOf({ user: { ...carol, role: 'responder' }, state: t.hub.state, confirmed: t.hub.state }));
    t.time.advance(WINDOW);
    expect(t.shown).toEqual([]);
    t.notifier.stop();
    expect(t.time.pending).toBe(0);
  });
});
