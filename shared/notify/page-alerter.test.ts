import { describe, expect, it } from 'vitest';
import { TestHub, alice, bob, T0 } from '../domain/test-support.js';
import { PAGING_ACTOR } from '../oncall/paging.js';
import type { PageNotification } from '../protocol/oncall-wire.js';
import { signedOutView, type EngineView } from '../sync/engine-view.js';
import { PageAlerter } from './page-alerter.js';
import { PAGE_GROUP_ID, type PageAlert } from './paging-alerts.js';
import { FakeTime } from './test-support.js';

const MINUTE = 60_000;

function setup() {
  const time = new FakeTime();
  const shown: PageAlert[] = [];
  const retracted: string[] = [];
  const alerter = new PageAlerter({
    clock: { now: () => time.now },
    timers: time,
    show: (alert) => shown.push(alert),
    retract: (pageId) => retracted.push(pageId),
  });
  return { time, shown, retracted, alerter };
}

/** Alice is paged about INC-1 (SEV-1, triage) as the hub would record it. */
function paged(): TestHub {
  const hub = new TestHub();
  hub.declare(
    { title: 'Checkout down', severity: 'SEV-1', status: 'triage', service: 'checkout' },
    { incidentId: 'inc-1' },
  );
  pageTo(hub, alice, 0);
  return hub;
}

function pageTo(hub: TestHub, person: typeof alice, step: number): void {
  hub.ok(
    'page.record',
    {
      pageId: `inc-1-s${step}-r0-${person.id}`,
      person,
      reason: step === 0 ? 'initial' : 'escalation',
      step,
      round: 0,
      rotationId: 'checkout',
      heldUntil: null,
    },
    { incidentId: 'inc-1', actor: PAGING_ACTOR },
  );
}

function viewFor(hub: TestHub, overrides: Partial<EngineView> = {}): EngineView {
  return {
    ...signedOutView('http://hub.test'),
    status: 'online',
    user: { ...alice, role: 'responder' },
    state: hub.state,
    confirmed: hub.state,
    ...overrides,
  };
}

const PAGE_ID = 'inc-1-s0-r0-u-alice';

const pushed = (overrides: Partial<PageNotification> = {}): PageNotification => ({
  pageId: PAGE_ID,
  at: T0,
  test: false,
  incident: { id: 'inc-1', number: 1, title: 'Checkout down', severity: 'SEV-1', service: 'checkout' },
  reason: 'initial',
  step: 0,
  round: 0,
  ...overrides,
});

