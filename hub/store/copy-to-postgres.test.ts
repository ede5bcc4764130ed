import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsState } from '../../shared/domain/state.js';
import { DEFAULT_ESCALATION_POLICY } from '../../shared/oncall/policy.js';
import { defaultProfile } from '../../shared/oncall/profile.js';
import { overrideSchema, rotationSchema } from '../../shared/oncall/rotation.js';
import { databaseFile, secretsKeyFile } from '../data-dir.js';
import { startHub, type RunningHub } from '../hub.js';
import { SecretsKeyFile } from '../secrets/secrets-key-file.js';
import { declare, tried } from '../test/support/commands.js';
import { FakeTime } from '../test/support/fake-time.js';
import { runCliResult } from '../test/support/hub-process.js';
import { GENEROUS_LIMITS } from '../test/support/limits.js';
import { recordSecrets } from '../test/support/suite-logs.js';
import { dropPostgresDatabase, freshPostgresDatabase } from '../test/support/postgres.js';
import { connectClient, type TestClient } from '../test/support/test-client.js';
import { startTestHub, type TestHub } from '../test/support/test-hub.js';
import { fixtureBytes } from '../test/support/webhook-fixtures.js';
import { postWebhook } from '../test/support/webhooks.js';
import { CHECKPOINT_FORMAT } from './checkpoints.js';
import { COPIED_TABLES, copySqliteToPostgres, CopyRefusedError, type CopyCounts } from './copy-to-postgres.js';
import type { HubStore } from './hub-store.js';
import { openPostgresStore } from './postgres/open-postgres.js';
import { openSqliteStore } from './sqlite/open-sqlite.js';

/** Sentry's client secret of the SQLite hub's sentry token: sealed with the key file in its data folder. */
const SENTRY_SECRET = 'copy-test-sentry-client-secret';
recordSecrets(SENTRY_SECRET);
/** A contact method's target (sealed in the store, like Sentry's secret). */
const CONTACT_TARGET = JSON.stringify({ kind: 'email', address: 'ana.copy-test@example.com' });
recordSecrets(CONTACT_TARGET);

const cleanups: (() => Promise<void> | void)[] = [];
const later = (cleanup: () => Promise<void> | void) => cleanups.push(cleanup);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`still waiting for ${what}`);
}

async function freshDatabase(): Promise<string> {
  const url = await freshPostgresDatabase('copy');
  later(() => dropPostgresDatabase(url));
  return url;
}

function sqliteRows<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function postgresRows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const INBOX_COLUMNS = 'source, token_id, received_at, headers, body, attempts, last_error, failed_at';

function sqliteCounts(file: string): CopyCounts {
  return Object.fromEntries(
    COPIED_TABLES.map((table) => [table, sqliteRows<{ n: number }>(file, `SELECT count(*) AS n FROM ${table}`)[0]?.n]),
  ) as CopyCounts;
}

/** Everything a store answers, read through the HubStore interface only. */
/** The incident the status page rows are about: the first one declared. */
const checkoutId = (events: readonly { incidentId: string }[]): string => events[0]?.incidentId ?? '';

async function contents(store: HubStore) {
  const events = await store.events.readSince(0, 1_000_000);
  const incidents = [...new Set(events.map((e) => e.incidentId))];
  return {
    head: await store.events.head(),
    events,
    timelines: await Promise.all(incidents.map((id) => store.events.readIncident(id))),
    commands: await store.events.findCommands(events.flatMap((e) => (e.commandId ? [e.commandId] : []))),
    tokens: await store.users.listTokens(),
    users: await store.users.listUsers(),
    oncall: await store.oncall.load(),
    deadlines: await store.oncall.deadlines(),
    checkpoint: await store.checkpoints.latest(CHECKPOINT_FORMAT),
    inbox: await store.inbox.count(),
    contact: {
      methods: await store.contact.methods(),
      rules: await store.contact.rules(),
      outbox: await Promise.all(
        [
          ['page-copy-1', 'm-ana-mail'],
          ['page-copy-2', 'm-ana-mail'],
        ].map(([page = '', method = '']) => store.contact.outboxRow(page, method)),
      ),
      nextDue: await store.contact.nextDue(),
      lastDeliveries: await store.contact.lastDeliveries(),
      ackLink: await store.contact.ackLink('ack-copy'),
      setting: await store.contact.setting('copy-test-setting'),
    },
    statusPage: {
      config: await store.statusPage.config(),
      channels: await store.statusPage.channels(),
      subscribers: await store.statusPage.subscribers(),
      thread: await store.statusPage.thread('ch-copy', checkoutId(events)),
      message: await store.statusPage.message('msg-copy'),
      nextDue: await store.statusPage.nextDue(),
      last: [...(await store.statusPage.lastPerRecipient())],
    },
  };
}

