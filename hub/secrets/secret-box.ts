import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretsKeyError, type SecretKey } from './secret-key.js';

export { loadKey, loadOrCreateKey, SecretsKeyError, type SecretKey } from './secret-key.js';

/**
 * A secret at rest: `enc:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64), AES-256-GCM with a random 96-bit IV. The
 * version lets a later format sit beside this one; the key id says which key sealed it, and it is authenticated
 * with the ciphertext. Values that do not start with `enc:` were kept in clear by an older version.
 */
const PREFIX = 'enc:';
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

export function sealSecret(key: SecretKey, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key.bytes, iv);
  cipher.setAAD(header(key.id));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64'));
  return `${PREFIX}${VERSION}:${key.id}:${parts.join(':')}`;
}

/** The plaintext of a sealed value; a SecretsKeyError, naming the key file, if this key cannot open it. */
export function openSecret(key: SecretKey, stored: string): string {
  const sealed = parse(stored);
  if (sealed.keyId !== key.id)
    throw new SecretsKeyError(
      `It was sealed with key ${sealed.keyId}, but the secrets key file ${key.file} holds key ${key.id}`,
    );
  try {
    const decipher = createDecipheriv(ALGORITHM, key.bytes, sealed.iv);
    decipher.setAAD(header(sealed.keyId));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SecretsKeyError(
      `It does not decrypt with the key in ${key.file}, although that is the key that sealed it: the stored value was altered or damaged`,
      { cause: error },
    );
  }
}

/** Which key sealed a value (undefined for a value in clear, or one this version cannot read). */
export function sealedKeyId(stored: string): string | undefined {
  try {
    return parse(stored).keyId;
  } catch {
    return undefined;
  }
}

function parse(stored: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  if (!isSealed(stored)) throw new SecretsKeyError('It is not sealed');
  const [, version, keyId, iv, tag, ciphertext, ...rest] = stored.split(':');
  if (version !== VERSION)
    throw new SecretsKeyError(`It was sealed by a newer hub (format ${version ?? '?'}); this one reads ${VERSION}`);
  if (!keyId || iv === undefined || !tag || ciphertext === undefined || rest.length > 0)
    throw new SecretsKeyError('The stored value is damaged (not the sealed format)');
  const bytes = (text: string) => Buffer.from(text, 'base64');
  return { keyId, iv: bytes(iv), tag: bytes(tag), ciphertext: bytes(ciphertext) };
}

function header(keyId: string): Buffer {
  return Buffer.from(`${PREFIX}${VERSION}:${keyId}`);
}
