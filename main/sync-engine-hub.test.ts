import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../shared/domain/events.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { FileStorage } from './file-storage.js';
import { startE2eHub } from '../e2e/support/hub-process.js';
import { viewWhere } from './test/view-where.js';

const FIXTURE = fileURLToPath(new URL('./test/fixtures/offline-client.mjs', import.meta.url));

function engine(hubUrl: string, token: string, storageDir: string): SyncEngine {
  return new SyncEngine({
    hubUrl,
    token,
    storage: new FileStorage(storageDir),
    timers: { set: setTimeout, clear: clearTimeout },
    newId: randomUUID,
  });
}

/** Runs a separate client process that queues `commands` while the hub is down, then kills it with SIGKILL. */
async function queueInAnotherProcess(hubUrl: string, token: string, storageDir: string, commands: object[]) {
  const child = spawn(process.execPath, [FIXTURE, hubUrl, token, storageDir, JSON.stringify(commands)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`client exited early with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  return JSON.parse(line) as { ids: string[]; pending: number };
}

async function timeline(hubUrl: string, token: string, incidentId: string): Promise<DomainEvent[]> {
  const res = await fetch(`${hubUrl}/api/incidents/${incidentId}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { events: DomainEvent[] }).events;
}

describe('the sync engine against a real hub', () => {
  const storageDir = mkdtempSync(join(tmpdir(), 'warroom-engine-store-'));
  afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

  it('queues offline edits that survive a client restart and land exactly once; rejections surface', async () => {
    const hub = await startE2eHub([{ name: 'ana', role: 'responder' }]);
    const token = hub.token('ana');

    // Online: declare an incident and see it confirmed.
    const first = engine(hub.url, token, storageDir);
    const streamed: DomainEvent[] = [];
    first.onEvents((events) => streamed.push(...events));
    first.start();
    const online = await viewWhere(first, (v) => v.status === 'online');
    expect(online.people.map((p) => p.name)).toEqual(['ana']);
    const incidentId = randomUUID();
    expect(first.send('incident.declare', incidentId, { title: 'Checkout errors', severity: 'SEV-1' }).ok).toBe(true);
    await viewWhere(first, (v) => v.pending.length === 0 && v.confirmed.incidents[incidentId] !== undefined);
    const fetched = await first.getTimeline(incidentId);
    expect(fetched.map((e) => e.type)).toEqual([
      'incident.declared',
      'role.assigned',
      'checklist.created',
      'checklist.created',
    ]);
    expect(streamed.map((e) => e.seq)).toEqual(fetched.map((e) => e.seq));

    // The hub goes away; the app notices.
    await hub.stop();
    await viewWhere(first, (v) => v.status === 'offline');
    await expect(first.getTimeline(incidentId)).rejects.toThrow(/needs the hub/);
    first.stop();

    // Another client process queues three entries while offline, and dies hard.
    const commands = ['Restarted payment workers', 'Rolled back 4812', 'Raised DB pool'].map((what) => ({
      type: 'tried.add',
      incidentId,
      payload: { entryId: randomUUID(), what },
    }));
    const queued = await queueInAnotherProcess(hub.url, token, storageDir, commands);
    expect(queued.pending).toBe(3);

    // The app starts again on the same storage: last known state at once (stale), edits shown as pending.
    const second = engine(hub.url, token, storageDir);
    expect(second.view.stale).toBe(true);
    expect(second.view.pending.map((p) => p.commandId)).toEqual(queued.ids);
    expect(second.view.pending.every((p) => p.shown)).toBe(true);
    expect(second.view.state.incidents[incidentId]?.tried.map((t) => t.what)).toEqual(
      commands.map((c) => c.payload.what),
    );
    expect(second.view.confirmed.incidents[incidentId]?.tried).toEqual([]);

    // The hub comes back: the queue drains, and the person's entries never vanish on the way.
    await hub.restart();
    const shownCounts: number[] = [];
    second.onChange((v) => shownCounts.push(v.state.incidents[incidentId]?.tried.length ?? 0));
    second.start();
    const drained = await viewWhere(second, (v) => v.status === 'online' && v.pending.length === 0);
    expect(drained.stale).toBe(false);
    expect(drained.confirmed.incidents[incidentId]?.tried).toHaveLength(3);
    expect(Math.min(...shownCounts)).toBe(3);
    const events = await timeline(hub.url, token, incidentId);
    for (const id of queued.ids) expect(events.filter((e) => e.commandId === id)).toHaveLength(1);

    // A command the hub refuses comes back with its message, and is not retried.
    const closing = second.send('incident.change_status', incidentId, { status: 'closed' });
    expect(closing.ok).toBe(true);
    const refused = await viewWhere(second, (v) => v.rejected.length === 1);
    expect(refused.pending).toHaveLength(0);
    expect(refused.rejected[0]?.error.code).toBe('illegal_transition');
    expect(refused.rejected[0]?.error.message).toMatch(/cannot go from investigating to closed/);
    second.send('tried.add', incidentId, { entryId: randomUUID(), what: 'One more thing' });
    await viewWhere(second, (v) => v.pending.length === 0);
    const after = await timeline(hub.url, token, incidentId);
    expect(after.filter((e) => e.type === 'incident.status_changed')).toHaveLength(0);
    second.dismissRejection(refused.rejected[0]?.command.commandId ?? '');
    expect(second.view.rejected).toHaveLength(0);

    second.stop();
    await hub.dispose();
  });

  it('emits a view only when something changed: an ack that changes nothing brings none', async () => {
    const hub = await startE2eHub([{ name: 'ana', role: 'responder' }]);
    const e = engine(hub.url, hub.token('ana'), mkdtempSync(join(storageDir, 'quiet-')));
    e.start();
    await viewWhere(e, (v) => v.status === 'online');
    const views: EngineView[] = [];
    e.onChange((v) => views.push(v));
    const incidentId = randomUUID();
    e.send('incident.declare', incidentId, { title: 'Checkout errors', severity: 'SEV-2' });
    await viewWhere(e, (v) => v.pending.length === 0 && v.confirmed.incidents[incidentId] !== undefined);
    // The hub answers in order on one connection: once the timeline is back, the command's ack has come too.
    await e.getTimeline(incidentId);
    // Queued (shown pending), then confirmed (events in, pending out); the ack and the events bring one change.
    expect(views.map((v) => [v.pending.length, v.confirmed.incidents[incidentId] !== undefined])).toEqual([
      [1, false],
      [0, true],
    ]);
    e.stop();
    await hub.dispose();
  });

  it('refuses malformed input at once and queues nothing', () => {
    const e = engine('http://127.0.0.1:9', 'wr_x', mkdtempSync(join(storageDir, 'bad-')));
    const result = e.send('tried.add', 'inc', { entryId: 'e1', what: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(result.ok || result.error.message).toMatch(/payload\.what/);
    expect(e.view.pending).toHaveLength(0);
  });

  it('shows the hub refusal of a wrong token', async () => {
    const hub = await startE2eHub([]);
    const e = engine(hub.url, 'wr_wrong', mkdtempSync(join(storageDir, 'wrong-')));
    e.start();
    const refused = await viewWhere(e, (v) => v.refusal !== null);
    expect(refused.refusal).toMatchObject({ code: 'unauthorized' });
    expect(refused.status).toBe('offline');
    e.stop();
    await hub.dispose();
  });
});
