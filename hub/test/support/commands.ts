import type { CommandInputOf } from '../../../shared/domain/commands.js';
import { uid, type TestClient } from './test-client.js';

/** Declares an incident and returns its id; fails the test if the hub refuses. */
export async function declare(
  client: TestClient,
  payload: Partial<CommandInputOf<'incident.declare'>['payload']> = {},
): Promise<{ incidentId: string; seq: number }> {
  const incidentId = uid();
  const ack = await client.send('incident.declare', incidentId, {
    title: 'Checkout errors',
    severity: 'SEV-2',
    ...payload,
  });
  if (!ack.ok) throw new Error(`declare refused: ${ack.error.message}`);
  return { incidentId, seq: ack.seq };
}

/** Adds a "what we've tried" entry and fails the test if refused. */
export async function tried(client: TestClient, incidentId: string, what: string): Promise<number> {
  const ack = await client.send('tried.add', incidentId, { entryId: uid(), what });
  if (!ack.ok) throw new Error(`tried.add refused: ${ack.error.message}`);
  return ack.seq;
}
