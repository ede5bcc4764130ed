/**
 * `contact`, `contact.change` and `contact.test` on a real hub: adding a method sends it a code and only the code
 * verifies it; bad input is refused in words and changes nothing; nothing secret is ever returned or logged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { codeIn, contactChange, contactTest, contactView, saveRules } from './support/contact-client.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import { setUpCheckout, startPagingHub, oncallView, type PagingHub } from './support/paging-hub.js';
import type { TestClient } from './support/test-client.js';

let hook: HttpReceiver;
let t: PagingHub;
let ana: TestClient;
let bo: TestClient;
let admin: TestClient;
const logLines: string[] = [];

const SECRET = 'top-secret-signing-key-42';
const NTFY_TOKEN = 'tk_verysecretaccesstoken';

beforeEach(async () => {
  logLines.length = 0;
  hook = await startHttpReceiver();
  const logger = createLogger({ write: (line: string) => void logLines.push(line) }, 'debug');
  t = await startPagingHub(undefined, undefined, logger, { ntfyServer: hook.origin, sendTimeoutMs: 2000 });
  ana = await t.connect(t.tokens.ana);
  bo = await t.connect(t.tokens.bo);
  admin = await t.connect(t.tokens.admin);
});

afterEach(async () => {
  await t.close();
  await hook.close();
});

/** The last request's body, whatever the channel's format (the code is in its text somewhere). */
const lastText = async () => {
  const request = hook.requests.at(-1);
  if (!request) throw new Error('nothing received');
  return request.text;
};

