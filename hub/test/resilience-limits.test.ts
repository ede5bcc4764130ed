import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../shared/clock.js';
import type { CommandInput } from '../../shared/domain/commands.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { MAX_COMMAND_BYTES, MAX_POSTMORTEM_COMMAND_BYTES } from '../../shared/protocol/wire.js';
import { DEFAULT_LIMITS } from '../limits/limits.js';
import { MAX_WEBHOOK_BODY_BYTES } from '../webhooks/webhook-ingest.js';
import { declare } from './support/commands.js';
import { startEngine, viewWhere, type TestEngine } from './support/engine.js';
import { captureLogs } from './support/log-capture.js';
import { connectClient, expectRefusal, uid, type TestClient } from './support/test-client.js';
import { startTestHub, type TestHub, type TestHubOptions } from './support/test-hub.js';
import { createIntegrationToken, inboxCount, postWebhook } from './support/webhooks.js';

/** The hub, clients and engines of one test, closed after it. */
function useHubs() {
  let hub: TestHub | null = null;
  const clients: TestClient[] = [];
  const engines: TestEngine[] = [];
  afterEach(async () => {
    engines.splice(0).forEach((e) => e.engine.stop());
    clients.splice(0).forEach((c) => c.close());
    await hub?.close();
    hub = null;
  });
  const current = (): TestHub => {
    if (!hub) throw new Error('no hub started in this test');
    return hub;
  };
  return {
    start: async (options: TestHubOptions) => (hub = await startTestHub(options)),
    connect: async (token: string) => {
      const client = await connectClient(current().hub.url, token);
      clients.push(client);
      return client;
    },
    engine: (token: string, options?: Parameters<typeof startEngine>[2]) => {
      const engine = startEngine(current().hub.url, token, options);
      engines.push(engine);
      return engine;
    },
  };
}

const tried = (client: TestClient, incidentId: string, what: string): Promise<CommandAck> =>
  client.send('tried.add', incidentId, { entryId: uid(), what });

const triedOf = (t: TestHub, incidentId: string): string[] =>
  t.hub.state().incidents[incidentId]?.tried.map((entry) => entry.what) ?? [];

describe('the per-connection command rate limit', () => {
  const hubs = useHubs();

  it('slows a flooding connection with rate_limited and a retry delay; another connection is not affected', async () => {
    // A clock that moves only when told: the allowance refills exactly as the test says.
    let now = Date.parse('2026-11-27T14:00:00Z');
    const clock: Clock = { now: () => now };
    const t = await hubs.start({ clock, limits: { commandBurst: 20, commandsPerSecond: 50 } });
    const flooder = await hubs.connect(t.tokens.responder);
    const calm = await hubs.connect(t.tokens.responder2);
    const { incidentId } = await declare(calm);

    const flood = Promise.all(Array.from({ length: 300 }, (_, i) => tried(flooder, incidentId, `flood ${i}`)));
    const calmAcks: CommandAck[] = [];
    for (let i = 0; i < 15; i++) calmAcks.push(await tried(calm, incidentId, `calm ${i}`));
    const floodAcks = await flood;

    // The calm connection: every command taken, in the order it sent them.
    expect(calmAcks.map((a) => a.ok)).toEqual(Array(15).fill(true));
    const calmSeqs = calmAcks.map((a) => (a.ok ? a.seq : 0));
    expect(calmSeqs).toEqual([...calmSeqs].sort((a, b) => a - b));
    // The flooder: its burst (the first 20: no time passed), then refusals that say when to try again.
    expect(floodAcks.map((a) => a.ok)).toEqual([...Array(20).fill(true), ...Array(280).fill(false)]);
    for (const ack of floodAcks.slice(20))
      expect(ack).toEqual({
        ok: false,
        error: {
          code: 'rate_limited',
          message: expect.stringMatching(
            /at most 20 at once, then 50 a second\). Nothing was changed: send it again in 1\.0 s/,
          ),
        },
        retryAfterMs: 1000,
      });
    // Refused commands were not decided: only the 20 + 15 are on the incident.
    const entries = triedOf(t, incidentId);
    expect(entries.filter((w) => w.startsWith('flood'))).toEqual(Array.from({ length: 20 }, (_, i) => `flood ${i}`));
    expect(entries.filter((w) => w.startsWith('calm'))).toHaveLength(15);

    // The connection is paused for the whole second, though its allowance refills meanwhile: a command sent before
    // the refusal reached the client must not overtake the refused one.
    now += 500;
    expect(await tried(flooder, incidentId, 'too early')).toMatchObject({ ok: false, retryAfterMs: 500 });
    // After the pause: the allowance is full again (20), and then the limit again.
    now += 500;
    const retried = await Promise.all(Array.from({ length: 21 }, (_, i) => tried(flooder, incidentId, `retry ${i}`)));
    expect(retried.map((a) => a.ok)).toEqual([...Array(20).fill(true), false]);
    expect(triedOf(t, incidentId).filter((w) => w.startsWith('retry'))).toEqual(
      Array.from({ length: 20 }, (_, i) => `retry ${i}`),
    );
    expect(flooder.socket.connected).toBe(true);
  });

  it('is announced in the welcome, so clients can keep to it', async () => {
    const t = await hubs.start({ limits: { commandBurst: 7, commandsPerSecond: 3 } });
    const client = await hubs.connect(t.tokens.viewer);
    expect(client.welcome.commandRate).toEqual({ burst: 7, perSecond: 3 });
  });
});

