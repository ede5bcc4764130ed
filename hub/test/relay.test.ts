import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { describe, expect, it } from 'vitest';
import { declare } from './support/commands.js';
import { useTestHub } from './support/test-hub.js';

describe('a command from one client reaches the others', () => {
  const fixture = useTestHub();
  const connect = fixture.connect;

  it('delivers the events of a declare to a second client, in seq order, and both replicas agree', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    const viewer = await connect(fixture.t.tokens.viewer);

    const { incidentId, seq } = await declare(ana, { title: 'Payments down', severity: 'SEV-1' });
    await viewer.waitForSeq(seq);

    expect(viewer.received.map((e) => e.type)).toEqual([
      'incident.declared',
      'role.assigned',
      'checklist.created',
      'checklist.created',
    ]);
    expect(viewer.received.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(seq).toBe(4);
    const incident = viewer.replica.state.incidents[incidentId];
    expect(incident?.title).toBe('Payments down');
    expect(incident?.roles.lead).toEqual({ id: ana.welcome.user.id, name: 'ana' });
    expect(viewer.replica.state).toEqual(fixture.t.hub.state());
    await ana.waitForSeq(seq);
    expect(ana.replica.state).toEqual(fixture.t.hub.state());
  });

  it('keeps the client time beside the hub time on each event', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    const bo = await connect(fixture.t.tokens.responder2);
    const { incidentId } = await declare(ana);
    const typedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    const ack = await ana.sendRaw({
      commandId: 'offline-entry-1',
      type: 'tried.add',
      incidentId,
      payload: { entryId: 'e1', what: 'Restarted the payment workers', hypothesis: 'stuck connections' },
      clientAt: typedAt,
    });
    expect(ack).toEqual({ ok: true, seq: 5 });
    await bo.waitForSeq(5);
    const event = bo.received.at(-1);
    expect(event?.clientAt).toBe(typedAt);
    expect(Date.parse(event?.at ?? '')).toBeGreaterThan(Date.parse(typedAt));
    expect(bo.replica.state.incidents[incidentId]?.tried[0]).toMatchObject({
      what: 'Restarted the payment workers',
      at: typedAt,
    });
  });

  it('says who connected and the head seq in the welcome', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    await declare(ana);
    const viewer = await connect(fixture.t.tokens.viewer);
    expect(viewer.welcome).toMatchObject({
      protocol: PROTOCOL_VERSION,
      head: 4,
      user: { name: 'vic', role: 'viewer' },
    });
    expect(viewer.replica.state.seq).toBe(4);
  });
});
