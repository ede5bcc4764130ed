import type { AlertSource } from '../../shared/alerts/alert.js';
import type { UserRole } from '../../shared/domain/authorize.js';

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

/** A token's whole row, as `warroom-hub copy` moves it: only the hash is ever stored. */
export interface TokenRow {
  readonly id: string;
  readonly userId: string | null;
  readonly integration: AlertSource | null;
  readonly hash: string;
  readonly signingSecret: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A user's whole row, for `warroom-hub copy`. */
export interface UserRow extends User {
  readonly createdAt: string;
}

export class UserRoleConflictError extends Error {}

/** Users and their tokens (SQLite or PostgreSQL). Tokens are stored only as hashes. */
export interface UserStore {
  /** Creates the user if new, then a token for them; returns the token in clear, the one time it exists so. */
  createToken(name: string, role: UserRole): Promise<{ token: string; tokenId: string; user: User }>;
  authenticate(token: string): Promise<Session | null>;
  /** Checked on every command and request. */
  isTokenActive(tokenId: string): Promise<boolean>;
  /** Revokes by token id, by the token itself, or every token of a user. Returns how many were revoked. */
  revoke(by: { id: string } | { token: string } | { user: string }): Promise<number>;
  /**
   * Gives an existing user another role; undefined if there is no such user. Open connections take it up at once
   * (the hub re-checks them when tokens change: `StoreChange` 'tokens').
   */
  setRole(name: string, role: UserRole): Promise<User | undefined>;
  /** Users' and integrations' tokens. */
  listTokens(): Promise<TokenInfo[]>;
  /** Everyone, by name: the people roles can be given to. */
  listUsers(): Promise<User[]>;
  findUserById(id: string): Promise<User | undefined>;
  findUserByName(name: string): Promise<User | undefined>;
}
