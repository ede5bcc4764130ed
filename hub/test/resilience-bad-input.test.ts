import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandType } from '../../shared/domain/commands.js';
import type { ErrorCode } from '../../shared/domain/errors.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import { oncallChangeReplySchema, oncallReplySchema, pageTestReplySchema } from '../../shared/protocol/oncall-wire.js';
import { syncReplySchema, timelineReplySchema } from '../../shared/protocol/wire.js';
import { declare } from './support/commands.js';
import { malformedCommand, validPayloads } from './support/malformed-commands.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

/**
 * Garbage at scale over real socket.io: 10,000 generated commands that each carry a fault (fast-check, seeded), sent
 * on four connections at once. Every one gets `{ ok: false, error: { code, message } }` with a code the hub checks
 * before deciding; the event log (seq and contents) and the state are exactly as before; the hub still takes a
 * valid command afterwards; nothing leaked onto Object.prototype.
 */
const SEED = 20261127;
const BATCH = 50;
const COMMAND_RUNS = 200; // 200 batches of 50: 10,000 commands
const REFUSED_BEFORE_DECIDE: readonly ErrorCode[] = ['invalid_command', 'unknown_command', 'payload_too_large'];

/** The whole log, to compare before and after. */
async function wholeLog(t: TestHub): Promise<DomainEvent[]> {
  return t.hub.store.readSince(0, 1_000_000);
}

const short = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 300 ? `${json.slice(0, 300)}… (${json.length} characters)` : json;
};