interface DataSet {
  readonly dataDir: string;
  readonly file: string;
  readonly time: FakeTime;
  readonly tokens: TestHub['tokens'];
  readonly alertmanagerToken: string;
  readonly sentryToken: string;
  /** The SQLite hub's state when it stopped. */
  readonly final: IncidentsState;
  /** The state it had part-way, kept as a checkpoint. */
  readonly checkpoint: IncidentsState;
}

/**
 * A real hub's data folder: people and their tokens (one revoked), incidents from real commands, an alert from a
 * real webhook, a request set aside in the inbox, an on-call set-up, a paging deadline and a checkpoint.
 */
async function runSqliteHub(): Promise<DataSet> {
  const time = new FakeTime('2026-03-25T10:00:00.000Z');
  const t = await startTestHub({ clock: time });
  const clients: TestClient[] = [];
  try {
    const [ana, admin] = [
      await connectClient(t.hub.url, t.tokens.responder),
      await connectClient(t.hub.url, t.tokens.admin),
    ];
    clients.push(ana, admin);
    const checkout = await declare(ana, { severity: 'SEV-1', service: 'checkout' });
    await tried(ana, checkout.incidentId, 'Roll back deploy 2026.03.25-1');
    const checkpoint = structuredClone(t.hub.state());
    const search = await declare(admin, { title: 'Search is slow', severity: 'SEV-3', service: 'search' });
    await tried(admin, search.incidentId, 'Scale the search cluster out');
    const mitigated = await ana.send('incident.change_status', checkout.incidentId, {
      status: 'mitigated',
      reason: 'payments failed over to the second gateway',
    });
    expect(mitigated).toMatchObject({ ok: true });

    // A request the hub can no longer parse (set aside), then one it takes in: the first id stays, the second goes.
    const alertmanager = await t.hub.hubStore.integrations.create('alertmanager');
    const sentry = await t.hub.hubStore.integrations.create('sentry', SENTRY_SECRET);
    const stale = await t.hub.hubStore.inbox.add({
      source: 'alertmanager',
      tokenId: alertmanager.tokenId,
      receivedAt: time.iso,
      headers: { 'user-agent': 'Alertmanager/0.25.0' },
      body: fixtureBytes('alertmanager-malformed-version.json'),
    });
    const posted = await postWebhook(t.hub.url, 'alertmanager', fixtureBytes('alertmanager-firing.json'), {
      token: alertmanager.token,
    });
    expect(posted).toMatchObject({ status: 202, json: { inboxId: stale + 1 } });
    await until(async () => (await t.hub.hubStore.inbox.count()) === 1, 'the webhook to be processed');
    expect(Object.values(t.hub.state().incidents).map((i) => i.service)).toEqual(['checkout', 'search', 'checkout']);
    await t.hub.users.revoke({ token: t.tokens.viewer });
    const final = structuredClone(t.hub.state());
    clients.forEach((c) => c.close());
    await t.hub.close();

    // What an admin set up beside it (the CLI and the on-call screen write these through the store).
    const store = openSqliteStore(databaseFile(t.dataDir), time.now);
    try {
      const person = async (name: string) => {
        const user = await store.users.findUserByName(name);
        if (!user) throw new Error(`no user ${name}`);
        return { id: user.id, name: user.name };
      };
      const [anaP, boP, adminP] = [await person('ana'), await person('bo'), await person('admin')];
      // Routed to a service no incident has, so neither hub started on the data pages anyone.
      await store.oncall.saveRotation(
        rotationSchema.parse({
          id: 'payments',
          name: 'Payments',
          members: [anaP, boP, adminP],
          handoffTime: '09:00',
          shift: 'weekly',
          timeZone: 'Europe/Berlin',
          startDate: '2026-03-23',
        }),
      );
      await store.oncall.saveOverride(
        overrideSchema.parse({
          id: 'ana-dentist',
          rotationId: 'payments',
          replaces: anaP.id,
          person: boP,
          start: '2026-03-25T09:00:00Z',
          end: '2026-03-25T13:00:00Z',
          note: 'dentist',
        }),
      );
      await store.oncall.routeService('Payments', 'payments');
      await store.oncall.saveSettings({
        policy: { ...DEFAULT_ESCALATION_POLICY, 'SEV-3': { ...DEFAULT_ESCALATION_POLICY['SEV-3'], repeat: 0 } },
      });
      await store.oncall.saveProfile(anaP.id, { ...defaultProfile('Europe/Lisbon'), holidays: ['2026-04-03'] });
      await store.oncall.replaceDeadlines(
        new Map([
          [checkout.incidentId, [{ kind: 'escalation', dueAt: '2026-03-25T10:05:00.000Z', step: 1, round: 0 }]],
        ]),
      );
      await store.checkpoints.save(CHECKPOINT_FORMAT, checkpoint);
      // A contact method with its rules, a delivery sent and one leased for a retry, an acknowledge link, a setting.
      await store.contact.addMethod({
        id: 'm-ana-mail',
        userId: anaP.id,
        kind: 'email',
        label: 'Work',
        target: 'a•••@example.com',
        sealedTarget: new SecretsKeyFile(secretsKeyFile(t.dataDir)).seal(CONTACT_TARGET),
        createdAt: '2026-03-25T09:00:00.000Z',
        verifiedAt: '2026-03-25T09:01:00.000Z',
        codeHash: null,
        codeExpiresAt: null,
        codeAttempts: 0,
      });
      await store.contact.saveRules(anaP.id, [{ methodId: 'm-ana-mail', afterMinutes: 2 }]);
      const delivery = {
        methodId: 'm-ana-mail',
        userId: anaP.id,
        incidentId: checkout.incidentId,
        leaseOwner: null,
        leaseUntil: null,
      };
      await store.contact.enqueue([
        {
          ...delivery,
          pageId: 'page-copy-1',
          status: 'sent',
          attempts: 1,
          dueAt: '2026-03-25T09:58:00.000Z',
          detail: '250 OK',
          updatedAt: '2026-03-25T09:58:01.000Z',
        },
        {
          ...delivery,
          pageId: 'page-copy-2',
          status: 'pending',
          attempts: 1,
          dueAt: '2026-03-25T10:01:00.000Z',
          detail: '451 try later',
          updatedAt: '2026-03-25T09:59:30.000Z',
        },
      ]);
      expect(
        await store.contact.claimDue('2026-03-25T10:01:00.000Z', 'node-old', '2026-03-25T10:01:30.000Z', 5),
      ).toHaveLength(1);
      await store.contact.addAckLink({
        id: 'ack-copy',
        incidentId: checkout.incidentId,
        pageId: 'page-copy-1',
        userId: anaP.id,
        expiresAt: '2026-03-25T11:00:00.000Z',
        usedAt: null,
      });
      await store.contact.settingIfAbsent(
        'copy-test-setting',
        new SecretsKeyFile(secretsKeyFile(t.dataDir)).seal('copy-test-setting-value'),
      );
      // The status page (issue 16): its set-up, a channel with a thread, a subscriber, a message leased for a retry.
      const sealer = new SecretsKeyFile(secretsKeyFile(t.dataDir));
      await store.statusPage.saveConfig({
        json: '{"title":"Acme"}',
        savedAt: '2026-03-25T09:00:00.000Z',
        savedBy: anaP.id,
      });
      await store.statusPage.addChannel({
        id: 'ch-copy',
        name: 'Incidents',
        kind: 'slack',
        target: 'hooks.slack.com',
        sealedTarget: sealer.seal('{"kind":"slack","url":"https://hooks.slack.com/services/x"}'),
        severities: ['SEV-1'],
        events: ['declared'],
        createdAt: '2026-03-25T09:00:00.000Z',
      });
      await store.statusPage.putSubscriber({
        id: 'sub-copy',
        kind: 'webhook',
        target: 'example.com',
        sealedTarget: sealer.seal('{"url":"https://example.com/hook","secret":"s"}'),
        addressHash: null,
        services: [],
        createdAt: '2026-03-25T09:00:00.000Z',
        confirmedAt: '2026-03-25T09:00:00.000Z',
      });
      await store.statusPage.threadIfAbsent('ch-copy', checkout.incidentId, '1700000000.000100');
      await store.statusPage.enqueue([
        {
          id: 'msg-copy',
          kind: 'announce',
          recipientId: 'ch-copy',
          incidentId: checkout.incidentId,
          sealedBody: sealer.seal('{}'),
          status: 'pending',
          attempts: 1,
          dueAt: '2026-03-25T10:02:00.000Z',
          leaseOwner: null,
          leaseUntil: null,
          detail: 'HTTP 503',
          createdAt: '2026-03-25T09:59:00.000Z',
          updatedAt: '2026-03-25T09:59:30.000Z',
        },
      ]);
      expect(
        await store.statusPage.claimDue('2026-03-25T10:02:00.000Z', 'node-old', '2026-03-25T10:03:00.000Z', 5),
      ).toHaveLength(1);
    } finally {
      await store.close();
    }
    return {
      dataDir: t.dataDir,
      file: databaseFile(t.dataDir),
      time,
      tokens: t.tokens,
      alertmanagerToken: alertmanager.token,
      sentryToken: sentry.token,
      final,
      checkpoint,
    };
  } finally {
    clients.forEach((c) => c.close());
  }
}

