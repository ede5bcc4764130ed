import { describe, expect, it } from 'vitest';
import { declare } from './support/commands.js';
import { uid } from './support/test-client.js';
import { useTestHub } from './support/test-hub.js';

describe('the same command sent twice is applied once', () => {
  const fixture = useTestHub();
  const connect = fixture.connect;

  const entry = (incidentId: string, commandId: string) => ({
    commandId,
    type: 'tried.add',
    incidentId,
    payload: { entryId: uid(), what: 'Rolled back deploy 4812' },
    clientAt: new Date().toISOString(),
  });

  it('acks a retry with the first seq and writes nothing new', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    const { incidentId } = await declare(ana);
    const command = entry(incidentId, uid());
    const first = await ana.sendRaw(command);
    const headAfterFirst = await fixture.t.hub.store.head();
    const again = await ana.sendRaw(command);
    expect(first).toEqual({ ok: true, seq: 5 });
    expect(again).toEqual({ ok: true, seq: 5, duplicate: true });
    expect(await fixture.t.hub.store.head()).toBe(headAfterFirst);
    expect(fixture.t.hub.state().incidents[incidentId]?.tried).toHaveLength(1);
  });

  it('applies once when both copies arrive in the same batch', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    const { incidentId } = await declare(ana);
    const command = entry(incidentId, uid());
    const acks = await Promise.all([ana.sendRaw(command), ana.sendRaw(command), ana.sendRaw(command)]);
    expect(new Set(acks.map((a) => (a.ok ? a.seq : -1)))).toEqual(new Set([5]));
    expect(fixture.t.hub.state().incidents[incidentId]?.tried).toHaveLength(1);
  });

  it('still answers a retry with the first result after a hub restart', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    const { incidentId } = await declare(ana);
    const command = entry(incidentId, uid());
    const first = await ana.sendRaw(command);
    await fixture.restart();
    const back = await connect(fixture.t.tokens.responder);
    expect(await back.sendRaw(command)).toEqual({ ...first, duplicate: true });
    expect(fixture.t.hub.state().incidents[incidentId]?.tried).toHaveLength(1);
  });

  it('refuses a command id already used by someone else', async () => {
    const ana = await connect(fixture.t.tokens.responder);
    const bo = await connect(fixture.t.tokens.responder2);
    const { incidentId } = await declare(ana);
    const commandId = uid();
    expect(await ana.sendRaw(entry(incidentId, commandId))).toMatchObject({ ok: true });
    const stolen = await bo.sendRaw(entry(incidentId, commandId));
    expect(stolen).toMatchObject({ ok: false, error: { code: 'duplicate_command_id' } });
    expect(fixture.t.hub.state().incidents[incidentId]?.tried).toHaveLength(1);
  });
});