describe('PageAlerter', () => {
  it('announces an open page at once, then every two minutes, saying how long it has waited', () => {
    const t = setup();
    t.alerter.onView(viewFor(paged()));
    expect(t.shown).toEqual([expect.objectContaining({ pageId: PAGE_ID, repeat: 0, acknowledge: true })]);
    expect(t.alerter.openPages.map((p) => p.pageId)).toEqual([PAGE_ID]);
    t.time.advance(2 * MINUTE - 1);
    expect(t.shown).toHaveLength(1);
    t.time.advance(1);
    expect(t.shown).toHaveLength(2);
    expect(t.shown[1]).toMatchObject({ repeat: 1, body: expect.stringMatching(/^Not acknowledged for 2 min\./) });
    t.time.advance(4 * MINUTE);
    expect(t.shown.map((a) => a.repeat)).toEqual([0, 1, 2, 3]);
    expect(t.time.pending).toBe(1);
  });

  it('a view that changes nothing about my pages neither rings nor delays the next reminder', () => {
    const t = setup();
    const hub = paged();
    t.alerter.onView(viewFor(hub));
    t.time.advance(MINUTE);
    hub.ok('tried.add', { entryId: 'e1', what: 'Restarted the pods' }, { incidentId: 'inc-1', actor: bob });
    t.alerter.onView(viewFor(hub));
    expect(t.shown).toHaveLength(1);
    t.time.advance(MINUTE);
    expect(t.shown).toHaveLength(2);
  });

  it('stops, and takes the notification back, once the incident is acknowledged (also while pending)', () => {
    const t = setup();
    const hub = paged();
    t.alerter.onView(viewFor(hub));
    const confirmed = hub.state;
    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-1' });
    // The acknowledgement is only queued: the shown state has it, the confirmed one not yet.
    t.alerter.onView(viewFor(hub, { confirmed }));
    expect(t.retracted).toEqual([PAGE_ID]);
    expect(t.alerter.openPages).toEqual([]);
    expect(t.time.pending).toBe(0);
    t.time.advance(10 * MINUTE);
    expect(t.shown).toHaveLength(1);
  });

  it('stops when the chain went past me', () => {
    const t = setup();
    const hub = paged();
    t.alerter.onView(viewFor(hub));
    hub.advance(5);
    pageTo(hub, bob, 1);
    t.alerter.onView(viewFor(hub));
    expect(t.retracted).toEqual([PAGE_ID]);
    t.time.advance(10 * MINUTE);
    expect(t.shown).toHaveLength(1);
  });

  it('says nothing from a stale view (the cache at start), and rings once the hub confirms', () => {
    const t = setup();
    const hub = paged();
    t.alerter.onView(viewFor(hub, { stale: true, status: 'connecting' }));
    expect(t.shown).toEqual([]);
    expect(t.alerter.openPages).toHaveLength(1); // the tray may still show it
    expect(t.time.pending).toBe(0);
    t.alerter.onView(viewFor(hub));
    expect(t.shown).toHaveLength(1);
  });

  it('keeps reminding while offline: the last thing known is that I am paged', () => {
    const t = setup();
    const hub = paged();
    t.alerter.onView(viewFor(hub));
    t.alerter.onView(viewFor(hub, { status: 'offline' }));
    t.time.advance(2 * MINUTE);
    expect(t.shown).toHaveLength(2);
  });

  it('shows a pushed page at once, and not again when its event arrives', () => {
    const t = setup();
    const before = new TestHub();
    t.alerter.onView(viewFor(before));
    t.alerter.onPage(pushed());
    expect(t.shown).toEqual([expect.objectContaining({ pageId: PAGE_ID, title: 'Paged: INC-1 SEV-1 Checkout down' })]);
    t.time.advance(30_000);
    t.alerter.onView(viewFor(paged()));
    expect(t.shown).toHaveLength(1);
    t.time.advance(90_000);
    expect(t.shown).toHaveLength(2);
    t.alerter.onPage(pushed()); // a duplicate push (a second connection) changes nothing
    expect(t.shown).toHaveLength(2);
  });

  it('shows a pushed ack-timeout page with Acknowledge; reminders follow the view, not the push', () => {
    const t = setup();
    t.alerter.onView(viewFor(new TestHub()));
    t.alerter.onPage(pushed({ pageId: 'inc-1-a0-u-alice', reason: 'ack-timeout' }));
    expect(t.shown).toEqual([expect.objectContaining({ acknowledge: true })]);
    t.time.advance(10 * MINUTE);
    expect(t.shown).toHaveLength(1);
  });

  it('shows every test page, with no incident', () => {
    const t = setup();
    const test = pushed({ pageId: 'test-1', test: true, incident: null, reason: null, step: null, round: null });
    t.alerter.onPage(test);
    t.alerter.onPage(test);
    expect(t.shown).toEqual([
      expect.objectContaining({ incidentId: null, title: 'Test page from Warroom — notifications reach you.' }),
      expect.objectContaining({ incidentId: null }),
    ]);
    expect(t.time.pending).toBe(0);
  });

  it('forgets everything on sign-out, and starts afresh for another person', () => {
    const t = setup();
    const hub = paged();
    t.alerter.onView(viewFor(hub));
    t.alerter.onView(null);
    expect(t.retracted).toEqual([PAGE_ID]);
    expect(t.time.pending).toBe(0);
    t.alerter.onView(viewFor(hub, { user: { ...bob, role: 'responder' } }));
    expect(t.alerter.openPages).toEqual([]);
    t.alerter.onView(viewFor(hub));
    expect(t.shown.map((a) => a.repeat)).toEqual([0, 0]);
  });

  it('stop clears its timer', () => {
    const t = setup();
    t.alerter.onView(viewFor(paged()));
    t.alerter.stop();
    expect(t.time.pending).toBe(0);
  });
});

