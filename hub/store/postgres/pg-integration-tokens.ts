import type { AlertSource } from '../../../shared/alerts/alert.js';
import type { IntegrationSession, IntegrationTokenStore } from '../../auth/integration-tokens.js';
import { hashToken, newId, newToken } from '../../auth/tokens.js';
import type { StoredSecret } from '../../secrets/seal-stored-secrets.js';
import type { SecretsKeyFile } from '../../secrets/secrets-key-file.js';
import type { Pool } from './pool.js';

/** Integration (webhook) tokens in PostgreSQL, in the tokens table beside users' tokens. */
export class PgIntegrationTokenStore implements IntegrationTokenStore {
  constructor(
    private readonly pool: Pool,
    private readonly now: () => string,
    private readonly secrets: SecretsKeyFile,
  ) {}

  async create(source: AlertSource, signingSecret: string | null = null): Promise<{ token: string; tokenId: string }> {
    const token = newToken();
    const tokenId = newId('t');
    // Sealed beside the active secrets: a command run with another key file than the nodes' is refused.
    const sealed = await this.secrets.sealForToken(signingSecret, () => this.storedSecrets());
    await this.pool.query(
      'INSERT INTO tokens (id, integration, hash, signing_secret, created_at) VALUES ($1, $2, $3, $4, $5)',
      [tokenId, source, hashToken(token), sealed, this.now()],
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
    if (!row) return null;
    const signingSecret = this.secrets.openForToken(row.signing_secret, row.id);
    return { tokenId: row.id, source: row.integration, signingSecret };
  }

  async revokeIntegration(source: AlertSource): Promise<number> {
    const result = await this.pool.query(
      'UPDATE tokens SET revoked_at = $1 WHERE integration = $2 AND revoked_at IS NULL',
      [this.now(), source],
    );
    return result.rowCount ?? 0;
  }

  async storedSecrets(): Promise<StoredSecret[]> {
    const result = await this.pool.query<{ id: string; signing_secret: string; active: boolean }>(
      'SELECT id, signing_secret, revoked_at IS NULL AS active FROM tokens WHERE signing_secret IS NOT NULL',
    );
    return result.rows.map((row) => ({ id: row.id, stored: row.signing_secret, active: row.active }));
  }

  async replaceStoredSecret(id: string, from: string, to: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE tokens SET signing_secret = $1 WHERE id = $2 AND signing_secret = $3',
      [to, id, from],
    );
    return result.rowCount === 1;
  }
}
