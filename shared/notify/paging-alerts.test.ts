import { describe, expect, it } from 'vitest';
import type { PageReason } from '../domain/incident.js';
import type { Person } from '../domain/primitives.js';
import { TestHub, alice, bob, carol, minutesAfter, T0 } from '../domain/test-support.js';
import { PAGING_ACTOR } from '../oncall/paging.js';
import type { PageNotification } from '../protocol/oncall-wire.js';
import {
  RENOTIFY_INTERVAL_MS,
  TEST_PAGE_TITLE,
  nextRenotifyAt,
  openPageAlert,
  openPagesFor,
  pushedPageAlert,
  pushedPageAnswered,
  renotifyDue,
  type OpenPage,
} from './paging-alerts.js';

/** An incident paged as the hub's scheduler would: declared in triage, then `page.record` by Warroom. */
function pagedHub(severity: 'SEV-1' | 'SEV-2' | 'SEV-3' = 'SEV-1', incidentId = 'inc-1', hub = new TestHub()) {
  hub.declare({ title: 'Checkout down', severity, status: 'triage', service: 'checkout' }, { incidentId });
  return hub;
}

interface PageSpec {
  person: Person;
  step: number;
  round?: number;
  reason?: PageReason;
  held?: boolean;
  incidentId?: string;
}

function page(hub: TestHub, { person, step, round = 0, reason, held = false, incidentId = 'inc-1' }: PageSpec) {
  hub.ok(
    'page.record',
    {
      pageId:
        reason === 'ack-timeout'
          ? `${incidentId}-a${round}-${person.id}`
          : `${incidentId}-s${step}-r${round}-${person.id}`,
      person,
      reason: reason ?? (round > 0 ? 'repeat' : step > 0 ? 'escalation' : 'initial'),
      step,
      round,
      rotationId: 'checkout',
      heldUntil: held ? minutesAfter(hub.now, 60) : null,
    },
    { incidentId, actor: PAGING_ACTOR },
  );
}

const ids = (pages: readonly OpenPage[]) => pages.map((p) => p.pageId);

