import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../shared/domain/incident.js';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { connectSeedClient } from './support/seed-client.js';
import {
  boardRow,
  createRotation,
  openScreen,
  pagedBanner,
  routeService,
  signInByLink,
} from './support/warroom-page.js';

/**
 * A storm of alerts, end to end: 30 alerts posted to a real hub's webhook become 30 incidents, and each signed-in
 * responder's browser shows exactly one grouped notification for them; a viewer's shows none. Notifications are
 * recorded by an init script standing in for the browser's `Notification` (headless Chromium shows none), with
 * permission granted. Waits are on app state (board rows, recorded notifications), never sleeps.
 */
const STORM = 30;

/** Replaces window.Notification with a recorder before any script of the page runs. */
const RECORD_NOTIFICATIONS = `
  window.__notifications = [];
  window.__closed = [];
  class RecordingNotification {
    static permission = 'granted';
    static requestPermission = async () => 'granted';
    constructor(title, options = {}) {
      this.onclick = null;
      this.onclose = null;
      this.tag = options.tag ?? '';
      window.__notifications.push({ title, body: options.body ?? '', tag: this.tag });
    }
    close() {
      window.__closed.push(this.tag);
    }
  }
  Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true, writable: true });
`;

interface Recorded {
  title: string;
  body: string;
  tag: string;
}

const recorded = (client: WebClient): Promise<Recorded[]> =>
  client.page.evaluate(() => (globalThis as unknown as { __notifications: Recorded[] }).__notifications);
/** The tags of the notifications the page closed. */
const closed = (client: WebClient): Promise<string[]> =>
  client.page.evaluate(() => (globalThis as unknown as { __closed: string[] }).__closed);

const alert = (i: number) => ({
  key: `storm-disk-${i}`,
  title: `Disk almost full on db-${String(i).padStart(2, '0')}`,
  description: 'Free space under 5%.',
  service: 'database',
  team: 'storage',
  impact: 'Writes may start failing',
  severity: 'critical',
});

