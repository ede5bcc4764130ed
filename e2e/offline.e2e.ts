import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../shared/domain/events.js';
import type { Incident } from '../shared/domain/incident.js';
import { launchChromium, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { openSignedIn } from './support/signed-in.js';
import {
  addTried,
  backToBoard,
  banner,
  boardRow,
  declareIncident,
  openIncident,
  triedEntry,
  waitForConnection,
} from './support/warroom-page.js';

interface IncidentList {
  seq: number;
  incidents: Incident[];
}
interface IncidentDetail {
  seq: number;
  incident: Incident;
  events: DomainEvent[];
}

describe('working through a hub outage', () => {
  let hub: E2eHub;
  let browser: Browser;
  let ana: WebClient;
  let bo: WebClient;

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'responder' },
    ]);
    browser = await launchChromium();
    ana = await openSignedIn(browser, hub, 'ana');
    bo = await openSignedIn(browser, hub, 'bo');
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('queues changes while the hub is down, then sends each exactly once when it is back', async () => {
    // A confirmed incident both can see.
    await declareIncident(ana.page, { title: 'Search is slow', severity: 'SEV-3', service: 'search' });
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });
    await boardRow(bo.page, 'Search is slow').waitFor();
    await openIncident(bo.page, 'Search is slow');
    await backToBoard(ana.page);

    await hub.stop();
    await waitForConnection(ana.page, { connection: 'offline', pending: 0 });
    await waitForConnection(bo.page, { connection: 'offline', pending: 0 });
    expect(await banner(ana.page).textContent()).toBe('Offline');

    // ana declares an incident and logs two attempts, all offline.
    await declareIncident(ana.page, { title: 'Payments timing out', severity: 'SEV-1', service: 'payments' });
    await addTried(ana.page, 'Failed over to the standby gateway', 'The primary gateway is saturated');
    await addTried(ana.page, 'Raised the gateway timeout to 30 s', '');
    await waitForConnection(ana.page, { connection: 'offline', pending: 3 });
    expect(await banner(ana.page).textContent()).toBe('Offline — 3 changes waiting');
    expect(await ana.page.locator('li[data-pending="true"]').count()).toBe(2);
    await ana.page.getByText('pending', { exact: true }).first().waitFor();

    // bo logs one attempt on the confirmed incident.
    await addTried(bo.page, 'Restarted search-7', 'A stuck shard');
    await waitForConnection(bo.page, { connection: 'offline', pending: 1 });
    expect(await banner(bo.page).textContent()).toBe('Offline — 1 change waiting');
    await ana.page.screenshot({ path: '/tmp/e2e-offline.png', fullPage: true });

    // The hub comes back on the same data and port: both queues drain, everyone sees everything.
    await hub.restart();
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });
    await waitForConnection(bo.page, { connection: 'online', pending: 0 });
    expect(await banner(ana.page).textContent()).toBe('Online');
    expect(await ana.page.locator('[data-pending="true"]').count()).toBe(0);

    await triedEntry(bo.page, 'Restarted search-7').waitFor();
    await backToBoard(bo.page);
    await boardRow(bo.page, 'Payments timing out').waitFor();
    await openIncident(bo.page, 'Payments timing out');
    await triedEntry(bo.page, 'Failed over to the standby gateway').waitFor();
    await triedEntry(bo.page, 'Raised the gateway timeout to 30 s').waitFor();
    await backToBoard(ana.page);
    await openIncident(ana.page, 'Search is slow');
    await triedEntry(ana.page, 'Restarted search-7').waitFor();

    // The hub's own record: each change applied once.
    const list = await hub.api<IncidentList>('/api/incidents', 'ana');
    expect(list.incidents.map((i) => i.title).sort()).toEqual(['Payments timing out', 'Search is slow']);
    const payments = list.incidents.find((i) => i.title === 'Payments timing out');
    const search = list.incidents.find((i) => i.title === 'Search is slow');
    const paymentsDetail = await hub.api<IncidentDetail>(`/api/incidents/${payments?.id ?? ''}`, 'bo');
    const searchDetail = await hub.api<IncidentDetail>(`/api/incidents/${search?.id ?? ''}`, 'bo');
    expect(paymentsDetail.incident.tried.map((t) => t.what)).toEqual([
      'Failed over to the standby gateway',
      'Raised the gateway timeout to 30 s',
    ]);
    expect(searchDetail.incident.tried.map((t) => t.what)).toEqual(['Restarted search-7']);
    const declared = paymentsDetail.events.filter((e) => e.type === 'incident.declared');
    expect(declared).toHaveLength(1);
    expect(paymentsDetail.events.filter((e) => e.type === 'tried.added')).toHaveLength(2);
    // Written offline, the entries keep the moment they were typed, not the moment they synced.
    expect(paymentsDetail.events.every((e) => e.clientAt <= e.at)).toBe(true);

    // A reload re-sends nothing: the outbox is empty and the hub's log does not grow.
    const seqBefore = list.seq;
    await ana.page.reload();
    await waitForConnection(ana.page, { connection: 'online', pending: 0 });
    expect((await hub.api<IncidentList>('/api/incidents', 'ana')).seq).toBe(seqBefore);
  });

  it('had no page errors and no CSP violations', () => {
    for (const client of [ana, bo]) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });
});
