import { describe, expect, it } from 'vitest';
import { TestHub, alice } from '../shared/domain/test-support.js';
import type { PageAlert } from '../shared/notify/paging-alerts.js';
import { PAGING_ACTOR } from '../shared/oncall/paging.js';
import { EngineHost } from './engine-host.js';
import { DesktopPageAlerter, type PageAlertHandlers } from './desktop-page-alerter.js';
import { FakeEngine, ManualTimers, viewOf } from './test/engine-fakes.js';
import { recordingLog } from './test/settings-fakes.js';

const creds = { hubUrl: 'http://127.0.0.1:4380', token: 'wr_a' };
const me = { ...alice, role: 'responder' as const };

function pagedState(): TestHub {
  const hub = new TestHub();
  hub.declare(
    { title: 'Checkout down', severity: 'SEV-1', status: 'triage', service: 'checkout' },
    { incidentId: 'inc-1' },
  );
  hub.ok(
    'page.record',
    {
      pageId: 'inc-1-s0-r0-u-alice',
      person: alice,
      reason: 'initial',
      step: 0,
      round: 0,
      rotationId: 'checkout',
      heldUntil: null,
    },
    { incidentId: 'inc-1', actor: PAGING_ACTOR },
  );
  return hub;
}

function setup() {
  const host = new EngineHost();
  const timers = new ManualTimers();
  const shown: { alert: PageAlert; handlers: PageAlertHandlers }[] = [];
  const retracted: string[] = [];
  const opened: (string | null)[] = [];
  const log = recordingLog();
  const alerter = new DesktopPageAlerter({
    host,
    clock: timers.clock,
    timers,
    sink: { show: (alert, handlers) => shown.push({ alert, handlers }), retract: (id) => retracted.push(id) },
    open: (id) => opened.push(id),
    log,
  });
  return { host, timers, shown, retracted, opened, log, alerter };
}

describe('DesktopPageAlerter', () => {
  it('shows a page for me with Acknowledge, which queues incident.acknowledge and stops the reminders', () => {
    const t = setup();
    const hub = pagedState();
    const engine = new FakeEngine(viewOf({ user: me, state: hub.state, confirmed: hub.state }));
    t.host.adopt(engine, creds);
    expect(t.shown.map((s) => s.alert.title)).toEqual(['Paged: INC-1 SEV-1 Checkout down']);
    expect(t.shown[0]?.alert.acknowledge).toBe(true);

    t.shown[0]?.handlers.acknowledge();
    expect(engine.sent).toEqual([{ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} }]);
    // The engine shows the queued acknowledgement at once.
    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-1' });
    engine.emit({ state: hub.state });
    expect(t.retracted).toEqual(['inc-1-s0-r0-u-alice']);
    t.timers.advance(10 * 60_000);
    expect(t.shown).toHaveLength(1);
    expect(t.timers.pending).toBe(0);
  });

  it('reminds every two minutes until answered, and a click opens the incident', () => {
    const t = setup();
    const hub = pagedState();
    t.host.adopt(new FakeEngine(viewOf({ user: me, state: hub.state, confirmed: hub.state })), creds);
    t.timers.advance(2 * 60_000);
    t.timers.advance(2 * 60_000);
    expect(t.shown.map((s) => s.alert.repeat)).toEqual([0, 1, 2]);
    t.shown[2]?.handlers.open();
    expect(t.opened).toEqual(['inc-1']);
  });

  it('shows a test page pushed by the hub; a click opens the window', () => {
    const t = setup();
    const engine = new FakeEngine(viewOf({ user: me }));
    t.host.adopt(engine, creds);
    engine.emitPage({
      pageId: 'test-1',
      at: '2026-03-25T10:00:00.000Z',
      test: true,
      incident: null,
      reason: null,
      step: null,
      round: null,
    });
    expect(t.shown.map((s) => s.alert.title)).toEqual(['Test page from Warroom — notifications reach you.']);
    t.shown[0]?.handlers.acknowledge(); // no button is shown for it; if anything, it opens the window
    t.shown[0]?.handlers.open();
    expect(t.opened).toEqual([null, null]);
    expect(engine.sent).toEqual([]);
  });

  it('shows a page once: not again for the pushed page, nor on every view before the reminder', () => {
    const t = setup();
    const hub = pagedState();
    const engine = new FakeEngine(viewOf({ user: me }));
    t.host.adopt(engine, creds);
    engine.emitPage({
      pageId: 'inc-1-s0-r0-u-alice',
      at: hub.now,
      test: false,
      incident: { id: 'inc-1', number: 1, title: 'Checkout down', severity: 'SEV-1', service: 'checkout' },
      reason: 'initial',
      step: 0,
      round: 0,
    });
    for (let i = 0; i < 5; i++) {
      engine.emit({ state: hub.state, confirmed: hub.state, notice: `view ${i}` });
      t.timers.advance(10_000);
    }
    expect(t.shown.map((s) => s.alert.repeat)).toEqual([0]);
  });

  it('takes the notification back when someone else answers the page', () => {
    const t = setup();
    const hub = pagedState();
    const engine = new FakeEngine(viewOf({ user: me, state: hub.state, confirmed: hub.state }));
    t.host.adopt(engine, creds);
    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-1', actor: { id: 'u-bob', name: 'Bob' } });
    engine.emit({ state: hub.state, confirmed: hub.state });
    expect(t.retracted).toEqual(['inc-1-s0-r0-u-alice']);
    t.timers.advance(10 * 60_000);
    expect(t.shown).toHaveLength(1);
  });

  it('says why it cannot acknowledge while signed out', () => {
    const t = setup();
    expect(t.alerter.acknowledge('inc-1')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(t.log.lines).toEqual(['Could not acknowledge']);
  });

  it('takes the notifications back on sign-out, and stops listening when stopped', () => {
    const t = setup();
    const hub = pagedState();
    t.host.adopt(new FakeEngine(viewOf({ user: me, state: hub.state, confirmed: hub.state })), creds);
    t.host.stop();
    expect(t.retracted).toEqual(['inc-1-s0-r0-u-alice']);
    t.alerter.stop();
    t.host.adopt(new FakeEngine(viewOf({ user: me, state: hub.state, confirmed: hub.state })), creds);
    expect(t.shown).toHaveLength(1);
    expect(t.timers.pending).toBe(0);
  });
});
