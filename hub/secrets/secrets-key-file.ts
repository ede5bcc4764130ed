import { isSealed, openSecret, sealedKeyId, sealSecret } from './secret-box.js';
import type { StoredSecret } from './seal-stored-secrets.js';
import { loadKey, loadOrCreateKey, SecretsKeyError, type SecretKey } from './secret-key.js';

const WHICH_KEY =
  'Point --secrets-key FILE (or WARROOM_SECRETS_KEY_FILE) at the key file they were sealed with: every hub node and ' +
  'every warroom-hub command on the same data needs that one key (docs/deploy.md, "The secrets key")';

/**
 * The key file secrets at rest are sealed with (default `<data folder>/secrets.key`), read when first needed and
 * then kept. A key is made only to seal the first secret: while sealed secrets are in use, a missing key file is an
 * error, never replaced by a new key that could open none of them.
 */
export class SecretsKeyFile {
  private key: SecretKey | undefined;

  /** undefined: a store opened without one (tests that keep no secrets); sealing or opening one then says so. */
  constructor(readonly path: string | undefined) {}

  /**
   * Seals a new secret. `beside`: the secrets in use (active tokens'); sealed ones must be sealed with this key, so
   * that a command run with another key file cannot leave secrets the hub's nodes cannot open.
   */
  seal(plaintext: string, beside: readonly string[] = []): string {
    const others = new Set(beside.filter(isSealed).map((stored) => sealedKeyId(stored) ?? 'unknown'));
    const key = this.load(others.size === 0, 'Cannot seal a new secret');
    const foreign = [...others].filter((id) => id !== key.id);
    if (foreign.length > 0)
      throw new SecretsKeyError(
        `Cannot seal a new secret. The secrets stored already are sealed with key ${foreign.join(', ')}, but the secrets key file ${key.file} holds key ${key.id}. ${WHICH_KEY}.`,
      );
    return sealSecret(key, plaintext);
  }

  /** A new integration token's secret (null: it has none), sealed beside the active ones the store keeps. */
  async sealForToken(secret: string | null, stored: () => Promise<readonly StoredSecret[]>): Promise<string | null> {
    if (secret === null) return null;
    return this.seal(
      secret,
      (await stored()).filter((s) => s.active).map((s) => s.stored),
    );
  }

  /** An integration token's secret as stored (null: it has none), opened. */
  openForToken(stored: string | null, tokenId: string): string | null {
    return stored === null ? null : this.open(stored, `the secret of integration token ${tokenId}`);
  }

  /** The plaintext of a stored secret; one in clear (kept so by an older version) is returned as it is. */
  open(stored: string, what = 'a stored secret'): string {
    if (!isSealed(stored)) return stored;
    const context = `Cannot open ${what}`;
    const key = this.load(false, context);
    try {
      return openSecret(key, stored);
    } catch (error) {
      throw new SecretsKeyError(`${context}. ${messageOf(error)}. ${WHICH_KEY}.`, { cause: error });
    }
  }

  private load(create: boolean, context: string): SecretKey {
    if (this.key) return this.key;
    if (this.path === undefined)
      throw new SecretsKeyError(`${context}. This store was opened without a secrets key file (--secrets-key FILE).`);
    try {
      this.key = create ? loadOrCreateKey(this.path) : loadKey(this.path);
    } catch (error) {
      throw new SecretsKeyError(`${context}. ${messageOf(error)}. ${create ? '' : `${WHICH_KEY}.`}`.trim(), {
        cause: error,
      });
    }
    return this.key;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