describe('notifications: a storm of alerts', () => {
  let hub: E2eHub;
  let browser: Browser;
  const clients = new Map<string, WebClient>();

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'ana', role: 'responder' },
      { name: 'bo', role: 'admin' },
      { name: 'vic', role: 'viewer' },
    ]);
    browser = await launchChromium();
    for (const name of ['ana', 'bo', 'vic']) {
      const client = await openClient(browser, 'about:blank');
      await client.context.addInitScript(RECORD_NOTIFICATIONS);
      clients.set(name, client);
    }
    await Promise.all([...clients].map(([name, client]) => signInByLink(client.page, hub.url, hub.token(name))));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  const client = (name: string): WebClient => {
    const found = clients.get(name);
    if (!found) throw new Error(`no client for ${name}`);
    return found;
  };

  it('30 alert incidents make one grouped notification per responder, and none for a viewer', async () => {
    const answers = await Promise.all(
      Array.from({ length: STORM }, (_, i) =>
        fetch(`${hub.url}/api/webhooks/generic`, {
          method: 'POST',
          headers: { authorization: `Bearer ${hub.integrationToken('generic')}`, 'content-type': 'application/json' },
          body: JSON.stringify(alert(i + 1)),
        }),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(Array.from({ length: STORM }, () => 202));
    await expect
      .poll(async () => (await hub.api<{ incidents: Incident[] }>('/api/incidents', 'vic')).incidents.length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(STORM);

    // Every browser has all 30 on its board: each one has decided about every declaration by now.
    for (const name of ['ana', 'bo', 'vic'])
      for (let i = 1; i <= STORM; i++) await boardRow(client(name).page, alert(i).title).waitFor();

    for (const name of ['ana', 'bo']) {
      // The group comes once the window has been quiet; it names all 30, so none was shown apart.
      await expect.poll(async () => (await recorded(client(name))).length, { timeout: 30_000 }).toBeGreaterThan(0);
      const [group, ...more] = await recorded(client(name));
      expect(more).toEqual([]);
      expect(group).toMatchObject({ title: `${STORM} new incidents from Webhook`, tag: 'group:new-incident' });
      expect(group?.body.split('\n')).toHaveLength(6); // five titles and "and 25 more"
      expect(group?.body).toMatch(/and 25 more$/);
    }
    // The viewer decided about all 30 (they are on its board) and gathered none: nothing is left to come.
    expect(await recorded(client('vic'))).toEqual([]);

    for (const c of clients.values()) {
      expect(c.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(c)).toEqual([]);
    }
  });

  it('a page rings the paged person once (no new-incident notification too), and closes when answered', async () => {
    // bo (an admin) puts ana (primary now) and himself on a rotation for payments.
    const bo = client('bo').page;
    await openScreen(bo, 'On-call');
    await createRotation(bo, {
      name: 'Payments',
      people: ['ana', 'bo'],
      handoffTime: '00:00',
      shift: 'Daily',
      timeZone: 'UTC',
      firstHandoff: new Date().toISOString().slice(0, 10),
    });
    await routeService(bo, 'payments', 'Payments');
    const seen = { ana: (await recorded(client('ana'))).length, bo: (await recorded(client('bo'))).length };

    const res = await fetch(`${hub.url}/api/webhooks/generic`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.integrationToken('generic')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...alert(99), key: 'payments-down', title: 'Card payments failing', service: 'payments' }),
    });
    expect(res.status).toBe(202);
    const paged = async (): Promise<Incident | undefined> =>
      (await hub.api<{ incidents: Incident[] }>('/api/incidents', 'vic')).incidents.find(
        (i) => i.title === 'Card payments failing' && i.pages.some((p) => p.status === 'sent'),
      );
    await expect.poll(paged, { timeout: 30_000, interval: 100 }).toBeDefined();
    const incident = await paged();
    const page = incident?.pages.find((p) => p.status === 'sent');
    if (!incident || !page) throw new Error('the incident was not paged');
    const label = `INC-${incident.number}`;
    expect(page.person.name).toBe('ana');

    // bo, a responder not paged, hears of the new SEV-1; ana is paged instead.
    const since = async (name: 'ana' | 'bo') => (await recorded(client(name))).slice(seen[name]);
    await expect
      .poll(async () => (await since('bo')).map((n) => n.tag), { timeout: 30_000 })
      .toEqual([`new-incident:${incident.id}`]);
    await pagedBanner(client('ana').page)
      .filter({ hasText: `You are paged: ${label}` })
      .waitFor();

    // A role given to ana goes through the same grouping window as a new-incident notification would: once it has
    // been shown, anything gathered before it has been shown too.
    const seed = await connectSeedClient(hub.url, hub.token('bo'));
    try {
      const ack = await seed.send('role.assign', incident.id, { role: 'fixer', person: page.person });
      expect(ack.ok).toBe(true);
    } finally {
      seed.close();
    }
    await expect
      .poll(async () => (await since('ana')).some((n) => n.title === `You are Fixer on ${label}`), { timeout: 30_000 })
      .toBe(true);
    const ana = await since('ana');
    // The page, perhaps with a reminder on a slow run (same tag), and the role: never a new-incident notification.
    expect(ana.filter((n) => !n.tag.startsWith('page:')).map((n) => n.tag)).toEqual([`role-assigned:${incident.id}`]);
    expect(new Set(ana.filter((n) => n.tag.startsWith('page:')).map((n) => n.tag))).toEqual(
      new Set([`page:${page.id}`]),
    );
    expect(ana[0]?.title).toBe(`Paged: ${label} SEV-1 Card payments failing`);

    // ana acknowledges from the banner: the banner goes, and so does the page's notification.
    await pagedBanner(client('ana').page)
      .getByRole('button', { name: `Acknowledge ${label}` })
      .click();
    await pagedBanner(client('ana').page).waitFor({ state: 'detached' });
    await expect.poll(() => closed(client('ana')), { timeout: 30_000 }).toContain(`page:${page.id}`);

    for (const c of clients.values()) {
      expect(c.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(c)).toEqual([]);
    }
  });
});
