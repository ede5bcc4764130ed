import type { Logger } from '../log.js';
import { isSealed } from './secret-box.js';
import { SecretsKeyError } from './secret-key.js';
import type { SecretsKeyFile } from './secrets-key-file.js';

/** One secret as a store keeps it: sealed, or in clear if an older version wrote it. */
export interface StoredSecret {
  /** The row it belongs to (an integration token's id), for messages: never the secret. */
  readonly id: string;
  readonly stored: string;
  /** A revoked token's secret is sealed too, but need not open: nothing uses it. */
  readonly active: boolean;
}

/** What a store offers so secrets can be sealed where they lie. */
export interface StoredSecrets {
  storedSecrets(): Promise<readonly StoredSecret[]>;
  /** Replaces one secret only if it is still `from` (another node may have sealed it first); says whether it did. */
  replaceStoredSecret(id: string, from: string, to: string): Promise<boolean>;
}

/**
 * What a starting hub does: seals the secrets an older version kept in clear, then opens every active one, so a
 * missing or wrong key file stops the start with a message naming it instead of failing webhooks later. Returns
 * how many it sealed.
 */
export async function sealStoredSecrets(rows: StoredSecrets, key: SecretsKeyFile, logger?: Logger): Promise<number> {
  const before = await rows.storedSecrets();
  // Only active secrets bind the key: after `token revoke`, a new key may seal new secrets (docs/deploy.md).
  const beside = before.filter((row) => row.active).map((row) => row.stored);
  const sealed: string[] = [];
  for (const row of before) {
    if (isSealed(row.stored)) continue;
    if (await rows.replaceStoredSecret(row.id, row.stored, key.seal(row.stored, beside))) sealed.push(row.id);
  }
  if (sealed.length > 0)
    logger?.info({ tokenIds: sealed, keyFile: key.path }, 'secrets kept in clear by an older version are sealed now');
  for (const row of await rows.storedSecrets()) {
    if (!row.active) continue;
    try {
      key.open(row.stored, `the secret of integration token ${row.id}`);
    } catch (error) {
      if (!(error instanceof SecretsKeyError)) throw error;
      throw new SecretsKeyError(
        `${error.message} If that key is lost: revoke the token (warroom-hub token revoke --id ${row.id}) and create a new one with the client secret.`,
        { cause: error },
      );
    }
  }
  return sealed.length;
}
