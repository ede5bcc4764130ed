import { connectErrorSchema, type ConnectRefusal } from '../../../shared/protocol/wire.js';
import type { TestClient } from './test-client.js';

/** Resolves when the hub ends this client's connection: the reason it gave in `closing`, and socket.io's reason. */
export function closedByHub(client: TestClient): Promise<{ refusal: ConnectRefusal | null; reason: string }> {
  let refusal: ConnectRefusal | null = null;
  client.socket.once('closing', (raw) => {
    refusal = connectErrorSchema.parse(raw);
  });
  return new Promise((resolve) => client.socket.once('disconnect', (reason) => resolve({ refusal, reason })));
}
