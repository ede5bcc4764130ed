import type { Statement } from 'better-sqlite3';
import type { UserRole } from '../../../shared/domain/authorize.js';
import { hashToken, newId, newToken } from '../../auth/tokens.js';
import {
  UserRoleConflictError,
  type Session,
  type TokenInfo,
  type User,
  type UserStore,
} from '../../auth/user-store.js';
import type { Db } from './database.js';

/** Users and their tokens in the hub's SQLite file. */
export class SqliteUserStore implements UserStore {
  private activeToken: Statement<[string], unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
    /** Tells this process's hub that tokens or roles changed (it re-checks its open connections). */
    private readonly changed: () => void = () => undefined,
  ) {}

  async createToken(name: string, role: UserRole): Promise<{ token: string; tokenId: string; user: User }> {
    return this.db.transaction(() => {
      const user = this.userByName(name) ?? this.createUser(name, role);
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

  async authenticate(token: string): Promise<Session | null> {
    const row = this.db
      .prepare(
        `SELECT t.id AS tokenId, u.id, u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.hash = ? AND t.revoked_at IS NULL AND t.integration IS NULL`,
      )
      .get(hashToken(token)) as { tokenId: string; id: string; name: string; role: UserRole } | undefined;
    return row ? { tokenId: row.tokenId, user: { id: row.id, name: row.name, role: row.role } } : null;
  }

  /** Checked on every command: the statement is prepared once (preparing it each time cost ~5% of the hub's CPU). */
  async isTokenActive(tokenId: string): Promise<boolean> {
    this.activeToken ??= this.db.prepare('SELECT 1 FROM tokens WHERE id = ? AND revoked_at IS NULL').pluck();
    return this.activeToken.get(tokenId) !== undefined;
  }

  async revoke(by: { id: string } | { token: string } | { user: string }): Promise<number> {
    const revoked = this.revokeRows(by, this.now());
    if (revoked > 0) this.changed();
    return revoked;
  }

  async setRole(name: string, role: UserRole): Promise<User | undefined> {
    const changes = this.db
      .prepare('UPDATE users SET role = ? WHERE name = ? AND role <> ?')
      .run(role, name, role).changes;
    if (changes > 0) this.changed();
    return this.userByName(name);
  }

  private revokeRows(by: { id: string } | { token: string } | { user: string }, now: string): number {
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

  async listTokens(): Promise<TokenInfo[]> {
    return this.db
      .prepare(
        `SELECT t.id, u.name AS user, u.role, t.integration, t.created_at AS createdAt, t.revoked_at AS revokedAt
         FROM tokens t LEFT JOIN users u ON u.id = t.user_id ORDER BY t.created_at, t.id`,
      )
      .all() as TokenInfo[];
  }

  async listUsers(): Promise<User[]> {
    return this.db.prepare('SELECT id, name, role FROM users ORDER BY name').all() as User[];
  }

  async findUserById(id: string): Promise<User | undefined> {
    return this.db.prepare('SELECT id, name, role FROM users WHERE id = ?').get(id) as User | undefined;
  }

  async findUserByName(name: string): Promise<User | undefined> {
    return this.userByName(name);
  }

  private userByName(name: string): User | undefined {
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
