import type { AlertSource } from '../../shared/alerts/alert.js';
import type { StoredSecrets } from '../secrets/seal-stored-secrets.js';

/** Who a valid integration token is: the source it may post for, and Sentry's signing secret (in clear) if any. */
export interface IntegrationSession {
  readonly tokenId: string;
  readonly source: AlertSource;
  readonly signingSecret: string | null;
}

/**
 * Tokens of monitoring tools (webhook senders). Stored like user tokens, as SHA-256 hashes, in the same table, but
 * tied to one source instead of a user: they open `/api/webhooks/<source>` and nothing else (no socket, no API).
 * Sentry's signing secret must be kept itself (checking an HMAC needs it), so it is sealed with the secrets key
 * (hub/secrets); a starting hub seals those an older version kept in clear (StoredSecrets).
 */
export interface IntegrationTokenStore extends StoredSecrets {
  /** Returns the token in clear, the one time it exists so. Sentry needs its Client Secret to verify signatures. */
  create(source: AlertSource, signingSecret?: string | null): Promise<{ token: string; tokenId: string }>;
  authenticate(token: string): Promise<IntegrationSession | null>;
  /** Revokes every active token of one integration; returns how many. */
  revokeIntegration(source: AlertSource): Promise<number>;
}
