import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyAll } from '../../shared/domain/apply.js';
import type { Command } from '../../shared/domain/commands.js';
import { decide } from '../../shared/domain/decide.js';
import { stampEvents } from '../../shared/domain/events.js';
import { EMPTY_STATE, type IncidentsState } from '../../shared/domain/state.js';
import { alice, command, T0 } from '../../shared/domain/test-support.js';
import { ANNOUNCE_EVENTS, type AnnounceTarget } from '../../shared/status-page/announcements.js';
import { EMPTY_STATUS_PAGE_CONFIG } from '../../shared/status-page/status-page-config.js';
import { openSecret, sealSecret, type SecretKey } from '../secrets/secret-box.js';
import { createAnnouncements } from '../status-page/announce/announcements.js';
import { sendTestMessage } from '../status-page/announce/test-message.js';
import { MessageOutbox } from '../status-page/message-outbox.js';
import type { StatusPagePart, StatusPagePartDeps } from '../status-page/status-page-parts.js';
import type { StatusPageStore, StoredChannel } from '../status-page/status-page-store.js';
import { FakeTime } from './support/fake-time.js';
import { startHttpReceiver, type HttpReceiver, type ReceiverAnswer } from './support/http-receiver.js';
import { captureLogs } from './support/log-capture.js';
import { sqliteStoreFixture, type StoreFixture } from './support/store-fixtures.js';

const BASE = 'https://warroom.example';
const TOKEN = 'xoxb-1234567890-abcdefghij';
const slackOk = (ts: string): ReceiverAnswer => ({
  status: 200,
  body: JSON.stringify({ ok: true, channel: 'C1', ts }),
});

interface Posted {
  channel: string;
  text: string;
  thread_ts?: string;
  reply_broadcast?: boolean;
}

/**
 * The announcements part with the real SQLite status page store and the real message outbox, on a fake clock, sending
 * to a local HTTP receiver that plays Slack's Web API (and incoming webhooks).
 */
