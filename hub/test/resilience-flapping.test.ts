import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { EngineSocket } from '../../shared/sync/sync-engine.js';
import { DEFAULT_LIMITS } from '../limits/limits.js';
import { declare } from './support/commands.js';
import { startEngine, viewWhere, type TestEngine } from './support/engine.js';
import { connectClient, uid } from './support/test-client.js';
import { startTestHub } from './support/test-hub.js';

/**
 * Network flapping: four SyncEngines (as the apps run them) send a stream of commands while their connections are cut
 * and restored at random (seeded): the transport dropped, the TCP connection destroyed under it, or the client
 * disconnecting and coming back a moment later. At the end the hub and every engine hold the same state, every
 * command is in the log exactly once, in the order its engine sent it, and seq has no gap.
 */
const ENGINES = 4;
const COMMANDS_PER_ENGINE = 40;

type Cut = 'transport' | 'tcp' | 'client';

interface Plan {
  /** Per engine, the pause before each of its commands (ms). */
  readonly pauses: number[][];
  /** Cuts: which engine, how, after how long, and (client cuts) how long it stays away. */
  readonly cuts: { engine: number; how: Cut; after: number; away: number }[];
}

const plan: fc.Arbitrary<Plan> = fc.record({
  pauses: fc.array(
    fc.array(fc.integer({ min: 0, max: 40 }), { minLength: COMMANDS_PER_ENGINE, maxLength: COMMANDS_PER_ENGINE }),
    {
      minLength: ENGINES,
      maxLength: ENGINES,
    },
  ),
  cuts: fc.array(
    fc.record({
      engine: fc.integer({ min: 0, max: ENGINES - 1 }),
      how: fc.constantFrom<Cut>('transport', 'tcp', 'client'),
      after: fc.integer({ min: 10, max: 80 }),
      away: fc.integer({ min: 0, max: 150 }),
    }),
    { minLength: 15, maxLength: 25 },
  ),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the socket is connected, waiting up to 10 s for it to come back (it reconnects by itself). */
async function connectedSoon(socket: EngineSocket): Promise<boolean> {
  for (let waited = 0; !socket.connected && waited < 10_000; waited += 10) await sleep(10);
  return socket.connected;
}

function cut(socket: EngineSocket, how: Cut, away: number): void {
  if (how === 'transport') {
    socket.io.engine.close(); // as a dropped network: socket.io reconnects by itself
  } else if (how === 'tcp') {
    // The TCP connection dies under the WebSocket (no close frame): the hub sees it broken, not closed.
    // The ws transport keeps its socket privately; reaching it is the only way to break the wire from a test.
    const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: { destroy(): void } } };
    transport.ws?._socket?.destroy();
  } else {
    socket.disconnect();
    setTimeout(() => socket.connect(), away);
  }
}

/** Every event of the log, and what each command left in it. */
async function logOf(readAll: () => Promise<DomainEvent[]>) {
  const events = await readAll();
  const byCommand = new Map<string, DomainEvent[]>();
  for (const e of events) if (e.commandId) byCommand.set(e.commandId, [...(byCommand.get(e.commandId) ?? []), e]);
  return { events, byCommand };
}

describe('clients whose connections flap during a command stream', () => {
  it('converge to the hub’s state, every command applied exactly once and in order, no seq gap', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ pauses, cuts }) => {
        const t = await startTestHub({ limits: DEFAULT_LIMITS });
        const engines: TestEngine[] = [];
        try {
          const lead = await connectClient(t.hub.url, t.tokens.admin);
          const { incidentId: shared } = await declare(lead, { title: 'Shared war room' });
          lead.close();
          const tokens = [t.tokens.responder, t.tokens.responder2, t.tokens.admin];
          tokens.push((await t.hub.users.createToken('dee', 'responder')).token);
          for (const token of tokens.slice(0, ENGINES)) engines.push(startEngine(t.hub.url, token));
          await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.status === 'online')));
          let disconnects = 0;
          for (const e of engines) e.socket().on('disconnect', () => disconnects++);

          /** Per engine, the command ids in the order it queued them, and how many events each must leave. */
          const sent: { id: string; events: number }[][] = engines.map(() => []);
          const stream = engines.map(async ({ engine }, n) => {
            const own = uid();
            const queue = (result: ReturnType<typeof engine.send>, events: number) => {
              if (!result.ok) throw new Error(result.error.message);
              sent[n]?.push({ id: result.commandId, events });
            };
            queue(engine.send('incident.declare', own, { title: `Engine ${n}`, severity: 'SEV-3' }), 4);
            for (const [i, pause] of (pauses[n] ?? []).entries()) {
              await sleep(pause);
              const entryId = `e${n}-${i}`;
              if (i % 4 === 3) {
                // Depends on the entry added just before: out of order it would be refused (not_found).
                queue(engine.send('tried.set_outcome', own, { entryId: `e${n}-${i - 1}`, outcome: 'helped' }), 1);
              } else if (i % 4 === 1) {
                queue(
                  engine.send('status_update.post', shared, {
                    updateId: entryId,
                    text: `Update ${n}.${i}`,
                    audience: 'internal',
                  }),
                  1,
                );
              } else {
                queue(engine.send('tried.add', i % 2 ? shared : own, { entryId, what: `Attempt ${n}.${i}` }), 1);
              }
            }
          });
          let landed = 0;
          const flapping = (async () => {
            for (const { engine, how, after, away } of cuts) {
              await sleep(after);
              const target = engines[engine];
              // Each cut waits for its connection to be up, so it lands however slow the machine is (a cut of a
              // connection still down from the last one would be no cut at all).
              if (!target || !(await connectedSoon(target.socket()))) continue;
              cut(target.socket(), how, away);
              landed++;
            }
          })();
          await Promise.all([...stream, flapping]);
          // The connections really did flap: every landed cut ended its connection.
          expect(landed).toBeGreaterThanOrEqual(10);
          await expect.poll(() => disconnects, { timeout: 10_000 }).toBeGreaterThanOrEqual(landed);

          // Everything drains once the network settles.
          await Promise.all(
            engines.map((e) => viewWhere(e.engine, (v) => v.status === 'online' && v.pending.length === 0)),
          );
          const head = t.hub.state().seq;
          const views = await Promise.all(engines.map((e) => viewWhere(e.engine, (v) => v.confirmed.seq === head)));
          for (const view of views) {
            expect(view.rejected).toEqual([]);
            expect(view.confirmed).toEqual(t.hub.state());
          }

          const { events, byCommand } = await logOf(() => t.hub.store.readSince(0, 100_000));
          expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
          for (const mine of sent) {
            // Exactly once: each command's events, as many as one application makes.
            expect(mine.map((c) => byCommand.get(c.id)?.length ?? 0)).toEqual(mine.map((c) => c.events));
            // In the order the engine queued them.
            const firstSeqs = mine.map((c) => byCommand.get(c.id)?.[0]?.seq ?? 0);
            expect(firstSeqs).toEqual([...firstSeqs].sort((a, b) => a - b));
          }
          expect(byCommand.size).toBe(1 + ENGINES * (1 + COMMANDS_PER_ENGINE));
        } finally {
          engines.forEach((e) => e.engine.stop());
          await t.close();
        }
      }),
      { seed: 424242, numRuns: 5, endOnFailure: true },
    );
  }, 180_000);
});
