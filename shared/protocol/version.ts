/**
 * The wire protocol version. Bump it when a change would break an older client; the hub refuses a
 * client outside [MIN_SUPPORTED_PROTOCOL, PROTOCOL_VERSION] with a typed reason it can show.
 */
export const PROTOCOL_VERSION = 2;
/** 2: events broadcast per commit (`events`), postmortems, follow-ups and rate limits. Protocol 1 clients would miss them. */
export const MIN_SUPPORTED_PROTOCOL = 2;

export type ProtocolCheck =
  { ok: true } | { ok: false; code: 'protocol_too_old' | 'protocol_too_new'; message: string };

export function checkProtocol(clientVersion: number): ProtocolCheck {
  if (clientVersion < MIN_SUPPORTED_PROTOCOL)
    return {
      ok: false,
      code: 'protocol_too_old',
      message: `This app speaks protocol ${clientVersion}; the hub needs ${MIN_SUPPORTED_PROTOCOL} to ${PROTOCOL_VERSION}. Update the app.`,
    };
  if (clientVersion > PROTOCOL_VERSION)
    return {
      ok: false,
      code: 'protocol_too_new',
      message: `This app speaks protocol ${clientVersion}; the hub only knows up to ${PROTOCOL_VERSION}. Update the hub.`,
    };
  return { ok: true };
}
