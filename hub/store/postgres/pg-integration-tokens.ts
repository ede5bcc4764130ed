import type { AlertSource } from '../../../shared/alerts/alert.js';
import type { IntegrationSession, IntegrationTokenStore } from '../../auth/integration-tokens.js';
import { hashToken, newId, newToken } from '../../auth/tokens.js';
import type { Pool } from './pool.js';

/** Integration (webhook) tokens in PostgreSQL, in the tokens table beside users' tokens. */
export class PgIntegrationTokenStore implements IntegrationTokenStore {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => string,
  ) {}

  async create(source: AlertSource, signingSecret: string | null = null): Promise<{ token: string; tokenId: string }> {
    const token = newToken();
    const tokenId = newId('t');
    await this.pool.query(
      'INSERT INTO tokens (id, integration, hash, signing_secret, created_at) VALUES ($1, $2, $3, $4, $5)',
      [tokenId, source, hashToken(token), signingSecret, this.now()],
    );
    return { token, tokenId };
  }

  async authenticate(token: string): Promise<IntegrationSession | null> {
    const result = await this.pool.query<{ id: string; integration: AlertSource; signing_secret: string | null }>(
      `SELECT id, integration, signing_secret FROM tokens
       WHERE hash = $1 AND integration IS NOT NULL AND revoked_at IS NULL`,
      [hashToken(token)],
    );
    const row = result.rows[0];
    return row ? { tokenId: row.id, source: row.integration, signingSecret: row.signing_secret } : null;
  }

  async revokeIntegration(source: AlertSource): Promise<number> {
    const result = await this.pool.query(
      'UPDATE tokens SET revoked_at = $1 WHERE integration = $2 AND revoked_at IS NULL',
      [this.now(), source],
    );
    return result.rowCount ?? 0;
  }
}
