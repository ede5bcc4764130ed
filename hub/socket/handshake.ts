import { checkProtocol } from '../../shared/protocol/version.js';
import { handshakeSchema, type ConnectRefusal } from '../../shared/protocol/wire.js';
import type { Session, UserStore } from '../auth/user-store.js';

/** Decides whether a connection may open: a well-formed handshake, a protocol we speak, a live token. */
export async function checkHandshake(
  auth: unknown,
  users: Pick<UserStore, 'authenticate'>,
): Promise<{ ok: true; session: Session } | { ok: false; refusal: ConnectRefusal }> {
  const parsed = handshakeSchema.safeParse(auth);
  if (!parsed.success)
    return {
      ok: false,
      refusal: { code: 'bad_handshake', message: 'Connect with auth { token, protocol }: both are required.' },
    };
  const protocol = checkProtocol(parsed.data.protocol);
  if (!protocol.ok) return { ok: false, refusal: { code: protocol.code, message: protocol.message } };
  const session = await users.authenticate(parsed.data.token);
  if (!session)
    return {
      ok: false,
      refusal: {
        code: 'unauthorized',
        message: 'This token is unknown or revoked. Ask an admin for a new one (warroom-hub token create).',
      },
    };
  return { ok: true, session };
}

/** The refusal when a token already holds as many connections as the hub allows. */
export function tooManyConnections(max: number): ConnectRefusal {
  return {
    code: 'too_many_connections',
    message: `This token already has ${max} connections open to the hub, the most it allows. Close an app window or browser tab that uses it; the app connects again by itself once one is free.`,
  };
}

/** socket.io passes an Error's `data` to the client's connect_error handler. */
export function refusalError(refusal: ConnectRefusal): Error & { data: ConnectRefusal } {
  return Object.assign(new Error(refusal.message), { data: refusal });
}