/** Ten SEV-1 incidents from alerts, each paging Alice (a storm on the service she is primary for). */
function storm(count = 10): TestHub {
  const hub = new TestHub();
  for (let i = 1; i <= count; i++) {
    hub.declare(
      { title: `Disk full on db-${i}`, severity: 'SEV-1', status: 'triage', service: 'db' },
      { incidentId: `inc-${i}`, actor: bob },
    );
    hub.ok(
      'page.record',
      {
        pageId: `inc-${i}-s0-r0-u-alice`,
        person: alice,
        reason: 'initial',
        step: 0,
        round: 0,
        rotationId: 'db',
        heldUntil: null,
      },
      { incidentId: `inc-${i}`, actor: PAGING_ACTOR },
    );
  }
  return hub;
}

const pushedOf = (i: number) =>
  pushed({
    pageId: `inc-${i}-s0-r0-u-alice`,
    incident: { id: `inc-${i}`, number: i, title: `Disk full on db-${i}`, severity: 'SEV-1', service: 'db' },
  });

describe('PageAlerter: a storm of pages', () => {
  it('shows the first page at once and the rest of the storm as one notification, then reminds in two', () => {
    const t = setup();
    t.alerter.onView(viewFor(new TestHub()));
    for (let i = 1; i <= 10; i++) {
      t.alerter.onPage(pushedOf(i));
      t.time.advance(100);
    }
    expect(t.shown.map((a) => a.pageId)).toEqual(['inc-1-s0-r0-u-alice']);
    t.time.advance(3_000);
    expect(t.shown).toHaveLength(2);
    expect(t.shown[1]).toMatchObject({
      pageId: PAGE_GROUP_ID,
      incidentId: null,
      acknowledge: false,
      title: 'Paged: 9 incidents need an acknowledgement',
    });
    expect(t.shown[1]?.body.split('\n')).toEqual([
      'INC-2 SEV-1 Disk full on db-2',
      'INC-3 SEV-1 Disk full on db-3',
      'INC-4 SEV-1 Disk full on db-4',
      'INC-5 SEV-1 Disk full on db-5',
      'INC-6 SEV-1 Disk full on db-6',
      'and 4 more',
    ]);

    // The events arrive: nothing rings again. Two minutes on, the reminders: still two notifications, not ten.
    t.alerter.onView(viewFor(storm()));
    expect(t.shown).toHaveLength(2);
    t.time.advance(2 * MINUTE);
    expect(t.shown.slice(2).map((a) => [a.pageId, a.repeat])).toEqual([
      ['inc-1-s0-r0-u-alice', 1],
      [PAGE_GROUP_ID, 1],
    ]);
    expect(t.shown[3]?.title).toBe('Still paged: 9 incidents need an acknowledgement');
  });

  it('shows the pages found open in one view together, and takes the group back once all are answered', () => {
    const t = setup();
    const hub = storm(3);
    t.alerter.onView(viewFor(hub));
    expect(t.shown.map((a) => a.title)).toEqual(['Paged: 3 incidents need an acknowledgement']);
    for (let i = 1; i <= 3; i++) {
      hub.ok('incident.acknowledge', {}, { incidentId: `inc-${i}`, actor: bob });
      t.alerter.onView(viewFor(hub));
      expect(t.retracted.includes(PAGE_GROUP_ID)).toBe(i === 3);
    }
    t.time.advance(10 * MINUTE);
    expect(t.shown).toHaveLength(1);
    expect(t.time.pending).toBe(0);
  });

  it('drops a gathered page answered before its window ends', () => {
    const t = setup();
    const hub = storm(2);
    t.alerter.onView(viewFor(new TestHub()));
    t.alerter.onPage(pushedOf(1));
    t.alerter.onPage(pushedOf(2));
    t.alerter.onView(viewFor(hub));
    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-2', actor: bob });
    t.alerter.onView(viewFor(hub));
    t.time.advance(3_000);
    expect(t.shown.map((a) => a.pageId)).toEqual(['inc-1-s0-r0-u-alice']);
  });
});