describe('the bytes per token limit', () => {
  const hubs = useHubs();

  it('refuses a token over its bytes of commands with rate_limited, over all its connections; others are not affected', async () => {
    let now = Date.parse('2026-11-27T14:00:00Z');
    const clock: Clock = { now: () => now };
    const perSecond = 64 * 1024;
    const t = await hubs.start({ clock, limits: { commandByteBurst: 1024 * 1024, commandBytesPerSecond: perSecond } });
    const first = await hubs.connect(t.tokens.responder);
    const second = await hubs.connect(t.tokens.responder);
    const other = await hubs.connect(t.tokens.responder2);
    const { incidentId } = await declare(other);
    await other.send('incident.change_status', incidentId, { status: 'resolved' });
    // About 300 KB each as JSON (the most 100,000 characters can take): three fit the 1 MiB allowance, a fourth,
    // sent on the token's other connection, does not.
    const markdown = '€'.repeat(99_999);
    const publish = (client: TestClient, revision: string, baseRevision: string | null) =>
      client.send('postmortem.publish', incidentId, { revision, baseRevision, markdown: `${revision}${markdown}` });
    expect(await publish(first, 'a', null)).toMatchObject({ ok: true });
    expect(await publish(first, 'b', 'a')).toMatchObject({ ok: true });
    expect(await publish(first, 'c', 'b')).toMatchObject({ ok: true });
    const refused = await publish(second, 'd', 'c');
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /Too much data from this sign-in \(at most 1 MiB at once, then 64 KiB a second\)/,
        ),
      },
    });
    const headAfterRefusal = t.hub.state().seq;
    // Another person's commands go through meanwhile.
    expect(await publish(other, 'e', 'c')).toMatchObject({ ok: true });
    expect(t.hub.state().seq).toBe(headAfterRefusal + 1);
    // After the delay it names, the same command is taken.
    if (refused.ok || !('retryAfterMs' in refused)) throw new Error('expected a retry delay');
    now += refused.retryAfterMs ?? 0;
    expect(await publish(second, 'd', 'e')).toMatchObject({ ok: true });
  });
});

