import type { AlertSource } from '../../shared/alerts/alert.js';
import type { UserRole } from '../../shared/domain/authorize.js';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/database.js';
import { hashToken, newId, newToken } from './tokens.js';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly role: UserRole;
}

/** Who a valid token belongs to; tokenId lets a long-lived connection re-check revocation. */
export interface Session {
  readonly user: User;
  readonly tokenId: string;
}

export interface TokenInfo {
  readonly id: string;
  /** The user's name, or null for an integration's token. */
  readonly user: string | null;
  readonly role: UserRole | null;
  /** The webhook source of an integration token (IntegrationTokenStore), null for a user's. */
  readonly integration: AlertSource | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export class UserRoleConflictError extends Error {}

/** Users and their tokens. Tokens are stored only as hashes. */
export class UserStore {
  private activeToken: Statement<[string], unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  /** Creates the user if new, then a token for them; returns the token in clear, the one time it exists so. */
  createToken(name: string, role: UserRole): { token: string; tokenId: string; user: User } {
    return this.db.transaction(() => {
      const user = this.findUserByName(name) ?? this.createUser(name, role);
      if (user.role !== role)
        throw new UserRoleConflictError(`User "${name}" exists with role ${user.role}, not ${role}.`);
      const token = newToken();
      const tokenId = newId('t');
      this.db
        .prepare('INSERT INTO tokens (id, user_id, hash, created_at) VALUES (?, ?, ?, ?)')
        .run(tokenId, user.id, hashToken(token), this.now());
      return { token, tokenId, user };
    })();
  }

  authenticate(token: string): Session | null {
    const row = this.db
      .prepare(
        `SELECT t.id AS tokenId, u.id, u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.hash = ? AND t.revoked_at IS NULL AND t.integration IS NULL`,
      )
      .get(hashToken(token)) as { tokenId: string; id: string; name: string; role: UserRole } | undefined;
    return row ? { tokenId: row.tokenId, user: { id: row.id, name: row.name, role: row.role } } : null;
  }

  /** Checked on every command: the statement is prepared once (preparing it each time cost ~5% of the hub's CPU). */
  isTokenActive(tokenId: string): boolean {
    this.activeToken ??= this.db.prepare('SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL').pluck();
    return this.activeToken.get(tokenId) !== undefined;
  }

  /** Revokes by token id, by the token itself, or every token of a user. Returns how many were revoked. */
  revoke(by: { id: string } | { token: string } | { user: string }): number {
    const now = this.now();
    if ('id' in by)
      return this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, by.id)
        .changes;
    if ('token' in by)
      return this.db
        .prepare('UPDATE tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL')
        .run(now, hashToken(by.token)).changes;
    return this.db
      .prepare(
        `UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE name = ?)`,
      )
      .run(now, by.user).changes;
  }

  /** Users' and integrations' tokens. */
  listTokens(): TokenInfo[] {
    return this.db
      .prepare(
        `SELECT t.id, u.name AS user, u.role, t.integration, t.created_at AS createdAt, t.revoked_at AS revokedAt
         FROM tokens t LEFT JOIN users u ON u.id = t.user_id ORDER BY t.created_at, t.id`,
      )
      .all() as TokenInfo[];
  }

  /** Everyone, by name: the people roles can be given to. */
  listUsers(): User[] {
    return this.db.prepare('SELECT id, name, role FROM users ORDER BY name').all() as User[];
  }

  findUserById(id: string): User | undefined {
    return this.db.prepare('SELECT id, name, role FROM users WHERE id = ?').get(id) as User | undefined;
  }

  findUserByName(name: string): User | undefined {
    return this.db.prepare('SELECT id, name, role FROM users WHERE name = ?').get(name) as User | undefined;
  }

  private createUser(name: string, role: UserRole): User {
    const user = { id: newId('u'), name, role };
    this.db
      .prepare('INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?)')
      .run(user.id, user.name, user.role, this.now());
    return user;
  }
}
