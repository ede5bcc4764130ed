import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { MINUTE, WEDNESDAY, pagesSeen, setUpCheckout, startPagingHub, type PagingHub } from './support/paging-hub.js';
import { uid, type TestClient } from './support/test-client.js';
import { postWebhook } from './support/webhooks.js';

/** One firing Alertmanager alert for checkout (SEV-1), starting at the fake clock's start. */
function alertBody(): string {
  const labels = { alertname: 'Checkout5xx', service: 'checkout', severity: 'critical' };
  return JSON.stringify({
    receiver: 'warroom',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: 'Checkout 5xx above 5%' },
        startsAt: WEDNESDAY,
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.com:9090/graph',
        fingerprint: '7cbcf9fd4402c5d9',
      },
    ],
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: { summary: 'Checkout 5xx above 5%' },
    externalURL: 'http://alertmanager.example.com:9093',
    version: '4',
    groupKey: '{}:{alertname="Checkout5xx"}',
    truncatedAlerts: 0,
  });
}

/** "Acknowledge and lead" from the page, end to end: an alert opens an incident nobody leads, Ana takes it. */
describe('acknowledge and lead', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** Posts the alert and waits for its incident (triage, no lead) and its first page. */
  async function incidentFromAlert(hub: PagingHub): Promise<string> {
    const { token } = await hub.hub.hubStore.integrations.create('alertmanager');
    expect((await postWebhook(hub.hub.url, 'alertmanager', alertBody(), { token })).status).toBe(202);
    let id: string | undefined;
    await expect.poll(() => (id = Object.values(hub.hub.state().incidents)[0]?.id), { timeout: 10_000 }).toBeTruthy();
    await hub.hub.paging.settled();
    return id ?? '';
  }

  const acknowledge = (client: TestClient, incidentId: string, lead: boolean): Promise<CommandAck> =>
    client.sendRaw({
      commandId: uid(),
      type: 'incident.acknowledge',
      incidentId,
      clientAt: t?.time.iso,
      payload: { lead },
    });

  it('acknowledges, takes the lead and starts investigating in one commit, and paging stops', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin);
    const incidentId = await incidentFromAlert(t);
    expect(t.hub.state().incidents[incidentId]).toMatchObject({ status: 'triage', roles: { lead: null } });
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:00 sent initial s0r0 ana']);

    await t.advance(2 * MINUTE);
    const ack = await acknowledge(ana, incidentId, true);
    if (!ack.ok) throw new Error(`acknowledge and lead refused: ${ack.error.message}`);
    await ana.waitForSeq(t.hub.state().seq);
    const incident = ana.replica.state.incidents[incidentId];
    expect(incident).toMatchObject({
      status: 'investigating',
      roles: { lead: t.people.ana },
      lastAcknowledgedBy: t.people.ana,
      moments: { acknowledgedAt: '2026-03-25T10:02:00.000Z' },
    });
    expect(incident?.pages[0]?.acknowledgedAt).toBe('2026-03-25T10:02:00.000Z');
    // One command: its events share one command id and consecutive seqs.
    const events = await t.hub.store.readIncident(incidentId);
    const mine = events.filter((e) => e.seq <= ack.seq && e.actor.id === t?.people.ana.id);
    expect(mine.map((e) => e.type)).toEqual([
      'incident.acknowledged',
      'role.assigned',
      'checklist.created',
      'incident.status_changed',
    ]);
    expect(new Set(mine.map((e) => e.commandId)).size).toBe(1);

    await t.advance(20 * MINUTE);
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:00 sent initial s0r0 ana']);
  });

  it('refuses role_taken when someone else leads, and a plain acknowledge still works', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    const bo = await t.connect(t.tokens.bo);
    await setUpCheckout(t, admin);
    const incidentId = await incidentFromAlert(t);
    const claim = await bo.sendRaw({
      commandId: uid(),
      type: 'role.claim',
      incidentId,
      clientAt: t.time.iso,
      payload: { role: 'lead' },
    });
    expect(claim.ok).toBe(true);
    const seq = t.hub.state().seq;
    expect(await acknowledge(ana, incidentId, true)).toEqual({
      ok: false,
      error: {
        code: 'role_taken',
        message: 'bo already leads INC-1. Acknowledge without taking the lead, or ask bo to hand over.',
      },
    });
    expect(t.hub.state().seq).toBe(seq);
    expect(await acknowledge(ana, incidentId, false)).toMatchObject({ ok: true });
    expect(t.hub.state().incidents[incidentId]).toMatchObject({ status: 'triage', roles: { lead: t.people.bo } });
  });
});