describe('the sync engine under the rate limit', () => {
  const hubs = useHubs();
  // 300 keeps the test short (the engine rebuilds its optimistic view per answer); limits.test.ts paces 500 on the
  // default limits with virtual time.
  const DRAIN = 300;

  async function queueWhileOffline(t: TestHub, options?: Parameters<typeof startEngine>[2]) {
    const setup = await hubs.connect(t.tokens.responder2);
    const { incidentId } = await declare(setup);
    // Queued before the engine ever connects: the outbox an app brings back after a long time offline.
    const engine = hubs.engine(t.tokens.responder, { ...options, start: false });
    const sent: string[] = [];
    for (let i = 0; i < DRAIN; i++) {
      const result = engine.engine.send('tried.add', incidentId, { entryId: uid(), what: `queued ${i}` });
      if (result.ok) sent.push(result.commandId);
    }
    expect(sent).toHaveLength(DRAIN);
    return { engine, incidentId, sent };
  }

  async function expectDrainedOnce(t: TestHub, engine: TestEngine, incidentId: string, sent: string[]) {
    engine.engine.start();
    const drained = await viewWhere(engine.engine, (v) => v.status === 'online' && v.pending.length === 0, 30_000);
    expect(drained.rejected).toEqual([]);
    const events = await t.hub.store.readIncident(incidentId);
    const byCommand = new Map<string, number>();
    for (const e of events) if (e.commandId) byCommand.set(e.commandId, (byCommand.get(e.commandId) ?? 0) + 1);
    expect(sent.map((id) => byCommand.get(id))).toEqual(Array(DRAIN).fill(1));
    return events.filter((e) => e.type === 'tried.added').map((e) => e.commandId);
  }

  // Scaled up from the defaults (100 at once, 20 a second) to keep the tests short; hub/limits/limits.test.ts checks
  // the pace against the defaults themselves.
  const limits = { commandBurst: 60, commandsPerSecond: 300 };

  it(`drains ${DRAIN} queued commands at the announced pace: slowed, never refused for good, in order, each once`, async () => {
    const logs = captureLogs('warn');
    const t = await hubs.start({ logger: logs.logger, limits });
    const { engine, incidentId, sent } = await queueWhileOffline(t);
    const order = await expectDrainedOnce(t, engine, incidentId, sent);
    expect(order).toEqual(sent);
    // Slowed to the hub's allowance (60, then 300 a second): the hub refuses anything faster, and refused nothing.
    // (No wall-clock bound: the limiter, not a stopwatch, is what proves the pace.)
    expect(logs.count('commands rate limited')).toBe(0);
  });

  it('keeps rate-limited commands queued and sends them again after the delay, in order, when it did not know the limit', async () => {
    const logs = captureLogs('warn');
    const t = await hubs.start({ logger: logs.logger, limits });
    const { engine, incidentId, sent } = await queueWhileOffline(t, { ignoreAnnouncedRate: true });
    const order = await expectDrainedOnce(t, engine, incidentId, sent);
    // It was refused (that path ran), and yet every command is there exactly once, in the order queued.
    expect(logs.count('commands rate limited')).toBeGreaterThan(0);
    expect(order).toEqual(sent);
  });
});

describe('connections per token', () => {
  const hubs = useHubs();

  it('refuses the 21st connection of a token with too_many_connections; a freed place can be taken again', async () => {
    const t = await hubs.start({ limits: { maxConnectionsPerToken: DEFAULT_LIMITS.maxConnectionsPerToken } });
    const twenty = await Promise.all(Array.from({ length: 20 }, () => hubs.connect(t.tokens.responder)));
    const refusal = await expectRefusal(t.hub.url, { token: t.tokens.responder, protocol: PROTOCOL_VERSION });
    expect(refusal).toEqual({
      code: 'too_many_connections',
      message: expect.stringMatching(/already has 20 connections open.*Close an app window or browser tab/),
    });
    // Other tokens, even the same person's other token, are counted apart.
    await hubs.connect(t.tokens.responder2);
    const second = await t.hub.users.createToken('ana', 'responder');
    await hubs.connect(second.token);

    twenty[0]?.close();
    await expect
      .poll(async () => {
        try {
          await hubs.connect(t.tokens.responder);
          return 'connected';
        } catch {
          return 'refused';
        }
      })
      .toBe('connected');
    expect(await expectRefusal(t.hub.url, { token: t.tokens.responder, protocol: PROTOCOL_VERSION })).toMatchObject({
      code: 'too_many_connections',
    });
  });

  it('the sync engine shows the refusal and connects by itself once a place is free', async () => {
    const t = await hubs.start({ limits: { maxConnectionsPerToken: 1 } });
    const holder = await hubs.connect(t.tokens.responder);
    const { engine } = hubs.engine(t.tokens.responder, { tooManyConnectionsRetryMs: 100 });
    const refused = await viewWhere(engine, (v) => v.refusal !== null);
    expect(refused.refusal?.code).toBe('too_many_connections');
    expect(refused.status).toBe('offline');
    holder.close();
    const online = await viewWhere(engine, (v) => v.status === 'online');
    expect(online.refusal).toBeNull();
  });
});

