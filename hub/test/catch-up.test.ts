import { describe, expect, it } from 'vitest';
import { declare, tried } from './support/commands.js';
import type { TestClient } from './support/test-client.js';
import { useTestHub } from './support/test-hub.js';

/** Sends `count` tried entries, several in flight at once as a busy war room would. */
async function stream(client: TestClient, incidentId: string, count: number): Promise<number> {
  let last = 0;
  for (let i = 0; i < count; i += 50) {
    const seqs = await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) => tried(client, incidentId, `attempt ${i + j}`)),
    );
    last = Math.max(last, ...seqs);
  }
  return last;
}

describe('a client that was away catches up', () => {
  const fixture = useTestHub();
  const connect = fixture.connect;

  it('misses 500 events, reconnects with sync, and ends identical to a client that never left', async () => {
    const writer = await connect(fixture.t.tokens.responder);
    const stayer = await connect(fixture.t.tokens.viewer);
    const leaver = await connect(fixture.t.tokens.viewer);
    const { incidentId, seq: before } = await declare(writer, { severity: 'SEV-1' });
    await leaver.waitForSeq(before);
    const stateWhenLeft = leaver.replica.state;
    leaver.close();

    const head = await stream(writer, incidentId, 500);
    expect(head - before).toBe(500);
    await stayer.waitForSeq(head);

    // Reconnect as the same client would: a new socket, its replica resuming from the last seq it saw.
    const back = await connect(fixture.t.tokens.viewer, { resumeFrom: stateWhenLeft });
    expect(back.syncReplies).toHaveLength(1);
    const reply = back.syncReplies[0];
    expect(reply?.kind).toBe('events');
    if (reply?.kind !== 'events') return;
    expect(reply.events).toHaveLength(500);
    expect(reply.events[0]?.seq).toBe(before + 1);
    expect(reply.more).toBe(false);

    expect(back.replica.state).toEqual(stayer.replica.state);
    expect(stayer.replica.state).toEqual(fixture.t.hub.state());
    expect(stayer.replica.state.incidents[incidentId]?.tried).toHaveLength(500);
  });

  it('pages long catch-ups and sends a snapshot to a fresh client', async () => {
    const writer = await connect(fixture.t.tokens.responder);
    const { incidentId } = await declare(writer);
    const head = await stream(writer, incidentId, 2100);

    const first = await writer.sync(1);
    expect(first).toMatchObject({ kind: 'events', more: true, head });
    if (first.kind !== 'events') return;
    expect(first.events).toHaveLength(2000);
    const second = await writer.sync(first.events.at(-1)?.seq ?? 0);
    expect(second).toMatchObject({ kind: 'events', more: false });

    const fresh = await writer.sync(0);
    expect(fresh.kind).toBe('snapshot');
    if (fresh.kind === 'snapshot') expect(fresh.state).toEqual(fixture.t.hub.state());

    const late = await connect(fixture.t.tokens.viewer);
    expect(late.replica.state).toEqual(fixture.t.hub.state());
  });

  it('repairs a gap in live events by asking for what is missing', async () => {
    const writer = await connect(fixture.t.tokens.responder);
    const reader = await connect(fixture.t.tokens.viewer);
    const { incidentId } = await declare(writer);
    await reader.waitForSeq(4);
    // Simulate a lost message: drop the next live event before the replica sees it.
    reader.socket.off('events');
    const lost = await tried(writer, incidentId, 'lost in transit');
    reader.socket.on('events', (events) => reader.replica.receiveAll(events));
    const next = await tried(writer, incidentId, 'arrives after a gap');
    await reader.waitForSeq(next);
    expect(lost).toBe(next - 1);
    expect(reader.replica.state).toEqual(fixture.t.hub.state());
  });
});
