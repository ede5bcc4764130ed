import { describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol/wire.js';
import type { RunningHub } from '../hub.js';
import { openPostgresStore } from '../store/postgres/open-postgres.js';
import { useCleanup } from './support/after-each-cleanup.js';
import { createTokens } from './support/cluster.js';
import { declare } from './support/commands.js';
import { FakeTime } from './support/fake-time.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { startInProcessNodes } from './support/in-process-nodes.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { acceptedChange } from './support/status-page-hub.js';
import { connectClient, uid } from './support/test-client.js';

/**
 * Two hub nodes on one PostgreSQL database, on a fake clock, announcing to one Slack app channel (a local receiver
 * playing Slack's Web API): commands go to either node, both nodes enqueue every announcement, either may send it,
 * and the channel still gets each message once, in log order, threaded under the first.
 */

interface Posted {
  text: string;
  thread_ts?: string;
  reply_broadcast?: boolean;
}

describe('announcements from two nodes', () => {
  const { steps: cleanup, clients } = useCleanup();

  it('each message once, in order, replies in the thread of the first, whichever node sends', async () => {
    const databaseUrl = await freshPostgresDatabase('announce');
    cleanup.push(() => dropPostgresDatabase(databaseUrl));
    const receiver: HttpReceiver = await startHttpReceiver();
    cleanup.push(() => receiver.close());
    let next = 100;
    receiver.answerWith(
      Array.from({ length: 20 }, () => ({
        status: 200,
        body: JSON.stringify({ ok: true, ts: `1700000000.000${next++}` }),
      })),
    );
    const time = new FakeTime('2026-03-25T10:00:00.000Z');
    const hubs = await startInProcessNodes({
      databaseUrl,
      count: 2,
      time,
      name: 'announce',
      cleanup,
      contact: { sendTimeoutMs: 5000 },
    });
    const [nodeA, nodeB] = hubs;
    if (!nodeA || !nodeB) throw new Error('two nodes expected');
    const [adminToken, anaToken, boToken] = await createTokens(databaseUrl, [
      { name: 'admin', role: 'admin' },
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
    ]);
    const connect = async (hub: RunningHub, token: string | undefined) => {
      const client = await connectClient(hub.url, token ?? '');
      clients.push(client);
      return client;
    };
    const admin = await connect(nodeA, adminToken);
    const ana = await connect(nodeA, anaToken);
    const bo = await connect(nodeB, boToken);

    await acceptedChange(admin, {
      kind: 'channel.add',
      channel: {
        name: '#sev1',
        severities: ['SEV-1'],
        target: {
          kind: 'slack-app',
          token: 'xoxb-1234567890-abcdefghij',
          channel: 'C1',
          apiUrl: `${receiver.origin}/api`,
        },
      },
    });

    /** Both nodes have folded the whole log and sent what they could. */
    const settled = async () => {
      for (;;) {
        await Promise.all(hubs.map((h) => h.statusPage.settled()));
        const head = await nodeA.store.head();
        if (hubs.every((h) => h.state().seq === head)) {
          await Promise.all(hubs.map((h) => h.statusPage.settled()));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    /** Returns the command's seq, without waiting for the announcements: the nodes race. */
    const seqOf = (ack: CommandAck): number => {
      if (!ack.ok) throw new Error(`refused: ${ack.error.message}`);
      return ack.seq;
    };

    const { incidentId, seq } = await declare(ana, { title: 'Checkout down', severity: 'SEV-1' });
    await bo.waitForSeq(seq);
    const one = seqOf(
      await bo.send('status_update.post', incidentId, { updateId: uid(), text: 'from B, one', audience: 'internal' }),
    );
    await ana.waitForSeq(one);
    const two = seqOf(
      await ana.send('status_update.post', incidentId, { updateId: uid(), text: 'from A, two', audience: 'internal' }),
    );
    await bo.waitForSeq(two);
    seqOf(await bo.send('incident.change_status', incidentId, { status: 'resolved' }));
    await settled();
    // A message that found the one before it still out (on the other node) retries: 30 s, 1 min, … on the fake clock.
    for (let i = 0; i < 8 && receiver.requests.length < 4; i++) await time.advance(60_000, settled);

    // The outbox says the same: four rows, numbered in log order, each sent (some after waiting for the one before).
    const store = await openPostgresStore(databaseUrl, () => time.now());
    cleanup.push(() => store.close());
    const [channel] = await store.statusPage.channels();
    const rows = [];
    for (let n = 1; n <= 5; n++)
      rows.push(await store.statusPage.message(`announce-${channel?.id ?? ''}-${incidentId}-00000${n}`));
    expect(rows.map((r) => r?.status ?? null)).toEqual(['sent', 'sent', 'sent', 'sent', null]);
    expect(receiver.requests).toHaveLength(4);
    const posted = receiver.requests.map((r) => JSON.parse(r.text) as Posted & { blocks: unknown[] });
    const textOf = (p: Posted & { blocks: unknown[] }) =>
      JSON.stringify(p.blocks).includes('from B, one')
        ? 'one'
        : JSON.stringify(p.blocks).includes('from A, two')
          ? 'two'
          : p.text;
    expect(posted.map((p) => [textOf(p), p.thread_ts ?? null, p.reply_broadcast ?? false])).toEqual([
      ['INC-1 declared: SEV-1 Checkout down', null, false],
      ['one', '1700000000.000100', false],
      ['two', '1700000000.000100', false],
      ['INC-1 resolved: SEV-1 Checkout down', '1700000000.000100', true],
    ]);
  }, 120_000);
});
