import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../shared/domain/commands.js';
import { TestHub } from '../../shared/domain/test-support.js';
import { silentLogger } from '../log.js';
import { openDatabase, type Db } from '../store/sqlite/database.js';
import { SqliteOncallStore } from '../store/sqlite/sqlite-oncall-store.js';
import { FakeTime } from '../test/support/fake-time.js';
import type { OncallConfig } from './oncall-store.js';
import { PagingScheduler } from './scheduler.js';

const ana = { id: 'u-ana', name: 'Ana' };
const bo = { id: 'u-bo', name: 'Bo' };
const NOW = '2026-03-25T10:00:00.000Z';

describe('PagingScheduler (a fake pipeline, a real SQLite file)', () => {
  let dir: string | undefined;
  let db: Db | undefined;
  afterEach(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    db = dir = undefined;
  });

  async function setUp(timeZone = 'Europe/Berlin') {
    dir = mkdtempSync(join(tmpdir(), 'warroom-scheduler-'));
    db = openDatabase(join(dir, 'warroom.sqlite'));
    const time = new FakeTime(NOW);
    const oncall = new SqliteOncallStore(db, time.now);
    const hub = new TestHub(NOW);
    hub.declare({ severity: 'SEV-1', status: 'triage', service: 'checkout' });
    const submitted: Command[] = [];
    /** While set, submitted commands wait (a batch still being written) until it is called. */
    const gate: { release: (() => void) | null } = { release: null };
    const ack = { ok: true as const, seq: 99 };
    /** While above zero, submissions are refused as a store out of reach would refuse them. */
    const outage = { refusals: 0 };
    const pipeline = {
      get state() {
        return hub.state;
      },
      submit: vi.fn((command: Command) => {
        submitted.push(command);
        if (outage.refusals > 0) {
          outage.refusals -= 1;
          return Promise.resolve({
            ok: false as const,
            error: { code: 'storage_failed' as const, message: 'The hub could not save this.' },
          });
        }
        if (!gate.release) return Promise.resolve(ack);
        return new Promise<typeof ack>((resolve) => {
          const previous = gate.release;
          gate.release = () => {
            previous?.();
            resolve(ack);
          };
        });
      }),
    };
    const config: OncallConfig = {
      ...(await oncall.load()),
      rotations: [
        {
          id: 'checkout',
          name: 'Checkout',
          members: [ana, bo],
          handoffTime: '09:00',
          shift: 'weekly',
          timeZone,
          startDate: '2026-03-23',
        },
      ],
      defaultRotationId: 'checkout',
    };
    vi.spyOn(oncall, 'load').mockResolvedValue(config);
    const writes = vi.spyOn(oncall, 'replaceDeadlines');
    const scheduler = new PagingScheduler({
      pipeline,
      store: { readIncident: async () => hub.log },
      oncall,
      clock: time,
      timers: time,
      logger: silentLogger,
    });
    const hold = () => (gate.release = () => {});
    const release = () => {
      const open = gate.release;
      gate.release = null;
      open?.();
    };
    return { time, oncall, hub, pipeline, submitted, scheduler, writes, hold, release, outage };
  }

  it('does not submit a page again while it is still being recorded', async () => {
    const { scheduler, submitted, hub, hold, release } = await setUp();
    hold();
    const started = scheduler.start();
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(submitted).toHaveLength(1);
    scheduler.onCommitted(hub.log); // another batch for the incident, the page not committed yet
    await scheduler.reconfigured();
    expect(submitted.map((c) => c.commandId)).toEqual(['hub-inc-1-s0-r0-u-ana-sent']);
    expect(submitted[0]).toMatchObject({ type: 'page.record', incidentId: 'inc-1', payload: { person: ana } });
    release();
    await started;
  });

  it('writes deadlines only when they change, so most batches cost no extra write', async () => {
    const { scheduler, writes, oncall, hub } = await setUp();
    await scheduler.start();
    const changedWrites = () =>
      writes.mock.calls.filter(([changed]: [ReadonlyMap<string, unknown>]) => changed.size > 0).length;
    expect(changedWrites()).toBe(1);
    expect(await oncall.deadlines()).toEqual([
      { incidentId: 'inc-1', kind: 'escalation', dueAt: '2026-03-25T10:05:00.000Z', step: 1, round: 0 },
    ]);
    scheduler.onCommitted(hub.log);
    scheduler.onCommitted(hub.log);
    expect(changedWrites()).toBe(1);
  });

  it('arms one timer for the earliest deadline and clears it when stopped', async () => {
    const { scheduler, time, submitted } = await setUp();
    await scheduler.start();
    expect(time.pending).toBe(1);
    await time.advance(5 * 60_000, () => scheduler.settled());
    // The fake pipeline never commits, so the state still lacks Ana's page: the same page is asked for again,
    // under the same id, and its duplicate would be answered by the pipeline with the first result.
    expect(submitted.map((c) => c.commandId)).toEqual(['hub-inc-1-s0-r0-u-ana-sent', 'hub-inc-1-s0-r0-u-ana-sent']);
    scheduler.stop();
    expect(time.pending).toBe(0);
  });

  it('survives a decision that throws (a time zone this runtime no longer knows) and looks again a minute later', async () => {
    const { scheduler, oncall, submitted } = await setUp('Mars/Olympus_Mons');
    await scheduler.start();
    expect(submitted).toEqual([]);
    expect(await oncall.deadlines()).toEqual([
      { incidentId: 'inc-1', kind: 'escalation', dueAt: '2026-03-25T10:01:00.000Z', step: 0, round: 0 },
    ]);
  });

  it('asks again a few seconds later for a page the store could not save, not only at the next deadline', async () => {
    const { scheduler, time, submitted, outage } = await setUp();
    outage.refusals = 1;
    await scheduler.start();
    expect(submitted.map((c) => c.commandId)).toEqual(['hub-inc-1-s0-r0-u-ana-sent']);
    await time.advance(5000, () => scheduler.settled());
    expect(submitted.map((c) => c.commandId)).toEqual(['hub-inc-1-s0-r0-u-ana-sent', 'hub-inc-1-s0-r0-u-ana-sent']);
    scheduler.stop();
  });
});
