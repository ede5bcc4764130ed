// The engine's status page requests against a real hub process (dist/hub/cli.js): an admin reads and saves the set-up,
// adds a Mattermost channel pointing at a real receiver on 127.0.0.1 and sends it a test message, adds a webhook
// subscriber (its secret comes back once); a responder hears `statuspage.changed`, reads the same set-up with
// nothing secret in it, and is refused a change. What the Status page screen does, through the sync engine.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StatusPageReply } from '../shared/protocol/status-page-wire.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { startE2eHub } from '../e2e/support/hub-process.js';
import { FileStorage } from './file-storage.js';
import { viewWhere } from './test/view-where.js';

const storageRoot = mkdtempSync(join(tmpdir(), 'warroom-statuspage-engine-'));
afterAll(() => rmSync(storageRoot, { recursive: true, force: true }));

/** A chat webhook receiver on 127.0.0.1: the path of every POST; answers 200 ok. */
async function startReceiver() {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST') paths.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { origin, paths, close };
}

function viewOf(reply: StatusPageReply) {
  if (!reply.ok) throw new Error(`refused: ${reply.error.message}`);
  return reply.view;
}

describe('the status page set-up through the sync engine, against a real hub', () => {
  it('reads, saves, adds a channel and a webhook, tests the channel; others hear of it and cannot change it', async () => {
    const hub = await startE2eHub([
      { name: 'root', role: 'admin' },
      { name: 'ana', role: 'responder' },
    ]);
    const receiver = await startReceiver();
    const engine = (user: string) =>
      new SyncEngine({
        hubUrl: hub.url,
        token: hub.token(user),
        storage: new FileStorage(mkdtempSync(join(storageRoot, 'store-'))),
        timers: { set: setTimeout, clear: clearTimeout },
        newId: randomUUID,
        ackTimeoutMs: 10_000,
      });
    const root = engine('root');
    const ana = engine('ana');
    try {
      root.start();
      ana.start();
      await viewWhere(root, (v) => v.status === 'online');
      await viewWhere(ana, (v) => v.status === 'online');

      const first = viewOf(await root.getStatusPage());
      expect(first).toMatchObject({
        pageUrl: `${hub.url}/status`,
        publishers: 'comms-or-lead',
        config: { services: [], maintenances: [] },
        channels: [],
        webhooks: [],
      });

      let heard = 0;
      const stop = ana.onStatusPageChanged(() => heard++);
      const config = {
        title: 'Acme status',
        timeZone: 'Europe/Paris',
        services: [{ key: 'payments-api', name: 'Checkout', description: 'Paying', override: null }],
        maintenances: [],
      };
      expect(await root.changeStatusPage({ kind: 'config.save', config })).toEqual({
        ok: true,
        id: null,
        secret: null,
        sent: null,
      });
      await expect.poll(() => heard, { timeout: 10_000 }).toBeGreaterThan(0);
      stop();
      expect(viewOf(await ana.getStatusPage()).config).toEqual(config);

      const channel = await root.changeStatusPage({
        kind: 'channel.add',
        channel: {
          name: '#incidents',
          severities: ['SEV-1'],
          target: { kind: 'mattermost', url: `${receiver.origin}/hooks/incidents-x7` },
        },
      });
      if (!channel.ok || !channel.id) throw new Error(`channel not added: ${JSON.stringify(channel)}`);
      const tested = await root.changeStatusPage({ kind: 'channel.test', id: channel.id });
      expect(tested).toMatchObject({ ok: true, sent: { ok: true } });
      expect(receiver.paths).toEqual(['/hooks/incidents-x7']);

      const webhook = await root.changeStatusPage({
        kind: 'webhook.add',
        url: `${receiver.origin}/status-hook`,
        services: ['payments-api'],
      });
      expect(webhook).toMatchObject({ ok: true, id: expect.any(String), secret: expect.any(String) });
      const secret = webhook.ok ? (webhook.secret ?? '') : '';

      const admin = viewOf(await root.getStatusPage());
      expect(admin.channels).toEqual([
        expect.objectContaining({ id: channel.id, name: '#incidents', kind: 'mattermost', severities: ['SEV-1'] }),
      ]);
      expect(admin.webhooks).toEqual([expect.objectContaining({ services: ['payments-api'] })]);
      // Masked: neither the channel's path nor the webhook's secret ever comes back.
      expect(JSON.stringify(admin)).not.toContain('incidents-x7');
      expect(JSON.stringify(admin)).not.toContain(secret);

      const responder = viewOf(await ana.getStatusPage());
      expect(responder).toMatchObject({ channels: [], webhooks: [] });
      const refused = await ana.changeStatusPage({ kind: 'channel.remove', id: channel.id });
      expect(refused).toMatchObject({ ok: false });
      // Malformed input is refused by the engine itself, naming the field; nothing is sent.
      const malformed = await root.changeStatusPage({ kind: 'webhook.add', url: 'javascript:alert(1)' });
      expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    } finally {
      root.stop();
      ana.stop();
      await receiver.close();
      await hub.dispose();
    }
  });
});
