import type { Logger } from 'pino';
import { commandError, type CommandError } from '../../shared/domain/errors.js';
import type { UserStore } from '../auth/user-store.js';
import type { HubSocket } from './types.js';

export type Refused = { ok: false; error: CommandError };

/** Runs a request; a failure answers storage_failed (nothing was changed), never an unanswered request. */
export function answerRequest<R>(
  reply: (answer: R | Refused) => void,
  logger: Logger,
  what: string,
  work: () => Promise<R | Refused>,
): void {
  work().then(reply, (error: unknown) => {
    logger.error({ err: error }, `${what} failed`);
    reply({
      ok: false,
      error: commandError('storage_failed', 'The hub could not read or save this; nothing was changed. Try again.'),
    });
  });
}

/** A token revoked while connected is refused at its next request, and the connection dropped. */
export async function tokenStillActive(socket: HubSocket, users: Pick<UserStore, 'isTokenActive'>): Promise<boolean> {
  if (await users.isTokenActive(socket.data.session.tokenId)) return true;
  setImmediate(() => socket.disconnect(true));
  return false;
}
