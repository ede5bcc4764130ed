import { afterEach, describe, expect, it } from 'vitest';
import { eventBatchSchema } from '../../shared/protocol/wire.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { RunningHub } from '../hub.js';
import { STORE_KINDS, storePlace, type StorePlace } from './support/either-store.js';
import { routeCheckoutTo } from './support/paging-hub.js';
import { recordSecrets } from './support/suite-logs.js';
import { connectClient, type TestClient } from './support/test-client.js';
import { postWebhook } from './support/webhooks.js';

/** One firing Alertmanager alert for the checkout service (a new incident, SEV-1). */
function alertBody(title: string): string {
  const labels = { alertname: title.replace(/\W+/g, '_'), service: 'checkout', severity: 'critical' };
  return JSON.stringify({
    receiver: 'warroom',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: title },
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.com:9090/graph',
        fingerprint: '7cbcf9fd4402c5d9',
      },
    ],
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: { summary: title },
    externalURL: 'http://alertmanager.example.com:9093',
    version: '4',
    groupKey: `{}:{alertname="${labels.alertname}"}`,
    truncatedAlerts: 0,
  });
}

/** What reached one socket, in arrival order: each `events` message (one per commit) and each `page`. */
type Arrival = { kind: 'events'; events: DomainEvent[] } | { kind: 'page'; incidentId: string | null };

describe.each(STORE_KINDS)('an alert and its first page (%s)', (kind) => {
  let place: StorePlace | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await place?.dispose();
    place = undefined;
  }, 60_000);

  const connect = async (hub: RunningHub, name: string, role: 'admin' | 'responder') => {
    const { token } = await hub.users.createToken(name, role);
    recordSecrets(token);
    const client = await connectClient(hub.url, token);
    clients.push(client);
    return client;
  };

  it('commits the page with the incident: consecutive seqs, one broadcast, the page pushed with it', async () => {
    place = await storePlace(kind);
    const hub = await place.start();
    // PostgreSQL: a second node on the same database, whose own scheduler must not page again.
    const other = kind === 'postgres' ? await place.start() : null;
    const admin = await connect(hub, 'admin', 'admin');
    const ana = await connect(hub, 'ana', 'responder');
    const { id, name } = ana.welcome.user;
    await routeCheckoutTo(admin, { id, name });
    if (other) {
      // The other node has taken up the route (NOTIFY) once a client of its own sees it.
      const onOther = await connectClient(other.url, (await other.users.createToken('admin', 'admin')).token);
      clients.push(onOther);
    }

    const arrivals: Arrival[] = [];
    ana.socket.on('events', (raw) => arrivals.push({ kind: 'events', events: eventBatchSchema.parse(raw) }));
    ana.socket.on('page', (page: { incident: { id: string } | null }) =>
      arrivals.push({ kind: 'page', incidentId: page.incident?.id ?? null }),
    );

    const { token } = await hub.hubStore.integrations.create('alertmanager');
    recordSecrets(token);
    const posted = await postWebhook(hub.url, 'alertmanager', alertBody('Checkout 5xx above 5%'), { token });
    expect(posted.status).toBe(202);
    await expect.poll(() => arrivals.some((a) => a.kind === 'page'), { timeout: 10_000 }).toBe(true);

    const declaring = arrivals.findIndex(
      (a) => a.kind === 'events' && a.events.some((e) => e.type === 'incident.declared'),
    );
    const batch = arrivals[declaring];
    if (batch?.kind !== 'events') throw new Error('the declaration was not broadcast');
    const incidentId = batch.events.find((e) => e.type === 'incident.declared')?.incidentId;
    // One commit, one message: the incident's events and its page, with consecutive seqs.
    const types = batch.events.map((e) => e.type);
    expect(types[0]).toBe('incident.declared');
    expect(types.at(-1)).toBe('page.sent');
    expect(types).toContain('alert.attached');
    expect(batch.events.every((e) => e.incidentId === incidentId)).toBe(true);
    const seqs = batch.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    // The page is pushed to the person with that commit, no later than its broadcast.
    const paged = arrivals.findIndex((a) => a.kind === 'page');
    expect(arrivals[paged]).toEqual({ kind: 'page', incidentId });
    expect(paged).toBeLessThan(declaring);

    // Every node has looked at the incident: still one page in the log, and nothing left to send.
    const nodes = other ? [hub, other] : [hub];
    await expect
      .poll(async () => {
        await Promise.all(nodes.map((n) => n.paging.settled()));
        const head = await hub.store.head();
        return nodes.every((n) => n.state().seq === head);
      })
      .toBe(true);
    const log = await hub.store.readIncident(incidentId ?? '');
    expect(log.filter((e) => e.type === 'page.sent' || e.type === 'page.held')).toHaveLength(1);
    expect(arrivals.filter((a) => a.kind === 'page')).toHaveLength(1);
  });
});
