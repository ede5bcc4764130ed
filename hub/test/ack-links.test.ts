/**
 * One-time, expiring, signed acknowledge links (`/ack/<token>`) on a real hub: a GET shows the incident and a
 * button and never acknowledges; a POST acknowledges as the paged person (the same incident.acknowledge event as
 * from the app); forged, expired, reused links and incidents since resolved get a page that says so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ackLinkIn, addVerified } from './support/contact-client.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { MINUTE, act, declareAt, setUpCheckout, startPagingHub, type PagingHub } from './support/paging-hub.js';
import type { TestClient } from './support/test-client.js';

let hook: HttpReceiver;
let t: PagingHub;
let admin: TestClient;
let ana: TestClient;

const body = async (r: HttpReceiver) => JSON.parse((await r.next()).text) as { lines: string[]; ackUrl: string | null };

beforeEach(async () => {
  hook = await startHttpReceiver();
  t = await startPagingHub(undefined, undefined, undefined, { sendTimeoutMs: 2000 });
  admin = await t.connect(t.tokens.admin);
  ana = await t.connect(t.tokens.ana);
  await setUpCheckout(t, admin);
  await addVerified(ana, { kind: 'webhook', url: `${hook.origin}/hook`, secret: 'sixteen-chars-secret' }, async () =>
    (await body(hook)).lines.join('\n'),
  );
});

afterEach(async () => {
  await t.close();
  await hook.close();
});

/** Declares an incident that pages Ana, and returns the acknowledge link her webhook received. */
async function pagedLink(): Promise<{ incidentId: string; link: string }> {
  const incidentId = await declareAt(admin, t.time, { severity: 'SEV-2' });
  await t.advance(0);
  const page = await body(hook);
  expect(ackLinkIn(page.lines.join('\n'))).toBe(page.ackUrl);
  return { incidentId, link: page.ackUrl ?? '' };
}

const get = async (url: string) => {
  const r = await fetch(url);
  return { status: r.status, html: await r.text(), headers: r.headers };
};
const post = async (url: string) => {
  const r = await fetch(url, { method: 'POST' });
  return { status: r.status, html: await r.text() };
};

describe('acknowledge links', () => {
  it('show the incident on GET, any number of times, without acknowledging; POST acknowledges once', async () => {
    const { incidentId, link } = await pagedLink();
    for (let i = 0; i < 2; i++) {
      const shown = await get(link);
      expect(shown.status).toBe(200);
      expect(shown.html).toContain('[SEV-2] INC-1 Checkout errors');
      expect(shown.html).toContain('<button type="submit">Acknowledge</button>');
      expect(shown.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(shown.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const head = await fetch(link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(t.hub.state().incidents[incidentId]?.moments.acknowledgedAt).toBeNull();

    const pressed = await post(link);
    expect(pressed.status).toBe(200);
    expect(pressed.html).toContain('Thank you, ana');
    await t.advance(0);
    const events = await t.hub.store.readIncident(incidentId);
    const acknowledged = events.filter((e) => e.type === 'incident.acknowledged');
    expect(acknowledged.map((e) => e.actor.name)).toEqual(['ana']);

    const again = await post(link);
    expect(again.status).toBe(410);
    expect(again.html).toContain('This link was used already');
    expect((await get(link)).html).toContain('This link was used already');
  });

  it('refuses forged and altered links before looking anything up', async () => {
    const { incidentId, link } = await pagedLink();
    const [id, expires, signature] = link.slice(link.lastIndexOf('/') + 1).split('.');
    const base = link.slice(0, link.lastIndexOf('/') + 1);
    const flipped = `${signature?.[0] === 'A' ? 'B' : 'A'}${signature?.slice(1) ?? ''}`;
    for (const forged of [
      `${base}${id}.${expires}.${flipped}`,
      `${base}${id}.${Number(expires) + 86_400}.${signature}`,
      `${base}not-a-token`,
      `${base}`,
    ]) {
      const answer = await post(forged);
      expect(answer.status, forged).toBe(404);
      expect(answer.html).toContain('This acknowledge link is not valid');
    }
    expect(t.hub.state().incidents[incidentId]?.moments.acknowledgedAt).toBeNull();
    expect((await fetch(link, { method: 'DELETE' })).status).toBe(405);
  });

  it('expire after a day', async () => {
    const { incidentId, link } = await pagedLink();
    await act(admin, t.time, 'incident.change_status', incidentId, { status: 'investigating' });
    t.time.jump(24 * 60 * MINUTE + 1);
    const answer = await post(link);
    expect(answer.status).toBe(410);
    expect(answer.html).toContain('This acknowledge link has expired');
    expect(answer.html).toContain('It worked until 2026-03-26 10:00 UTC');
  });

  it('say when the incident was resolved meanwhile, and change nothing', async () => {
    const { incidentId, link } = await pagedLink();
    await act(admin, t.time, 'incident.change_status', incidentId, { status: 'investigating' });
    await act(admin, t.time, 'incident.change_status', incidentId, { status: 'resolved' });
    const seq = t.hub.state().seq;
    for (const answer of [await get(link), await post(link)]) {
      expect(answer.status).toBe(200);
      expect(answer.html).toContain(
        'INC-1 Checkout errors: nothing to acknowledge, it is resolved since 2026-03-25 10:00 UTC.',
      );
      expect(answer.html).not.toContain('<button');
    }
    expect(t.hub.state().seq).toBe(seq);
  });

  it('say so when someone else acknowledged first', async () => {
    const { incidentId, link } = await pagedLink();
    await act(admin, t.time, 'incident.acknowledge', incidentId, { lead: false });
    const shown = await get(link);
    expect(shown.html).toContain('Already acknowledged by admin at 2026-03-25 10:00 UTC.');
    const pressed = await post(link);
    expect(pressed.status).toBe(200);
    expect(pressed.html).toContain(
      'INC-1 Checkout errors was acknowledged by admin at 2026-03-25 10:00 UTC. Nothing else was changed.',
    );
  });
});
