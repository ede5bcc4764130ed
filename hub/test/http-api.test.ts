import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declare } from './support/commands.js';
import { connectClient, type TestClient } from './support/test-client.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

describe('the read-only HTTP API', () => {
  let t: TestHub;
  let ana: TestClient;
  let sev1: string;
  let sev3: string;
  beforeAll(async () => {
    t = await startTestHub();
    ana = await connectClient(t.hub.url, t.tokens.responder);
    sev3 = (await declare(ana, { title: 'Slow search', severity: 'SEV-3' })).incidentId;
    sev1 = (await declare(ana, { title: 'Checkout down', severity: 'SEV-1' })).incidentId;
  });
  afterAll(async () => {
    ana.close();
    await t.close();
  });

  const get = (path: string, token?: string, method = 'GET') =>
    fetch(`${t.hub.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers /healthz without a token', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, seq: 8, protocol: PROTOCOL_VERSION });
  });

  it('lists incidents, most severe first, for any role', async () => {
    const res = await get('/api/incidents', t.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { seq: number; incidents: { id: string }[] };
    expect(body.seq).toBe(8);
    expect(body.incidents.map((i) => i.id)).toEqual([sev1, sev3]);
  });

  it('filters by status', async () => {
    const active = (await (await get('/api/incidents?status=active', t.tokens.viewer)).json()) as {
      incidents: unknown[];
    };
    const closed = (await (await get('/api/incidents?status=closed', t.tokens.viewer)).json()) as {
      incidents: unknown[];
    };
    expect(active.incidents).toHaveLength(2);
    expect(closed.incidents).toHaveLength(0);
  });

  it('returns one incident with its timeline, by id or by label', async () => {
    const byId = (await (await get(`/api/incidents/${sev1}`, t.tokens.viewer)).json()) as {
      incident: { title: string; number: number };
      events: { type: string }[];
    };
    expect(byId.incident.title).toBe('Checkout down');
    expect(byId.events.map((e) => e.type)).toEqual([
      'incident.declared',
      'role.assigned',
      'checklist.created',
      'checklist.created',
    ]);
    const byLabel = (await (
      await get(`/api/incidents/INC-${byId.incident.number}`, t.tokens.viewer)
    ).json()) as typeof byId;
    expect(byLabel.incident).toEqual(byId.incident);
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'wr_wrong'],
  ])('refuses %s with 401', async (_, token) => {
    const res = await get('/api/incidents', token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers 404 for an unknown incident or path, and 405 for writes', async () => {
    expect((await get('/api/incidents/nope', t.tokens.viewer)).status).toBe(404);
    expect((await get('/api/nothing-here', t.tokens.viewer)).status).toBe(404);
    expect((await get('/elsewhere')).status).toBe(404);
    const post = await get('/api/incidents', t.tokens.admin, 'POST');
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});
