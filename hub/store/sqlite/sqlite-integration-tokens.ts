import type { AlertSource } from '../../../shared/alerts/alert.js';
import type { IntegrationSession, IntegrationTokenStore } from '../../auth/integration-tokens.js';
import { hashToken, newId, newToken } from '../../auth/tokens.js';
import type { StoredSecret } from '../../secrets/seal-stored-secrets.js';
import type { SecretsKeyFile } from '../../secrets/secrets-key-file.js';
import type { Db } from './database.js';

/** Integration (webhook) tokens in the hub's SQLite file, in the tokens table beside users' tokens. */
export class SqliteIntegrationTokenStore implements IntegrationTokenStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
    private readonly secrets: SecretsKeyFile,
  ) {}

  async create(source: AlertSource, signingSecret: string | null = null): Promise<{ token: string; tokenId: string }> {
    const token = newToken();
    const tokenId = newId('t');
    const sealed = await this.secrets.sealForToken(signingSecret, () => this.storedSecrets());
    this.db
      .prepare('INSERT INTO tokens (id, integration, hash, signing_secret, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenId, source, hashToken(token), sealed, this.now());
    return { token, tokenId };
  }

  async authenticate(token: string): Promise<IntegrationSession | null> {
    const row = this.db
      .prepare(
        `SELECT id, integration, signing_secret FROM tokens
         WHERE hash = ? AND integration IS NOT NULL AND revoked_at IS NULL`,
      )
      .get(hashToken(token)) as { id: string; integration: AlertSource; signing_secret: string | null } | undefined;
    if (!row) return null;
    const signingSecret = this.secrets.openForToken(row.signing_secret, row.id);
    return { tokenId: row.id, source: row.integration, signingSecret };
  }

  async revokeIntegration(source: AlertSource): Promise<number> {
    return this.db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE integration = ? AND revoked_at IS NULL')
      .run(this.now(), source).changes;
  }

  async storedSecrets(): Promise<StoredSecret[]> {
    const rows = this.db
      .prepare('SELECT id, signing_secret, revoked_at IS NULL AS active FROM tokens WHERE signing_secret IS NOT NULL')
      .all() as { id: string; signing_secret: string; active: number }[];
    return rows.map((row) => ({ id: row.id, stored: row.signing_secret, active: row.active === 1 }));
  }

  async replaceStoredSecret(id: string, from: string, to: string): Promise<boolean> {
    return (
      this.db.prepare('UPDATE tokens SET signing_secret = ? WHERE id = ? AND signing_secret = ?').run(to, id, from)
        .changes === 1
    );
  }
}
