import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealedKeyId } from './secret-box.js';
import { sealStoredSecrets, type StoredSecret } from './seal-stored-secrets.js';
import { SecretsKeyFile } from './secrets-key-file.js';

const SECRET = 'sentry-client-secret-77aa01';

/** Stored secrets as a store keeps them, in memory. */
function rows(initial: readonly StoredSecret[]) {
  const byId = new Map(initial.map((r) => [r.id, r]));
  return {
    byId,
    storedSecrets: async () => [...byId.values()],
    replaceStoredSecret: async (id: string, from: string, to: string) => {
      const row = byId.get(id);
      if (row?.stored !== from) return false;
      byId.set(id, { ...row, stored: to });
      return true;
    },
  };
}

describe('the secrets key file, as stores use it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-keyfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals with the key it makes on first need; opens sealed values, and values in clear as they are', () => {
    const keys = new SecretsKeyFile(join(dir, 'secrets.key'));
    expect(keys.open(SECRET)).toBe(SECRET); // an older version's row: no key needed
    expect(existsSync(join(dir, 'secrets.key'))).toBe(false);
    const sealed = keys.seal(SECRET);
    expect(existsSync(join(dir, 'secrets.key'))).toBe(true);
    expect(new SecretsKeyFile(join(dir, 'secrets.key')).open(sealed)).toBe(SECRET);
  });

  it('never makes a new key while secrets sealed with another exist, and refuses to seal beside them', () => {
    const sealed = new SecretsKeyFile(join(dir, 'first.key')).seal(SECRET);
    const lost = new SecretsKeyFile(join(dir, 'lost.key'));
    expect(() => lost.seal('another', [sealed])).toThrow(
      `Cannot seal a new secret. The secrets key file ${join(dir, 'lost.key')} does not exist.`,
    );
    expect(existsSync(join(dir, 'lost.key'))).toBe(false);
    expect(() => lost.open(sealed, 'the secret of integration token t_1')).toThrow(
      /^Cannot open the secret of integration token t_1\. The secrets key file .*lost\.key does not exist\. Point --secrets-key FILE/,
    );
    const other = new SecretsKeyFile(join(dir, 'other.key'));
    other.seal('x'); // makes other.key
    expect(() => other.seal('another', [sealed, 'in clear'])).toThrow(
      new RegExp(`The secrets stored already are sealed with key ${sealedKeyId(sealed)}, but the secrets key file`),
    );
  });

  it('says so when a store was opened without a key file', () => {
    expect(() => new SecretsKeyFile(undefined).seal(SECRET)).toThrow(/opened without a secrets key file/);
  });

  it('seals the secrets an older version kept in clear, once, and checks the active ones open', async () => {
    const store = rows([
      { id: 't_old', stored: SECRET, active: true },
      { id: 't_revoked', stored: 'revoked-secret', active: false },
    ]);
    const keys = new SecretsKeyFile(join(dir, 'secrets.key'));
    expect(await sealStoredSecrets(store, keys)).toBe(2);
    const now = [...store.byId.values()];
    expect(now.map((r) => r.stored.startsWith('enc:v1:'))).toEqual([true, true]);
    expect(keys.open(store.byId.get('t_old')?.stored ?? '')).toBe(SECRET);
    expect(await sealStoredSecrets(store, keys)).toBe(0); // nothing left in clear
  });

  it('stops with the token and the key file when an active secret does not open; a revoked one may not', async () => {
    const sealed = new SecretsKeyFile(join(dir, 'first.key')).seal(SECRET);
    const wrong = new SecretsKeyFile(join(dir, 'second.key'));
    wrong.seal('x');
    await expect(sealStoredSecrets(rows([{ id: 't_gone', stored: sealed, active: false }]), wrong)).resolves.toBe(0);
    const failure = sealStoredSecrets(rows([{ id: 't_live', stored: sealed, active: true }]), wrong);
    await expect(failure).rejects.toThrow(
      /^Cannot open the secret of integration token t_live\. It was sealed with key [0-9a-f]{16}, but the secrets key file .*second\.key holds key [0-9a-f]{16}\. .*revoke the token \(warroom-hub token revoke --id t_live\)/,
    );
    await failure.catch((error: unknown) => expect(String(error)).not.toContain(SECRET));
  });
});
