export const HELP = {
  main: `warroom-hub: the Warroom hub (incidents, roles, checklists, timeline) over socket.io + HTTP

Usage:
  warroom-hub serve [--port N] [--host H] [--data DIR] [--database URL] [--no-local-token]
  warroom-hub start [--port N] [--host H] [--data DIR] [--database URL]
  warroom-hub token create --user NAME --role admin|responder|viewer [--data DIR] [--database URL]
  warroom-hub token create --integration alertmanager|grafana|datadog|sentry|generic [--secret S] [...]
  warroom-hub token revoke (--id ID | --token TOKEN | --user NAME | --integration SOURCE) [...]
  warroom-hub token list [--data DIR] [--database URL]
  warroom-hub user role --user NAME --role admin|responder|viewer [--data DIR] [--database URL]
  warroom-hub migrate [--data DIR] [--database URL]
  warroom-hub copy --from DIR --to postgres://USER:PASS@HOST:PORT/DB [--secrets-key FILE]
  warroom-hub backup --to FILE [--data DIR]

Each command takes --help. DIR defaults to $WARROOM_DATA or the per-user data folder. URL (also
$WARROOM_DATABASE_URL) is postgres://USER:PASS@HOST:PORT/DB: the hub keeps everything in PostgreSQL instead of
SQLite, and several hubs may share it (docs/deploy.md). --secrets-key FILE (also $WARROOM_SECRETS_KEY_FILE, default
DIR/secrets.key) is the key integration secrets are sealed with: every node and command on the same data needs it.`,
  serve: `warroom-hub serve: run the hub

  --port N           port for HTTP and socket.io (default 4380; 0 picks a free one)
  --host H           address to bind (default 127.0.0.1; use 0.0.0.0 to let other machines connect)
  --data DIR         data folder with warroom.sqlite (default $WARROOM_DATA or the per-user data folder)
  --database URL     keep everything in PostgreSQL instead (also $WARROOM_DATABASE_URL); nodes may share it
  --secrets-key FILE the key secrets at rest are sealed with (also $WARROOM_SECRETS_KEY_FILE; default
                     DIR/secrets.key, made on first need); nodes on one database must share one
  --no-local-token   do not create the local admin token file for the desktop app`,
  start: `warroom-hub start: the local hub plus the desktop app connected to it (what npm start runs)

  --port N, --host H, --data DIR, --database URL, --secrets-key FILE   as for serve

Without the Electron binary the hub keeps running and a sign-in link for the web client is printed.`,
  token: `warroom-hub token: manage access tokens

  token create --user NAME --role ROLE   make a token (prints it alone on stdout, once)
  token create --integration SOURCE      make a webhook token for a monitoring tool (see docs/webhooks.md)
  token revoke --id ID | --token T | --user NAME | --integration SOURCE
  token list                             ids, users or integrations, roles, created, revoked (never the tokens)`,
  tokenCreate: `warroom-hub token create --user NAME --role admin|responder|viewer [--data DIR]
warroom-hub token create --integration alertmanager|grafana|datadog|sentry|generic [--secret S] [--data DIR]

Creates the user if new and prints a new token alone on stdout. The hub stores only its hash.
Roles: viewer reads; responder acts on incidents; admin also manages users and integrations.

With --integration, the token belongs to a monitoring tool instead of a person: it may post alerts to
/api/webhooks/SOURCE (as Authorization: Bearer TOKEN, or ?token=TOKEN) and do nothing else.
Sentry signs its webhooks with your internal integration's Client Secret: pass it as --secret (required for
sentry, refused for the others). Details: docs/webhooks.md.`,
  tokenRevoke: `warroom-hub token revoke (--id ID | --token TOKEN | --user NAME | --integration SOURCE) [--data DIR]

Revokes one token (by id from 'token list', or the token itself), every token of a user, or every token of an
integration.`,
  userRole: `warroom-hub user role --user NAME --role admin|responder|viewer [--data DIR] [--database URL]

Gives an existing user another role. Their open connections take it up within a second (a new welcome tells the
app); revoking a token (token revoke) disconnects its open connections within a second.`,
  migrate: `warroom-hub migrate [--data DIR] [--database URL]

Brings the database to this hub's schema now: every missing numbered migration, in one transaction, under an
advisory lock (nodes starting together cannot race). A hub does the same when it starts; it refuses to start on a
schema newer than it knows.`,
  copy: `warroom-hub copy --from DIR --to postgres://USER:PASS@HOST:PORT/DB

--to defaults to $WARROOM_DATABASE_URL.
Moves a SQLite hub into an empty PostgreSQL database in one transaction: the same event log and seqs, users and
token hashes, integrations, on-call set-up, paging deadlines, webhook inbox and checkpoints. Stop the hub first (or
copy from a backup). Refuses a database that already holds a hub. Integration secrets stay sealed with the SQLite
hub's key (DIR/secrets.key, or --secrets-key FILE): give the PostgreSQL nodes that key file.`,
  backup: `warroom-hub backup --to FILE [--data DIR]

Writes a consistent copy of the SQLite hub to FILE while the hub runs (SQLite's online backup). To restore, stop the
hub and copy FILE to warroom.sqlite in the data folder. For PostgreSQL use pg_dump (docs/deploy.md).`,
} as const;
