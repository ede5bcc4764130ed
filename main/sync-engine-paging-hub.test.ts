// The engine's on-call requests and page pushes against a real hub process (dist/hub/cli.js), on the real clock:
// a test page needs none, and a SEV-1 alert pages the rotation's primary at once.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPagesFor } from '../shared/notify/paging-alerts.js';
import type { PageNotification } from '../shared/protocol/oncall-wire.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { startE2eHub } from '../e2e/support/hub-process.js';
import { FileStorage } from './file-storage.js';
import { viewWhere } from './test/view-where.js';

const storageRoot = mkdtempSync(join(tmpdir(), 'warroom-paging-engine-'));
afterAll(() => rmSync(storageRoot, { recursive: true, force: true }));

function engine(hubUrl: string, token: string): SyncEngine {
  return new SyncEngine({
    hubUrl,
    token,
    storage: new FileStorage(mkdtempSync(join(storageRoot, 'store-'))),
    timers: { set: setTimeout, clear: clearTimeout },
    newId: randomUUID,
    ackTimeoutMs: 5000,
  });
}

/** Resolves with the first page pushed to `e` that passes `test`. */
function pageWhere(e: SyncEngine, test: (p: PageNotification) => boolean, timeoutMs = 10_000) {
  return new Promise<PageNotification>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no such page arrived'));
    }, timeoutMs);
    const stop = e.onPage((page) => {
      if (!test(page)) return;
      clearTimeout(timer);
      stop();
      resolve(page);
    });
  });
}

