import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { statusJsonSchema } from '../../shared/status-page/render/status-json-schema.js';
import { declare } from './support/commands.js';
import {
  changeStatusPage,
  MINUTE,
  postUpdate,
  saveConfig,
  startStatusPageHub,
  T0,
  type StatusPageHub,
} from './support/status-page-hub.js';

const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const CHECKOUT = { key: 'checkout', name: 'Checkout', description: 'Paying for orders' };

let current: StatusPageHub | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function hubWithPage(options: Parameters<typeof startStatusPageHub>[0] = {}) {
  current = await startStatusPageHub(options);
  const t = current;
  const admin = await t.connect(t.tokens.admin);
  const ana = await t.connect(t.tokens.ana);
  return { t, admin, ana };
}

const etagOf = async (t: StatusPageHub, path = '/status') => {
  await t.settled();
  const res = await t.fetch(path);
  await res.arrayBuffer();
  return res.headers.get('etag');
};

describe('the public status page over HTTP', () => {
  it('serves the page, JSON, feed and stylesheet with a strong ETag, 304, caching and security headers, no token', async () => {
    const { t, admin } = await hubWithPage();
    await saveConfig(admin, { title: 'Acme status', services: [CHECKOUT] });
    await t.settled();

    const kinds = {
      '/status': 'text/html; charset=utf-8',
      '/status.json': 'application/json; charset=utf-8',
      '/status/feed.atom': 'application/atom+xml; charset=utf-8',
      '/status/style.css': 'text/css; charset=utf-8',
    };
    const identity = { 'accept-encoding': 'identity' };
    for (const [path, type] of Object.entries(kinds)) {
      const res = await t.fetch(path, { headers: identity });
      const body = await res.text();
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('cache-control'), path).toBe('public, max-age=30');
      expect(res.headers.get('content-security-policy'), path).toBe(CSP);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      const etag = res.headers.get('etag') ?? '';
      expect(etag, path).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
      expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(body));

      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-encoding')).toBeNull();

      // gzip for clients that take it: the same text, fewer bytes, its own strong tag.
      const zipped = await t.fetch(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(zipped.headers.get('content-encoding'), path).toBe('gzip');
      expect(Number(zipped.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(body));
      expect(await zipped.text(), path).toBe(body);
      const zippedTag = zipped.headers.get('etag') ?? '';
      expect(zippedTag).toBe(`${etag.slice(0, -1)}-gzip"`);
      const zippedAgain = await t.fetch(path, { headers: { 'accept-encoding': 'gzip', 'if-none-match': zippedTag } });
      expect(zippedAgain.status).toBe(304);
      await zippedAgain.arrayBuffer();
      const refused = await t.fetch(path, { headers: { 'accept-encoding': 'gzip;q=0, identity' } });
      expect(refused.headers.get('content-encoding')).toBeNull();
      await refused.arrayBuffer();

      const again = await t.fetch(path, { headers: { ...identity, 'if-none-match': etag } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const weak = await t.fetch(path, { headers: { ...identity, 'if-none-match': `"other", W/${etag}` } });
      expect(weak.status).toBe(304);
      await weak.arrayBuffer();
      const stale = await t.fetch(path, { headers: { ...identity, 'if-none-match': '"something-else"' } });
      expect(stale.status).toBe(200);
      await stale.arrayBuffer();

      const head = await t.fetch(path, { method: 'HEAD', headers: identity });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(etag);
      expect(await head.text()).toBe('');
    }

    const page = await (await t.fetch('/status')).text();
    expect(page).toContain('Acme status');
    expect(page).toContain('Checkout');
    expect(page).not.toMatch(/<script/i);
    const json = statusJsonSchema.parse(await (await t.fetch('/status.json')).json());
    expect(json.components.map((c) => c.name)).toEqual(['Checkout']);
    expect(await (await t.fetch('/status/feed.atom')).text()).toMatch(
      /^<\?xml[^>]*>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/,
    );

    const post = await t.fetch('/status', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await post.arrayBuffer();
  });

  it('changes the ETag for an external update of a published incident, not for an internal update or an unpublished incident', async () => {
    const { t, admin, ana } = await hubWithPage();
    await saveConfig(admin, { services: [CHECKOUT] });
    const before = await etagOf(t);

    const quiet = await declare(ana, { title: 'PSP timeouts on eu-west-1b', service: 'checkout', severity: 'SEV-1' });
    expect((await postUpdate(ana, quiet.incidentId, 'secret internal note', 'internal')).ok).toBe(true);
    expect(await etagOf(t)).toBe(before);
    expect(await (await t.fetch('/status')).text()).not.toContain('PSP timeouts');

    const published = await postUpdate(ana, quiet.incidentId, 'Some payments fail.', 'external', 'Payments failing');
    expect(published.ok).toBe(true);
    const afterPublish = await etagOf(t);
    expect(afterPublish).not.toBe(before);
    const page = await (await t.fetch('/status')).text();
    expect(page).toContain('Payments failing');
    expect(page).toContain('Some payments fail.');
    expect(page).not.toContain('secret internal note');
    expect(page).not.toContain('PSP timeouts');

    expect((await postUpdate(ana, quiet.incidentId, 'Rolled back deploy 42', 'internal')).ok).toBe(true);
    expect(await etagOf(t)).toBe(afterPublish);
    await declare(ana, { title: 'Search slow', service: 'checkout', severity: 'SEV-3' });
    expect(await etagOf(t)).toBe(afterPublish);

    expect((await postUpdate(ana, quiet.incidentId, 'Fixed for most customers.', 'external')).ok).toBe(true);
    expect(await etagOf(t)).not.toBe(afterPublish);
    expect(await (await t.fetch('/status.json')).text()).toContain('Fixed for most customers.');
  });

  it('rebuilds by itself when a maintenance starts and ends (its own timer, not a request)', async () => {
    const { t, admin } = await hubWithPage();
    const startsAt = new Date(Date.parse(T0) + 10 * MINUTE).toISOString();
    const endsAt = new Date(Date.parse(T0) + 40 * MINUTE).toISOString();
    await saveConfig(admin, {
      services: [CHECKOUT],
      maintenances: [{ id: 'db-upgrade', title: 'Database upgrade', startsAt, endsAt, services: ['checkout'] }],
    });
    const component = async () => {
      await t.settled();
      const json = statusJsonSchema.parse(await (await t.fetch('/status.json')).json());
      return { state: json.components[0]?.status, maintenance: json.scheduled_maintenances[0]?.status };
    };
    const scheduled = await etagOf(t, '/status.json');
    expect(await component()).toEqual({ state: 'operational', maintenance: 'scheduled' });

    await t.advance(10 * MINUTE);
    expect(await etagOf(t, '/status.json')).not.toBe(scheduled);
    expect(await component()).toEqual({ state: 'under_maintenance', maintenance: 'in_progress' });

    await t.advance(30 * MINUTE);
    expect((await component()).state).toBe('operational');
  });

  it('keeps serving the last page while the store is unavailable, and refuses set-up changes meanwhile', async () => {
    const { t, admin } = await hubWithPage();
    await saveConfig(admin, { title: 'Acme status', services: [CHECKOUT] });
    const served = await (await t.fetch('/status')).text();
    const etag = await etagOf(t);

    // The store breaks under the running hub: its status page tables are gone.
    const raw = new Database(join(t.dataDir, 'warroom.sqlite'));
    raw.exec('DROP TABLE statuspage_config; DROP TABLE statuspage_outbox;');
    raw.close();

    const refused = await changeStatusPage(admin, { kind: 'config.save', config: { title: 'Broken' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'storage_failed' } });
    const res = await t.fetch('/status');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(served);
    expect(res.headers.get('etag')).toBe(etag);
    // Time-driven rebuilds go on from the set-up in memory.
    await t.advance(24 * 60 * MINUTE);
    const later = await t.fetch('/status');
    expect(later.status).toBe(200);
    expect(await later.text()).toContain('Acme status');
  });

  it('starts with the empty set-up when the saved one cannot be read, rather than failing the page', async () => {
    // A hub set up once, its saved set-up then damaged on disk while it was stopped.
    current = await startStatusPageHub();
    const admin = await current.connect(current.tokens.admin);
    await saveConfig(admin, { title: 'Acme status', services: [CHECKOUT] });
    await current.stop();
    const raw = new Database(join(current.dataDir, 'warroom.sqlite'));
    raw.prepare("UPDATE statuspage_config SET json = '{not json'").run();
    raw.close();

    const dataDir = current.dataDir;
    current = await startStatusPageHub({ dataDir });
    const res = await current.fetch('/status');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1');
    expect(page).not.toContain('Acme status');
  });
});
