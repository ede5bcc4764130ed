import type { Session, User, UserStore } from '../auth/user-store.js';

/** What to do with an open connection after tokens or roles changed. */
export type AccessVerdict =
  | { readonly kind: 'keep' }
  | { readonly kind: 'revoked' }
  /** The user's role is not the one the connection was opened with: it takes the new one. */
  | { readonly kind: 'role_changed'; readonly user: User };

/**
 * Decides, for the sessions of the open connections, which stay, which end and which take a new role. Each token and
 * each user is looked up once, however many connections share it.
 */
export async function checkAccess(
  sessions: readonly Session[],
  users: Pick<UserStore, 'isTokenActive' | 'findUserById'>,
): Promise<AccessVerdict[]> {
  const tokenIds = [...new Set(sessions.map((s) => s.tokenId))];
  const userIds = [...new Set(sessions.map((s) => s.user.id))];
  const [active, people] = await Promise.all([
    Promise.all(tokenIds.map(async (id) => [id, await users.isTokenActive(id)] as const)),
    Promise.all(userIds.map(async (id) => [id, await users.findUserById(id)] as const)),
  ]);
  const activeById = new Map(active);
  const userById = new Map(people);
  return sessions.map((session): AccessVerdict => {
    const user = userById.get(session.user.id);
    if (!activeById.get(session.tokenId) || !user) return { kind: 'revoked' };
    if (user.role !== session.user.role || user.name !== session.user.name) return { kind: 'role_changed', user };
    return { kind: 'keep' };
  });
}
