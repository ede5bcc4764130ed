import { afterEach, describe, expect, it } from 'vitest';
import { welcomeSchema, type Welcome } from '../../shared/protocol/wire.js';
import { runCli, type CliIo } from '../cli/run-cli.js';
import { closedByHub } from './support/closed-by-hub.js';
import { declare } from './support/commands.js';
import { startEngine, viewWhere } from './support/engine.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { connectClient, expectRefusal, type TestClient } from './support/test-client.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';

const quiet: CliIo = { out: () => undefined, err: () => undefined };

describe('revoking a token or changing a role reaches open connections', () => {
  let t: TestHub | null = null;
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await t?.close();
    t = null;
  });
  const connect = async (token: string) => {
    const client = await connectClient(t!.hub.url, token);
    clients.push(client);
    return client;
  };

  it('closes a listening client whose token is revoked, tells it why, and sends it nothing more', async () => {
    t = await startTestHub();
    const listener = await connect(t.tokens.viewer);
    const other = await connect(t.tokens.responder);
    const before = await declare(other, { title: 'Before the revocation', severity: 'SEV-2' });
    await listener.waitForSeq(before.seq);

    const closed = closedByHub(listener);
    expect(await t.hub.users.revoke({ token: t.tokens.viewer })).toBe(1);
    const { refusal, reason } = await closed;
    expect(refusal).toMatchObject({ code: 'revoked', message: expect.stringContaining('revoked') });
    expect(reason).toBe('io server disconnect');

    const after = await declare(other, { title: 'After the revocation', severity: 'SEV-1' });
    await other.waitForSeq(after.seq);
    expect(listener.received.map((e) => e.seq)).not.toContain(after.seq);
    expect(listener.received.every((e) => e.seq <= before.seq)).toBe(true);
    // And it cannot come back.
    expect(await expectRefusal(t.hub.url, { token: t.tokens.viewer, protocol: PROTOCOL_VERSION })).toMatchObject({
      code: 'unauthorized',
    });
  });

  it('the sync engine shows "revoked", goes offline and does not reconnect', async () => {
    t = await startTestHub();
    const { engine, socket } = startEngine(t.hub.url, t.tokens.viewer);
    try {
      await viewWhere(engine, (v) => v.status === 'online');
      await t.hub.users.revoke({ token: t.tokens.viewer });
      const view = await viewWhere(engine, (v) => v.refusal !== null);
      expect(view).toMatchObject({ status: 'offline', refusal: { code: 'revoked' } });
      // The engine's own retry after a server disconnect would come after 1 s, and its refusal (`unauthorized`)
      // would replace this one: it must not happen.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(socket().connected).toBe(false);
      expect(engine.view.refusal?.code).toBe('revoked');
    } finally {
      engine.stop();
    }
  });

  it('notices `token revoke` run by another process on the same SQLite file (polling data_version)', async () => {
    t = await startTestHub();
    const listener = await connect(t.tokens.responder2);
    const bystander = await connect(t.tokens.responder);
    const closed = closedByHub(listener);
    // runCli opens its own connection to the file, as the CLI process does: the hub learns of it only by polling.
    expect(await runCli(['token', 'revoke', '--user', 'bo', '--data', t.dataDir], quiet)).toBe(0);
    expect((await closed).refusal?.code).toBe('revoked');
    expect(bystander.socket.connected).toBe(true);
  });

  it('gives an open connection its new role at once: a new welcome, then commands judged by that role', async () => {
    t = await startTestHub();
    const ana = await connect(t.tokens.responder);
    const { incidentId } = await declare(ana, { title: 'Role change', severity: 'SEV-3' });
    const rewelcomed = new Promise<Welcome>((resolve) =>
      ana.socket.once('welcome', (raw) => resolve(welcomeSchema.parse(raw))),
    );
    expect(await runCli(['user', 'role', '--user', 'ana', '--role', 'viewer', '--data', t.dataDir], quiet)).toBe(0);
    expect((await rewelcomed).user).toMatchObject({ name: 'ana', role: 'viewer' });
    const refused = await ana.send('tried.add', incidentId, { entryId: crypto.randomUUID(), what: 'restart' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(ana.socket.connected).toBe(true);
  });

  it('refuses a role change for someone who does not exist, changing nothing', async () => {
    t = await startTestHub();
    const lines: string[] = [];
    const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    expect(await runCli(['user', 'role', '--user', 'nobody', '--role', 'admin', '--data', t.dataDir], io)).toBe(1);
    expect(lines.join('\n')).toContain('no user named "nobody"');
    expect(await runCli(['user', 'role', '--user', 'ana', '--role', 'king', '--data', t.dataDir], io)).toBe(2);
    expect((await t.hub.users.findUserByName('ana'))?.role).toBe('responder');
  });
});
