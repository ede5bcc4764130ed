import type { UserRole } from '../../../shared/domain/authorize.js';
import { hashToken, newId, newToken } from '../../auth/tokens.js';
import {
  UserRoleConflictError,
  type Session,
  type TokenInfo,
  type User,
  type UserStore,
} from '../../auth/user-store.js';
import { CHANGE_CHANNEL } from './pg-event-store.js';
import { inTransaction, type Pool } from './pool.js';

/**
 * How long a token found active is taken as active without asking the database again. The check runs before every
 * command; a query each time put a round trip and a pool wait in front of every command. A revocation reaches every
 * node at once by NOTIFY (forgetTokens); this bound holds even if that notification is lost.
 */
export const ACTIVE_TOKEN_CACHE_MS = 2000;

/** Users and their tokens in PostgreSQL, shared by every node (a token made on one works on all at once). */
export class PgUserStore implements UserStore {
  /** Token id -> when the database last said it was active (ms). */
  private readonly active = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly now: () => string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Another node (or the CLI) revoked tokens: ask the database again from the next check on. */
  forgetTokens(): void {
    this.active.clear();
  }

  createToken(name: string, role: UserRole): Promise<{ token: string; tokenId: string; user: User }> {
    return inTransaction(this.pool, async (client) => {
      // Two nodes creating the same user at once: one inserts, the other finds it.
      await client.query(
        'INSERT INTO users (id, name, role, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING',
        [newId('u'), name, role, this.now()],
      );
      const found = await client.query<User>('SELECT id, name, role FROM users WHERE name = $1', [name]);
      const user = found.rows[0];
      if (!user) throw new Error(`user ${name} vanished while its token was made`);
      if (user.role !== role)
        throw new UserRoleConflictError(`User "${name}" exists with role ${user.role}, not ${role}.`);
      const token = newToken();
      const tokenId = newId('t');
      await client.query('INSERT INTO tokens (id, user_id, hash, created_at) VALUES ($1, $2, $3, $4)', [
        tokenId,
        user.id,
        hashToken(token),
        this.now(),
      ]);
      return { token, tokenId, user };
    });
  }

  async authenticate(token: string): Promise<Session | null> {
    const result = await this.pool.query<{ tokenId: string; id: string; name: string; role: UserRole }>(
      `SELECT t.id AS "tokenId", u.id, u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id
       WHERE t.hash = $1 AND t.revoked_at IS NULL AND t.integration IS NULL`,
      [hashToken(token)],
    );
    const row = result.rows[0];
    return row ? { tokenId: row.tokenId, user: { id: row.id, name: row.name, role: row.role } } : null;
  }

  async isTokenActive(tokenId: string): Promise<boolean> {
    const checkedAt = this.active.get(tokenId);
    if (checkedAt !== undefined && this.clock() - checkedAt < ACTIVE_TOKEN_CACHE_MS) return true;
    const startedAt = this.clock();
    const result = await this.pool.query('SELECT 1 FROM tokens WHERE id = $1 AND revoked_at IS NULL', [tokenId]);
    const live = (result.rowCount ?? 0) > 0;
    if (live) this.active.set(tokenId, startedAt);
    else this.active.delete(tokenId);
    return live;
  }

  async revoke(by: { id: string } | { token: string } | { user: string }): Promise<number> {
    const now = this.now();
    const result =
      'id' in by
        ? await this.pool.query('UPDATE tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, by.id])
        : 'token' in by
          ? await this.pool.query('UPDATE tokens SET revoked_at = $1 WHERE hash = $2 AND revoked_at IS NULL', [
              now,
              hashToken(by.token),
            ])
          : await this.pool.query(
              `UPDATE tokens SET revoked_at = $1
               WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE name = $2)`,
              [now, by.user],
            );
    const revoked = result.rowCount ?? 0;
    if (revoked > 0) {
      this.forgetTokens();
      await this.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'tokens']);
    }
    return revoked;
  }

  async setRole(name: string, role: UserRole): Promise<User | undefined> {
    const result = await this.pool.query<User>(
      'UPDATE users SET role = $1 WHERE name = $2 AND role <> $1 RETURNING id, name, role',
      [role, name],
    );
    // Every node re-checks its open connections, as for a revocation.
    if ((result.rowCount ?? 0) > 0) await this.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'tokens']);
    return result.rows[0] ?? (await this.findUserByName(name));
  }

  async listTokens(): Promise<TokenInfo[]> {
    const result = await this.pool.query<TokenInfo>(
      `SELECT t.id, u.name AS "user", u.role, t.integration, t.created_at AS "createdAt", t.revoked_at AS "revokedAt"
       FROM tokens t LEFT JOIN users u ON u.id = t.user_id ORDER BY t.created_at, t.id`,
    );
    return result.rows;
  }

  async listUsers(): Promise<User[]> {
    return (await this.pool.query<User>('SELECT id, name, role FROM users ORDER BY name')).rows;
  }

  async findUserById(id: string): Promise<User | undefined> {
    return (await this.pool.query<User>('SELECT id, name, role FROM users WHERE id = $1', [id])).rows[0];
  }

  async findUserByName(name: string): Promise<User | undefined> {
    return (await this.pool.query<User>('SELECT id, name, role FROM users WHERE name = $1', [name])).rows[0];
  }
}
