import { afterEach, describe, expect, it } from 'vitest';
import { pageState } from '../../shared/domain/page-state.js';
import {
  MINUTE,
  act,
  declareAt,
  pagesSeen,
  setUpCheckout,
  startPagingHub,
  type PagingHub,
} from './support/paging-hub.js';
import type { TestClient } from './support/test-client.js';

/** Pages are acknowledged by the person paged: what the Paging panel shows after an escalation. Real hub, fake clock. */
describe('who answered which page', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** Each page in the client's replica as "name: state", with the time to acknowledge when there is one. */
  function panel(client: TestClient, incidentId: string): string[] {
    const incident = client.replica.state.incidents[incidentId];
    if (!incident) throw new Error(`no incident ${incidentId} in the replica`);
    return incident.pages.map((page) => {
      const state = pageState(incident, page);
      const after = state.kind === 'acknowledged' ? ` after ${(state.afterMs ?? 0) / MINUTE} min` : '';
      return `${page.person.name} s${page.step}: ${state.kind}${after}`;
    });
  }

  it('bo acknowledges after the escalation: his page acknowledged, ana’s superseded', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const bo = await t.connect(t.tokens.bo);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time);
    await t.advance(5 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:05 sent escalation s1r0 bo',
    ]);
    expect(panel(admin, incidentId)).toEqual(['ana s0: superseded', 'bo s1: not-answered']);

    await t.advance(MINUTE);
    await act(bo, t.time, 'incident.acknowledge', incidentId, {});
    await admin.waitForSeq(t.hub.state().seq);
    expect(panel(admin, incidentId)).toEqual(['ana s0: superseded', 'bo s1: acknowledged after 1 min']);
    expect(admin.replica.state.incidents[incidentId]?.lastAcknowledgedBy).toEqual(t.people.bo);

    // Acknowledged: nobody else is paged.
    await t.advance(10 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toHaveLength(2);
  });

  it('someone not paged acknowledging answers no page', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const cy = await t.connect(t.tokens.cy);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time);
    await t.advance(2 * MINUTE);
    await act(cy, t.time, 'incident.acknowledge', incidentId, {});
    await admin.waitForSeq(t.hub.state().seq);
    expect(panel(admin, incidentId)).toEqual(['ana s0: not-answered']);
    expect(admin.replica.state.incidents[incidentId]?.moments.acknowledgedAt).toBe('2026-03-25T10:02:00.000Z');
  });
});
