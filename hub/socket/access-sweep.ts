import type { ConnectRefusal } from '../../shared/protocol/wire.js';
import type { UserStore } from '../auth/user-store.js';
import type { Logger } from '../log.js';
import { checkAccess } from './access-check.js';
import type { HubServer, HubSocket } from './types.js';

export const REVOKED_REFUSAL: ConnectRefusal = {
  code: 'revoked',
  message: 'An admin revoked the token this app signed in with. Ask an admin for a new one.',
};

export interface AccessSweepDeps {
  readonly users: Pick<UserStore, 'isTokenActive' | 'findUserById'>;
  readonly logger: Logger;
  /** Sends the connection a new welcome (with its new role). */
  readonly welcome: (socket: HubSocket) => void;
}

/**
 * Re-checks every open connection when tokens or roles changed (StoreChange 'tokens', here or on another node):
 * a revoked token's connections are told why and closed, so they stop receiving events; a changed role is taken up
 * by the open connection and announced with a new welcome. Sweeps never overlap; a change during one runs another.
 */
export function createAccessSweep(io: HubServer, deps: AccessSweepDeps): { sweep(): void; idle(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;

  const once = async (): Promise<void> => {
    const sockets = [...io.of('/').sockets.values()];
    const verdicts = await checkAccess(
      sockets.map((s) => s.data.session),
      deps.users,
    );
    sockets.forEach((socket, i) => {
      const verdict = verdicts[i];
      if (!verdict || verdict.kind === 'keep' || socket.disconnected) return;
      const { session } = socket.data;
      if (verdict.kind === 'revoked') {
        deps.logger.info(
          { user: session.user.id, token: session.tokenId, socket: socket.id },
          'access revoked: connection closed',
        );
        socket.emit('closing', REVOKED_REFUSAL);
        socket.disconnect(true);
        return;
      }
      deps.logger.info(
        { user: session.user.id, from: session.user.role, to: verdict.user.role, socket: socket.id },
        'role changed: connection updated',
      );
      socket.data.session = { ...session, user: verdict.user };
      deps.welcome(socket);
    });
  };

  const run = (): Promise<void> =>
    once()
      .catch((error: unknown) => {
        // The store is out of reach: each command and read still checks the token; the next change sweeps again.
        deps.logger.error({ err: error }, 'checking open connections after a token change failed');
      })
      .then(() => {
        if (!again) return;
        again = false;
        return run();
      });

  return {
    sweep: () => {
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = null;
      });
    },
    idle: () => running ?? Promise.resolve(),
  };
}
