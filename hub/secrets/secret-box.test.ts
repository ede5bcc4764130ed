import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isSealed,
  loadKey,
  loadOrCreateKey,
  openSecret,
  sealedKeyId,
  sealSecret,
  SecretsKeyError,
} from './secret-box.js';

const SECRET = 'sentry-client-secret-4f1c2a9e';

describe('secrets sealed at rest (AES-256-GCM, a key file of their own)', () => {
  let dir: string;
  let umask: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-secrets-'));
    umask = process.umask(0o000);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a random 32-byte key file 0600 on first need, and reads the same key after', () => {
    const file = join(dir, 'keys', 'secrets.key');
    const key = loadOrCreateKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
    expect(key.bytes).toHaveLength(32);
    expect(loadOrCreateKey(file)).toEqual(key);
    expect(loadKey(file)).toEqual(key);
    expect(readdirSync(join(dir, 'keys'))).toEqual(['secrets.key']); // no temporary file left behind
    expect(loadOrCreateKey(join(dir, 'other.key')).id).not.toBe(key.id);
  });

  it('seals to a versioned form that names the key, differently each time, and opens it again', () => {
    const key = loadOrCreateKey(join(dir, 'secrets.key'));
    const sealed = sealSecret(key, SECRET);
    expect(sealed).toMatch(/^enc:v1:[0-9a-f]{16}:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain(SECRET);
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed(SECRET)).toBe(false);
    expect(sealedKeyId(sealed)).toBe(key.id);
    expect(sealSecret(key, SECRET)).not.toBe(sealed); // a fresh IV every time
    expect(openSecret(key, sealed)).toBe(SECRET);
    expect(openSecret(key, sealSecret(key, 'ünïcødé ✓'))).toBe('ünïcødé ✓');
  });

  it('refuses another key, an altered value and a newer format, naming the key file and never the secret', () => {
    const key = loadOrCreateKey(join(dir, 'secrets.key'));
    const other = loadOrCreateKey(join(dir, 'other.key'));
    const sealed = sealSecret(key, SECRET);
    const refusal = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(SecretsKeyError);
        const message = (error as Error).message;
        expect(message).not.toContain(SECRET);
        return message;
      }
      throw new Error('not refused');
    };
    expect(refusal(() => openSecret(other, sealed))).toBe(
      `It was sealed with key ${key.id}, but the secrets key file ${other.file} holds key ${other.id}`,
    );
    const [head, iv, tag, ciphertext] = [sealed.split(':').slice(0, 3).join(':'), ...sealed.split(':').slice(3)];
    const flipped = Buffer.from(ciphertext ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(refusal(() => openSecret(key, `${head}:${iv}:${tag}:${flipped.toString('base64')}`))).toMatch(
      new RegExp(`does not decrypt with the key in ${key.file}.*altered or damaged`),
    );
    expect(refusal(() => openSecret(key, sealed.replace('enc:v1:', 'enc:v2:')))).toMatch(/sealed by a newer hub/);
    expect(refusal(() => openSecret(key, 'enc:v1:nonsense'))).toMatch(/damaged/);
  });

  it('says what is wrong with a key file without showing what is in it, and never makes one in its place', () => {
    const missing = join(dir, 'missing.key');
    expect(() => loadKey(missing)).toThrow(`The secrets key file ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
    const wrong = join(dir, 'wrong.key');
    writeFileSync(wrong, 'c2hvcnQta2V5LWJ5dGVz\n');
    expect(() => loadKey(wrong)).toThrow(
      `The secrets key file ${wrong} does not hold a key: it must be 32 random bytes in base64 on one line`,
    );
    expect(() => loadOrCreateKey(wrong)).toThrow(/does not hold a key/);
    expect(readFileSync(wrong, 'utf8')).toBe('c2hvcnQta2V5LWJ5dGVz\n'); // never replaced
    expect(() => loadKey(dir)).toThrow(`The secrets key file ${dir} cannot be read (EISDIR)`);
  });

  it('takes a key made elsewhere (openssl rand -base64 32)', () => {
    const file = join(dir, 'made.key');
    writeFileSync(file, `${Buffer.alloc(32, 7).toString('base64')}\n`);
    const key = loadKey(file);
    expect(openSecret(key, sealSecret(loadKey(file), SECRET))).toBe(SECRET);
  });
});