describe('adding and verifying', () => {
  it('adds an unverified method, sends a code through it, and verifies with that code only', async () => {
    const added = await contactChange(ana, {
      kind: 'method.add',
      label: 'phone',
      target: { kind: 'ntfy', topic: 'ana-pager-93', token: NTFY_TOKEN },
    });
    expect(added).toMatchObject({
      ok: true,
      sent: { ok: true, kind: 'ntfy', target: '127.0.0.1:' + hook.port + '/ana•••' },
    });
    const methodId = added.ok ? (added.methodId ?? '') : '';
    expect(hook.requests.at(-1)?.headers.authorization).toBe(`Bearer ${NTFY_TOKEN}`);
    const code = codeIn(await lastText());

    let view = await contactView(ana);
    expect(view.methods).toEqual([
      expect.objectContaining({ id: methodId, kind: 'ntfy', label: 'phone', verifiedAt: null, lastDelivery: null }),
    ]);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await contactChange(ana, { kind: 'method.verify', methodId, code: wrong })).toEqual({
      ok: false,
      error: { code: 'invalid_command', message: 'That is not the code we sent (4 tries left).' },
    });
    expect(await contactChange(bo, { kind: 'method.verify', methodId, code })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "Only admins see or change other people's contact methods." },
    });
    expect(await contactChange(ana, { kind: 'method.verify', methodId, code })).toEqual({
      ok: true,
      methodId: null,
      sent: null,
    });
    view = await contactView(ana);
    expect(view.methods[0]?.verifiedAt).toBe(t.time.iso);
    // By default every verified method is used at once.
    expect(view).toMatchObject({ rules: [{ methodId, afterMinutes: 0 }], rulesSaved: false });
    expect(await contactChange(ana, { kind: 'method.verify', methodId, code })).toMatchObject({
      ok: false,
      error: { code: 'no_change' },
    });
  });

  it('a new code replaces the old one; five wrong codes need a new one', async () => {
    const added = await contactChange(ana, {
      kind: 'method.add',
      target: { kind: 'slack', url: `${hook.origin}/services/T0/B0/xyz` },
    });
    const methodId = added.ok ? (added.methodId ?? '') : '';
    const first = codeIn(await lastText());
    const resent = await contactChange(ana, { kind: 'method.resend', methodId });
    expect(resent).toMatchObject({ ok: true, methodId, sent: { ok: true } });
    const second = codeIn(await lastText());
    if (first !== second)
      expect(await contactChange(ana, { kind: 'method.verify', methodId, code: first })).toMatchObject({ ok: false });
    for (let i = 0; i < 5; i++)
      await contactChange(ana, { kind: 'method.verify', methodId, code: second === '123456' ? '654321' : '123456' });
    expect(await contactChange(ana, { kind: 'method.verify', methodId, code: second })).toEqual({
      ok: false,
      error: { code: 'limit_reached', message: 'Too many wrong codes: send a new code and type that one.' },
    });
  });

  it('refuses what cannot work, in words, and changes nothing', async () => {
    expect(
      await contactChange(ana, { kind: 'method.add', target: { kind: 'email', address: 'ana@example.com' } }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_command',
        message: 'E-mail is not set up on this hub: an admin sets WARROOM_SMTP_URL or smtp.json (docs/contact.md).',
      },
    });
    const bad = await ana.socket.timeout(5000).emitWithAck('contact.change', {
      kind: 'method.add',
      target: { kind: 'webhook', url: 'ftp://example.com', secret: 'short' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(JSON.stringify(bad)).toMatch(/http:\/\/ or https:\/\//);
    expect(await contactChange(ana, { kind: 'rules.save', rules: [{ methodId: 'cm-nope', afterMinutes: 1 }] })).toEqual(
      {
        ok: false,
        error: { code: 'not_found', message: 'No contact method cm-nope of yours: add it first.' },
      },
    );
    expect(
      await contactChange(bo, { kind: 'method.add', userId: t.people.ana.id, target: { kind: 'ntfy', topic: 'x' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await contactView(ana)).methods).toEqual([]);
    const target = { kind: 'ntfy' as const, topic: 'dup' };
    await contactChange(ana, { kind: 'method.add', target });
    expect(await contactChange(ana, { kind: 'method.add', target })).toMatchObject({
      ok: false,
      error: { code: 'already_exists' },
    });
    for (let i = 1; i < 10; i++)
      await contactChange(ana, { kind: 'method.add', target: { kind: 'ntfy', topic: `t${i}` } });
    expect(await contactChange(ana, { kind: 'method.add', target: { kind: 'ntfy', topic: 't10' } })).toMatchObject({
      ok: false,
      error: { code: 'limit_reached' },
    });
  });

  it('lets an admin see and set up someone else, and removes a method with its rule', async () => {
    const added = await contactChange(admin, {
      kind: 'method.add',
      userId: t.people.ana.id,
      target: { kind: 'ntfy', topic: 'ana' },
    });
    const methodId = added.ok ? (added.methodId ?? '') : '';
    await contactChange(ana, { kind: 'method.verify', methodId, code: codeIn(await lastText()) });
    await saveRules(ana, [{ methodId, afterMinutes: 2 }]);
    expect(await contactView(admin, t.people.ana.id)).toMatchObject({
      rulesSaved: true,
      rules: [{ methodId, afterMinutes: 2 }],
    });
    await expect(contactView(bo, t.people.ana.id)).rejects.toThrow(/Only admins/);
    expect(await contactChange(ana, { kind: 'method.remove', methodId })).toMatchObject({ ok: true });
    expect((await contactView(ana)).methods).toEqual([]);
  });
});

describe('the hub is not a way to flood someone', () => {
  it('sends ten codes and test pages at once, then one every six minutes', async () => {
    const added = await contactChange(ana, { kind: 'method.add', target: { kind: 'ntfy', topic: 'victim' } });
    const methodId = added.ok ? (added.methodId ?? '') : '';
    for (let i = 0; i < 9; i++)
      expect(await contactChange(ana, { kind: 'method.resend', methodId })).toMatchObject({ ok: true });
    const posts = hook.requests.length;
    expect(await contactChange(ana, { kind: 'method.resend', methodId })).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'You have had the hub send many codes and test pages in a short time: try again in 6 minutes.',
      },
    });
    expect(await contactTest(ana)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(hook.requests).toHaveLength(posts);
    // Someone else's allowance is their own.
    expect(await contactChange(bo, { kind: 'method.add', target: { kind: 'ntfy', topic: 'bo' } })).toMatchObject({
      ok: true,
    });
    t.time.jump(6 * 60_000);
    expect(await contactChange(ana, { kind: 'method.resend', methodId })).toMatchObject({ ok: true });
  });
});

describe('a test page', () => {
  it('goes through every verified method and says what each answered', async () => {
    const ok = await contactChange(ana, { kind: 'method.add', target: { kind: 'ntfy', topic: 'ok' } });
    const okId = ok.ok ? (ok.methodId ?? '') : '';
    await contactChange(ana, { kind: 'method.verify', methodId: okId, code: codeIn(await lastText()) });
    const teams = await startHttpReceiver([{ status: 202 }]);
    try {
      const down = await contactChange(ana, {
        kind: 'method.add',
        target: { kind: 'teams', url: `${teams.origin}/workflows/x` },
      });
      const downId = down.ok ? (down.methodId ?? '') : '';
      await contactChange(ana, {
        kind: 'method.verify',
        methodId: downId,
        code: codeIn(teams.requests.at(-1)?.text ?? ''),
      });
      teams.answerWith([{ status: 404, body: 'no such workflow' }]);
      const reply = await contactTest(ana);
      const results = reply.ok ? [...reply.results].sort((a, b) => a.kind.localeCompare(b.kind)) : [];
      expect(results.map((r) => [r.kind, r.ok])).toEqual([
        ['ntfy', true],
        ['teams', false],
      ]);
      expect(results[1]?.detail).toMatch(/404/);
      expect(teams.requests.at(-1)?.text).toContain('Warroom test page');
    } finally {
      await teams.close();
    }
  });
});

describe('secrets', () => {
  it('are never returned by the API nor written to the log', async () => {
    await contactChange(ana, {
      kind: 'method.add',
      target: { kind: 'webhook', url: `${hook.origin}/hooks/PRIVATEPATH`, secret: SECRET },
    });
    await contactChange(ana, {
      kind: 'method.add',
      target: { kind: 'ntfy', topic: 'privatetopic', token: NTFY_TOKEN },
    });
    const view = JSON.stringify(await contactView(ana));
    const log = logLines.join('\n');
    for (const secret of [SECRET, NTFY_TOKEN, 'PRIVATEPATH', 'privatetopic'])
      for (const [where, text] of [
        ['view', view],
        ['log', log],
      ] as const)
        expect(text.includes(secret), `${secret} in the ${where}`).toBe(false);
  });
});

describe('who cannot be reached', () => {
  it('the on-call view names rotation members without a verified method, and the log warns once', async () => {
    await setUpCheckout(t, admin);
    const added = await contactChange(ana, { kind: 'method.add', target: { kind: 'ntfy', topic: 'ana' } });
    const methodId = added.ok ? (added.methodId ?? '') : '';
    await contactChange(ana, { kind: 'method.verify', methodId, code: codeIn(await lastText()) });
    const view = await oncallView(bo);
    expect(view.reachability.map((r) => r.name)).toEqual(['bo', 'cy']);
    expect(view.reachability[0]?.problems[0]).toMatch(/^no verified contact method besides the desktop app/);
    await oncallView(bo);
    const warnings = logLines.filter((l) => l.includes('bo may not be reached by a page'));
    expect(warnings).toHaveLength(1);
  });
});