describe('copying a SQLite hub into PostgreSQL (warroom-hub copy)', () => {
  let data: DataSet;
  beforeAll(async () => {
    data = await runSqliteHub();
  });
  afterAll(() => rmSync(data.dataDir, { recursive: true, force: true }));

  it('moves everything: same seqs and events, users, token hashes, on-call set-up, inbox ids and checkpoint', async () => {
    const url = await freshDatabase();
    const counts = await copySqliteToPostgres(data.file, url);
    expect(counts).toEqual(sqliteCounts(data.file));
    expect(counts).toMatchObject({ events: data.final.seq, users: 4, tokens: 6, webhook_inbox: 1, checkpoints: 1 });
    expect(counts).toMatchObject({
      contact_methods: 1,
      notification_rules: 1,
      page_outbox: 2,
      ack_links: 1,
      statuspage_config: 1,
      statuspage_channels: 1,
      statuspage_subscribers: 1,
      statuspage_threads: 1,
      statuspage_outbox: 1,
    });
    // The hub's own settings (its Web Push and acknowledge-link keys) and the one set here.
    expect(counts.contact_settings).toBeGreaterThanOrEqual(1);

    const source = openSqliteStore(data.file, data.time.now);
    const copy = await openPostgresStore(url, data.time.now);
    try {
      const [from, to] = [await contents(source), await contents(copy)];
      expect(to).toEqual(from);
      expect(to).toMatchObject({ head: data.final.seq, checkpoint: data.checkpoint, inbox: 1 });
      expect(to.oncall.rotations.map((r) => r.id)).toEqual(['payments']);
      // Contact data arrives as it was, the retry still leased (timestamptz on PostgreSQL, the same ISO times out).
      expect(to.contact.outbox[1]).toMatchObject({ leaseOwner: 'node-old', leaseUntil: '2026-03-25T10:01:30.000Z' });
      expect(to.contact).toMatchObject({
        nextDue: '2026-03-25T10:01:00.000Z',
        lastDeliveries: [{ methodId: 'm-ana-mail', result: 'retrying', detail: '451 try later' }],
      });
      expect(new SecretsKeyFile(secretsKeyFile(data.dataDir)).open(to.contact.setting ?? '')).toBe(
        'copy-test-setting-value',
      );
      // The status page's message arrives still leased, with its retry due (timestamptz out as the same ISO times).
      expect(to.statusPage.message).toMatchObject({ leaseOwner: 'node-old', leaseUntil: '2026-03-25T10:03:00.000Z' });
      expect(to.statusPage.thread).toBe('1700000000.000100');
      // The method's target arrives sealed as it was, and opens with the SQLite hub's key file.
      const [copiedMethod] = to.contact.methods;
      expect(copiedMethod?.sealedTarget).not.toContain(CONTACT_TARGET);
      expect(new SecretsKeyFile(secretsKeyFile(data.dataDir)).open(copiedMethod?.sealedTarget ?? '')).toBe(
        CONTACT_TARGET,
      );

      // The clear tokens people hold work the same on the copy, the revoked one as little as before.
      for (const token of Object.values(data.tokens))
        expect(await copy.users.authenticate(token)).toEqual(await source.users.authenticate(token));
      expect(await copy.users.authenticate(data.tokens.viewer)).toBeNull();
      expect(await copy.integrations.authenticate(data.alertmanagerToken)).toEqual(
        await source.integrations.authenticate(data.alertmanagerToken),
      );
      // Sentry's secret arrives sealed as it was, and opens with the SQLite hub's key file.
      const tokensFrom = sqliteRows(data.file, 'SELECT id, signing_secret FROM tokens ORDER BY id');
      expect(await postgresRows(url, 'SELECT id, signing_secret FROM tokens ORDER BY id')).toEqual(tokensFrom);
      expect(JSON.stringify(tokensFrom)).not.toContain(SENTRY_SECRET);
      const keyed = await openPostgresStore(
        url,
        data.time.now,
        undefined,
        new SecretsKeyFile(secretsKeyFile(data.dataDir)),
      );
      later(() => keyed.close());
      expect(await keyed.integrations.authenticate(data.sentryToken)).toMatchObject({
        source: 'sentry',
        signingSecret: SENTRY_SECRET,
      });

      // Inbox rows with their ids, bytes, attempts and why they were set aside.
      const inboxFrom = sqliteRows(data.file, `SELECT id, ${INBOX_COLUMNS} FROM webhook_inbox ORDER BY id`);
      const inboxTo = await postgresRows(
        url,
        `SELECT id::integer AS id, ${INBOX_COLUMNS} FROM webhook_inbox ORDER BY id`,
      );
      expect(inboxTo).toEqual(inboxFrom);
      expect(inboxTo).toMatchObject([{ id: 1, attempts: 1, failed_at: expect.any(String) }]);
      // A new request goes on from the highest id the SQLite hub ever gave (2: processed and deleted).
      const next = await copy.inbox.add({
        source: 'generic',
        tokenId: 't_generic',
        receivedAt: data.time.iso,
        headers: {},
        body: Buffer.from('{}'),
      });
      expect(next).toBe(3);
      expect(await copy.health()).toEqual({ ok: true });
    } finally {
      await source.close();
      await copy.close();
    }
  });

  it('gives a hub started on the copy the state the SQLite hub stopped with, and both go on alike', async () => {
    const url = await freshDatabase();
    await copySqliteToPostgres(data.file, url);
    // The SQLite hub goes on from a copy of its folder, so the other tests keep theirs.
    const sqliteDir = mkdtempSync(join(tmpdir(), 'warroom-copy-sqlite-'));
    const postgresDir = mkdtempSync(join(tmpdir(), 'warroom-copy-pg-'));
    later(() => rmSync(sqliteDir, { recursive: true, force: true }));
    later(() => rmSync(postgresDir, { recursive: true, force: true }));
    cpSync(data.dataDir, sqliteDir, { recursive: true });

    const common = { port: 0, clock: data.time, limits: GENEROUS_LIMITS };
    // The node is given the SQLite hub's key file, as docs/deploy.md says: the copied secrets are sealed with it.
    const onPostgres = await startHub({
      ...common,
      dataDir: postgresDir,
      databaseUrl: url,
      secretsKeyFile: secretsKeyFile(data.dataDir),
    });
    later(() => onPostgres.close());
    expect(onPostgres.hubStore.kind).toBe('postgres');
    expect(onPostgres.state()).toEqual(data.final);
    const onSqlite = await startHub({ ...common, dataDir: sqliteDir });
    later(() => onSqlite.close());
    expect(onSqlite.state()).toEqual(data.final);

    const ana = await connectClient(onPostgres.url, data.tokens.responder);
    later(() => ana.close());
    expect(ana.welcome).toMatchObject({ head: data.final.seq, user: { name: 'ana', role: 'responder' } });
    expect(ana.replica.state).toEqual(data.final);

    // The same new alert to both: the same inbox id, so the same command ids, so the same events.
    const alert = fixtureBytes('alertmanager-grouped.json');
    const take = async (hub: RunningHub) => {
      const posted = await postWebhook(hub.url, 'alertmanager', alert, { token: data.alertmanagerToken });
      expect(posted).toMatchObject({ status: 202, json: { accepted: 1, inboxId: 3 } });
      await until(async () => (await hub.hubStore.inbox.count()) === 1, 'the alert to be processed');
    };
    await take(onSqlite);
    await take(onPostgres);
    expect(onPostgres.state().seq).toBeGreaterThan(data.final.seq);
    expect(onPostgres.state()).toEqual(onSqlite.state());
    await ana.waitForSeq(onPostgres.state().seq);

    const incidentId = Object.keys(data.final.incidents)[0] ?? '';
    const ack = await ana.send('tried.add', incidentId, { entryId: 'after-the-move', what: 'Watch the error rate' });
    expect(ack).toEqual({ ok: true, seq: onSqlite.state().seq + 1 });
  });

  it('runs from the CLI and prints what it copied; a second copy into the same database is refused', async () => {
    const url = await freshDatabase();
    const first = runCliResult(['copy', '--from', data.dataDir, '--to', url]);
    expect(first.code).toBe(0);
    const counts = sqliteCounts(data.file);
    expect(first.stderr).toContain(
      `: ${COPIED_TABLES.map((table) => `${counts[table]} ${table}`).join(', ')}. Start the hub with --database`,
    );
    expect(first.stderr).toContain(`${counts.events} events`);
    expect(first.stderr).toContain(
      `The integration secrets are sealed with ${secretsKeyFile(data.dataDir)}: give every node a copy of it`,
    );

    const second = runCliResult(['copy', '--from', data.dataDir, '--to', url]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already holds a hub/);
    const copy = await openPostgresStore(url, data.time.now);
    try {
      expect(await copy.events.head()).toBe(data.final.seq);
      expect(await copy.users.listUsers()).toHaveLength(4);
    } finally {
      await copy.close();
    }
  });

  it('refuses a database that already holds a hub, and changes nothing in it', async () => {
    const url = await freshDatabase();
    // Someone made a token on the new database before copying.
    const early = await openPostgresStore(url, data.time.now);
    const ops = await early.users.createToken('ops', 'admin');
    const before = await contents(early);
    await early.close();

    await expect(copySqliteToPostgres(data.file, url)).rejects.toBeInstanceOf(CopyRefusedError);
    const after = await openPostgresStore(url, data.time.now);
    try {
      expect(await contents(after)).toEqual(before);
      expect(before).toMatchObject({ head: 0, users: [ops.user], inbox: 0, checkpoint: null });
      expect(await after.users.authenticate(ops.token)).toMatchObject({ user: ops.user });
    } finally {
      await after.close();
    }
  });
});

