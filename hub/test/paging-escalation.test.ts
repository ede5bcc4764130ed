import { afterEach, describe, expect, it } from 'vitest';
import { FakeTime } from './support/fake-time.js';
import {
  MINUTE,
  act,
  change,
  declareAt,
  oncallView,
  pagesSeen,
  replicaPages,
  setUpCheckout,
  startPagingHub,
  type PagingHub,
} from './support/paging-hub.js';

describe('paging on a real hub with a fake clock', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('pages the primary at once, the backup after 5 minutes, everyone after 10 (SEV-1), each page on the timeline', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    const bo = await t.connect(t.tokens.bo);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time);

    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:00 sent initial s0r0 ana']);
    await t.advance(4 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toHaveLength(1);
    await t.advance(MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:05 sent escalation s1r0 bo',
    ]);
    await t.advance(5 * MINUTE);
    expect((await pagesSeen(t, admin, incidentId)).slice(2)).toEqual([
      '10:10 sent escalation s2r0 ana',
      '10:10 sent escalation s2r0 bo',
      '10:10 sent escalation s2r0 cy',
    ]);
    // Every page is an event by the hub's own actor, so it is on the timeline and in the replica.
    const events = await t.hub.store.readIncident(incidentId);
    expect(events.filter((e) => e.type === 'page.sent').every((e) => e.actor.id === 'warroom')).toBe(true);
    expect(replicaPages(admin, incidentId)).toHaveLength(5);

    // The `page` push reaches the paged person's own connections only.
    await bo.waitForSeq(t.hub.state().seq);
    expect(ana.pages.map((p) => `${p.reason} s${p.step}`)).toEqual(['initial s0', 'escalation s2']);
    expect(bo.pages.map((p) => `${p.reason} s${p.step}`)).toEqual(['escalation s1', 'escalation s2']);
    expect(admin.pages).toEqual([]);
    expect(ana.pages[0]?.incident).toMatchObject({ id: incidentId, severity: 'SEV-1', service: 'checkout' });
  });

  it('stops escalating once someone acknowledges, and says when it would page again', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time);
    await t.advance(2 * MINUTE);
    await act(ana, t.time, 'incident.acknowledge', incidentId, {});
    await t.advance(20 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:00 sent initial s0r0 ana']);
    expect((await oncallView(admin)).deadlines).toEqual([
      { incidentId, kind: 'ack-timeout', dueAt: '2026-03-25T10:32:00.000Z', step: 0, round: 0 },
    ]);
  });

  it('pages an acknowledged but forgotten SEV-1 again after 30 minutes without activity, and stops when mitigated', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin);
    // Declared by a person as investigating: acknowledged at once, so nobody is paged at first.
    const incidentId = await declareAt(ana, t.time, { status: 'investigating' });
    expect(await pagesSeen(t, admin, incidentId)).toEqual([]);
    await t.advance(20 * MINUTE);
    await act(ana, t.time, 'tried.add', incidentId, { entryId: 'e1', what: 'Restarted the workers' });
    await t.advance(29 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual([]);
    await t.advance(MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:50 sent ack-timeout s0r0 ana']);
    await act(ana, t.time, 'incident.change_status', incidentId, { status: 'mitigated' });
    await t.advance(120 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toHaveLength(1);
    expect((await oncallView(admin)).deadlines).toEqual([]);
  });

  it('holds a SEV-3 page outside working hours, visibly, and delivers it when the window opens', async () => {
    t = await startPagingHub(new FakeTime('2026-03-27T17:30:00.000Z')); // Friday 18:30 in Berlin
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '17:30 held initial s0r0 ana until 2026-03-30T07:00:00.000Z',
    ]);
    expect(replicaPages(admin, incidentId)[0]).toMatchObject({ status: 'held', heldUntil: '2026-03-30T07:00:00.000Z' });
    expect(ana.pages).toEqual([]);
    expect((await oncallView(admin)).deadlines.map((d) => `${d.kind} ${d.dueAt}`)).toEqual([
      'release 2026-03-30T07:00:00.000Z',
      'escalation 2026-03-30T08:00:00.000Z',
    ]);

    await t.advance(2 * 24 * 60 * MINUTE); // to Sunday evening: still held
    expect(await pagesSeen(t, admin, incidentId)).toHaveLength(1);
    await t.advance(14 * 60 * MINUTE); // Monday 09:00 CEST
    expect((await pagesSeen(t, admin, incidentId)).at(-1)).toBe('07:00 sent initial s0r0 ana');
    expect(replicaPages(admin, incidentId)[0]).toMatchObject({ status: 'sent', sentAt: '2026-03-30T07:00:00.000Z' });
    await ana.waitForSeq(t.hub.state().seq);
    expect(ana.pages).toHaveLength(1);
  });

  it('routes by service, falls back to the default rotation, and pages nobody without either', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const unrouted = await declareAt(admin, t.time, { service: 'search' });
    expect(await pagesSeen(t, admin, unrouted)).toEqual([]);
    // Naming a default rotation pages the open, unrouted incident at once.
    expect(await change(admin, { kind: 'settings.save', defaultRotationId: 'checkout' })).toEqual({
      ok: true,
      warnings: [],
    });
    expect(await pagesSeen(t, admin, unrouted)).toEqual(['10:00 sent initial s0r0 ana']);
    // Routes match case-insensitively.
    const routed = await declareAt(admin, t.time, { service: ' Checkout ' });
    expect(await pagesSeen(t, admin, routed)).toEqual(['10:00 sent initial s0r0 ana']);
  });
});
