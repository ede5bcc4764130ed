import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import { databaseFile } from '../data-dir.js';
import { runCliProcess, startHubProcess } from './support/hub-process.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';

interface Sent {
  readonly command: { commandId: string; type: string; incidentId: string; payload: object; clientAt: string };
  acked: boolean;
}

/** A client's outbox: every command is recorded before it is sent and marked when the hub acks it. */
function streamUntilStopped(client: TestClient, incidentId: string, outbox: Map<string, Sent>, stop: { now: boolean }) {
  const next = (i: number): Sent['command'] => {
    const base = { commandId: uid(), clientAt: new Date().toISOString() };
    if (i % 10 === 9)
      return {
        ...base,
        type: 'incident.declare',
        incidentId: uid(),
        payload: { title: `Spin-off ${i}`, severity: 'SEV-3' },
      };
    return { ...base, type: 'tried.add', incidentId, payload: { entryId: uid(), what: `attempt ${i}` } };
  };
  const lane = async (laneNo: number) => {
    for (let i = laneNo; !stop.now; i += 8) {
      const command = next(i);
      const sent: Sent = { command, acked: false };
      outbox.set(command.commandId, sent);
      try {
        const ack = await client.sendRaw(command);
        if (ack.ok) sent.acked = true;
      } catch {
        return; // the hub died mid-command: this one stays in the outbox, unacked
      }
    }
  };
  return Promise.all(Array.from({ length: 8 }, (_, n) => lane(n)));
}

describe('the hub is killed with SIGKILL while commands stream in', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acked command exactly once, with no seq gap and nothing half-applied', async () => {
    const token = runCliProcess(['token', 'create', '--user', 'ana', '--role', 'responder', '--data', dataDir]);
    const first = await startHubProcess(dataDir, ['--no-local-token']);
    const clients = await Promise.all([1, 2, 3].map(() => connectClient(first.url, token)));
    const incidentId = uid();
    expect(
      await clients[0]?.send('incident.declare', incidentId, { title: 'Black Friday checkout', severity: 'SEV-1' }),
    ).toMatchObject({ ok: true });

    const outbox = new Map<string, Sent>();
    const stop = { now: false };
    const streams = clients.map((c) => streamUntilStopped(c, incidentId, outbox, stop));
    while ([...outbox.values()].filter((s) => s.acked).length < 300) await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    stop.now = true;
    clients.forEach((c) => c.socket.disconnect());
    await Promise.all(streams);

    const acked = [...outbox.values()].filter((s) => s.acked);
    const unacked = [...outbox.values()].filter((s) => !s.acked);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(unacked.length).toBeGreaterThan(0);

    // After restart: the log on disk has no gap, and each command's events are all there or none are.
    const second = await startHubProcess(dataDir, ['--no-local-token']);
    try {
      const log = readLog(dataDir);
      expect(log.events.map((e) => e.seq)).toEqual(log.events.map((_, i) => i + 1));
      for (const c of log.commands) {
        const own = log.events.filter((e) => e.commandId === c.command_id).map((e) => e.seq);
        expect(own).toEqual(Array.from({ length: c.last_seq - c.first_seq + 1 }, (_, i) => c.first_seq + i));
      }
      const logged = eventsPerCommand(log.events);
      for (const s of acked) expect(logged.get(s.command.commandId), s.command.commandId).toBe(expectedEvents(s));
      for (const s of unacked) expect([0, expectedEvents(s)]).toContain(logged.get(s.command.commandId) ?? 0);

      // The clients' outboxes re-send what was never acked: applied once, and everything converges.
      const back = await connectClient(second.url, token);
      const resent = await Promise.all(unacked.map((s) => back.sendRaw(s.command)));
      expect(resent.every((a) => a.ok)).toBe(true);
      const again = await Promise.all([...outbox.values()].slice(0, 50).map((s) => back.sendRaw(s.command)));
      expect(again.every((a) => a.ok && a.duplicate)).toBe(true);

      const final = readLog(dataDir);
      const perCommand = eventsPerCommand(final.events);
      for (const s of outbox.values()) expect(perCommand.get(s.command.commandId)).toBe(expectedEvents(s));
      expect(final.events.map((e) => e.seq)).toEqual(final.events.map((_, i) => i + 1));
      const tried = outbox.size - [...outbox.values()].filter((s) => s.command.type === 'incident.declare').length;
      await back.waitForSeq(final.events.length);
      expect(back.replica.state.incidents[incidentId]?.tried).toHaveLength(tried);
      back.close();
    } finally {
      await second.stop();
    }
  });
});

/** A declare writes four events (declared, lead, two checklists); a tried entry one. */
function expectedEvents(s: Sent): number {
  return s.command.type === 'incident.declare' ? 4 : 1;
}

/** How many logged events each command produced. */
function eventsPerCommand(events: DomainEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of events.flatMap((e) => (e.commandId ? [e.commandId] : []))) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

function readLog(dataDir: string) {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    const events = (db.prepare('SELECT body FROM events ORDER BY seq').pluck().all() as string[]).map(
      (b) => JSON.parse(b) as DomainEvent,
    );
    const commands = db.prepare('SELECT * FROM commands ORDER BY first_seq').all() as {
      command_id: string;
      first_seq: number;
      last_seq: number;
    }[];
    return { events, commands };
  } finally {
    db.close();
  }
}
