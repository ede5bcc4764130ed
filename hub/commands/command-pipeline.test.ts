import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandSchema, type Command } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import { EMPTY_STATE } from '../../shared/domain/state.js';
import type { Clock } from '../../shared/clock.js';
import { silentLogger } from '../log.js';
import { openDatabase, type Db } from '../store/sqlite/database.js';
import { SqliteEventStore } from '../store/sqlite/sqlite-event-store.js';
import { watchStore, type WatchedStore } from '../test/support/watched-store.js';
import { CommandPipeline } from './command-pipeline.js';

const ana = { id: 'u-ana', name: 'Ana' };
const clock: Clock = { now: () => Date.parse('2026-11-27T03:10:00Z') };

const declare = (incidentId: string): Command =>
  commandSchema.parse({
    commandId: `c-${incidentId}`,
    type: 'incident.declare',
    incidentId,
    payload: { title: `Incident ${incidentId}`, severity: 'SEV-2' },
    clientAt: '2026-11-27T03:09:00Z',
  });

describe('CommandPipeline', () => {
  let dir: string;
  let db: Db;
  let watched: WatchedStore;
  let committed: DomainEvent[];
  let pipeline: CommandPipeline;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-pipeline-'));
    db = openDatabase(join(dir, 'db.sqlite'));
    // The real SQLite store, watched; `failAppend` stands in for a full disk, the one edge we cannot cause here.
    watched = watchStore(new SqliteEventStore(db));
    committed = [];
    pipeline = new CommandPipeline({
      store: watched.store,
      clock,
      logger: silentLogger,
      initialState: EMPTY_STATE,
      onCommitted: (events) => committed.push(...events),
    });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes commands that arrive together in one transaction (group commit), acking in order', async () => {
    const acks = await Promise.all(Array.from({ length: 100 }, (_, i) => pipeline.submit(declare(`i${i}`), ana)));
    expect(watched.appends).toHaveLength(1);
    expect(watched.appends[0]?.events).toHaveLength(400);
    expect(acks.map((a) => (a.ok ? a.seq : 0))).toEqual(Array.from({ length: 100 }, (_, i) => 4 * (i + 1)));
    expect(committed.map((e) => e.seq)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(pipeline.state.nextNumber).toBe(101);
  });

  it('decides each command on the state left by the ones before it in the same batch', async () => {
    const [first, second] = await Promise.all([
      pipeline.submit(declare('same'), ana),
      pipeline.submit({ ...declare('same'), commandId: 'other' }, ana),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'already_exists' } });
  });

  it('stamps hub time, keeps the person time, and clamps a client clock that runs ahead', async () => {
    await pipeline.submit(declare('a'), ana);
    await pipeline.submit({ ...declare('b'), clientAt: '2026-11-27T05:00:00.000Z' }, ana);
    const [a, b] = [committed[0], committed[4]];
    expect(a).toMatchObject({
      at: '2026-11-27T03:10:00.000Z',
      clientAt: '2026-11-27T03:09:00.000Z',
      actor: ana,
      commandId: 'c-a',
    });
    expect(b?.clientAt).toBe('2026-11-27T03:10:00.000Z');
  });

  it('decides the follow-ups a command calls for right after it, in the same append, and records them', async () => {
    const hub = { id: 'warroom', name: 'Warroom' };
    const tried = (incidentId: string): Command =>
      commandSchema.parse({
        commandId: `hub-tried-${incidentId}`,
        type: 'tried.add',
        incidentId,
        payload: { entryId: 'e1', what: 'Looked at the dashboards' },
        clientAt: '2026-11-27T03:09:00Z',
      });
    const withFollowUps = new CommandPipeline({
      store: watched.store,
      clock,
      logger: silentLogger,
      initialState: EMPTY_STATE,
      onCommitted: (events) => committed.push(...events),
      followUps: (state, events) =>
        events.flatMap((e) =>
          e.type === 'incident.declared' && state.incidents[e.incidentId]
            ? [{ command: tried(e.incidentId), actor: hub }]
            : [],
        ),
    });
    const [a, b] = await Promise.all([
      withFollowUps.submit(declare('a'), ana),
      withFollowUps.submit(declare('b'), ana),
    ]);
    // Each declaration's 4 events, then its follow-up's: one append, seqs with no gap.
    expect(a).toEqual({ ok: true, seq: 4 });
    expect(b).toEqual({ ok: true, seq: 9 });
    expect(watched.appends).toHaveLength(1);
    expect(committed.map((e) => [e.seq, e.type, e.incidentId])).toContainEqual([5, 'tried.added', 'a']);
    expect(committed.map((e) => [e.seq, e.type, e.incidentId])).toContainEqual([10, 'tried.added', 'b']);
    expect(committed.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    // Recorded like any command: the same id again is answered with its first result.
    expect(await withFollowUps.submit(tried('a'), hub)).toEqual({ ok: true, seq: 5, duplicate: true });
  });

  it('commits the command alone when deciding its follow-ups fails', async () => {
    const failing = new CommandPipeline({
      store: watched.store,
      clock,
      logger: silentLogger,
      initialState: EMPTY_STATE,
      onCommitted: (events) => committed.push(...events),
      followUps: () => {
        throw new Error('a bug in paging');
      },
    });
    expect(await failing.submit(declare('a'), ana)).toEqual({ ok: true, seq: 4 });
    expect(committed).toHaveLength(4);
  });

  it('refuses the whole batch and changes nothing when the write fails', async () => {
    await pipeline.submit(declare('before'), ana);
    const before = pipeline.state;
    watched.failAppend = true;
    const acks = await Promise.all([pipeline.submit(declare('x'), ana), pipeline.submit(declare('y'), ana)]);
    expect(acks).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'storage_failed' }) }),
      expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'storage_failed' }) }),
    ]);
    expect(pipeline.state).toBe(before);
    expect(committed).toHaveLength(4);
    watched.failAppend = false;
    expect(await pipeline.submit(declare('x'), ana)).toEqual({ ok: true, seq: 8 });
  });
});
