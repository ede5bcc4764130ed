import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../auth/tokens.js';
import { SecretsKeyFile } from '../../secrets/secrets-key-file.js';
import { openDatabase } from './database.js';
import { SqliteContactStore } from './sqlite-contact-store.js';
import { SqliteStatusPageStore } from './sqlite-status-page-store.js';
import { SqliteIntegrationTokenStore } from './sqlite-integration-tokens.js';
import { SqliteUserStore } from './sqlite-user-store.js';

/** The schema as the first release wrote it (migration 1), with a user and a token. */
function writeVersion1(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, incident_id TEXT NOT NULL, command_id TEXT, body TEXT NOT NULL);
    CREATE TABLE commands (command_id TEXT PRIMARY KEY, actor_id TEXT NOT NULL, first_seq INTEGER NOT NULL,
      last_seq INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE tokens (id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users (id), hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL, revoked_at TEXT);
    INSERT INTO users VALUES ('u_ana', 'ana', 'responder', '2026-11-01T00:00:00.000Z');
    INSERT INTO tokens VALUES ('t_ana', 'u_ana', '${hashToken('wr_ana')}', '2026-11-01T00:00:00.000Z', NULL);
    INSERT INTO tokens VALUES ('t_old', 'u_ana', '${hashToken('wr_old')}', '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z');
    PRAGMA user_version = 1;`);
  db.close();
}

/** Today's schema brought back to an older version by `downgrade` (drops what later migrations add). */
function writeOlder(file: string, downgrade: string): void {
  openDatabase(file).close();
  const raw = new Database(file);
  raw.exec(downgrade);
  raw.close();
}

/** The table itself refuses `insert` (a CHECK constraint), whoever writes it. */
function expectCheckRefuses(db: Database.Database, insert: string): void {
  expect(() => db.prepare(insert).run()).toThrow(/CHECK/);
}

describe('migration 2 (integration tokens, webhook inbox)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every user token as it was and adds integration tokens and the inbox', async () => {
    const file = join(dir, 'warroom.sqlite');
    writeVersion1(file);
    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(2);
      const users = new SqliteUserStore(db, () => '2026-11-27T00:00:00.000Z');
      expect(await users.authenticate('wr_ana')).toMatchObject({ tokenId: 't_ana', user: { name: 'ana' } });
      expect(await users.authenticate('wr_old')).toBeNull();
      const integrations = new SqliteIntegrationTokenStore(
        db,
        () => '2026-11-27T00:00:00.000Z',
        new SecretsKeyFile(join(dir, 'secrets.key')),
      );
      const { token } = await integrations.create('grafana');
      expect(await integrations.authenticate(token)).toMatchObject({ source: 'grafana', signingSecret: null });
      expect(await users.authenticate(token)).toBeNull();
      expect(await integrations.authenticate('wr_ana')).toBeNull();
      expect(db.prepare('SELECT count(*) FROM webhook_inbox').pluck().get()).toBe(0);
      // A token is a user's or an integration's, never both nor neither.
      expectCheckRefuses(
        db,
        "INSERT INTO tokens (id, user_id, integration, hash, created_at) VALUES ('x', 'u_ana', 'generic', 'h', 'now')",
      );
      expectCheckRefuses(db, "INSERT INTO tokens (id, hash, created_at) VALUES ('y', 'h2', 'now')");
    } finally {
      db.close();
    }
  });
});

describe('migration 6 (contact methods, notification rules, page outbox, acknowledge links, contact settings)', () => {
  it('adds the contact tables to a file at version 5, keeping its users', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-migrate-6-'));
    try {
      const file = join(dir, 'warroom.sqlite');
      // A version-5 file: today's schema without what migration 6 adds.
      writeOlder(
        file,
        `DROP TABLE contact_methods; DROP TABLE notification_rules; DROP TABLE page_outbox;
        DROP TABLE ack_links; DROP TABLE contact_settings; ${DROP_STATUS_PAGE} PRAGMA user_version = 5;
        INSERT INTO users VALUES ('u_ana', 'ana', 'responder', '2026-11-01T00:00:00.000Z');`,
      );

      const db = openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(7);
        const users = new SqliteUserStore(db, () => '2026-11-27T00:00:00.000Z');
        expect(await users.listUsers()).toEqual([{ id: 'u_ana', name: 'ana', role: 'responder' }]);
        const contact = new SqliteContactStore(db);
        await contact.addMethod({
          id: 'm1',
          userId: 'u_ana',
          kind: 'ntfy',
          label: '',
          target: 'ntfy.sh/war•••',
          sealedTarget: 'enc:v1:x',
          createdAt: '2026-11-27T00:00:00.000Z',
          verifiedAt: null,
          codeHash: null,
          codeExpiresAt: null,
          codeAttempts: 0,
        });
        expect((await contact.methods('u_ana')).map((m) => m.id)).toEqual(['m1']);
        expect(await contact.settingIfAbsent('vapid', 'enc:v1:k')).toBe('enc:v1:k');
        // The outbox refuses a status it does not know, whoever writes it.
        expectCheckRefuses(
          db,
          "INSERT INTO page_outbox (page_id, method_id, user_id, incident_id, status, due_at, updated_at) VALUES ('p', 'm1', 'u_ana', 'i', 'lost', 'x', 'x')",
        );
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** What migration 7 adds, dropped to make an older file. */
const DROP_STATUS_PAGE = `DROP TABLE statuspage_config; DROP TABLE statuspage_channels;
  DROP TABLE statuspage_subscribers; DROP TABLE statuspage_threads; DROP TABLE statuspage_outbox;`;

describe('migration 7 (the status page: set-up, channels, subscribers, threads, message outbox)', () => {
  it('adds the status page tables to a file at version 6, keeping its contact methods', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-migrate-7-'));
    try {
      const file = join(dir, 'warroom.sqlite');
      writeOlder(
        file,
        `${DROP_STATUS_PAGE} PRAGMA user_version = 6;
        INSERT INTO contact_settings VALUES ('kept', 'v');`,
      );

      const db = openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(7);
        expect(await new SqliteContactStore(db).setting('kept')).toBe('v');
        const page = new SqliteStatusPageStore(db);
        expect(await page.config()).toBeUndefined();
        await page.saveConfig({ json: '{}', savedAt: '2026-11-27T00:00:00.000Z', savedBy: 'u_ana' });
        expect(await page.config()).toEqual({ json: '{}', savedAt: '2026-11-27T00:00:00.000Z', savedBy: 'u_ana' });
        // The message outbox refuses a status it does not know, whoever writes it.
        expectCheckRefuses(
          db,
          "INSERT INTO statuspage_outbox (id, kind, recipient_id, incident_id, sealed_body, status, due_at, created_at, updated_at) VALUES ('m', 'announce', 'c', '', 'x', 'lost', 'x', 'x', 'x')",
        );
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema versions', () => {
  it('refuses a file written by a newer hub, naming both versions, and leaves it as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warroom-newer-'));
    try {
      const file = join(dir, 'warroom.sqlite');
      openDatabase(file).close();
      const raw = new Database(file);
      const known = raw.pragma('user_version', { simple: true }) as number;
      raw.pragma(`user_version = ${known + 1}`);
      raw.close();
      expect(() => openDatabase(file)).toThrow(`schema version ${known + 1}, newer than this hub knows (${known})`);
      const after = new Database(file);
      expect(after.pragma('user_version', { simple: true })).toBe(known + 1);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
