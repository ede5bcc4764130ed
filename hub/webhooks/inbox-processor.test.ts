import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_MAPPING } from '../../shared/alerts/severity-mapping.js';
import type { Clock } from '../../shared/clock.js';
import type { Command } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Person } from '../../shared/domain/primitives.js';
import { EMPTY_STATE } from '../../shared/domain/state.js';
import { CommandPipeline } from '../commands/command-pipeline.js';
import { silentLogger } from '../log.js';
import { openDatabase, type Db } from '../store/sqlite/database.js';
import { SqliteWebhookInbox } from '../store/sqlite/sqlite-inbox.js';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store.js';
import { watchStore, type WatchedStore } from '../test/support/watched-store.js';
import { fixtureBytes } from '../test/support/webhook-fixtures.js';
import type { InboxRow, WebhookInbox } from './inbox.js';
import { InboxProcessor } from './inbox-processor.js';
import { parseWebhookBody } from './parse-support.js';
import { PARSERS } from './sources.js';

const clock: Clock = { now: () => Date.parse('2026-11-27T13:45:00Z') };
const now = () => new Date(clock.now()).toISOString();

describe('InboxProcessor', () => {
  let dir: string;
  let db: Db;
  let inbox: WebhookInbox;
  let watched: WatchedStore;
  let committed: DomainEvent[];
  let pipeline: CommandPipeline;
  let submitted: string[];
  let processors: InboxProcessor[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-inbox-'));
    db = openDatabase(join(dir, 'db.sqlite'));
    inbox = new SqliteWebhookInbox(db);
    committed = [];
    submitted = [];
    processors = [];
    // The real SQLite store; `failAppend` stands in for a full disk.
    watched = watchStore(new SqliteEventStore(db));
    pipeline = new CommandPipeline({
      store: watched.store,
      clock,
      logger: silentLogger,
      initialState: EMPTY_STATE,
      onCommitted: (events) => committed.push(...events),
    });
  });
  afterEach(async () => {
    await Promise.all(processors.map((p) => p.close()));
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const processor = (parse?: (row: InboxRow) => ReturnType<typeof parseWebhookBody>) => {
    const p = new InboxProcessor({
      inbox,
      submit: (command: Command, actor: Person) => {
        submitted.push(command.commandId);
        return pipeline.submit(command, actor);
      },
      parse:
        parse ??
        ((row) =>
          parseWebhookBody(PARSERS[row.source], row.body, row.headers, {
            severity: DEFAULT_SEVERITY_MAPPING,
            receivedAt: row.receivedAt,
          })),
      logger: silentLogger,
      now,
      retryDelayMs: 5,
    });
    processors.push(p);
    return p;
  };
  const add = (name: string, source: InboxRow['source'] = 'alertmanager') =>
    inbox.add({
      source,
      tokenId: 't_1',
      receivedAt: '2026-11-27T13:40:00.000Z',
      headers: {},
      body: fixtureBytes(name),
    });

  it('applies waiting requests in order through the pipeline, then empties the inbox', async () => {
    const first = await add('alertmanager-firing.json');
    await add('alertmanager-grouped.json');
    await add('alertmanager-resolved.json');
    const p = processor();
    p.start();
    await p.idle();
    expect(await inbox.count()).toBe(0);
    expect(submitted).toEqual([`hub-webhook-${first}-0`, `hub-webhook-${first + 1}-0`, `hub-webhook-${first + 2}-0`]);
    expect(watched.appends).toHaveLength(1); // the three requests' commands went to the pipeline together: one transaction
    expect(committed.filter((e) => e.type === 'incident.declared').map((e) => e.incidentId)).toEqual([
      `alert-${first}-0`,
      `alert-${first + 1}-0`,
    ]);
    expect(committed.at(-1)).toMatchObject({
      type: 'alert.resolved',
      incidentId: `alert-${first}-0`,
      actor: { id: 'integration-alertmanager', name: 'Alertmanager' },
      clientAt: '2026-11-27T13:40:00.000Z',
    });
  });

  it('keeps a request whose alerts could not be saved and retries it until they are', async () => {
    watched.failAppend = true;
    await add('generic-firing.json', 'generic');
    const p = processor();
    p.start();
    await p.idle();
    expect(await inbox.count()).toBe(1);
    expect((await inbox.claim(1))[0]?.attempts).toBe(1);
    expect(committed).toEqual([]);
    watched.failAppend = false;
    await expect.poll(() => inbox.count(), { timeout: 2000, interval: 5 }).toBe(0);
    expect(committed.filter((e) => e.type === 'incident.declared')).toHaveLength(1);
    expect(committed.filter((e) => e.type === 'alert.attached')).toHaveLength(2); // two alerts, one key
  });

  it('answers a request processed again (a crash before its inbox row was deleted) as duplicates', async () => {
    const id = await add('alertmanager-firing.json');
    const p = processor();
    p.start();
    await p.idle();
    const events = committed.length;
    expect(events).toBeGreaterThan(0);
    // The crash: the commands were committed, the row was not deleted. Put it back with the same id.
    db.prepare(
      "INSERT INTO webhook_inbox (id, source, token_id, received_at, headers, body) VALUES (?, 'alertmanager', 't_1', ?, '{}', ?)",
    ).run(id, '2026-11-27T13:40:00.000Z', fixtureBytes('alertmanager-firing.json'));
    const again = processor();
    again.start();
    await again.idle();
    expect(await inbox.count()).toBe(0);
    expect(committed).toHaveLength(events); // nothing applied twice: no second incident, no second count
    expect(pipeline.state.incidents[`alert-${id}-0`]?.alerts[0]?.count).toBe(1);
  });

  it('sets aside a request that no longer parses, and tries it again at the next start', async () => {
    await add('generic-firing.json', 'generic');
    const broken = processor(() => ({ ok: false, reason: 'parser changed' }));
    broken.start();
    await broken.idle();
    expect(await inbox.count()).toBe(1);
    expect(await inbox.claim(10)).toEqual([]);
    expect(committed).toEqual([]);
    await broken.close();
    const fixed = processor();
    fixed.start();
    await fixed.idle();
    expect(await inbox.count()).toBe(0);
    expect(committed.length).toBeGreaterThan(0);
  });

  it('deletes a request whose alerts the rules refuse (a resolved alert with no open incident)', async () => {
    await add('alertmanager-resolved.json');
    const p = processor();
    p.start();
    await p.idle();
    expect(await inbox.count()).toBe(0);
    expect(committed).toEqual([]);
  });

  it('leaves everything in the inbox once closed', async () => {
    watched.failAppend = true;
    await add('generic-resolved.json', 'generic');
    const p = processor();
    await p.close();
    p.notify();
    await p.idle();
    expect(submitted).toEqual([]);
    expect(await inbox.count()).toBe(1);
  });
});
