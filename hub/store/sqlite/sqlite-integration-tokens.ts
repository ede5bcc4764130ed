import type { AlertSource } from '../../../shared/alerts/alert.js';
import type { IntegrationSession, IntegrationTokenStore } from '../../auth/integration-tokens.js';
import { hashToken, newId, newToken } from '../../auth/tokens.js';
import type { Db } from './database.js';

/** Integration (webhook) tokens in the hub's SQLite file, in the tokens table beside users' tokens. */
export class SqliteIntegrationTokenStore implements IntegrationTokenStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  async create(source: AlertSource, signingSecret: string | null = null): Promise<{ token: string; tokenId: string }> {
    const token = newToken();
    const tokenId = newId('t');
    this.db
      .prepare('INSERT INTO tokens (id, integration, hash, signing_secret, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenId, source, hashToken(token), signingSecret, this.now());
    return { token, tokenId };
  }

  async authenticate(token: string): Promise<IntegrationSession | null> {
    const row = this.db
      .prepare(
        `SELECT id, integration, signing_secret FROM tokens
         WHERE hash = ? AND integration IS NOT NULL AND revoked_at IS NULL`,
      )
      .get(hashToken(token)) as { id: string; integration: AlertSource; signing_secret: string | null } | undefined;
    return row ? { tokenId: row.id, source: row.integration, signingSecret: row.signing_secret } : null;
  }

  async revokeIntegration(source: AlertSource): Promise<number> {
    return this.db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE integration = ? AND revoked_at IS NULL')
      .run(this.now(), source).changes;
  }
}
