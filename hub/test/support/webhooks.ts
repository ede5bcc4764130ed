import { recordSecrets } from './suite-logs.js';
import type { AlertSource } from '../../../shared/alerts/alert.js';
import { databaseFile } from '../../data-dir.js';
import { openDatabase } from '../../store/sqlite/database.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite.js';

/** Makes an integration token in a hub's data folder (its own connection, as the CLI does beside a running hub). */
export async function createIntegrationToken(
  dataDir: string,
  source: AlertSource,
  secret: string | null = null,
): Promise<string> {
  const store = openSqliteStore(databaseFile(dataDir), () => Date.now());
  try {
    const { token } = await store.integrations.create(source, secret);
    recordSecrets(token, secret);
    return token;
  } finally {
    await store.close();
  }
}

/** How many requests wait in a hub's webhook inbox (read beside the running hub). */
export function inboxCount(dataDir: string): number {
  const db = openDatabase(databaseFile(dataDir));
  try {
    return db.prepare('SELECT count(*) FROM webhook_inbox').pluck().get() as number;
  } finally {
    db.close();
  }
}

export interface PostOptions {
  readonly token?: string;
  /** Send the token as ?token= instead of a header. */
  readonly inQuery?: boolean;
  readonly headers?: Record<string, string>;
  readonly method?: string;
}

/** POSTs a raw body to /api/webhooks/<source>; resolves to the status and the JSON answer. */
export async function postWebhook(
  baseUrl: string,
  source: string,
  body: string | Buffer,
  options: PostOptions = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const query = options.token && options.inQuery ? `?token=${encodeURIComponent(options.token)}` : '';
  const res = await fetch(`${baseUrl}/api/webhooks/${source}${query}`, {
    method: options.method ?? 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token && !options.inQuery ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.method === 'GET' ? undefined : new Uint8Array(Buffer.from(body)),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