/** Resolves once `e` hears `oncall.changed`. */
function onCallChange(e: SyncEngine, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no oncall.changed')), timeoutMs);
    const stop = e.onOnCallChanged(() => {
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

describe('on-call and paging through the sync engine, against a real hub', () => {
  it('sends a test page to my own devices only, and reads and changes the on-call set-up', async () => {
    const hub = await startE2eHub([
      { name: 'boss', role: 'admin' },
      { name: 'ana', role: 'responder' },
    ]);
    const ana = engine(hub.url, hub.token('ana'));
    const boss = engine(hub.url, hub.token('boss'));
    const bossPages: PageNotification[] = [];
    boss.onPage((page) => bossPages.push(page));
    ana.start();
    boss.start();
    await viewWhere(ana, (v) => v.status === 'online');
    await viewWhere(boss, (v) => v.status === 'online');

    const arrived = pageWhere(ana, (page) => page.test);
    const reply = await ana.sendTestPage();
    expect(reply).toMatchObject({ ok: true, page: { test: true, incident: null, reason: null } });
    const pushed = await arrived;
    expect(reply.ok && pushed.pageId).toBe(reply.ok && reply.page.pageId);
    // boss is connected too and gets nothing: a test page goes to the asker's own connections.
    await boss.getOnCall();
    expect(bossPages).toEqual([]);

    const empty = await ana.getOnCall(3);
    expect(empty).toMatchObject({
      ok: true,
      view: { rotations: [], defaultRotationId: null, me: { saved: false, nextShift: null } },
    });

    const me = ana.view.user;
    if (!me) throw new Error('ana has no session user');
    const profile = {
      timeZone: 'Europe/Berlin',
      workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' },
      extendedHours: { start: '07:00', end: '23:00' },
      holidays: [],
    };
    const heard = Promise.all([onCallChange(ana), onCallChange(boss)]);
    expect(await ana.changeOnCall({ kind: 'profile.save', profile })).toEqual({ ok: true, warnings: [] });
    await heard;
    const mine = await ana.getOnCall();
    expect(mine.ok && mine.view.me).toMatchObject({ saved: true, profile: { timeZone: 'Europe/Berlin' } });

    // The hub's refusals come back as answers; malformed input never leaves the engine.
    expect(await ana.changeOnCall({ kind: 'service.route', service: 'checkout', rotationId: null })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const malformed = await ana.changeOnCall({ kind: 'profile.save', profile: { ...profile, timeZone: 'Mars/Base' } });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(malformed.ok || malformed.error.message).toMatch(/profile\.timeZone/);

    // Without the hub, each request says so at once instead of waiting.
    await hub.stop();
    await viewWhere(ana, (v) => v.status === 'offline');
    await expect(ana.getOnCall()).rejects.toThrow('The on-call schedule needs the hub, which cannot be reached now.');
    await expect(ana.sendTestPage()).rejects.toThrow('A test page needs the hub, which cannot be reached now.');
    await expect(ana.changeOnCall({ kind: 'profile.save', profile })).rejects.toThrow(/needs the hub/);
    ana.stop();
    boss.stop();
    await hub.dispose();
  });

  it('pages the primary of the rotation when a SEV-1 alert arrives; acknowledging closes the page', async () => {
    const hub = await startE2eHub([
      { name: 'boss', role: 'admin' },
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
      { name: 'cy', role: 'responder' },
    ]);
    const boss = engine(hub.url, hub.token('boss'));
    const ana = engine(hub.url, hub.token('ana'));
    const bo = engine(hub.url, hub.token('bo'));
    for (const e of [boss, ana, bo]) e.start();
    const online = await viewWhere(boss, (v) => v.status === 'online');
    await viewWhere(ana, (v) => v.status === 'online');
    await viewWhere(bo, (v) => v.status === 'online');
    const person = (name: string) => {
      const found = online.people.find((p) => p.name === name);
      if (!found) throw new Error(`no user ${name}`);
      return { id: found.id, name: found.name };
    };

    // This week (from today, 00:00 UTC) ana is primary and bo backup.
    const rotation = {
      id: 'checkout',
      name: 'Checkout',
      members: [person('ana'), person('bo'), person('cy')],
      handoffTime: '00:00',
      shift: 'weekly' as const,
      timeZone: 'UTC',
      startDate: new Date().toISOString().slice(0, 10),
    };
    expect(await boss.changeOnCall({ kind: 'rotation.save', rotation })).toEqual({ ok: true, warnings: [] });
    expect(await boss.changeOnCall({ kind: 'service.route', service: 'checkout', rotationId: 'checkout' })).toEqual({
      ok: true,
      warnings: [],
    });
    const view = await ana.getOnCall(1);
    expect(view.ok && view.view.rotations[0]?.now).toEqual({ primary: person('ana'), backup: person('bo') });
    expect(view.ok && view.view.me.nextShift).toMatchObject({ rotationId: 'checkout', role: 'primary' });

    const boPages: PageNotification[] = [];
    bo.onPage((page) => boPages.push(page));
    const paged = pageWhere(ana, (page) => !page.test);
    const res = await fetch(`${hub.url}/api/webhooks/generic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.integrationToken('generic')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'checkout-5xx', title: 'Checkout down', severity: 'critical', service: 'checkout' }),
    });
    expect(res.status).toBe(202);
    const page = await paged;
    expect(page).toMatchObject({
      test: false,
      reason: 'initial',
      step: 0,
      round: 0,
      incident: { number: 1, title: 'Checkout down', severity: 'SEV-1', service: 'checkout' },
    });
    const incidentId = page.incident?.id ?? '';

    // The durable record reaches the view too: the page is open for ana, for nobody else.
    const withPage = await viewWhere(ana, (v) => openPagesFor(v.state, person('ana').id).length === 1);
    expect(openPagesFor(withPage.state, person('ana').id)).toEqual([
      expect.objectContaining({ incidentId, pageId: page.pageId, label: 'INC-1', severity: 'SEV-1' }),
    ]);
    expect(openPagesFor(withPage.state, person('bo').id)).toEqual([]);
    expect(boPages).toEqual([]);
    const deadlines = await ana.getOnCall(1);
    expect(deadlines.ok && deadlines.view.deadlines).toEqual([
      expect.objectContaining({ incidentId, kind: 'escalation', step: 1, round: 0 }),
    ]);

    expect(ana.send('incident.acknowledge', incidentId, {}).ok).toBe(true);
    // Closed at once in the shown state, then confirmed by the hub.
    expect(openPagesFor(ana.view.state, person('ana').id)).toEqual([]);
    const acked = await viewWhere(ana, (v) => v.pending.length === 0 && v.confirmed.seq >= withPage.confirmed.seq + 1);
    expect(acked.confirmed.incidents[incidentId]?.moments.acknowledgedAt).not.toBeNull();
    expect(openPagesFor(acked.confirmed, person('ana').id)).toEqual([]);

    for (const e of [boss, ana, bo]) e.stop();
    await hub.dispose();
  });
});
