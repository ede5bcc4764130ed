import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, secretsKeyFile } from '../data-dir.js';
import { startHub, type RunningHub } from '../hub.js';
import { createLogger } from '../log.js';
import { loadOrCreateKey } from '../secrets/secret-box.js';
import { openHubStore } from '../store/open-store.js';
import { signSentryBody } from '../webhooks/sentry.js';
import { runCliResult } from './support/hub-process.js';
import { GENEROUS_LIMITS } from './support/limits.js';
import { dropPostgresDatabase, freshPostgresDatabase } from './support/postgres.js';
import { appendSuiteLog, recordSecrets } from './support/suite-logs.js';
import { fixtureBytes } from './support/webhook-fixtures.js';
import { postWebhook } from './support/webhooks.js';

const CLI = fileURLToPath(new URL('../../dist/hub/cli.js', import.meta.url));
const SECRET = 'at-rest-sentry-client-secret-0c5e';
const NEXT_SECRET = 'at-rest-sentry-client-secret-9d1b';

/** A delivery signed with `secret`, as Sentry sends it: 202 means the hub opened the stored secret and it matched. */
async function signedDelivery(hub: RunningHub, token: string, secret = SECRET): Promise<number> {
  const body = fixtureBytes('sentry-issue-created.json');
  const res = await postWebhook(hub.url, 'sentry', body, {
    token,
    headers: { 'sentry-hook-resource': 'issue', 'sentry-hook-signature': signSentryBody(body, secret) },
  });
  return res.status;
}

function keptLogs() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
      appendSuiteLog(`at-rest-${process.pid}`, line);
    },
  });
  return { logger, lines };
}

const sqliteSecrets = (dataDir: string): string[] => {
  const db = new Database(databaseFile(dataDir), { readonly: true });
  try {
    return db.prepare('SELECT signing_secret FROM tokens WHERE signing_secret IS NOT NULL').pluck().all() as string[];
  } finally {
    db.close();
  }
};

/** No file in the folder holds the secret in clear (the SQLite file, its WAL, the logs, the key itself). */
function expectNowhereInClear(dataDir: string, secret: string): void {
  for (const name of readdirSync(dataDir)) expect(readFileSync(join(dataDir, name)).includes(secret), name).toBe(false);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected it to fail');
}

