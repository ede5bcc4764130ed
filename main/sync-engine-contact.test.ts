// The engine's contact requests (`contact`, `contact.change`, `contact.test`) over a real socket.io connection to a
// small server on 127.0.0.1 that answers them as the hub would: what goes out, what comes back, and what never leaves.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContactReply } from '../shared/protocol/contact-wire.js';
import { MemoryKeyValueStorage } from '../shared/sync/storage.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';

const VIEW: Extract<ContactReply, { ok: true }>['view'] = {
  userId: 'u-ana',
  methods: [
    {
      id: 'm-1',
      userId: 'u-ana',
      kind: 'email',
      label: 'Work',
      target: 'a•••@example.com',
      verifiedAt: null,
      createdAt: '2026-03-25T10:00:00.000Z',
      lastDelivery: null,
    },
  ],
  rules: [],
  rulesSaved: false,
  channels: { email: true, webPushKey: null, ntfyServer: 'https://ntfy.sh' },
};

interface Received {
  event: string;
  payload: unknown;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A socket.io server answering the contact events; `answers` may be changed by the test. */
async function startServer(answers: Record<string, (payload: unknown) => unknown>) {
  const http: HttpServer = createServer();
  const io = new Server(http);
  const received: Received[] = [];
  io.on('connection', (socket) => {
    for (const event of ['contact', 'contact.change', 'contact.test']) {
      socket.on(event, (payload: unknown, ack: (reply: unknown) => void) => {
        received.push({ event, payload });
        // `contact` answers by default: connectedEngine asks it to know the connection is up.
        const answer = answers[event] ?? (event === 'contact' ? () => ({ ok: true, view: VIEW }) : undefined);
        if (answer) ack(answer(payload)); // no answer: the engine's ack timeout
      });
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, received };
}

async function connectedEngine(server: { url: string; received: Received[] }): Promise<SyncEngine> {
  let n = 0;
  const engine = new SyncEngine({
    hubUrl: server.url,
    token: 'wr_test',
    storage: new MemoryKeyValueStorage(),
    timers: { set: setTimeout, clear: clearTimeout },
    newId: () => `c${++n}`,
    ackTimeoutMs: 1000,
  });
  cleanups.push(() => engine.stop());
  engine.start();
  // The contact requests need only the connection (not the hub's welcome): wait for it.
  for (let i = 0; i < 200; i++) {
    try {
      await engine.getContact();
      server.received.length = 0;
      return engine;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error('the engine never connected');
}

describe('SyncEngine contact requests', () => {
  it('reads my contact view, or someone else’s by id, and parses the reply', async () => {
    const server = await startServer({ contact: () => ({ ok: true, view: VIEW }) });
    const engine = await connectedEngine(server);
    expect(await engine.getContact()).toEqual({ ok: true, view: VIEW });
    expect(await engine.getContact('u-bo')).toEqual({ ok: true, view: VIEW });
    expect(server.received).toEqual([
      { event: 'contact', payload: {} },
      { event: 'contact', payload: { userId: 'u-bo' } },
    ]);
  });

  it('sends a change parsed (trimmed), returns what the method answered, and refuses malformed input unsent', async () => {
    const sent = { methodId: 'm-2', kind: 'ntfy', target: 'ntfy.sh/ana•••', ok: true, detail: 'HTTP 200 OK' };
    const server = await startServer({ 'contact.change': () => ({ ok: true, methodId: 'm-2', sent }) });
    const engine = await connectedEngine(server);
    const reply = await engine.changeContact({
      kind: 'method.add',
      label: 'Phone',
      target: { kind: 'ntfy', topic: ' ana-pages ' },
    });
    expect(reply).toEqual({ ok: true, methodId: 'm-2', sent });
    expect(server.received).toEqual([
      {
        event: 'contact.change',
        payload: { kind: 'method.add', label: 'Phone', target: { kind: 'ntfy', topic: 'ana-pages' } },
      },
    ]);

    const badAddress = await engine.changeContact({
      kind: 'method.add',
      target: { kind: 'email', address: 'not an address' },
    });
    expect(badAddress).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(badAddress.ok || badAddress.error.message).toMatch(/target\.address/);
    const badCode = await engine.changeContact({ kind: 'method.verify', methodId: 'm-2', code: '12345' });
    expect(badCode.ok || badCode.error.message).toMatch(/code: must be the six digits/);
    const twice = await engine.changeContact({
      kind: 'rules.save',
      rules: [
        { methodId: 'm-2', afterMinutes: 0 },
        { methodId: 'm-2', afterMinutes: 5 },
      ],
    });
    expect(twice.ok || twice.error.message).toMatch(/each method may appear once/);
    expect(await engine.getContact('')).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(server.received).toHaveLength(1);
  });

  it("passes the hub's refusal on, and says so when the reply is not understood or does not come", async () => {
    const refusal = { ok: false, error: { code: 'forbidden', message: 'Only admins may change other people.' } };
    const server = await startServer({
      'contact.change': () => refusal,
      'contact.test': () => ({ ok: true, results: [{ methodId: 'm-1' }] }),
    });
    const engine = await connectedEngine(server);
    expect(await engine.changeContact({ kind: 'method.remove', methodId: 'm-1' })).toEqual(refusal);
    await expect(engine.testContact()).rejects.toThrow('The hub answered in a form this app does not understand.');
    expect(server.received.at(-1)).toEqual({ event: 'contact.test', payload: {} });

    const silent = await startServer({});
    const unanswered = await connectedEngine(silent);
    await expect(unanswered.testContact()).rejects.toThrow(/did not answer in time: some messages may have gone out/);
    await expect(unanswered.changeContact({ kind: 'method.resend', methodId: 'm-1' })).rejects.toThrow(
      /did not answer in time: the change may or may not be saved/,
    );
  });

  it('says at once that it needs the hub when not connected', async () => {
    const engine = new SyncEngine({
      hubUrl: 'http://127.0.0.1:9',
      token: 'wr_x',
      storage: new MemoryKeyValueStorage(),
      timers: { set: () => 0, clear: () => undefined },
      newId: () => 'c1',
    });
    await expect(engine.getContact()).rejects.toThrow(
      'Reading contact methods needs the hub, which cannot be reached now.',
    );
    await expect(engine.changeContact({ kind: 'method.remove', methodId: 'm-1' })).rejects.toThrow(
      'Changing contact methods needs the hub',
    );
    await expect(engine.testContact()).rejects.toThrow(/needs the hub, which cannot be reached now/);
  });
});
