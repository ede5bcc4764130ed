// The engine's contact requests against a real hub process (dist/hub/cli.js): a Mattermost method pointing at a
// real webhook receiver on 127.0.0.1 is added, gets its code, is verified with it, joins the rules, carries a test
// page and is removed: what the Profile does, end to end through the sync engine.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContactReply } from '../shared/protocol/contact-wire.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { startE2eHub } from '../e2e/support/hub-process.js';
import { FileStorage } from './file-storage.js';
import { viewWhere } from './test/view-where.js';

const storageRoot = mkdtempSync(join(tmpdir(), 'warroom-contact-engine-'));
afterAll(() => rmSync(storageRoot, { recursive: true, force: true }));

/** A webhook receiver: every POST body, as text. */
async function startReceiver() {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ana`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url, bodies, close };
}

function viewOf(reply: ContactReply) {
  if (!reply.ok) throw new Error(`refused: ${reply.error.message}`);
  return reply.view;
}

describe('contact methods through the sync engine, against a real hub', () => {
  it('adds a method, verifies it with the code it received, saves rules, sends a test page, removes it', async () => {
    const hub = await startE2eHub([{ name: 'ana', role: 'responder' }]);
    const receiver = await startReceiver();
    const ana = new SyncEngine({
      hubUrl: hub.url,
      token: hub.token('ana'),
      storage: new FileStorage(mkdtempSync(join(storageRoot, 'store-'))),
      timers: { set: setTimeout, clear: clearTimeout },
      newId: randomUUID,
      ackTimeoutMs: 10_000,
    });
    try {
      ana.start();
      await viewWhere(ana, (v) => v.status === 'online');

      const empty = viewOf(await ana.getContact());
      expect(empty).toMatchObject({ methods: [], rules: [], rulesSaved: false });

      const added = await ana.changeContact({
        kind: 'method.add',
        label: 'Team channel',
        target: { kind: 'mattermost', url: receiver.url },
      });
      expect(added).toMatchObject({ ok: true, sent: { kind: 'mattermost', ok: true } });
      if (!added.ok || !added.methodId) throw new Error('not added');
      const methodId = added.methodId;
      // The receiver got the code; the view shows the method masked, never its URL.
      const code = /\b(\d{6})\b/.exec(receiver.bodies.join('\n'))?.[1];
      if (!code) throw new Error(`no code in ${receiver.bodies.join('\n')}`);
      const unverified = viewOf(await ana.getContact());
      expect(unverified.methods).toEqual([
        expect.objectContaining({ id: methodId, kind: 'mattermost', label: 'Team channel', verifiedAt: null }),
      ]);
      expect(JSON.stringify(unverified)).not.toContain('/hooks/ana');

      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      expect(await ana.changeContact({ kind: 'method.verify', methodId, code: wrong })).toMatchObject({ ok: false });
      expect(await ana.changeContact({ kind: 'method.verify', methodId, code })).toMatchObject({ ok: true });
      const verified = viewOf(await ana.getContact());
      expect(verified.methods[0]?.verifiedAt).not.toBeNull();
      // Not saved yet: the default, every verified method at once.
      expect(verified).toMatchObject({ rules: [{ methodId, afterMinutes: 0 }], rulesSaved: false });

      expect(await ana.changeContact({ kind: 'rules.save', rules: [{ methodId, afterMinutes: 2 }] })).toMatchObject({
        ok: true,
      });
      expect(viewOf(await ana.getContact())).toMatchObject({
        rules: [{ methodId, afterMinutes: 2 }],
        rulesSaved: true,
      });

      const before = receiver.bodies.length;
      const tested = await ana.testContact();
      expect(tested).toMatchObject({ ok: true, results: [{ methodId, kind: 'mattermost', ok: true }] });
      expect(receiver.bodies.length).toBe(before + 1);

      expect(await ana.changeContact({ kind: 'method.remove', methodId })).toMatchObject({ ok: true });
      expect(viewOf(await ana.getContact()).methods).toEqual([]);
    } finally {
      ana.stop();
      await receiver.close();
      await hub.dispose();
    }
  });
});
