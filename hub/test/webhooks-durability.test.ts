import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incident.js';
import { databaseFile } from '../data-dir.js';
import { openDatabase } from '../store/sqlite/database.js';
import { runCliProcess, startHubProcess, type HubProcess } from './support/hub-process.js';
import { fixtureBytes } from './support/webhook-fixtures.js';
import { postWebhook } from './support/webhooks.js';

const KEY = 'alertmanager:{}:{alertname="CheckoutErrorRate"}';

/** Reads the hub's SQLite file beside the running hub process (WAL lets a second connection in). */
function withDb<T>(dataDir: string, use: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(databaseFile(dataDir));
  try {
    return use(db);
  } finally {
    db.close();
  }
}

interface InboxRowDump {
  id: number;
  source: string;
  token_id: string;
  received_at: string;
  headers: string;
  body: Buffer;
  attempts: number;
}

describe('an accepted webhook survives the hub dying before its alerts are saved', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-webhook-durability-'));
  const running: HubProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((h) => h.kill()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const hub = await startHubProcess(dataDir, ['--no-local-token']);
    running.push(hub);
    return hub;
  };
  let token = '';
  let viewer = '';
  beforeAll(() => {
    token = runCliProcess(['token', 'create', '--integration', 'alertmanager', '--data', dataDir]);
    viewer = runCliProcess(['token', 'create', '--user', 'vic', '--role', 'viewer', '--data', dataDir]);
  });
  const incidents = async (hub: HubProcess): Promise<Incident[]> => {
    const res = await fetch(`${hub.url}/api/incidents`, { headers: { authorization: `Bearer ${viewer}` } });
    return ((await res.json()) as { incidents: Incident[] }).incidents;
  };
  const inbox = () => withDb(dataDir, (db) => db.prepare('SELECT * FROM webhook_inbox').all() as InboxRowDump[]);
  let kept: InboxRowDump | undefined;

  it('keeps the request in the inbox while the event log cannot be written, and through a SIGKILL', async () => {
    const first = await start();
    // The disk "fails" for events only: a trigger makes every insert into the log abort, as a full disk would.
    withDb(dataDir, (db) =>
      db.exec(`CREATE TRIGGER fail_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END;`),
    );
    const res = await postWebhook(first.url, 'alertmanager', fixtureBytes('alertmanager-firing.json'), { token });
    expect(res.status).toBe(202);
    // The hub tried (and could not save the alert); the request waits in the inbox.
    await expect.poll(() => inbox()[0]?.attempts ?? 0, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    expect(await incidents(first)).toEqual([]);
    kept = inbox()[0];

    await first.kill();
    withDb(dataDir, (db) => db.exec('DROP TRIGGER fail_events'));
    const second = await start();
    await expect
      .poll(async () => (await incidents(second)).filter((i) => i.alerts.some((a) => a.key === KEY)).length, {
        timeout: 10_000,
        interval: 50,
      })
      .toBe(1);
    expect(inbox()).toEqual([]);
    await second.stop();
  });

  it('applies a request processed again after a crash (committed, inbox row not yet deleted) only once', async () => {
    if (!kept) throw new Error('needs the request kept by the first test');
    const before = withDb(dataDir, (db) => db.prepare('SELECT count(*) FROM events').pluck().get() as number);
    // The crash between commit and delete: the row is back, with its id (its commands' ids come from it).
    const row = kept;
    withDb(dataDir, (db) =>
      db
        .prepare(
          'INSERT INTO webhook_inbox (id, source, token_id, received_at, headers, body) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(row.id, row.source, row.token_id, row.received_at, row.headers, row.body),
    );
    const third = await start();
    await expect.poll(() => inbox().length, { timeout: 10_000, interval: 50 }).toBe(0);
    const after = withDb(dataDir, (db) => db.prepare('SELECT count(*) FROM events').pluck().get() as number);
    expect(after).toBe(before);
    const [incident, ...others] = (await incidents(third)).filter((i) => i.alerts.some((a) => a.key === KEY));
    expect(others).toEqual([]);
    expect(incident?.alerts[0]?.count).toBe(1);
    await third.stop();
  });
});

describe('a 202 is sent only once the request is durable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-webhook-ack-'));
  const running: HubProcess[] = [];
  afterAll(async () => {
    await Promise.all(running.map((h) => h.kill()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps, through a SIGKILL right after each 202, the request: its alerts committed or its inbox row', async () => {
    const token = runCliProcess(['token', 'create', '--integration', 'alertmanager', '--data', dataDir]);
    const body = (name: string) =>
      Buffer.from(
        fixtureBytes('alertmanager-firing.json').toString('utf8').replaceAll('CheckoutErrorRate', name),
        'utf8',
      );
    const names = ['AckedThenKilledA', 'AckedThenKilledB', 'AckedThenKilledC'];
    for (const name of names) {
      const hub = await startHubProcess(dataDir, ['--no-local-token']);
      running.push(hub);
      const res = await postWebhook(hub.url, 'alertmanager', body(name), { token });
      expect(res.status).toBe(202);
      await hub.kill();
      // Killed at once: whichever of the two the hub had reached, the request is on disk.
      const kept = withDb(dataDir, (db) => {
        const inInbox = (db.prepare('SELECT body FROM webhook_inbox').pluck().all() as Buffer[]).some((b) =>
          b.toString('utf8').includes(name),
        );
        const committed = (db.prepare('SELECT body FROM events').pluck().all() as string[]).some((e) =>
          e.includes(name),
        );
        return inInbox || committed;
      });
      expect(kept, name).toBe(true);
    }
    // A last start processes whatever was left: one incident per request, the inbox empty.
    const last = await startHubProcess(dataDir, ['--no-local-token']);
    running.push(last);
    await expect
      .poll(() => withDb(dataDir, (db) => db.prepare('SELECT count(*) FROM webhook_inbox').pluck().get()), {
        timeout: 10_000,
        interval: 50,
      })
      .toBe(0);
    const events = withDb(dataDir, (db) => db.prepare('SELECT body FROM events').pluck().all() as string[]);
    for (const name of names)
      expect(
        events.some((e) => e.includes(name)),
        name,
      ).toBe(true);
    await last.stop();
  });
});