describe('openPagesFor', () => {
  it('is the page sent to me on an active, unacknowledged incident, with what the tray and alerts show', () => {
    const hub = pagedHub();
    page(hub, { person: alice, step: 0 });
    expect(openPagesFor(hub.state, alice.id)).toEqual([
      {
        incidentId: 'inc-1',
        pageId: 'inc-1-s0-r0-u-alice',
        label: 'INC-1',
        title: 'Checkout down',
        severity: 'SEV-1',
        service: 'checkout',
        reason: 'initial',
        step: 0,
        round: 0,
        sentAt: T0,
      },
    ]);
    expect(openPagesFor(hub.state, bob.id)).toEqual([]);
  });

  it('closes when the incident is acknowledged, by anyone, or moves on to investigating', () => {
    const acked = pagedHub();
    page(acked, { person: alice, step: 0 });
    acked.ok('incident.acknowledge', {}, { incidentId: 'inc-1', actor: bob });
    expect(openPagesFor(acked.state, alice.id)).toEqual([]);

    const investigating = pagedHub();
    page(investigating, { person: alice, step: 0 });
    investigating.ok('incident.change_status', { status: 'investigating' }, { incidentId: 'inc-1' });
    expect(openPagesFor(investigating.state, alice.id)).toEqual([]);
  });

  it('closes when the incident is no longer active (declined)', () => {
    const hub = pagedHub();
    page(hub, { person: alice, step: 0 });
    hub.ok('incident.change_status', { status: 'declined', reason: 'A test alert' }, { incidentId: 'inc-1' });
    expect(openPagesFor(hub.state, alice.id)).toEqual([]);
  });

  it('ignores a page that is only held for me (my window is closed)', () => {
    const hub = pagedHub('SEV-3');
    page(hub, { person: alice, step: 0, held: true });
    expect(openPagesFor(hub.state, alice.id)).toEqual([]);
  });

  it('closes when the chain went past me: the backup was paged', () => {
    const hub = pagedHub();
    page(hub, { person: alice, step: 0 });
    hub.advance(5);
    page(hub, { person: bob, step: 1 });
    expect(openPagesFor(hub.state, alice.id)).toEqual([]);
    expect(ids(openPagesFor(hub.state, bob.id))).toEqual(['inc-1-s1-r0-u-bob']);
  });

  it('stays open while the later page to someone else is only held: nobody else has been reached', () => {
    const hub = pagedHub('SEV-2');
    page(hub, { person: alice, step: 0 });
    hub.advance(15);
    page(hub, { person: bob, step: 1, held: true });
    expect(ids(openPagesFor(hub.state, alice.id))).toEqual(['inc-1-s0-r0-u-alice']);
  });

  it('treats the "everyone" step as mine too: same step is not past me, my later page supersedes my first', () => {
    const hub = pagedHub();
    page(hub, { person: alice, step: 0 });
    hub.advance(5);
    page(hub, { person: bob, step: 1 });
    hub.advance(5);
    page(hub, { person: alice, step: 2 });
    page(hub, { person: bob, step: 2 });
    page(hub, { person: carol, step: 2 });
    expect(ids(openPagesFor(hub.state, alice.id))).toEqual(['inc-1-s2-r0-u-alice']);
    expect(ids(openPagesFor(hub.state, carol.id))).toEqual(['inc-1-s2-r0-u-carol']);
  });

  it('follows the repeated chain: a new round to someone else closes my page, my own new page reopens it', () => {
    const hub = pagedHub();
    page(hub, { person: bob, step: 0 });
    hub.advance(5);
    page(hub, { person: alice, step: 1 });
    hub.advance(5);
    page(hub, { person: bob, step: 0, round: 1 });
    expect(openPagesFor(hub.state, alice.id)).toEqual([]);
    hub.advance(5);
    page(hub, { person: alice, step: 1, round: 1 });
    expect(openPagesFor(hub.state, alice.id)).toMatchObject([{ pageId: 'inc-1-s1-r1-u-alice', reason: 'repeat' }]);
  });

  it('does not depend on the order of the pages in the incident', () => {
    const hub = pagedHub('SEV-2');
    page(hub, { person: alice, step: 0 });
    page(hub, { person: bob, step: 1, held: true });
    // The held page is released later: apply moves it to the end of the list, after nothing else changed.
    hub.advance(30);
    page(hub, { person: bob, step: 1 });
    const pages = hub.incident('inc-1').pages;
    const reversed = {
      ...hub.state,
      incidents: { 'inc-1': { ...hub.incident('inc-1'), pages: [...pages].reverse() } },
    };
    expect(openPagesFor(hub.state, alice.id)).toEqual([]);
    expect(openPagesFor(reversed, alice.id)).toEqual([]);
  });

  it('never counts ack-timeout pages: they come after an acknowledgement', () => {
    const hub = pagedHub();
    page(hub, { person: alice, step: 0 });
    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-1' });
    hub.advance(30);
    page(hub, { person: alice, step: 0, round: 0, reason: 'ack-timeout' });
    expect(openPagesFor(hub.state, alice.id)).toEqual([]);
  });

  it('lists one page per incident, most severe first, then oldest', () => {
    const hub = new TestHub();
    pagedHub('SEV-2', 'inc-a', hub);
    page(hub, { person: alice, step: 0, incidentId: 'inc-a' });
    hub.advance(1);
    pagedHub('SEV-1', 'inc-b', hub);
    page(hub, { person: alice, step: 0, incidentId: 'inc-b' });
    hub.advance(1);
    pagedHub('SEV-2', 'inc-c', hub);
    page(hub, { person: alice, step: 0, incidentId: 'inc-c' });
    expect(openPagesFor(hub.state, alice.id).map((p) => [p.label, p.severity])).toEqual([
      ['INC-2', 'SEV-1'],
      ['INC-1', 'SEV-2'],
      ['INC-3', 'SEV-2'],
    ]);
  });
});

describe('renotifyDue and nextRenotifyAt', () => {
  const hub = pagedHub();
  page(hub, { person: alice, step: 0 });
  const open = openPagesFor(hub.state, alice.id);
  const id = 'inc-1-s0-r0-u-alice';
  const t = Date.parse(T0);

  it('announces a page never announced, at once', () => {
    expect(ids(renotifyDue(open, {}, t))).toEqual([id]);
    expect(nextRenotifyAt(open, {})).toBe(-Infinity);
  });

  it('announces it again every two minutes by default', () => {
    expect(renotifyDue(open, { [id]: t }, t + RENOTIFY_INTERVAL_MS - 1)).toEqual([]);
    expect(ids(renotifyDue(open, { [id]: t }, t + RENOTIFY_INTERVAL_MS))).toEqual([id]);
    expect(nextRenotifyAt(open, { [id]: t })).toBe(t + 2 * 60_000);
  });

  it('takes another interval', () => {
    expect(ids(renotifyDue(open, { [id]: t }, t + 30_000, 30_000))).toEqual([id]);
    expect(nextRenotifyAt(open, { [id]: t }, 30_000)).toBe(t + 30_000);
  });

  it('has nothing to do when nothing is open, whatever was announced before', () => {
    expect(renotifyDue([], { [id]: t }, t + 10 * RENOTIFY_INTERVAL_MS)).toEqual([]);
    expect(nextRenotifyAt([], { [id]: t })).toBeNull();
  });

  it('ignores ids like "constructor" in the record', () => {
    const odd = [{ ...open[0], pageId: 'constructor' } as OpenPage];
    expect(ids(renotifyDue(odd, {}, t))).toEqual(['constructor']);
  });
});

