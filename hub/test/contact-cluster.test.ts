/**
 * Two hub nodes on one PostgreSQL database both see every page and both enqueue its messages: the outbox's unique
 * key (page x method) and its lease make exactly one of them send each message.
 */
import { afterEach, expect, it } from 'vitest';
import type { RunningHub } from '../hub.js';
import { addVerified } from './support/contact-client.js';
import { storePlace, type StorePlace } from './support/either-store.js';
import { routeCheckoutTo } from './support/paging-hub.js';
import { startSmtpTestServer, type SmtpTestServer } from './support/smtp-test-server.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';

let place: StorePlace | undefined;
let smtp: SmtpTestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await place?.dispose();
  await smtp?.close();
});

async function connect(hub: RunningHub, name: string, role: 'admin' | 'responder'): Promise<TestClient> {
  const client = await connectClient(hub.url, (await hub.users.createToken(name, role)).token);
  clients.push(client);
  return client;
}

it('two nodes never send the same message twice', async () => {
  smtp = await startSmtpTestServer();
  place = await storePlace('postgres');
  const contact = {
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: false, from: 'pager@warroom.test' },
    sendTimeoutMs: 5000,
  };
  const a = await place.start({ contact });
  const b = await place.start({ contact });
  const admin = await connect(a, 'admin', 'admin');
  const ana = await connect(a, 'ana', 'responder');
  await connect(b, 'admin', 'admin'); // b has taken up what a changed once a client of its own sees it
  const { id, name } = ana.welcome.user;
  await routeCheckoutTo(admin, { id, name });
  await addVerified(
    ana,
    { kind: 'email', address: 'ana@example.com' },
    async () => (await (smtp as SmtpTestServer).next()).parsed.text ?? '',
  );

  const incidents: string[] = [];
  for (let i = 0; i < 5; i++) {
    const incidentId = uid();
    incidents.push(incidentId);
    const ack = await admin.send('incident.declare', incidentId, {
      title: `Checkout errors ${i}`,
      severity: 'SEV-1',
      status: 'triage',
      service: 'checkout',
    });
    expect(ack.ok).toBe(true);
  }
  // Every page delivered and recorded, every node caught up with the log and done with its outbox.
  await expect
    .poll(
      async () => {
        await Promise.all([a, b].map((n) => n.contact.settled()));
        const head = await a.store.head();
        const delivered = incidents.every((i) => a.state().incidents[i]?.pages[0]?.deliveries[0]?.result === 'sent');
        return delivered && [a, b].every((n) => n.state().seq === head);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await Promise.all([a, b].map((n) => n.contact.settled()));
  const pages = smtp.messages.filter((m) => m.parsed.subject?.startsWith('[SEV-1]'));
  expect(pages.map((m) => m.parsed.subject).sort()).toEqual(
    incidents.map((_, i) => `[SEV-1] INC-${i + 1} Checkout errors ${i}`).sort(),
  );
  for (const incidentId of incidents) {
    const events = await a.store.readIncident(incidentId);
    expect(events.filter((e) => e.type === 'page.delivery')).toHaveLength(1);
  }
});
