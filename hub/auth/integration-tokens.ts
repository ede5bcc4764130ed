import type { AlertSource } from '../../shared/alerts/alert.js';
import type { Db } from '../store/database.js';
import { hashToken, newId, newToken } from './tokens.js';

/** Who a valid integration token is: the source it may post for, and Sentry's signing secret if any. */
export interface IntegrationSession {
  readonly tokenId: string;
  readonly source: AlertSource;
  readonly signingSecret: string | null;
}

/**
 * Tokens of monitoring tools (webhook senders). Stored like user tokens, as SHA-256 hashes, in the same table, but
 * tied to one source instead of a user: they open `/api/webhooks/<source>` and nothing else (no socket, no API).
 */
export class IntegrationTokenStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  /** Returns the token in clear, the one time it exists so. Sentry needs its Client Secret to verify signatures. */
  create(source: AlertSource, signingSecret: string | null = null): { token: string; tokenId: string } {
    const token = newToken();
    const tokenId = newId('t');
    this.db
      .prepare('INSERT INTO tokens (id, integration, hash, signing_secret, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenId, source, hashToken(token), signingSecret, this.now());
    return { token, tokenId };
  }

  authenticate(token: string): IntegrationSession | null {
    const row = this.db
      .prepare(
        `SELECT id, integration, signing_secret FROM tokens
         WHERE hash = ? AND integration IS NOT NULL AND revoked_at IS NULL`,
      )
      .get(hashToken(token)) as { id: string; integration: AlertSource; signing_secret: string | null } | undefined;
    return row ? { tokenId: row.id, source: row.integration, signingSecret: row.signing_secret } : null;
  }

  /** Revokes every active token of one integration; returns how many. */
  revokeIntegration(source: AlertSource): number {
    return this.db
      .prepare('UPDATE tokens SET revoked_at = ? WHERE integration = ? AND revoked_at IS NULL')
      .run(this.now(), source).changes;
  }
}
