import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol/wire.js';
import {
  MINUTE,
  change,
  declareAt,
  pagesSeen,
  replicaPages,
  setUpCheckout,
  startPagingHub,
  type PagingHub,
} from './support/paging-hub.js';
import { uid, type TestClient } from './support/test-client.js';

/** "Page a rotation": a responder chooses the rotation whose chain pages an incident. Real hub, fake clock. */
describe('choosing the rotation to page', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const choose = (client: TestClient, incidentId: string, rotationId: string): Promise<CommandAck> =>
    client.sendRaw({
      commandId: uid(),
      type: 'page.choose_rotation',
      incidentId,
      clientAt: t?.time.iso,
      payload: { rotationId },
    });

  /** Checkout (routed) plus a Search rotation nobody routes to: Cy primary, Bo backup this week. */
  async function withSearchRotation(hub: PagingHub, admin: TestClient): Promise<void> {
    await setUpCheckout(hub, admin);
    const reply = await change(admin, {
      kind: 'rotation.save',
      rotation: {
        id: 'search',
        name: 'Search',
        members: [hub.people.cy, hub.people.bo, hub.people.ana],
        handoffTime: '09:00',
        shift: 'weekly',
        timeZone: 'Europe/Berlin',
        startDate: '2026-03-23',
      },
    });
    expect(reply.ok).toBe(true);
  }

  it('pages the chosen rotation’s chain for an incident that paged nobody', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    const cy = await t.connect(t.tokens.cy);
    const bo = await t.connect(t.tokens.bo);
    await withSearchRotation(t, admin);
    const incidentId = await declareAt(admin, t.time, { service: 'search' });
    await t.hub.paging.settled();
    expect(t.hub.state().incidents[incidentId]?.unrouted?.reason).toBe('no rotation covers search');

    await t.advance(MINUTE);
    expect(await choose(ana, incidentId, 'search')).toMatchObject({ ok: true });
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:01 sent initial s0r0 cy']);
    await t.advance(5 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '10:01 sent initial s0r0 cy',
      '10:06 sent escalation s1r0 bo',
    ]);
    expect(replicaPages(admin, incidentId).map((p) => p.rotationId)).toEqual(['search', 'search']);
    expect(admin.replica.state.incidents[incidentId]).toMatchObject({ rotationId: 'search', unrouted: null });
    // The paged people's own connections got their pages.
    await cy.waitForSeq(t.hub.state().seq);
    await bo.waitForSeq(t.hub.state().seq);
    expect(cy.pages.map((p) => p.incident?.id)).toEqual([incidentId]);
    expect(bo.pages.map((p) => p.reason)).toEqual(['escalation']);
  });

  it('pages the chosen rotation of an incident a person declared (already acknowledged), until acknowledged', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const cy = await t.connect(t.tokens.cy);
    await withSearchRotation(t, admin);
    const incidentId = await declareAt(admin, t.time, { service: 'checkout', status: 'investigating' });
    expect(await pagesSeen(t, admin, incidentId)).toEqual([]);
    await t.advance(MINUTE);
    expect(await choose(admin, incidentId, 'search')).toMatchObject({ ok: true });
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:01 sent initial s0r0 cy']);
    await t.advance(2 * MINUTE);
    const ack = await cy.sendRaw({
      commandId: uid(),
      type: 'incident.acknowledge',
      incidentId,
      clientAt: t.time.iso,
      payload: {},
    });
    expect(ack.ok).toBe(true);
    await t.advance(10 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:01 sent initial s0r0 cy']);
    await cy.waitForSeq(t.hub.state().seq);
    expect(replicaPages(cy, incidentId)[0]?.acknowledgedAt).toBe('2026-03-25T10:03:00.000Z');
  });

  it('refuses a rotation that does not exist, before decide, and records nothing', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time, { service: 'search' });
    await t.hub.paging.settled();
    const seq = t.hub.state().seq;
    expect(await choose(ana, incidentId, 'serch')).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'No rotation named "serch" on this hub: pick one from the On-call screen.',
      },
    });
    expect(t.hub.state().seq).toBe(seq);
    expect(t.hub.state().incidents[incidentId]?.rotationId).toBeNull();
  });

  it('falls back to the service’s route when the chosen rotation is deleted', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await withSearchRotation(t, admin);
    const incidentId = await declareAt(admin, t.time, { service: 'checkout' });
    expect(await choose(admin, incidentId, 'search')).toMatchObject({ ok: true });
    expect(await change(admin, { kind: 'rotation.delete', rotationId: 'search' })).toMatchObject({ ok: true });
    await t.advance(5 * MINUTE);
    // Checkout's chain went on (Ana, then Bo); Search's page to Cy stays in the log.
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:00 sent initial s0r0 cy',
      '10:05 sent escalation s1r0 bo',
    ]);
  });
});
