import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens are 256 random bits, so a plain SHA-256 is enough to store them: there is nothing to guess
 * that a slow password hash would protect. Only the hash is kept; the token is shown once.
 */
export function newToken(): string {
  return `wr_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
}
