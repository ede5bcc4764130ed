import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { createPrivateFile, makePrivateDir } from '../../files/private-file.js';
import { NewerSchemaError } from '../schema-version.js';

export type Db = Database.Database;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY,
     incident_id TEXT NOT NULL,
     command_id TEXT,
     body TEXT NOT NULL
   );
   CREATE INDEX events_by_incident ON events (incident_id, seq);
   CREATE TABLE commands (
     command_id TEXT PRIMARY KEY,
     actor_id TEXT NOT NULL,
     first_seq INTEGER NOT NULL,
     last_seq INTEGER NOT NULL
   ) WITHOUT ROWID;
   CREATE TABLE users (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE tokens (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id),
     hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     revoked_at TEXT
   );`,
  // 2: webhook integrations. A token belongs to a user or to an integration (alertmanager, grafana, datadog,
  // sentry, generic), never both: SQLite cannot drop NOT NULL in place, so tokens is rebuilt (its rows kept).
  // signing_secret is Sentry's Client Secret, which verifying an HMAC needs itself: sealed with the secrets key
  // (hub/secrets; versions before it kept it in clear, and a starting hub seals those).
  // webhook_inbox holds each accepted request until its alerts are committed to the event log.
  `CREATE TABLE tokens_v2 (
     id TEXT PRIMARY KEY,
     user_id TEXT REFERENCES users (id),
     integration TEXT CHECK (integration IN ('alertmanager', 'grafana', 'datadog', 'sentry', 'generic')),
     hash TEXT NOT NULL UNIQUE,
     signing_secret TEXT,
     created_at TEXT NOT NULL,
     revoked_at TEXT,
     CHECK ((user_id IS NULL) <> (integration IS NULL))
   );
   INSERT INTO tokens_v2 (id, user_id, hash, created_at, revoked_at)
     SELECT id, user_id, hash, created_at, revoked_at FROM tokens;
   DROP TABLE tokens;
   ALTER TABLE tokens_v2 RENAME TO tokens;
   CREATE TABLE webhook_inbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     source TEXT NOT NULL,
     token_id TEXT NOT NULL,
     received_at TEXT NOT NULL,
     headers TEXT NOT NULL,
     body BLOB NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT,
     failed_at TEXT
   );`,
  // 3: on-call and paging (hub/paging, docs/oncall.md). Rotations, overrides, profiles and settings are zod-checked
  // JSON bodies; paging_deadlines holds, per active incident, when the scheduler must look again (restart-safe).
  `CREATE TABLE oncall_rotations (
     id TEXT PRIMARY KEY,
     body TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE oncall_overrides (
     id TEXT PRIMARY KEY,
     rotation_id TEXT NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE,
     ends_at TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX oncall_overrides_by_rotation ON oncall_overrides (rotation_id, ends_at);
   CREATE TABLE oncall_services (
     service TEXT PRIMARY KEY,
     rotation_id TEXT NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE
   );
   CREATE TABLE oncall_settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE person_profiles (
     user_id TEXT PRIMARY KEY REFERENCES users (id),
     body TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE paging_deadlines (
     incident_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     due_at TEXT NOT NULL,
     step INTEGER NOT NULL,
     round INTEGER NOT NULL,
     PRIMARY KEY (incident_id, kind)
   ) WITHOUT ROWID;`,
  // 4: checkpoints of the reduced state, so a start folds only the events after the newest one.
  `CREATE TABLE checkpoints (
     seq INTEGER NOT NULL,
     format INTEGER NOT NULL,
     state TEXT NOT NULL,
     PRIMARY KEY (seq, format)
   ) WITHOUT ROWID;`,
  // 5: what each command asked for (hub/commands/command-fingerprint.ts), so a command id re-sent with a different
  // command is refused rather than answered with the first result. Older rows keep NULL (answered as before).
  `ALTER TABLE commands ADD COLUMN fingerprint TEXT;`,
  // 6: contact methods and page deliveries (issue 15, hub/contact, docs/contact.md). contact_methods keeps each
  // method's target sealed (sealed_target) and masked (target), and its verification code's hash; notification_rules
  // a person's saved rules (zod-checked JSON); page_outbox one row per page x method, unique, claimed with a lease
  // (status, due_at for the claim); ack_links the one-time acknowledge links; contact_settings hub-wide values
  // (the sealed Web Push key pair). Times are ISO text in one form, so they compare as text.
  `CREATE TABLE contact_methods (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id),
     kind TEXT NOT NULL,
     label TEXT NOT NULL,
     target TEXT NOT NULL,
     sealed_target TEXT NOT NULL,
     created_at TEXT NOT NULL,
     verified_at TEXT,
     code_hash TEXT,
     code_expires_at TEXT,
     code_attempts INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX contact_methods_by_user ON contact_methods (user_id, created_at);
   CREATE TABLE notification_rules (
     user_id TEXT PRIMARY KEY REFERENCES users (id),
     body TEXT NOT NULL
   );
   CREATE TABLE page_outbox (
     page_id TEXT NOT NULL,
     method_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     incident_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at TEXT NOT NULL,
     lease_owner TEXT,
     lease_until TEXT,
     detail TEXT NOT NULL DEFAULT '',
     updated_at TEXT NOT NULL,
     PRIMARY KEY (page_id, method_id)
   ) WITHOUT ROWID;
   CREATE INDEX page_outbox_due ON page_outbox (status, due_at);
   CREATE TABLE ack_links (
     id TEXT PRIMARY KEY,
     incident_id TEXT NOT NULL,
     page_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   CREATE TABLE contact_settings (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
  // 7: the public status page (issue 16, hub/status-page, docs/status-page.md): its set-up (one row, zod-checked
  // JSON), the team's chat channels and subscribers (targets sealed, masked beside), the chat thread per channel and
  // incident, and the message outbox (unique by id, claimed with a lease like page_outbox).
  `CREATE TABLE statuspage_config (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     json TEXT NOT NULL,
     saved_at TEXT NOT NULL,
     saved_by TEXT NOT NULL
   );
   CREATE TABLE statuspage_channels (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     target TEXT NOT NULL,
     sealed_target TEXT NOT NULL,
     severities TEXT NOT NULL,
     events TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE statuspage_subscribers (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('email', 'webhook')),
     target TEXT NOT NULL,
     sealed_target TEXT NOT NULL,
     address_hash TEXT UNIQUE,
     services TEXT NOT NULL,
     created_at TEXT NOT NULL,
     confirmed_at TEXT
   );
   CREATE TABLE statuspage_threads (
     channel_id TEXT NOT NULL,
     incident_id TEXT NOT NULL,
     ref TEXT NOT NULL,
     PRIMARY KEY (channel_id, incident_id)
   ) WITHOUT ROWID;
   CREATE TABLE statuspage_outbox (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     recipient_id TEXT NOT NULL,
     incident_id TEXT NOT NULL,
     sealed_body TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
     attempts INTEGER NOT NULL DEFAULT 0,
     due_at TEXT NOT NULL,
     lease_owner TEXT,
     lease_until TEXT,
     detail TEXT NOT NULL DEFAULT '',
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX statuspage_outbox_due ON statuspage_outbox (status, due_at);
   CREATE INDEX statuspage_outbox_by_recipient ON statuspage_outbox (recipient_id, status);`,
];

/**
 * Opens (and creates or migrates) the hub's SQLite file. WAL lets readers run beside the one writer;
 * synchronous=FULL makes a committed transaction survive power loss, not only a killed process.
 * A new file is made 0600 (in a 0700 folder) before SQLite opens it: SQLite gives its -wal and -shm files the
 * database file's mode, so none of the three is ever readable by others, whatever the umask.
 */
export function openDatabase(file: string): Db {
  makePrivateDir(dirname(file));
  createPrivateFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // Take the write lock once now, so a file another process holds locked, or one SQLite may not write, stops
    // the start with its reason rather than the first command.
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new NewerSchemaError(`SQLite file`, version, MIGRATIONS.length);
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