describe('payload size', () => {
  const hubs = useHubs();

  it('refuses a command over 64 KiB (768 KiB for a postmortem) with payload_too_large; socket.io drops one over 1 MiB', async () => {
    const t = await hubs.start({});
    const ana = await hubs.connect(t.tokens.responder);
    const { incidentId } = await declare(ana);
    const head = t.hub.state().seq;
    const command = (type: string, payload: object) => ({
      commandId: uid(),
      type,
      incidentId,
      payload,
      clientAt: new Date().toISOString(),
    });
    /** A tried.add whose JSON is exactly `bytes` long, padded with an unknown field. */
    const sized = (bytes: number) => {
      const base = command('tried.add', { entryId: 'e1', what: 'x', pad: '' });
      const pad = 'p'.repeat(bytes - JSON.stringify(base).length);
      return { ...base, payload: { ...base.payload, pad } };
    };

    // At the limit the hub reads it (and names the unknown field); one byte over, it does not.
    expect(await ana.sendRaw(sized(MAX_COMMAND_BYTES))).toMatchObject({
      ok: false,
      error: { code: 'invalid_command', message: expect.stringMatching(/pad/) as unknown },
    });
    expect(await ana.sendRaw(sized(MAX_COMMAND_BYTES + 1))).toEqual({
      ok: false,
      error: {
        code: 'payload_too_large',
        message: `The command is ${MAX_COMMAND_BYTES + 1} bytes; the limit is 65536.`,
      },
    });

    // A postmortem of 100,000 characters that each take three bytes as JSON (the most a character the text rules
    // allow can take; control characters, which JSON escapes to six, are refused) still fits its own limit…
    await ana.send('incident.change_status', incidentId, { status: 'resolved' });
    const markdown = '€'.repeat(100_000);
    expect(
      await ana.send('postmortem.publish', incidentId, { revision: 'r1', baseRevision: null, markdown }),
    ).toMatchObject({
      ok: true,
    });
    // …and one over it is refused.
    const huge = command('postmortem.publish', {
      revision: 'r2',
      baseRevision: 'r1',
      markdown: 'x'.repeat(MAX_POSTMORTEM_COMMAND_BYTES),
    });
    expect(await ana.sendRaw(huge)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });

    // Over 1 MiB socket.io itself closes the connection: no answer, nothing changed, the hub carries on.
    const headBefore = t.hub.state().seq;
    const dropped = await hubs.connect(t.tokens.responder);
    const closed = new Promise<string>((resolve) => dropped.socket.once('disconnect', resolve));
    const tooBig = command('tried.add', { entryId: 'e2', what: 'x'.repeat(1024 * 1024) });
    dropped.socket.emit('command', tooBig as CommandInput, () => undefined);
    expect(await closed).toBe('transport close');
    expect(t.hub.state().seq).toBe(headBefore);
    expect(headBefore).toBeGreaterThan(head);
    expect(await tried(ana, incidentId, 'still here')).toMatchObject({ ok: true });
  });

  it('answers a webhook body over 1 MiB with 413 payload_too_large, keeping nothing', async () => {
    const t = await hubs.start({});
    const token = await createIntegrationToken(t.dataDir, 'generic');
    const body = JSON.stringify({ key: 'k', title: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES) });
    expect(await postWebhook(t.hub.url, 'generic', body, { token })).toEqual({
      status: 413,
      json: {
        error: { code: 'payload_too_large', message: `A webhook body may be at most ${MAX_WEBHOOK_BODY_BYTES} bytes.` },
      },
    });
    expect(inboxCount(t.dataDir)).toBe(0);
  });
});
