import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../data-dir.js';
import { openDatabase } from '../store/sqlite/database.js';
import { FakeTime } from './support/fake-time.js';
import {
  MINUTE,
  act,
  declareAt,
  pagesSeen,
  setUpCheckout,
  startPagingHub,
  type PagingHub,
} from './support/paging-hub.js';

/** The stored paging deadlines, read from the SQLite file while no hub has it open. */
function storedDeadlines(dataDir: string): unknown[] {
  const db = openDatabase(databaseFile(dataDir));
  try {
    return db.prepare('SELECT incident_id, kind, due_at, step, round FROM paging_deadlines').all();
  } finally {
    db.close();
  }
}

describe('a hub restart in the middle of an escalation (real hub, real SQLite file, fake clock)', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('pages the backup exactly once when the primary’s timeout passed while running, and repeats nothing after a restart', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time);
    await t.advance(5 * MINUTE); // the primary's timeout passes: the backup is paged
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:05 sent escalation s1r0 bo',
    ]);
    await t.stop();
    expect(storedDeadlines(t.dataDir)).toEqual([
      { incident_id: incidentId, kind: 'escalation', due_at: '2026-03-25T10:10:00.000Z', step: 2, round: 0 },
    ]);

    t = await t.restart(2 * MINUTE); // 10:07, before the next step
    const again = await t.connect(t.tokens.admin);
    expect(await pagesSeen(t, again, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:05 sent escalation s1r0 bo',
    ]);

    // The chain goes on from where it was: everyone at 10:10, once.
    await t.advance(3 * MINUTE);
    const seen = await pagesSeen(t, again, incidentId);
    expect(seen.slice(2)).toEqual([
      '10:10 sent escalation s2r0 ana',
      '10:10 sent escalation s2r0 bo',
      '10:10 sent escalation s2r0 cy',
    ]);
    expect(seen.filter((p) => p.endsWith(' bo'))).toHaveLength(2); // the backup step and the everyone step
  });

  it('pages the backup exactly once when the timeout passed while the hub was down, across two restarts', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time);
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:00 sent initial s0r0 ana']);
    await t.stop();
    // The deadline is stored: the hub knows, after a restart, that the backup is due at 10:05.
    expect(storedDeadlines(t.dataDir)).toEqual([
      { incident_id: incidentId, kind: 'escalation', due_at: '2026-03-25T10:05:00.000Z', step: 1, round: 0 },
    ]);

    t = await t.restart(6 * MINUTE); // down through 10:05; back at 10:06
    const second = await t.connect(t.tokens.admin);
    expect(await pagesSeen(t, second, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:06 sent escalation s1r0 bo',
    ]);

    t = await t.restart(1 * MINUTE); // and again at 10:07: nothing is repeated
    const third = await t.connect(t.tokens.admin);
    expect(await pagesSeen(t, third, incidentId)).toEqual([
      '10:00 sent initial s0r0 ana',
      '10:06 sent escalation s1r0 bo',
    ]);
    // The next step counts from when the backup was actually paged (10:06), not from when it was due.
    await t.advance(3 * MINUTE);
    expect(await pagesSeen(t, third, incidentId)).toHaveLength(2);
    await t.advance(1 * MINUTE);
    expect((await pagesSeen(t, third, incidentId)).slice(2)).toHaveLength(3);
    await t.stop();
    expect(storedDeadlines(t.dataDir)).toEqual([
      { incident_id: incidentId, kind: 'escalation', due_at: '2026-03-25T10:16:00.000Z', step: 0, round: 1 },
    ]);
  });

  it('delivers a page held over the weekend once, when a hub restarted after its window opened', async () => {
    t = await startPagingHub(new FakeTime('2026-03-27T17:30:00.000Z')); // Friday 18:30 in Berlin
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time, { severity: 'SEV-3' });
    expect(await pagesSeen(t, admin, incidentId)).toEqual([
      '17:30 held initial s0r0 ana until 2026-03-30T07:00:00.000Z',
    ]);
    t = await t.restart(2 * 24 * 60 * MINUTE + 14 * 60 * MINUTE); // Monday 09:30 CEST
    const monday = await t.connect(t.tokens.admin);
    expect((await pagesSeen(t, monday, incidentId)).at(-1)).toBe('07:30 sent initial s0r0 ana');
    expect(monday.replica.state.incidents[incidentId]?.pages).toMatchObject([{ status: 'sent' }]);
    t = await t.restart(MINUTE);
    const later = await t.connect(t.tokens.admin);
    expect(await pagesSeen(t, later, incidentId)).toEqual([
      '17:30 held initial s0r0 ana until 2026-03-30T07:00:00.000Z',
      '07:30 sent initial s0r0 ana',
    ]);
  });

  it('remembers the last activity across a restart, so the acknowledgement timeout neither fires early nor is lost', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(ana, t.time, { status: 'investigating' }); // acknowledged at 10:00
    await t.advance(20 * MINUTE);
    await act(ana, t.time, 'tried.add', incidentId, { entryId: 'e1', what: 'Rolled back' }); // 10:20
    await t.hub.paging.settled();
    t = await t.restart(15 * MINUTE); // 10:35: past 10:00 + 30, not past 10:20 + 30
    const again = await t.connect(t.tokens.admin);
    expect(await pagesSeen(t, again, incidentId)).toEqual([]);
    await t.advance(15 * MINUTE);
    expect(await pagesSeen(t, again, incidentId)).toEqual(['10:50 sent ack-timeout s0r0 ana']);
  });

  it('leaves no timer behind when stopped', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    await declareAt(admin, t.time);
    await t.hub.paging.settled();
    // The escalation, and the status page's next rebuild (a new day in its history).
    expect(t.time.pending).toBe(2);
    await t.stop();
    expect(t.time.pending).toBe(0);
  });
});