describe('copying a SQLite hub whose inbox was emptied', () => {
  it('never gives out an inbox id again that the SQLite hub used, so no new alert is taken for an old one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-copy-inbox-'));
    later(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'warroom.sqlite');
    const sqlite = openSqliteStore(file, Date.now);
    const row = {
      source: 'generic' as const,
      tokenId: 't_generic',
      receivedAt: '2026-03-25T10:00:00.000Z',
      headers: {},
      body: Buffer.from('{"alerts":[]}'),
    };
    const used = [await sqlite.inbox.add(row), await sqlite.inbox.add(row), await sqlite.inbox.add(row)];
    await sqlite.inbox.remove(used); // processed: their alerts' command ids (hub:webhook-<id>-…) are in the log
    await sqlite.close();

    const url = await freshDatabase();
    expect(await copySqliteToPostgres(file, url)).toMatchObject({ webhook_inbox: 0 });
    const copy = await openPostgresStore(url, Date.now);
    try {
      expect(await copy.inbox.add(row)).toBe(Math.max(...used) + 1);
    } finally {
      await copy.close();
    }
  });
});

describe('copying the secrets of a SQLite hub', () => {
  it('seals one an older version kept in clear on the way, and refuses to copy what its key file cannot open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-copy-secrets-'));
    later(() => rmSync(dir, { recursive: true, force: true }));
    const file = databaseFile(dir);
    const sqlite = openSqliteStore(file, Date.now);
    const { token, tokenId } = await sqlite.integrations.create('sentry', SENTRY_SECRET);
    await sqlite.close();
    // An older version's row, and no key file yet.
    const db = new Database(file);
    db.prepare('UPDATE tokens SET signing_secret = ? WHERE id = ?').run(SENTRY_SECRET, tokenId);
    db.close();
    rmSync(secretsKeyFile(dir));

    const url = await freshDatabase();
    await copySqliteToPostgres(file, url);
    const [copied] = await postgresRows<{ signing_secret: string }>(url, 'SELECT signing_secret FROM tokens');
    expect(copied?.signing_secret).toMatch(/^enc:v1:/);
    expect(sqliteRows<{ signing_secret: string }>(file, 'SELECT signing_secret FROM tokens')).toEqual([
      { signing_secret: SENTRY_SECRET }, // the source is only read
    ]);
    const keys = new SecretsKeyFile(secretsKeyFile(dir));
    const copy = await openPostgresStore(url, Date.now, undefined, keys);
    try {
      expect(await copy.integrations.authenticate(token)).toMatchObject({ signingSecret: SENTRY_SECRET });
    } finally {
      await copy.close();
    }

    // A hub whose secret is sealed, with its key file gone: nothing is copied, and the message names the key file.
    const lostDir = mkdtempSync(join(tmpdir(), 'warroom-copy-lost-key-'));
    later(() => rmSync(lostDir, { recursive: true, force: true }));
    const lost = openSqliteStore(databaseFile(lostDir), Date.now);
    const sealed = await lost.integrations.create('sentry', SENTRY_SECRET);
    await lost.close();
    rmSync(secretsKeyFile(lostDir));
    const empty = await freshDatabase();
    const refused = runCliResult(['copy', '--from', lostDir, '--to', empty]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `warroom-hub: Cannot open the secret of integration token ${sealed.tokenId}. The secrets key file ${secretsKeyFile(lostDir)} does not exist.`,
    );
    expect(refused.stderr).not.toContain(SENTRY_SECRET);
    expect(await postgresRows(empty, "SELECT to_regclass('warroom_schema') AS t")).toEqual([{ t: null }]);
  });

  it('refuses to copy a contact method whose sealed target its key file cannot open, copying nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-copy-contact-'));
    later(() => rmSync(dir, { recursive: true, force: true }));
    const sqlite = openSqliteStore(databaseFile(dir), Date.now);
    const { user } = await sqlite.users.createToken('ana', 'responder');
    await sqlite.contact.addMethod({
      id: 'm-ana-mail',
      userId: user.id,
      kind: 'email',
      label: '',
      target: 'a•••@example.com',
      sealedTarget: new SecretsKeyFile(secretsKeyFile(dir)).seal(CONTACT_TARGET),
      createdAt: '2026-03-25T10:00:00.000Z',
      verifiedAt: null,
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
    });
    await sqlite.close();
    rmSync(secretsKeyFile(dir));

    const empty = await freshDatabase();
    await expect(copySqliteToPostgres(databaseFile(dir), empty)).rejects.toThrow(
      `Cannot open the target of contact method m-ana-mail. The secrets key file ${secretsKeyFile(dir)} does not exist.`,
    );
    expect(await postgresRows(empty, "SELECT to_regclass('warroom_schema') AS t")).toEqual([{ t: null }]);
  });
});