describe('secrets at rest, SQLite', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-at-rest-'));
    recordSecrets(SECRET, NEXT_SECRET);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('seals the Sentry client secret the CLI is given; the hub opens it to check signatures', async () => {
    const made = runCliResult(['token', 'create', '--integration', 'sentry', '--secret', SECRET, '--data', dataDir]);
    expect(made.code).toBe(0);
    const token = made.stdout.trim();
    expect(sqliteSecrets(dataDir)).toEqual([expect.stringMatching(/^enc:v1:[0-9a-f]{16}:/)]);
    expect(statSync(secretsKeyFile(dataDir)).mode & 0o777).toBe(0o600);
    expectNowhereInClear(dataDir, SECRET);

    const hub = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS });
    try {
      expect(await signedDelivery(hub, token)).toBe(202);
      expect(await signedDelivery(hub, token, 'not-the-secret')).toBe(401);
    } finally {
      await hub.close();
    }
  });

  it('seals, on start, a secret an older version kept in clear, and says so in the log', async () => {
    const first = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS });
    const { token, tokenId } = await first.hubStore.integrations.create('sentry', SECRET);
    await first.close();
    // What an older version left: the secret in clear, and no key file.
    const db = new Database(databaseFile(dataDir));
    db.prepare('UPDATE tokens SET signing_secret = ? WHERE id = ?').run(SECRET, tokenId);
    db.close();
    unlinkSync(secretsKeyFile(dataDir));

    const { logger, lines } = keptLogs();
    const hub = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS, logger });
    try {
      expect(sqliteSecrets(dataDir)).toEqual([expect.stringMatching(/^enc:v1:/)]);
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: 'secrets kept in clear by an older version are sealed now',
          tokenIds: [tokenId],
          keyFile: secretsKeyFile(dataDir),
        }),
      );
      expect(await signedDelivery(hub, token)).toBe(202);
    } finally {
      await hub.close();
    }
    expectNowhereInClear(dataDir, SECRET);
  });

  it('refuses to start without the key file, naming it; token revoke still runs, and then the hub starts', async () => {
    const first = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS });
    const { tokenId } = await first.hubStore.integrations.create('sentry', SECRET);
    await first.close();
    unlinkSync(secretsKeyFile(dataDir));

    const error = await rejection(startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS }));
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot open the secret of integration token ${tokenId}\\. The secrets key file ${secretsKeyFile(dataDir)} does not exist\\. Point --secrets-key FILE \\(or WARROOM_SECRETS_KEY_FILE\\)`,
      ),
    );
    expect(error.message).toContain(`warroom-hub token revoke --id ${tokenId}`);
    expect(existsSync(secretsKeyFile(dataDir))).toBe(false); // a new key would open nothing

    // The CLI says the same, without a stack trace (a hub that started after all is ended by the timeout).
    const serve = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toMatch(/^warroom-hub: Cannot open the secret of integration token/);
    expect(serve.stderr).not.toMatch(/\n\s+at /);
    // A new secret is not sealed with a new key beside one it cannot check.
    const createNext = () =>
      runCliResult(['token', 'create', '--integration', 'sentry', '--secret', NEXT_SECRET, '--data', dataDir]);
    const beside = createNext();
    expect(beside).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Cannot seal a new secret\. The secrets key file .* does not exist/),
    });

    expect(runCliResult(['token', 'revoke', '--integration', 'sentry', '--data', dataDir]).code).toBe(0);
    // With the lost key's secrets revoked, a new key seals the new secret, and the hub starts and checks it.
    const again = createNext();
    expect(again.code).toBe(0);
    expect(existsSync(secretsKeyFile(dataDir))).toBe(true);
    const hub = await startHub({ dataDir, port: 0, limits: GENEROUS_LIMITS });
    try {
      expect(await signedDelivery(hub, again.stdout.trim(), NEXT_SECRET)).toBe(202);
    } finally {
      await hub.close();
    }
  });
});

describe('secrets at rest, PostgreSQL nodes', () => {
  let root: string;
  let url: string;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'warroom-at-rest-pg-'));
    url = await freshPostgresDatabase('at_rest');
    recordSecrets(SECRET, NEXT_SECRET);
  });
  afterEach(async () => {
    rmSync(root, { recursive: true, force: true });
    await dropPostgresDatabase(url);
  });

  const storedSecrets = async (): Promise<string[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<{ s: string }>(
        'SELECT signing_secret AS s FROM tokens WHERE signing_secret IS NOT NULL',
      );
      return result.rows.map((r) => r.s);
    } finally {
      await client.end();
    }
  };

  it('every node needs the one key: a secret in clear is sealed by the first, a node without the key refuses to start', async () => {
    const nodeA = join(root, 'a');
    const nodeB = join(root, 'b');
    // An older version's database: the secret in clear.
    const setup = await openHubStore({ dataDir: nodeA, databaseUrl: url, checkSecrets: false }, Date.now);
    const { token, tokenId } = await setup.integrations.create('generic');
    await setup.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE tokens SET integration = 'sentry', signing_secret = $1 WHERE id = $2", [
      SECRET,
      tokenId,
    ]);
    await client.end();

    const first = await startHub({ dataDir: nodeA, databaseUrl: url, port: 0, limits: GENEROUS_LIMITS });
    try {
      expect(await storedSecrets()).toEqual([expect.stringMatching(/^enc:v1:/)]);
      expect(await signedDelivery(first, token)).toBe(202);

      // B forgot --secrets-key: its data folder has no key.
      const missing = await rejection(startHub({ dataDir: nodeB, databaseUrl: url, port: 0, limits: GENEROUS_LIMITS }));
      expect(missing.message).toContain(`The secrets key file ${join(nodeB, 'secrets.key')} does not exist`);
      // B was given another key.
      const otherKey = loadOrCreateKey(join(root, 'other.key'));
      const wrong = await rejection(
        startHub({ dataDir: nodeB, databaseUrl: url, secretsKeyFile: otherKey.file, port: 0, limits: GENEROUS_LIMITS }),
      );
      expect(wrong.message).toMatch(
        new RegExp(
          `It was sealed with key [0-9a-f]{16}, but the secrets key file ${otherKey.file} holds key ${otherKey.id}`,
        ),
      );
      for (const message of [missing.message, wrong.message]) expect(message).not.toContain(SECRET);

      // B with A's key file: both nodes open the one secret.
      const second = await startHub({
        dataDir: nodeB,
        databaseUrl: url,
        secretsKeyFile: secretsKeyFile(nodeA),
        port: 0,
        limits: GENEROUS_LIMITS,
      });
      try {
        expect(await signedDelivery(second, token)).toBe(202);
      } finally {
        await second.close();
      }

      // The CLI on a machine without the key refuses to seal beside the nodes' secrets; with it (flag or variable) it works.
      const cli = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
        runCliResult(
          ['token', 'create', '--integration', 'sentry', '--secret', NEXT_SECRET, '--database', url, ...args],
          env,
        );
      expect(cli(['--data', nodeB]).code).toBe(1);
      expect(cli(['--data', nodeB, '--secrets-key', secretsKeyFile(nodeA)]).code).toBe(0);
      const viaEnv = cli(['--data', nodeB], { ...process.env, WARROOM_SECRETS_KEY_FILE: secretsKeyFile(nodeA) });
      expect(viaEnv.code).toBe(0);
      expect(await signedDelivery(first, viaEnv.stdout.trim(), NEXT_SECRET)).toBe(202);
      expect(existsSync(join(nodeB, 'secrets.key'))).toBe(false);
      for (const stored of await storedSecrets()) expect(stored).toMatch(/^enc:v1:/);
    } finally {
      await first.close();
    }
  });
});
