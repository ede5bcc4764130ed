import { describe, expect, it } from 'vitest';
import { alice, bob, TestHub } from '../shared/domain/test-support.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import type { ShownNotification } from '../shared/notify/notice-groups.js';
import { defaultProfile } from '../shared/oncall/profile.js';
import type { OncallView } from '../shared/protocol/oncall-wire.js';
import { DesktopNotifier } from './desktop-notifier.js';
import { EngineHost } from './engine-host.js';
import { FakeEngine, ManualTimers, viewOf } from './test/engine-fakes.js';

const creds = { hubUrl: 'http://127.0.0.1:4380', token: 'wr_b' };
const me = { ...bob, role: 'responder' as const };
const ALERTMANAGER = { id: 'integration-alertmanager', name: 'Alertmanager' };
const WINDOW = 3_000;

function setup(availability: 'available' | 'unavailable' = 'available') {
  const host = new EngineHost();
  const timers = new ManualTimers();
  const shown: { notification: ShownNotification; open: () => void }[] = [];
  const opened: (string | null)[] = [];
  const notifier = new DesktopNotifier({
    host,
    clock: timers.clock,
    timers,
    sink: { show: (notification, open) => shown.push({ notification, open }) },
    prefs: () => DEFAULT_NOTIFICATION_PREFS,
    availability: () => availability,
    open: (id) => opened.push(id),
    windowMs: WINDOW,
  });
  const hub = new TestHub();
  const engine = new FakeEngine(viewOf({ user: me, state: hub.state, confirmed: hub.state }));
  host.adopt(engine, creds);
  /** The engine applies events, then shows them. */
  const deliver = (events: ReturnType<TestHub['declare']>) => {
    engine.emitEvents(events);
    engine.emit({ state: hub.state, confirmed: hub.state });
  };
  return { host, timers, shown, opened, notifier, hub, engine, deliver };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The hub's answer to `oncall` with my profile's choice (only the fields the notifier reads). */
function oncallWith(newIncidents: NonNullable<ReturnType<typeof defaultProfile>['newIncidents']>) {
  const view = {
    rotations: [],
    services: [],
    defaultRotationId: null,
    me: { profile: { ...defaultProfile('UTC'), newIncidents }, saved: true, nextShift: null },
  } as unknown as OncallView; // the rest of the view is not read by the notifier
  return { ok: true as const, view };
}

describe('DesktopNotifier', () => {
  it('shows a storm of alert incidents as one native notification, whose click opens the board', () => {
    const t = setup();
    for (let i = 1; i <= 30; i++)
      t.deliver(
        t.hub.declare({ title: `Disk ${i}`, severity: 'SEV-1' }, { actor: ALERTMANAGER, incidentId: `inc-${i}` }),
      );
    t.timers.advance(WINDOW);
    expect(t.shown.map((s) => s.notification.title)).toEqual(['30 new incidents from Alertmanager']);
    t.shown[0]?.open();
    expect(t.opened).toEqual([null]);
  });

  it('shows a lone incident as itself (a click opens it), and nothing for my own declaration', () => {
    const t = setup();
    t.deliver(t.hub.declare({ title: 'Mine', severity: 'SEV-1' }, { actor: bob, incidentId: 'inc-mine' }));
    t.deliver(t.hub.declare({ title: 'Checkout down', severity: 'SEV-1' }, { actor: alice, incidentId: 'inc-1' }));
    t.timers.advance(WINDOW);
    expect(t.shown.map((s) => s.notification.title)).toEqual(['INC-2 SEV-1: Checkout down']);
    t.shown[0]?.open();
    expect(t.opened).toEqual(['inc-1']);
  });

  it("reads my profile's choice through the running engine, and again when the hub says it changed", async () => {
    const t = setup();
    t.engine.onCallAnswers.getOnCall = oncallWith({ 'SEV-1': 'never', 'SEV-2': 'never', 'SEV-3': 'never' });
    t.engine.emitOnCallChanged();
    await settle();
    expect(t.engine.onCallCalls.filter(([name]) => name === 'getOnCall')).toHaveLength(2);
    t.deliver(t.hub.declare({ severity: 'SEV-1' }, { actor: alice, incidentId: 'inc-1' }));
    t.timers.advance(WINDOW);
    expect(t.shown).toEqual([]);
    t.engine.onCallAnswers.getOnCall = oncallWith({ 'SEV-1': 'always', 'SEV-2': 'always', 'SEV-3': 'always' });
    t.engine.emitOnCallChanged();
    await settle();
    t.deliver(t.hub.declare({ severity: 'SEV-3' }, { actor: alice, incidentId: 'inc-2' }));
    t.timers.advance(WINDOW);
    expect(t.shown.map((s) => s.notification.incidentId)).toEqual(['inc-2']);
  });

  it('leaves an incident that pages me to the page, and stops listening when stopped', () => {
    const t = setup();
    t.deliver(t.hub.declare({ severity: 'SEV-1' }, { actor: ALERTMANAGER, incidentId: 'inc-1' }));
    t.engine.emitPage({
      pageId: 'inc-1-s0-r0-u-bob',
      at: t.hub.now,
      test: false,
      incident: { id: 'inc-1', number: 1, title: 'Checkout is failing', severity: 'SEV-1', service: '' },
      reason: 'initial',
      step: 0,
      round: 0,
    });
    t.timers.advance(WINDOW);
    expect(t.shown).toEqual([]);
    t.notifier.stop();
    t.deliver(t.hub.declare({ severity: 'SEV-1' }, { actor: ALERTMANAGER, incidentId: 'inc-2' }));
    t.timers.advance(WINDOW);
    expect(t.shown).toEqual([]);
    expect(t.timers.pending).toBe(0);
  });
});