describe('the words of a page', () => {
  const hub = pagedHub();
  page(hub, { person: alice, step: 0 });
  const [open] = openPagesFor(hub.state, alice.id);

  it('names the incident and asks for an acknowledgement', () => {
    if (!open) throw new Error('no open page');
    expect(openPageAlert(open, 0, Date.parse(T0))).toEqual({
      pageId: 'inc-1-s0-r0-u-alice',
      incidentId: 'inc-1',
      title: 'Paged: INC-1 SEV-1 Checkout down',
      body: 'You are on call: acknowledge to stop the escalation. Service: checkout.',
      acknowledge: true,
      repeat: 0,
    });
  });

  it('says how long a reminder has waited', () => {
    if (!open) throw new Error('no open page');
    expect(openPageAlert(open, 2, Date.parse(minutesAfter(T0, 4))).body).toBe(
      'Not acknowledged for 4 min. You are on call: acknowledge to stop the escalation. Service: checkout.',
    );
  });

  const pushed = (overrides: Partial<PageNotification>): PageNotification => ({
    pageId: 'p-1',
    at: T0,
    test: false,
    incident: { id: 'inc-1', number: 12, title: 'Checkout down', severity: 'SEV-1', service: 'checkout' },
    reason: 'escalation',
    step: 1,
    round: 0,
    ...overrides,
  });

  it('words a pushed page like an open one', () => {
    expect(pushedPageAlert(pushed({}))).toEqual({
      pageId: 'p-1',
      incidentId: 'inc-1',
      title: 'Paged: INC-12 SEV-1 Checkout down',
      body: 'Escalated to you: nobody acknowledged it in time. Service: checkout.',
      acknowledge: true,
      repeat: 0,
    });
  });

  it('offers Acknowledge for an ack-timeout re-page too: acknowledging again answers it', () => {
    expect(pushedPageAlert(pushed({ reason: 'ack-timeout' }))).toMatchObject({
      acknowledge: true,
      body: 'Acknowledged, but nobody has acted on it for a while: acknowledge again and take it on. Service: checkout.',
    });
  });

  it('shows a test page with no incident', () => {
    expect(pushedPageAlert(pushed({ test: true, incident: null, reason: null, step: null, round: null }))).toEqual({
      pageId: 'p-1',
      incidentId: null,
      title: TEST_PAGE_TITLE,
      body: 'This was only a test: there is nothing to acknowledge.',
      acknowledge: false,
      repeat: 0,
    });
    expect(TEST_PAGE_TITLE).toBe('Test page from Warroom — notifications reach you.');
  });
});

describe('pushedPageAnswered', () => {
  const pushed = (pageId: string, incidentId = 'inc-1') => ({
    pageId,
    test: false,
    incident: { id: incidentId, number: 1, title: 'Checkout down', severity: 'SEV-1' as const, service: 'checkout' },
  });
  const answered = (hub: TestHub, pageId: string, me = alice.id) =>
    pushedPageAnswered(hub.state, openPagesFor(hub.state, me), pushed(pageId));

  it('is false while the page is open, or before its event arrived, and for a test page', () => {
    const hub = pagedHub();
    expect(answered(hub, 'inc-1-s0-r0-u-alice')).toBe(false);
    page(hub, { person: alice, step: 0 });
    expect(answered(hub, 'inc-1-s0-r0-u-alice')).toBe(false);
    expect(pushedPageAnswered(hub.state, [], { pageId: 't', test: true, incident: null })).toBe(false);
  });

  it('is true once acknowledged (by anyone), escalated past me, or the incident is over', () => {
    const acked = pagedHub();
    page(acked, { person: alice, step: 0 });
    acked.ok('incident.acknowledge', {}, { incidentId: 'inc-1', actor: bob });
    expect(answered(acked, 'inc-1-s0-r0-u-alice')).toBe(true);

    const escalated = pagedHub();
    page(escalated, { person: alice, step: 0 });
    page(escalated, { person: carol, step: 1 });
    expect(answered(escalated, 'inc-1-s0-r0-u-alice')).toBe(true);

    const over = pagedHub();
    page(over, { person: alice, step: 0 });
    over.ok('incident.change_status', { status: 'declined', reason: 'false alarm' }, { incidentId: 'inc-1' });
    expect(answered(over, 'inc-1-s0-r0-u-alice')).toBe(true);
  });
});
