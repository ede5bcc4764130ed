import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import {
  changeStatusPage,
  saveConfig,
  startStatusPageHub,
  statusPageView,
  type StatusPageHub,
} from './support/status-page-hub.js';
import { recordSecrets } from './support/suite-logs.js';

const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0002/s3cr3tPathPart';

let current: StatusPageHub | undefined;
let receiver: HttpReceiver | undefined;
afterEach(async () => {
  await current?.close();
  await receiver?.close();
  current = undefined;
  receiver = undefined;
});

async function setUp() {
  current = await startStatusPageHub();
  const t = current;
  return {
    t,
    admin: await t.connect(t.tokens.admin),
    ana: await t.connect(t.tokens.ana),
    viewer: await t.connect(t.tokens.viewer),
  };
}

/** Every value the hub's SQLite file holds for the status page, as one text (to look for secrets in clear). */
function storedText(dataDir: string): string {
  const db = new Database(join(dataDir, 'warroom.sqlite'), { readonly: true });
  try {
    const tables = ['statuspage_channels', 'statuspage_subscribers', 'statuspage_config'];
    return JSON.stringify(tables.map((table) => db.prepare(`SELECT * FROM ${table}`).all()));
  } finally {
    db.close();
  }
}

describe('statuspage and statuspage.change over socket.io', () => {
  it('shows the set-up to responders and admins, and refuses viewers in words', async () => {
    const { t, ana, viewer } = await setUp();
    const view = await statusPageView(ana);
    expect(view).toMatchObject({
      ok: true,
      view: {
        config: { title: 'Status', timeZone: 'UTC', services: [], maintenances: [] },
        pageUrl: `${t.hub.url}/status`,
        email: false,
        publishers: 'comms-or-lead',
        subscribers: { confirmed: 0, pending: 0 },
        channels: [],
        webhooks: [],
      },
    });
    const refused = await statusPageView(viewer);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/Viewers do not see the status page set-up/);
  });

  it('saves a valid set-up, tells every client, and refuses an invalid one with what is wrong, changing nothing', async () => {
    const { admin, ana } = await setUp();
    const told = new Promise<void>((resolve) => ana.socket.once('statuspage.changed', () => resolve()));
    await saveConfig(admin, { title: 'Acme status', services: [{ key: 'checkout', name: 'Checkout' }] });
    await told;
    const saved = await statusPageView(ana);
    expect(saved.ok && saved.view.config).toMatchObject({ title: 'Acme status', services: [{ key: 'checkout' }] });

    const bad = await changeStatusPage(admin, {
      kind: 'config.save',
      config: {
        services: [{ key: 'checkout', name: 'Checkout' }],
        maintenances: [
          {
            id: 'm1',
            title: 'Upgrade',
            startsAt: '2026-03-25T12:00:00Z',
            endsAt: '2026-03-25T11:00:00Z',
            services: ['search'],
          },
        ],
      },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    const words = bad.ok ? '' : bad.error.message;
    expect(words).toMatch(/must end after it starts/);
    expect(words).toMatch(/"search" is not a public service/);
    expect(await statusPageView(ana)).toEqual(saved);

    const notAdmin = await changeStatusPage(ana, { kind: 'config.save', config: { title: 'Mine' } });
    expect(notAdmin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(notAdmin.ok ? '' : notAdmin.error.message).toMatch(/Only admins change the status page/);
    expect(await statusPageView(ana)).toEqual(saved);
  });

  it('adds a chat channel sealed and shows it masked to admins only; tests it; removes it', async () => {
    receiver = await startHttpReceiver();
    const { t, admin, ana } = await setUp();
    recordSecrets(SLACK_URL);
    const added = await changeStatusPage(admin, {
      kind: 'channel.add',
      channel: { name: 'Incidents', severities: ['SEV-1', 'SEV-2'], target: { kind: 'slack', url: SLACK_URL } },
    });
    expect(added).toMatchObject({ ok: true, secret: null, sent: null });
    const id = added.ok ? (added.id ?? '') : '';

    const asAdmin = await statusPageView(admin);
    expect(asAdmin.ok && asAdmin.view.channels).toEqual([
      {
        id,
        name: 'Incidents',
        kind: 'slack',
        target: 'hooks.slack.com',
        severities: ['SEV-1', 'SEV-2'],
        events: expect.any(Array) as unknown,
        createdAt: expect.any(String) as unknown,
        last: null,
      },
    ]);
    expect(JSON.stringify(asAdmin)).not.toContain('s3cr3tPathPart');
    const asResponder = await statusPageView(ana);
    expect(asResponder.ok && asResponder.view.channels).toEqual([]);
    expect(storedText(t.dataDir)).not.toContain('s3cr3tPathPart');

    // A channel whose URL is the local receiver (Mattermost's incoming webhook): the test goes out at once.
    const local = await changeStatusPage(admin, {
      kind: 'channel.add',
      channel: { name: 'Local', severities: ['SEV-1'], target: { kind: 'mattermost', url: `${receiver.origin}/mm` } },
    });
    const localId = local.ok ? (local.id ?? '') : '';
    const tested = await changeStatusPage(admin, { kind: 'channel.test', id: localId });
    expect(tested).toMatchObject({ ok: true, sent: { ok: true } });
    const request = await receiver.next();
    expect(request.path).toBe('/mm');
    expect(request.text).toContain('test');

    expect(await changeStatusPage(admin, { kind: 'channel.remove', id })).toMatchObject({ ok: true });
    const again = await changeStatusPage(admin, { kind: 'channel.remove', id });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(again.ok ? '' : again.error.message).toMatch(/no such chat channel/);
    const after = await statusPageView(admin);
    expect(after.ok && after.view.channels.map((c) => c.id)).toEqual([localId]);
    expect(await changeStatusPage(admin, { kind: 'channel.test', id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('adds a webhook subscriber with a secret shown once, sealed at rest, masked in the view; removes it', async () => {
    const { t, admin, ana } = await setUp();
    const url = 'https://hooks.example.com/warroom/t0ken-in-path';
    recordSecrets(url);
    const added = await changeStatusPage(admin, { kind: 'webhook.add', url, services: ['checkout'] });
    expect(added).toMatchObject({ ok: true, sent: null });
    const secret = added.ok ? (added.secret ?? '') : '';
    const id = added.ok ? (added.id ?? '') : '';
    recordSecrets(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const view = await statusPageView(admin);
    expect(view.ok && view.view.webhooks).toEqual([
      { id, target: 'hooks.example.com', services: ['checkout'], createdAt: expect.any(String) as unknown, last: null },
    ]);
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(JSON.stringify(view)).not.toContain('t0ken-in-path');
    const stored = storedText(t.dataDir);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain('t0ken-in-path');
    const responderView = await statusPageView(ana);
    expect(responderView.ok && responderView.view.webhooks).toEqual([]);

    const bad = await changeStatusPage(admin, { kind: 'webhook.add', url: 'ftp://example.com/x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/http:\/\/ or https:\/\//);

    expect(await changeStatusPage(admin, { kind: 'webhook.remove', id })).toMatchObject({ ok: true });
    expect(await changeStatusPage(admin, { kind: 'webhook.remove', id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const gone = await statusPageView(admin);
    expect(gone.ok && gone.view.webhooks).toEqual([]);
  });
});
