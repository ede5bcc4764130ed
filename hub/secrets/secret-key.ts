import { createHmac, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { errnoCode } from '../files/errno.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../files/private-file.js';

/** AES-256: 32 bytes, kept as one line of base64 so it can be copied between nodes or into a secrets manager. */
const KEY_BYTES = 32;
const KEY_TEXT = /^[A-Za-z0-9+/]{43}=$/;

export interface SecretKey {
  /** The key file, for messages. */
  readonly file: string;
  /** Names the key in sealed values (never reveals it), so a wrong key file is told apart from a damaged value. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** The key file is missing, unreadable or not a key, or a secret does not open with it. Never holds a secret. */
export class SecretsKeyError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SecretsKeyError';
  }
}

/** Reads the key in `file`; never creates one (a new key opens none of the secrets sealed before). */
export function loadKey(file: string): SecretKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    const code = errnoCode(error);
    throw new SecretsKeyError(
      code === 'ENOENT'
        ? `The secrets key file ${file} does not exist`
        : `The secrets key file ${file} cannot be read (${code ?? String(error)})`,
      { cause: error },
    );
  }
  // Never the content in the message: a key file that is almost right is almost a key.
  if (!KEY_TEXT.test(text))
    throw new SecretsKeyError(
      `The secrets key file ${file} does not hold a key: it must be ${KEY_BYTES} random bytes in base64 on one line (openssl rand -base64 32 makes one)`,
    );
  const bytes = Buffer.from(text, 'base64');
  return { file, id: keyId(bytes), bytes };
}

/** Reads the key in `file`, first making a random one (0600) if there is none. */
export function loadOrCreateKey(file: string): SecretKey {
  if (!existsSync(file)) {
    try {
      createKeyFile(file);
    } catch (error) {
      throw new SecretsKeyError(
        `The secrets key file ${file} cannot be created (${errnoCode(error) ?? String(error)})`,
        { cause: error },
      );
    }
  }
  return loadKey(file);
}

/**
 * Written whole to a temporary file, flushed, then linked to its name: link never replaces a file, so when two
 * processes make a key at once, one wins and both use that one.
 */
function createKeyFile(file: string): void {
  makePrivateDir(dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
    writeSync(fd, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, file);
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  syncFolder(dirname(file));
}

/** So the key's name survives a power cut along with the secrets sealed with it (not possible on Windows). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder; its file system keeps the name with the file.
  }
}

function keyId(bytes: Buffer): string {
  return createHmac('sha256', bytes).update('warroom secrets key id').digest('hex').slice(0, 16);
}
