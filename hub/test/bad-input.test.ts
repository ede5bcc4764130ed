import { closedByHub } from './support/closed-by-hub.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { IncidentsState } from '../../shared/domain/state.js';
import { declare } from './support/commands.js';
import { connectClient, expectRefusal, uid, type TestClient } from './support/test-client.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

describe('bad input gets a clear error and changes nothing', () => {
  let t: TestHub;
  let ana: TestClient;
  let incidentId: string;
  const extra: TestClient[] = [];
  beforeAll(async () => {
    t = await startTestHub();
    ana = await connectClient(t.hub.url, t.tokens.responder);
    ({ incidentId } = await declare(ana));
  });
  afterEach(() => extra.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    ana.close();
    await t.close();
  });

  const valid = () => ({
    commandId: uid(),
    type: 'tried.add',
    incidentId,
    payload: { entryId: uid(), what: 'Flushed the CDN cache' },
    clientAt: new Date().toISOString(),
  });

  /** Sends a command and checks it was refused with `code`, that nothing was written and state is the same. */
  async function expectRefused(client: TestClient, command: unknown, code: string, message?: RegExp) {
    const before: IncidentsState = t.hub.state();
    const head = await t.hub.store.head();
    const ack = await client.sendRaw(command);
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe(code);
    expect(ack.error.message.length).toBeGreaterThan(10);
    if (message) expect(ack.error.message).toMatch(message);
    expect(await t.hub.store.head()).toBe(head);
    expect(t.hub.state()).toBe(before);
  }

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['no type', { commandId: 'c1', incidentId: 'x', payload: {}, clientAt: '2026-01-01T00:00:00Z' }],
  ])('refuses a command that is %s as unknown', async (_, command) => {
    await expectRefused(ana, command, 'unknown_command', /Known: incident\.declare/);
  });

  it('refuses an unknown command type, naming the known ones', async () => {
    await expectRefused(ana, { ...valid(), type: 'incident.delete' }, 'unknown_command', /"incident\.delete"/);
  });

  it.each([
    ['a missing payload field', (c: ReturnType<typeof valid>) => ({ ...c, payload: { entryId: 'e1' } }), /what/],
    ['a wrong field type', (c: ReturnType<typeof valid>) => ({ ...c, payload: { ...c.payload, what: 42 } }), /what/],
    [
      'an unknown field',
      (c: ReturnType<typeof valid>) => ({ ...c, payload: { ...c.payload, sneaky: true } }),
      /sneaky/,
    ],
    ['a bad id', (c: ReturnType<typeof valid>) => ({ ...c, commandId: 'has spaces and / slashes' }), /commandId/],
    ['a bad clientAt', (c: ReturnType<typeof valid>) => ({ ...c, clientAt: 'yesterday' }), /clientAt/],
    [
      'an empty text',
      (c: ReturnType<typeof valid>) => ({ ...c, payload: { ...c.payload, what: '   ' } }),
      /What was tried needs visible characters[\s\S]*payload\.what/,
    ],
    [
      'a text of only invisible characters',
      (c: ReturnType<typeof valid>) => ({ ...c, payload: { ...c.payload, what: '\u200B\u2060\uFEFF' } }),
      /What was tried needs visible characters: it holds only spaces or invisible characters/,
    ],
    [
      'a text with a text-direction override',
      (c: ReturnType<typeof valid>) => ({ ...c, payload: { ...c.payload, what: 'Restarted \u202Eloop' } }),
      /Remove the text-direction control character U\+202E \(RIGHT-TO-LEFT OVERRIDE\) from what was tried/,
    ],
    [
      'a too-long text',
      (c: ReturnType<typeof valid>) => ({ ...c, payload: { ...c.payload, what: 'x'.repeat(1001) } }),
      /what/,
    ],
  ])('refuses %s, saying which field', async (_, mutate, message) => {
    await expectRefused(ana, mutate(valid()), 'invalid_command', message);
  });

  it('refuses a command for an incident that does not exist', async () => {
    await expectRefused(ana, { ...valid(), incidentId: 'no-such-incident' }, 'not_found', /no-such-incident/);
  });

  it('refuses an illegal status move with the allowed next steps', async () => {
    const command = { ...valid(), type: 'incident.change_status', payload: { status: 'closed' } };
    await expectRefused(ana, command, 'illegal_transition', /investigating to closed.*mitigated, resolved/);
  });

  it('refuses an oversize command with the limit, without dropping the connection', async () => {
    const big = { ...valid(), payload: { ...valid().payload, what: 'x'.repeat(100 * 1024) } };
    await expectRefused(ana, big, 'payload_too_large', /limit is 65536/);
    expect(ana.socket.connected).toBe(true);
    expect(await ana.sendRaw(valid())).toMatchObject({ ok: true });
  });

  it('refuses assigning a role to a person the hub does not know', async () => {
    const command = {
      ...valid(),
      type: 'role.assign',
      payload: { role: 'comms', person: { id: 'ghost', name: 'Ghost' } },
    };
    await expectRefused(ana, command, 'unknown_user', /ghost/);
  });

  it('refuses commands only the hub may issue (alerts, pages) from a client', async () => {
    const command = {
      ...valid(),
      type: 'page.record',
      payload: {
        pageId: 'p1',
        person: { id: 'x', name: 'X' },
        reason: 'initial',
        step: 0,
        round: 0,
        rotationId: null,
        heldUntil: null,
      },
    };
    await expectRefused(ana, command, 'forbidden', /comes from the hub itself/);
  });

  it("refuses a command id from the hub's own namespace, so nobody can take a page's id first", async () => {
    await expectRefused(ana, { ...valid(), commandId: 'hub-inc-1-s0-r0-u1-sent' }, 'invalid_command', /hub's own/);
  });

  it('refuses a viewer trying to write', async () => {
    const viewer = await connectClient(t.hub.url, t.tokens.viewer);
    extra.push(viewer);
    await expectRefused(viewer, valid(), 'forbidden', /Viewers/);
  });

  it('drops the connection of a token revoked while connected, saying why (hub/test/revocation.test.ts has more)', async () => {
    const { token, tokenId } = await t.hub.users.createToken('ana', 'responder');
    const client = await connectClient(t.hub.url, token);
    extra.push(client);
    const closed = closedByHub(client);
    await t.hub.users.revoke({ id: tokenId });
    expect((await closed).refusal?.code).toBe('revoked');
    expect(client.socket.connected).toBe(false);
  });

  describe('at the handshake', () => {
    it.each([
      ['no auth at all', undefined, 'bad_handshake'],
      ['no token', { protocol: PROTOCOL_VERSION }, 'bad_handshake'],
      ['no protocol', { token: 'x' }, 'bad_handshake'],
      ['a wrong token', { token: 'wr_not-a-real-token', protocol: PROTOCOL_VERSION }, 'unauthorized'],
    ])('refuses %s with a typed reason', async (_, auth, code) => {
      const refusal = await expectRefusal(t.hub.url, auth);
      expect(refusal.code).toBe(code);
      expect(refusal.message.length).toBeGreaterThan(10);
    });

    it('refuses a client too old or too new for the protocol, saying which side to update', async () => {
      const old = await expectRefusal(t.hub.url, { token: t.tokens.responder, protocol: 0 });
      expect(old).toMatchObject({ code: 'protocol_too_old', message: expect.stringMatching(/Update the app/) });
      const future = await expectRefusal(t.hub.url, { token: t.tokens.responder, protocol: 99 });
      expect(future).toMatchObject({ code: 'protocol_too_new', message: expect.stringMatching(/Update the hub/) });
    });

    it('refuses a revoked token', async () => {
      const { token, tokenId } = await t.hub.users.createToken('bo', 'responder');
      await t.hub.users.revoke({ id: tokenId });
      expect(await expectRefusal(t.hub.url, { token, protocol: PROTOCOL_VERSION })).toMatchObject({
        code: 'unauthorized',
      });
    });
  });

  it('answers a malformed sync request with an error', async () => {
    const reply: unknown = await ana.socket.timeout(5000).emitWithAck('sync', { since: -4 });
    expect(reply).toMatchObject({ kind: 'error', error: { code: 'invalid_command' } });
  });
});