describe('announcements through the outbox', () => {
  let fixture: StoreFixture;
  let store: StatusPageStore;
  let receiver: HttpReceiver;
  let time: FakeTime;
  let part: StatusPagePart;
  let outbox: MessageOutbox;
  let deps: StatusPagePartDeps;
  let state: IncidentsState;
  let logs: ReturnType<typeof captureLogs>;
  const key: SecretKey = { file: 'test key', id: 'k-test', bytes: randomBytes(32) };

  beforeEach(async () => {
    fixture = await sqliteStoreFixture('warroom-announce-');
    store = fixture.store.statusPage;
    receiver = await startHttpReceiver();
    time = new FakeTime(T0);
    state = EMPTY_STATE;
    logs = captureLogs();
    deps = {
      store,
      seal: (plain) => sealSecret(key, plain),
      open: (sealed) => openSecret(key, sealed),
      state: () => state,
      config: () => ({ ...EMPTY_STATUS_PAGE_CONFIG, title: 'Acme status' }),
      enqueue: (rows) => outbox.enqueue(rows),
      urls: {
        base: () => BASE,
        incident: (id) => `${BASE}/#/incident/${id}`,
        page: () => `${BASE}/status`,
      },
      smtp: null,
      sendTimeoutMs: 2000,
      linkKey: randomBytes(32),
      clock: time,
      logger: logs.logger,
      changed: () => undefined,
    };
    startPart(0);
  });

  afterEach(async () => {
    outbox.stop();
    await part.settled();
    await outbox.settled();
    await receiver.close();
    await fixture.dispose();
  });

  /** The announcements part pacing each channel by `paceMs`, and a started outbox sending its messages. */
  function startPart(paceMs: number): void {
    part = createAnnouncements(deps, { timers: time, paceMs });
    outbox = new MessageOutbox({
      store,
      handlers: part.handlers,
      open: deps.open,
      clock: time,
      timers: time,
      logger: logs.logger,
      nodeId: 'node-a',
    });
    outbox.start();
  }

  async function addChannel(
    id: string,
    target: AnnounceTarget,
    severities: StoredChannel['severities'] = ['SEV-1'],
  ): Promise<StoredChannel> {
    const channel: StoredChannel = {
      id,
      name: id,
      kind: target.kind,
      target: 'masked',
      sealedTarget: deps.seal(JSON.stringify(target)),
      severities,
      events: [...ANNOUNCE_EVENTS],
      createdAt: time.iso,
    };
    await store.addChannel(channel);
    return channel;
  }

  const slackApp = (): AnnounceTarget => ({
    kind: 'slack-app',
    token: TOKEN,
    channel: 'C1',
    apiUrl: `${receiver.origin}/api`,
  });

  /** Commits a command the way the hub does (as Alice, now); returns the events it committed. */
  function commitEvents(cmd: Command): Parameters<StatusPagePart['onCommitted']>[0] {
    const decision = decide(state, cmd, alice, time.iso);
    if (!decision.ok) throw new Error(`refused: ${decision.error.message}`);
    const events = stampEvents(decision.events, {
      firstSeq: state.seq + 1,
      at: time.iso,
      clientAt: cmd.clientAt,
      actor: alice,
      commandId: cmd.commandId,
    });
    state = applyAll(state, events);
    return events;
  }

  /** Commits a command and hands the events to the part. */
  function handOver(cmd: Command): void {
    part.onCommitted(commitEvents(cmd), state);
  }

  /** handOver, then waits until the outbox is idle. */
  async function commit(cmd: Command): Promise<void> {
    handOver(cmd);
    await settle();
  }

  async function settle(): Promise<void> {
    await part.settled();
    await outbox.settled();
  }

  const declare = (incidentId: string, severity: 'SEV-1' | 'SEV-3', title = 'Checkout down'): Command =>
    command('incident.declare', { title, severity, service: 'payments-api' }, { incidentId, clientAt: time.iso });
  const update = (incidentId: string, updateId: string, text: string): Command =>
    command('status_update.post', { updateId, text, audience: 'internal' }, { incidentId, clientAt: time.iso });
  const resolve = (incidentId: string): Command =>
    command('incident.change_status', { status: 'resolved' }, { incidentId, clientAt: time.iso });

  const posted = (): Posted[] => receiver.requests.map((r) => JSON.parse(r.text) as Posted);

  it('Slack app: the first message about an incident starts its thread, the later ones reply in it; two incidents, two threads', async () => {
    await addChannel('ch-app', slackApp());
    receiver.answerWith([
      slackOk('1700000000.000100'),
      slackOk('1700000000.000200'),
      slackOk('1700000000.000300'),
      slackOk('1700000000.000400'),
      slackOk('1700000000.000500'),
    ]);
    await commit(declare('inc-a', 'SEV-1'));
    await commit(update('inc-a', 'u1', 'DB failover'));
    await commit(declare('inc-b', 'SEV-1', 'Search slow'));
    await commit(update('inc-b', 'u2', 'Reindexing'));
    await commit(resolve('inc-a'));

    const messages = posted();
    expect(messages.map((m) => [m.text, m.thread_ts ?? null, m.reply_broadcast ?? false])).toEqual([
      ['INC-1 declared: SEV-1 Checkout down', null, false],
      ['INC-1 update: SEV-1 Checkout down', '1700000000.000100', false],
      ['INC-2 declared: SEV-1 Search slow', null, false],
      ['INC-2 update: SEV-1 Search slow', '1700000000.000300', false],
      ['INC-1 resolved: SEV-1 Checkout down', '1700000000.000100', true],
    ]);
    expect(await store.thread('ch-app', 'inc-a')).toBe('1700000000.000100');
    expect(await store.thread('ch-app', 'inc-b')).toBe('1700000000.000300');
    for (const r of receiver.requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect((await store.lastPerRecipient()).get('ch-app')).toMatchObject({ status: 'sent' });
    expect(logs.count('announcement sent')).toBe(5);
  });

  it('claimed in one batch, the messages about an incident still go in order and the reply joins the thread', async () => {
    await addChannel('ch-app', slackApp());
    receiver.answerWith([slackOk('1700000000.000100'), slackOk('1700000000.000200'), slackOk('1700000000.000300')]);
    outbox.stop(); // the rows pile up: the next look claims all three at once
    await commit(declare('inc-a', 'SEV-1'));
    await commit(update('inc-a', 'u1', 'one'));
    await commit(update('inc-a', 'u2', 'two'));
    expect(receiver.requests).toHaveLength(0);
    outbox.start();
    outbox.wake();
    await settle();
    expect(posted().map((m) => [m.text, m.thread_ts ?? null])).toEqual([
      ['INC-1 declared: SEV-1 Checkout down', null],
      ['INC-1 update: SEV-1 Checkout down', '1700000000.000100'],
      ['INC-1 update: SEV-1 Checkout down', '1700000000.000100'],
    ]);
    const texts = receiver.requests.map((r) => JSON.stringify(r.text));
    expect(texts[1]).toContain('one');
    expect(texts[2]).toContain('two');
  });

  it('only channels of the severity hear: a SEV-3 reaches the SEV-3 channel and not the SEV-1 one', async () => {
    await addChannel('ch-sev1', { kind: 'slack', url: `${receiver.origin}/hooks/sev1` });
    await addChannel('ch-sev3', { kind: 'mattermost', url: `${receiver.origin}/hooks/sev3` }, ['SEV-3']);
    await commit(declare('inc-low', 'SEV-3', 'Disk filling'));
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hooks/sev3']);
    expect((JSON.parse(receiver.requests[0]?.text ?? '{}') as { text: string }).text).toContain(
      `${BASE}/#/incident/inc-low`,
    );
  });

  it('a 429 is retried when Slack says, and the next message about the incident waits for it: back-off in the rows', async () => {
    await addChannel('ch-app', slackApp());
    receiver.answerWith([
      { status: 429, body: JSON.stringify({ ok: false, error: 'ratelimited' }), headers: { 'Retry-After': '120' } },
      slackOk('1700000000.000100'),
      slackOk('1700000000.000200'),
    ]);
    await commit(declare('inc-a', 'SEV-1'));
    const first = 'announce-ch-app-inc-a-000001';
    const second = 'announce-ch-app-inc-a-000002';
    expect(await store.message(first)).toMatchObject({
      status: 'pending',
      attempts: 1,
      dueAt: new Date(Date.parse(T0) + 120_000).toISOString(),
    });
    expect((await store.message(first))?.detail).toContain('HTTP 429');
    expect((await store.lastPerRecipient()).get('ch-app')).toMatchObject({ status: 'pending' });

    await commit(update('inc-a', 'u1', 'DB failover'));
    // Not sent before the first: it waits until the first is due (and Slack's pause has passed), counted as a try.
    expect(receiver.requests).toHaveLength(1);
    const waiting = await store.message(second);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting?.detail).toMatch(/^waiting/);
    expect(Date.parse(waiting?.dueAt ?? '')).toBeGreaterThanOrEqual(Date.parse(T0) + 120_000);

    await time.advance(120_000, settle);
    await settle();
    expect(posted().map((m) => [m.text, m.thread_ts ?? null])).toEqual([
      ['INC-1 declared: SEV-1 Checkout down', null],
      ['INC-1 declared: SEV-1 Checkout down', null],
      ['INC-1 update: SEV-1 Checkout down', '1700000000.000100'],
    ]);
    expect(await store.message(first)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await store.message(second)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a 500 is retried with back-off; channel_not_found fails at once and shows as the channel’s last send', async () => {
    await addChannel('ch-app', slackApp());
    receiver.answerWith([{ status: 500, body: 'oops' }, slackOk('1700000000.000100')]);
    await commit(declare('inc-a', 'SEV-1'));
    const id = 'announce-ch-app-inc-a-000001';
    expect(await store.message(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      dueAt: new Date(Date.parse(T0) + 30_000).toISOString(),
    });
    await time.advance(30_000, settle);
    await settle();
    expect(await store.message(id)).toMatchObject({ status: 'sent', attempts: 2 });

    receiver.answerWith([{ status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) }]);
    await commit(update('inc-a', 'u1', 'DB failover'));
    const failed = await store.message('announce-ch-app-inc-a-000002');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed?.detail).toContain('channel_not_found');
    const last = (await store.lastPerRecipient()).get('ch-app');
    expect(last).toMatchObject({ status: 'failed' });
    expect(last?.detail).toContain('channel_not_found');
    expect(logs.lines('announcement not sent').at(-1)).toMatchObject({ channel: 'ch-app', retryable: false });
  });

  it('two nodes enqueuing the same events add each message once, numbered in log order', async () => {
    await addChannel('ch-hook', { kind: 'slack', url: `${receiver.origin}/hooks/x` });
    // A second node: its own part (its own memory) on the same store, fed the same events.
    const other = createAnnouncements({ ...deps, enqueue: async () => undefined }, { timers: time, paceMs: 0 });
    outbox.stop(); // nothing is sent: this is about the rows
    const events: Parameters<StatusPagePart['onCommitted']>[0][] = [];
    for (const cmd of [declare('inc-a', 'SEV-1'), update('inc-a', 'u1', 'one'), update('inc-a', 'u2', 'two')]) {
      events.push(commitEvents(cmd));
    }
    // Each node sees every batch in log order, at its own pace: here they take turns being first.
    const [b1, b2, b3] = events;
    if (!b1 || !b2 || !b3) throw new Error('three batches expected');
    const feed = async (node: StatusPagePart, batch: (typeof events)[number]) => {
      node.onCommitted(batch, state);
      await node.settled();
    };
    await feed(part, b1);
    await feed(other, b1);
    await feed(other, b2);
    await feed(part, b2);
    await feed(part, b3);
    await feed(other, b3);
    const texts = [];
    for (let n = 1; n <= 4; n++) {
      const row = await store.message(`announce-ch-hook-inc-a-${String(n).padStart(6, '0')}`);
      texts.push(
        row ? (JSON.parse(deps.open(row.sealedBody)) as { message: { headline: string } }).message.headline : null,
      );
    }
    expect(texts).toEqual([
      'INC-1 declared: SEV-1 Checkout down',
      'INC-1 update: SEV-1 Checkout down',
      'INC-1 update: SEV-1 Checkout down',
      null,
    ]);
  });

  it('per channel, at most one message a second from a node: the next waits for the pause', async () => {
    outbox.stop();
    startPart(1000);
    await addChannel('ch-hook', { kind: 'slack', url: `${receiver.origin}/hooks/x` });
    await commit(declare('inc-a', 'SEV-1'));
    expect(receiver.requests).toHaveLength(1);
    // The second is handed over at once but held for the rest of the second (a timer on the fake clock).
    handOver(update('inc-a', 'u1', 'DB failover'));
    await part.settled();
    const arrived = receiver.next();
    await time.advance(999);
    expect(receiver.requests).toHaveLength(1);
    await time.advance(1);
    await arrived;
    await settle();
    expect(receiver.requests).toHaveLength(2);
    expect(await store.message('announce-ch-hook-inc-a-000002')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a message held behind a slow send for half a lease is handed back, not sent late', async () => {
    await addChannel('ch-hook', { kind: 'slack', url: `${receiver.origin}/hooks/x` });
    receiver.answerWith([{ hang: true }, { status: 200, body: 'ok' }]);
    outbox.stop();
    await commit(declare('inc-a', 'SEV-1'));
    await commit(update('inc-a', 'u1', 'one'));
    outbox.start();
    outbox.wake();
    await receiver.next(); // the first is out, and the service does not answer
    time.jump(31_000);
    await settle(); // the first times out (sendTimeoutMs); the second's turn comes 31 s after it was handed over
    expect(receiver.requests).toHaveLength(1);
    const first = await store.message('announce-ch-hook-inc-a-000001');
    expect(first).toMatchObject({ status: 'pending', attempts: 1, detail: 'no answer within 2000 ms' });
    const second = await store.message('announce-ch-hook-inc-a-000002');
    expect(second).toMatchObject({ status: 'pending', attempts: 1 });
    expect(second?.detail).toBe('waiting: other messages to this channel were slow');
  });

  it('a removed channel hears nothing more', async () => {
    const channel = await addChannel('ch-hook', { kind: 'slack', url: `${receiver.origin}/hooks/x` });
    await commit(declare('inc-a', 'SEV-1'));
    expect(await store.removeChannel(channel.id)).toBe(true);
    await commit(update('inc-a', 'u1', 'DB failover'));
    expect(receiver.requests).toHaveLength(1);
  });

  it('a test message goes out at once and says what the channel answered', async () => {
    const channel = await addChannel('ch-app', slackApp());
    receiver.answerWith([
      slackOk('1700000000.000900'),
      { status: 200, body: JSON.stringify({ ok: false, error: 'not_in_channel' }) },
    ]);
    expect(await sendTestMessage(deps, channel)).toEqual({ ok: true, detail: 'HTTP 200 ok (ts 1700000000.000900)' });
    const body = JSON.parse((await receiver.next()).text) as Posted;
    expect(body.text).toBe('Warroom test message from Acme status');
    expect(body.thread_ts).toBeUndefined();
    const refused = await sendTestMessage(deps, channel);
    expect(refused).toMatchObject({ ok: false, retryable: false });
    expect(refused.detail).toContain('not_in_channel');
  });
});
