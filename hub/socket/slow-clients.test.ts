import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { SlowClientGuard } from './slow-clients.js';
import type { HubServer, HubSocket } from './types.js';

const MiB = 1024 * 1024;

/** A socket as engine.io holds it, reduced to what the guard reads: packets waiting, and a close. */
function fakeSocket(id: string) {
  const conn = { writeBuffer: [] as { data: string }[], transport: { name: 'polling' }, closed: false };
  const socket = {
    id,
    data: { session: { tokenId: `t_${id}`, user: { id: `u_${id}`, name: id, role: 'viewer' } } },
    conn: { ...conn, close: () => (socket.closed = true) },
    closed: false,
    queue: (bytes: number) => socket.conn.writeBuffer.push({ data: 'x'.repeat(bytes) }),
  };
  return socket;
}

function guardOver(sockets: ReturnType<typeof fakeSocket>[], limit = MiB) {
  const io = { of: () => ({ sockets: new Map(sockets.map((s) => [s.id, s])) }) } as unknown as HubServer;
  return new SlowClientGuard(io, limit, silentLogger, () => 0);
}

describe('SlowClientGuard', () => {
  it('drops only sockets holding more than the limit, throwing their buffer away, and tells the token why once', () => {
    const reading = fakeSocket('reading');
    const stuck = fakeSocket('stuck');
    const guard = guardOver([reading, stuck]);
    reading.queue(MiB);
    stuck.queue(MiB + 1);
    guard.check();
    expect(reading.closed).toBe(false);
    expect(stuck.closed).toBe(true);
    expect(stuck.conn.writeBuffer).toHaveLength(0);
    expect(guard.takeNotice('t_stuck')).toMatchObject({ code: 'too_slow', message: expect.stringContaining('behind') });
    expect(guard.takeNotice('t_stuck')).toBeUndefined();
    expect(guard.takeNotice('t_reading')).toBeUndefined();
  });

  it('allows an answer the socket asked for (a large snapshot) on top of the limit until it has drained', () => {
    const client = fakeSocket('client');
    const guard = guardOver([client]);
    guard.reply(client as unknown as HubSocket, () => client.queue(3 * MiB));
    client.queue(MiB / 2); // a broadcast behind the snapshot
    guard.check();
    expect(client.closed).toBe(false);
    // It drains below the limit: the allowance is spent, and the limit holds again.
    client.conn.writeBuffer.splice(0);
    guard.check();
    client.queue(MiB + 1);
    guard.check();
    expect(client.closed).toBe(true);
  });

  it('drops a socket that falls behind by more than the limit beyond the answer it asked for', () => {
    const client = fakeSocket('client');
    const guard = guardOver([client]);
    guard.reply(client as unknown as HubSocket, () => client.queue(3 * MiB));
    client.queue(MiB + 1);
    guard.check();
    expect(client.closed).toBe(true);
  });
});
