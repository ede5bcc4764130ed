import { afterEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../hub.js';
import { STORE_KINDS, storePlace, type StorePlace } from './support/either-store.js';
import { recordSecrets } from './support/suite-logs.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';

describe.each(STORE_KINDS)('a command id re-sent with a different command (%s)', (kind) => {
  let place: StorePlace | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await place?.dispose();
    place = undefined;
  }, 60_000);

  const connect = async (hub: RunningHub, name = 'ana'): Promise<TestClient> => {
    const { token } = await hub.users.createToken(name, 'responder');
    recordSecrets(token);
    const client = await connectClient(hub.url, token);
    clients.push(client);
    return client;
  };

  /** A hub, a responder and an incident to add "tried" entries to. */
  const setUp = async () => {
    place = await storePlace(kind);
    const hub = await place.start();
    const ana = await connect(hub);
    const incidentId = uid();
    const declared = await ana.send('incident.declare', incidentId, { title: 'Checkout errors', severity: 'SEV-2' });
    expect(declared).toMatchObject({ ok: true });
    return { hub, ana, incidentId };
  };

  const tried = (incidentId: string, commandId: string, what: string, entryId = 'entry-1') => ({
    commandId,
    type: 'tried.add',
    incidentId,
    payload: { entryId, what },
    clientAt: new Date().toISOString(),
  });

  it('answers the same command with its first result, and refuses a different one with command_id_reused', async () => {
    const { hub, ana, incidentId } = await setUp();
    const commandId = uid();
    const first = await ana.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812'));
    expect(first).toMatchObject({ ok: true });
    const head = await hub.store.head();

    // The same command again, even sent later (another clientAt): the first answer, nothing written.
    expect(await ana.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812'))).toEqual({
      ...first,
      duplicate: true,
    });
    // Another payload, another incident, another type: each refused with the new code, nothing written.
    const other = uid();
    expect(await ana.send('incident.declare', other, { title: 'Other', severity: 'SEV-3' })).toMatchObject({
      ok: true,
    });
    const afterOther = await hub.store.head();
    for (const different of [
      tried(incidentId, commandId, 'Restarted the gateway'),
      tried(other, commandId, 'Rolled back deploy 4812'),
      { ...tried(incidentId, commandId, ''), type: 'followup.add', payload: { followupId: 'f1', text: 'Rolled back' } },
    ]) {
      const answer = await ana.sendRaw(different);
      expect(answer).toMatchObject({ ok: false, error: { code: 'command_id_reused' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/different change/);
    }
    expect(await hub.store.head()).toBe(afterOther);
    expect(afterOther).toBeGreaterThan(head);
    expect(hub.state().incidents[incidentId]?.tried.map((t) => t.what)).toEqual(['Rolled back deploy 4812']);
    expect(hub.state().incidents[other]?.tried).toEqual([]);
  });

  it('refuses the second of two different commands sharing an id in one batch', async () => {
    const { hub, ana, incidentId } = await setUp();
    const commandId = uid();
    // Sent in one turn, so the pipeline decides them together (the id is not in the store yet).
    const [a, b, c] = await Promise.all([
      ana.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812')),
      ana.sendRaw(tried(incidentId, commandId, 'Restarted the gateway', 'entry-2')),
      ana.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812')),
    ]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: false, error: { code: 'command_id_reused' } });
    expect(c).toEqual({ ...a, duplicate: true });
    expect(hub.state().incidents[incidentId]?.tried.map((t) => t.what)).toEqual(['Rolled back deploy 4812']);
  });

  it('still tells them apart after a restart (the fingerprint is stored with the command)', async () => {
    const { hub, ana, incidentId } = await setUp();
    const commandId = uid();
    const first = await ana.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812'));
    ana.close();
    await place!.stop(hub);
    const again = await place!.start();
    const back = await connect(again, 'bo');
    // Another person under the same id stays the older refusal; the sender's own id is checked by what it asks.
    expect(await back.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812'))).toMatchObject({
      ok: false,
      error: { code: 'duplicate_command_id' },
    });
    const anaAgain = await connect(again, 'ana');
    expect(await anaAgain.sendRaw(tried(incidentId, commandId, 'Rolled back deploy 4812'))).toEqual({
      ...first,
      duplicate: true,
    });
    expect(await anaAgain.sendRaw(tried(incidentId, commandId, 'Restarted the gateway'))).toMatchObject({
      ok: false,
      error: { code: 'command_id_reused' },
    });
  });
});
