/**
 * Two hub nodes on one PostgreSQL database serve the same status page: a set-up saved through one node is read
 * again by the other (StoreChange 'statuspage'), whose clients are told; an external update committed on one node
 * is on the other's page once it has the event.
 */
import { afterEach, expect, it } from 'vitest';
import type { RunningHub } from '../hub.js';
import { declare } from './support/commands.js';
import { storePlace, type StorePlace } from './support/either-store.js';
import { postUpdate, saveConfig, statusPageView } from './support/status-page-hub.js';
import { connectClient, type TestClient } from './support/test-client.js';

let place: StorePlace | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await place?.dispose();
});

async function connect(hub: RunningHub, name: string, role: 'admin' | 'responder'): Promise<TestClient> {
  const client = await connectClient(hub.url, (await hub.users.createToken(name, role)).token);
  clients.push(client);
  return client;
}

const page = async (hub: RunningHub) => (await fetch(`${hub.url}/status`)).text();

it('a set-up saved on one node, and an external update posted there, show on the other node', async () => {
  place = await storePlace('postgres');
  // One public address for both, as behind a balancer: the page's links are the same on each.
  const contact = { publicUrl: 'https://status.example.com' };
  const a = await place.start({ contact });
  const b = await place.start({ contact });
  const admin = await connect(a, 'admin', 'admin');
  const ana = await connect(a, 'ana', 'responder');
  const onB = await connect(b, 'bo', 'responder');

  const told = new Promise<void>((resolve) => onB.socket.once('statuspage.changed', () => resolve()));
  await saveConfig(admin, { title: 'Acme status', services: [{ key: 'checkout', name: 'Checkout' }] });
  await told;
  const view = await statusPageView(onB);
  expect(view.ok && view.view.config.title).toBe('Acme status');
  await expect.poll(() => page(b)).toContain('Acme status');

  const { incidentId } = await declare(ana, { service: 'checkout', severity: 'SEV-1', title: 'PSP timeouts' });
  const posted = await postUpdate(
    ana,
    incidentId,
    'Card payments fail for some customers.',
    'external',
    'Payments failing',
  );
  expect(posted.ok).toBe(true);
  await expect.poll(() => page(b)).toContain('Card payments fail for some customers.');
  const fromA = await fetch(`${a.url}/status.json`);
  const fromB = await fetch(`${b.url}/status.json`);
  // Both nodes render the same bytes from the same state and set-up, so the same strong ETag.
  expect(await fromB.text()).toBe(await fromA.text());
  expect(fromB.headers.get('etag')).toBe(fromA.headers.get('etag'));
});
