/**
 * The PostgreSQL schema, one numbered migration per entry (version = index + 1), applied in order, each version
 * once, recorded in warroom_schema. Never edit a released entry: add the next one.
 *
 * Bodies (events, on-call set-up) are kept as the same JSON text SQLite keeps, so `warroom-hub copy` moves them
 * byte for byte; seqs and ids are bigint; times are ISO text as the hub writes them, except those the database
 * compares or orders (the inbox's lease, the page outbox's due, lease and update times): timestamptz.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: everything the SQLite schema has at its version 4, plus the log's head counter (one row, locked by the
  // writer: seq order is commit order and a rollback leaves no gap, which a SEQUENCE guarantees neither of) and the
  // inbox's claim lease (several nodes drain one inbox).
  `CREATE TABLE log_head (
     id integer PRIMARY KEY CHECK (id = 1),
     seq bigint NOT NULL
   );
   INSERT INTO log_head (id, seq) VALUES (1, 0);
   CREATE TABLE events (
     seq bigint PRIMARY KEY,
     incident_id text NOT NULL,
     command_id text,
     body text NOT NULL
   );
   CREATE INDEX events_by_incident ON events (incident_id, seq);
   CREATE TABLE commands (
     command_id text PRIMARY KEY,
     actor_id text NOT NULL,
     first_seq bigint NOT NULL,
     last_seq bigint NOT NULL
   );
   CREATE TABLE users (
     id text PRIMARY KEY,
     name text NOT NULL UNIQUE,
     role text NOT NULL,
     created_at text NOT NULL
   );
   CREATE TABLE tokens (
     id text PRIMARY KEY,
     user_id text REFERENCES users (id),
     integration text CHECK (integration IN ('alertmanager', 'grafana', 'datadog', 'sentry', 'generic')),
     hash text NOT NULL UNIQUE,
     signing_secret text,
     created_at text NOT NULL,
     revoked_at text,
     CHECK ((user_id IS NULL) <> (integration IS NULL))
   );
   CREATE TABLE webhook_inbox (
     id bigserial PRIMARY KEY,
     source text NOT NULL,
     token_id text NOT NULL,
     received_at text NOT NULL,
     headers text NOT NULL,
     body bytea NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     last_error text,
     failed_at text,
     claimed_until timestamptz
   );
   CREATE TABLE oncall_rotations (
     id text PRIMARY KEY,
     body text NOT NULL,
     updated_at text NOT NULL
   );
   CREATE TABLE oncall_overrides (
     id text PRIMARY KEY,
     rotation_id text NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE,
     ends_at text NOT NULL,
     body text NOT NULL
   );
   CREATE INDEX oncall_overrides_by_rotation ON oncall_overrides (rotation_id, ends_at);
   CREATE TABLE oncall_services (
     service text PRIMARY KEY,
     rotation_id text NOT NULL REFERENCES oncall_rotations (id) ON DELETE CASCADE
   );
   CREATE TABLE oncall_settings (
     key text PRIMARY KEY,
     value text NOT NULL
   );
   CREATE TABLE person_profiles (
     user_id text PRIMARY KEY REFERENCES users (id),
     body text NOT NULL,
     updated_at text NOT NULL
   );
   CREATE TABLE paging_deadlines (
     incident_id text NOT NULL,
     kind text NOT NULL,
     due_at text NOT NULL,
     step integer NOT NULL,
     round integer NOT NULL,
     PRIMARY KEY (incident_id, kind)
   );
   CREATE TABLE checkpoints (
     seq bigint NOT NULL,
     format integer NOT NULL,
     state text NOT NULL,
     PRIMARY KEY (seq, format)
   );`,
  // 2: as SQLite's 5: the fingerprint of what each command asked for; NULL on older rows.
  `ALTER TABLE commands ADD COLUMN fingerprint text;`,
  // 3: as SQLite's 6: contact methods, notification rules, the page delivery outbox (claimed by one node at a time
  // with FOR UPDATE SKIP LOCKED and a lease; status, due_at for the claim), acknowledge links and contact settings
  // (issue 15). The outbox's due, lease and update times are timestamptz: the database compares and orders them.
  `CREATE TABLE contact_methods (
     id text PRIMARY KEY,
     user_id text NOT NULL REFERENCES users (id),
     kind text NOT NULL,
     label text NOT NULL,
     target text NOT NULL,
     sealed_target text NOT NULL,
     created_at text NOT NULL,
     verified_at text,
     code_hash text,
     code_expires_at text,
     code_attempts integer NOT NULL DEFAULT 0
   );
   CREATE INDEX contact_methods_by_user ON contact_methods (user_id, created_at);
   CREATE TABLE notification_rules (
     user_id text PRIMARY KEY REFERENCES users (id),
     body text NOT NULL
   );
   CREATE TABLE page_outbox (
     page_id text NOT NULL,
     method_id text NOT NULL,
     user_id text NOT NULL,
     incident_id text NOT NULL,
     status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
     attempts integer NOT NULL DEFAULT 0,
     due_at timestamptz NOT NULL,
     lease_owner text,
     lease_until timestamptz,
     detail text NOT NULL DEFAULT '',
     updated_at timestamptz NOT NULL,
     PRIMARY KEY (page_id, method_id)
   );
   CREATE INDEX page_outbox_due ON page_outbox (status, due_at);
   CREATE TABLE ack_links (
     id text PRIMARY KEY,
     incident_id text NOT NULL,
     page_id text NOT NULL,
     user_id text NOT NULL,
     expires_at text NOT NULL,
     used_at text
   );
   CREATE TABLE contact_settings (
     key text PRIMARY KEY,
     value text NOT NULL
   );`,
  // 4: as SQLite's 7: the public status page (issue 16): its set-up (one row), chat channels, subscribers, chat
  // threads, and the message outbox (claimed like page_outbox; its due, lease and times are timestamptz).
  `CREATE TABLE statuspage_config (
     id integer PRIMARY KEY CHECK (id = 1),
     json text NOT NULL,
     saved_at text NOT NULL,
     saved_by text NOT NULL
   );
   CREATE TABLE statuspage_channels (
     id text PRIMARY KEY,
     name text NOT NULL,
     kind text NOT NULL,
     target text NOT NULL,
     sealed_target text NOT NULL,
     severities text NOT NULL,
     events text NOT NULL,
     created_at text NOT NULL
   );
   CREATE TABLE statuspage_subscribers (
     id text PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('email', 'webhook')),
     target text NOT NULL,
     sealed_target text NOT NULL,
     address_hash text UNIQUE,
     services text NOT NULL,
     created_at text NOT NULL,
     confirmed_at text
   );
   CREATE TABLE statuspage_threads (
     channel_id text NOT NULL,
     incident_id text NOT NULL,
     ref text NOT NULL,
     PRIMARY KEY (channel_id, incident_id)
   );
   CREATE TABLE statuspage_outbox (
     id text PRIMARY KEY,
     kind text NOT NULL,
     recipient_id text NOT NULL,
     incident_id text NOT NULL,
     sealed_body text NOT NULL,
     status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
     attempts integer NOT NULL DEFAULT 0,
     due_at timestamptz NOT NULL,
     lease_owner text,
     lease_until timestamptz,
     detail text NOT NULL DEFAULT '',
     created_at timestamptz NOT NULL,
     updated_at timestamptz NOT NULL
   );
   CREATE INDEX statuspage_outbox_due ON statuspage_outbox (status, due_at);
   CREATE INDEX statuspage_outbox_by_recipient ON statuspage_outbox (recipient_id, status);`,
];
