import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson } from '../contact/senders/chat.js';
import { MAX_ATTEMPTS } from '../contact/outbox-timing.js';
import { silentLogger } from '../log.js';
import { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import type { HubStore } from '../store/hub-store.js';
import { openSqliteStore } from '../store/sqlite/open-sqlite.js';
import { FakeTime } from '../test/support/fake-time.js';
import { startHttpReceiver, type HttpReceiver } from '../test/support/http-receiver.js';
import { freshDelivery } from '../test/support/outbox-rows.js';
import { MessageOutbox } from './message-outbox.js';
import type { MessageRow } from './status-page-store.js';

const T0 = '2026-03-25T10:00:00.000Z';

interface Rig {
  readonly store: HubStore;
  readonly time: FakeTime;
  readonly receiver: HttpReceiver;
  readonly outbox: MessageOutbox;
  readonly secrets: SecretsKeyFile;
  /** Moves the fake time on, letting the outbox settle after each timer. */
  advance(ms: number): Promise<void>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A real SQLite store, a real local HTTP server answering as scripted, and the outbox on a fake clock; the
 * 'announce' handler posts the opened body to the server as JSON (what a chat channel's handler does).
 */
async function rig(answers: Parameters<typeof startHttpReceiver>[0]): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-message-outbox-'));
  const time = new FakeTime(T0);
  const store = openSqliteStore(join(dir, 'warroom.sqlite'), time.now);
  const receiver = await startHttpReceiver(answers);
  const secrets = new SecretsKeyFile(join(dir, 'secrets.key'));
  const outbox = new MessageOutbox({
    store: store.statusPage,
    handlers: {
      announce: (_row, body) => postJson(`${receiver.origin}/chat`, JSON.parse(body), { now: time.now }),
    },
    open: (sealed) => secrets.open(sealed, 'a message'),
    clock: time,
    timers: time,
    logger: silentLogger,
    nodeId: 'node-test',
  });
  cleanups.push(async () => {
    outbox.stop();
    await outbox.settled();
    await store.close();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, time, receiver, outbox, secrets, advance: (ms) => time.advance(ms, () => outbox.settled()) };
}

function row(r: Rig, id: string, fields: Partial<MessageRow> = {}): MessageRow {
  return {
    id,
    kind: 'announce',
    recipientId: 'ch-1',
    incidentId: 'inc-1',
    sealedBody: r.secrets.seal(JSON.stringify({ text: `message ${id}` })),
    ...freshDelivery(T0),
    createdAt: T0,
    ...fields,
  };
}

describe('the status page message outbox', () => {
  it('sends what is due once, even when enqueued twice, and leaves nothing pending', async () => {
    const r = await rig([{ status: 200, body: 'ok' }]);
    r.outbox.start();
    await r.outbox.enqueue([row(r, 'm-1')]);
    await r.outbox.enqueue([row(r, 'm-1')]);
    await r.outbox.settled();
    expect(r.receiver.requests.map((q) => q.text)).toEqual([JSON.stringify({ text: 'message m-1' })]);
    expect(await r.store.statusPage.message('m-1')).toMatchObject({ status: 'sent', attempts: 1, detail: 'HTTP 200' });
    expect(await r.store.statusPage.nextDue()).toBeNull();
    expect(r.time.pending).toBe(0);
  });

  it('waits for a message due later, on its timer', async () => {
    const r = await rig([{ status: 200, body: 'ok' }]);
    r.outbox.start();
    await r.outbox.enqueue([row(r, 'm-later', { dueAt: '2026-03-25T10:05:00.000Z' })]);
    await r.outbox.settled();
    expect(r.receiver.requests).toHaveLength(0);
    await r.advance(5 * 60_000);
    expect(r.receiver.requests).toHaveLength(1);
  });

  it('retries with back-off, honouring Retry-After, and fails for good after the last try', async () => {
    const r = await rig([
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 },
    ]);
    r.outbox.start();
    await r.outbox.enqueue([row(r, 'm-retry')]);
    await r.outbox.settled();
    // 429 asked for 120 s: more than the first back-off (30 s).
    expect(await r.store.statusPage.message('m-retry')).toMatchObject({
      status: 'pending',
      attempts: 1,
      dueAt: '2026-03-25T10:02:00.000Z',
    });
    await r.advance(119_000);
    expect(r.receiver.requests).toHaveLength(1);
    await r.advance(1_000);
    expect(r.receiver.requests).toHaveLength(2);
    // Then 1, 2, 4, 8 minutes.
    expect(await r.store.statusPage.message('m-retry')).toMatchObject({
      attempts: 2,
      dueAt: '2026-03-25T10:03:00.000Z',
    });
    await r.advance(60 * 60_000);
    expect(r.receiver.requests).toHaveLength(MAX_ATTEMPTS);
    expect(await r.store.statusPage.message('m-retry')).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
      detail: expect.stringContaining('503') as unknown,
    });
    expect(await r.store.statusPage.nextDue()).toBeNull();
  });

  it('cancels a kind nothing sends, and a row another node holds is left to it', async () => {
    const r = await rig([{ status: 200, body: 'ok' }]);
    await r.store.statusPage.enqueue([
      row(r, 'm-mail', { kind: 'subscriber-email', recipientId: 's-1' }),
      row(r, 'm-held'),
    ]);
    // Another node claimed m-held a moment ago.
    await r.store.statusPage.claimDue(T0, 'node-other', '2026-03-25T10:01:00.000Z', 10);
    await r.store.statusPage.enqueue([row(r, 'm-mine')]);
    r.outbox.start();
    await r.outbox.settled();
    expect(await r.store.statusPage.message('m-mail')).toMatchObject({ leaseOwner: 'node-other' });
    expect(r.receiver.requests.map((q) => q.text)).toEqual([JSON.stringify({ text: 'message m-mine' })]);
    // The other node died: once its lease has passed, this one takes m-held and m-mail.
    await r.advance(65_000);
    expect(await r.store.statusPage.message('m-held')).toMatchObject({ status: 'sent', leaseOwner: null });
    expect(await r.store.statusPage.message('m-mail')).toMatchObject({
      status: 'cancelled',
      detail: 'not sent: this hub sends no subscriber-email messages',
    });
  });
});