const PROGRAMMING_WORDS = /\bundefined\b|\bnull\b|\bNaN\b|\[object /;
describe('bad input at scale: the hub stays up, answers each with a clear error, and changes nothing', () => {
  let t: TestHub;
  let clients: TestClient[];
  let incidentId: string;
  let logBefore: DomainEvent[];

  beforeAll(async () => {
    t = await startTestHub();
    clients = await Promise.all([1, 2, 3, 4].map(() => connectClient(t.hub.url, t.tokens.responder)));
    const [first] = clients;
    if (!first) throw new Error('no client');
    ({ incidentId } = await declare(first, { title: 'Target of the garbage' }));
    logBefore = await wholeLog(t);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('refuses 10,000 malformed commands before deciding, with known codes, and the log is unchanged', async () => {
    const personId = clients[0]?.welcome.user.id ?? 'nobody';
    const payloads = validPayloads(personId);
    const base = (type: CommandType) => ({
      commandId: 'garbage-1',
      type,
      incidentId,
      payload: payloads[type],
      clientAt: '2026-11-27T10:00:00.000Z',
    });
    const stateBefore = t.hub.state();
    let answered = 0;
    const codes = new Map<string, number>();

    await fc.assert(
      fc.asyncProperty(fc.array(malformedCommand({ base }), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const acks = await Promise.all(batch.map((command, i) => clients[i % clients.length]?.sendRaw(command)));
        acks.forEach((ack, i) => {
          const sent = short(batch[i]);
          expect(ack?.ok, `accepted: ${sent}`).toBe(false);
          if (!ack || ack.ok) return;
          expect(REFUSED_BEFORE_DECIDE, `${ack.error.code} for ${sent}`).toContain(ack.error.code);
          expect(ack.error.message.length, `message for ${sent}`).toBeGreaterThan(10);
          // Read by a person: no programming word, outside what it quotes back of the command itself.
          expect(ack.error.message.replace(/"[^"]*"/g, '""'), `words for ${sent}`).not.toMatch(PROGRAMMING_WORDS);
          codes.set(ack.error.code, (codes.get(ack.error.code) ?? 0) + 1);
          answered++;
        });
        // The pipeline replaces its state on every commit: the same object means nothing was committed.
        expect(t.hub.state()).toBe(stateBefore);
      }),
      { seed: SEED, numRuns: COMMAND_RUNS, endOnFailure: true },
    );

    expect(answered).toBe(BATCH * COMMAND_RUNS);
    // Every kind of fault was met, not only the easy ones.
    expect([...codes.keys()].sort()).toEqual([...REFUSED_BEFORE_DECIDE].sort());
    expect(await wholeLog(t)).toEqual(logBefore);
    expect(clients.every((c) => c.socket.connected)).toBe(true);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const valid = await clients[0]?.send('tried.add', incidentId, { entryId: uid(), what: 'Still answering' });
    expect(valid).toMatchObject({ ok: true, seq: logBefore.length + 1 });
    logBefore = await wholeLog(t);
  });

  it('answers garbage sync, timeline and on-call requests with a well-formed reply, and changes nothing', async () => {
    const [client] = clients;
    if (!client) throw new Error('no client');
    const stateBefore = t.hub.state();
    const requests = fc.tuple(
      fc.constantFrom('sync', 'timeline', 'oncall', 'oncall.change', 'page.test'),
      fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.record({ since: fc.jsonValue() }), fc.record({ kind: fc.string() })),
    );
    const schemas = {
      sync: syncReplySchema,
      timeline: timelineReplySchema,
      oncall: oncallReplySchema,
      'oncall.change': oncallChangeReplySchema,
      'page.test': pageTestReplySchema,
    };
    await fc.assert(
      fc.asyncProperty(fc.array(requests, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const replies = await Promise.all(
          batch.map(
            ([event, request]) =>
              // The typed emit wants each event's own request type: garbage is the point here.
              client.socket.timeout(10_000).emitWithAck(event as 'sync', request as never) as Promise<unknown>,
          ),
        );
        replies.forEach((reply, i) => {
          const [event, request] = batch[i] ?? ['sync', null];
          const parsed = schemas[event as keyof typeof schemas].safeParse(reply);
          expect(parsed.success, `${event} ${short(request)} answered ${short(reply)}`).toBe(true);
          if (event === 'oncall.change')
            expect(reply, `${short(request)} changed the on-call set-up`).toMatchObject({ ok: false });
        });
        expect(t.hub.state()).toBe(stateBefore);
      }),
      { seed: SEED, numRuns: 20, endOnFailure: true },
    );
    expect(await wholeLog(t)).toEqual(logBefore);
  });

  it('survives commands without an acknowledgement and frames that are not socket.io at all', async () => {
    const [client] = clients;
    if (!client) throw new Error('no client');
    // No callback: nothing to answer; the hub drops them.
    for (let i = 0; i < 100; i++) (client.socket.emit as (event: string, ...args: unknown[]) => void)('command', { i });

    // A command nested 100,000 deep, written by hand (a client library would overflow its own stack first).
    const depth = 100_000;
    const frame = `2999999["command",{"type":"tried.add","payload":${'['.repeat(depth)}${']'.repeat(depth)}}]`;
    const engine = client.socket.io.engine;
    const answer = new Promise<string>((resolve) => {
      const onMessage = (data: unknown) => {
        if (typeof data !== 'string' || !data.startsWith('3999999')) return;
        engine.off('message', onMessage);
        resolve(data);
      };
      engine.on('message', onMessage);
    });
    engine.send(frame);
    const ack = JSON.parse((await answer).slice('3999999'.length)) as unknown[];
    expect(ack[0]).toMatchObject({ ok: false, error: { code: 'invalid_command' } });

    // A frame that is not a socket.io packet: that connection is closed; the others carry on.
    const victim = await connectClient(t.hub.url, t.tokens.responder);
    const closed = new Promise((resolve) => victim.socket.once('disconnect', resolve));
    victim.socket.io.engine.send('2not a packet at all');
    await closed;
    expect(await client.send('tried.add', incidentId, { entryId: uid(), what: 'Still here' })).toMatchObject({
      ok: true,
    });
    expect(clients.every((c) => c.socket.connected)).toBe(true);
  });
});
