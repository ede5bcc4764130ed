import { z } from 'zod';
import type {
  ContactChange,
  ContactChangeReply,
  ContactReply,
  ContactRequest,
  ContactTestReply,
} from './contact-wire.js';
import { userRoleSchema } from '../domain/authorize.js';
import type { StatusPageChange, StatusPageChangeReply, StatusPageReply } from './status-page-wire.js';
import type { CommandInput } from '../domain/commands.js';
import { commandErrorSchema } from '../domain/errors.js';
import { domainEventSchema } from '../domain/events.js';
import { personSchema } from '../domain/primitives.js';
import { incidentsStateSchema } from '../domain/state.js';
import { commandRateSchema } from './rate-limit.js';
import type {
  OncallChange,
  OncallChangeReply,
  OncallReply,
  OncallRequest,
  PageNotification,
  PageTestReply,
  PageTestRequest,
} from './oncall-wire.js';

/** What a client puts in socket.io's `auth` at connection. */
export const handshakeSchema = z.object({
  token: z.string().min(1).max(200),
  protocol: z.number().int(),
});
export type Handshake = z.infer<typeof handshakeSchema>;

/**
 * Why a connection was refused: socket.io hands this to the client as `connect_error`'s `data`. All but
 * `too_many_connections` (the token has as many connections open as the hub allows) and `hub_unavailable` (the hub
 * could not reach its database to check the token) need the person to act; those two pass by themselves.
 */
export const CONNECT_ERROR_CODES = [
  'bad_handshake',
  'unauthorized',
  'protocol_too_old',
  'protocol_too_new',
  'too_many_connections',
  'hub_unavailable',
  /** Sent in `closing` to an open connection whose token was revoked; the client does not reconnect. */
  'revoked',
] as const;

/** Refusals the client waits out and retries by itself, keeping the person on their screen. */
export const PASSING_REFUSALS: readonly ConnectRefusal['code'][] = ['too_many_connections', 'hub_unavailable'];
export const connectErrorSchema = z.object({
  code: z.enum(CONNECT_ERROR_CODES),
  message: z.string(),
});
export type ConnectRefusal = z.infer<typeof connectErrorSchema>;

export const welcomeSchema = z.object({
  protocol: z.number().int(),
  /** The newest seq when the connection opened. */
  head: z.number().int().nonnegative(),
  user: personSchema.extend({ role: userRoleSchema }),
  /** Everyone who can hold a role here, for assigning roles (people change rarely: sent at connect). */
  people: z.array(personSchema.extend({ role: userRoleSchema })),
  /** This connection's command rate limit, so the client paces itself (absent: the hub has none). */
  commandRate: commandRateSchema.optional(),
  /** Why this token's previous connection was dropped by the hub (it fell too far behind reading), if it was. */
  notice: z.object({ code: z.literal('too_slow'), message: z.string() }).optional(),
});
export type Welcome = z.infer<typeof welcomeSchema>;

export const commandAckSchema = z.discriminatedUnion('ok', [
  /** seq is the command's last event; a duplicate command gets the first answer again. */
  z.object({ ok: z.literal(true), seq: z.number().int().positive(), duplicate: z.boolean().optional() }),
  /** `retryAfterMs` comes with `rate_limited`: the command was not looked at; send it again after that long. */
  z.object({
    ok: z.literal(false),
    error: commandErrorSchema,
    retryAfterMs: z.number().int().nonnegative().optional(),
  }),
]);
export type CommandAck = z.infer<typeof commandAckSchema>;

export const syncRequestSchema = z.object({ since: z.number().int().nonnegative() });
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/** Missing events (maybe one page of them: ask again from the last seq while `more`), or a whole snapshot. */
export const syncReplySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('events'),
    events: z.array(domainEventSchema),
    head: z.number().int().nonnegative(),
    more: z.boolean(),
  }),
  z.object({ kind: z.literal('snapshot'), state: incidentsStateSchema, head: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('error'), error: commandErrorSchema }),
]);
export type SyncReply = z.infer<typeof syncReplySchema>;

export const timelineRequestSchema = z.object({ incidentId: z.string().min(1).max(64) });
export type TimelineRequest = z.infer<typeof timelineRequestSchema>;

/** One incident's events, oldest first: its timeline. */
export const timelineReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), events: z.array(domainEventSchema) }),
  z.object({ ok: z.literal(false), error: commandErrorSchema }),
]);
export type TimelineReply = z.infer<typeof timelineReplySchema>;

/** The `events` broadcast: one commit's events, in seq order (at least one). */
export const eventBatchSchema = z.array(domainEventSchema).min(1);

/** socket.io event maps: `Server<ClientToServerEvents, ServerToClientEvents>` on the hub, the mirror on clients. */
export interface ServerToClientEvents {
  welcome: (welcome: Welcome) => void;
  /** The events of one commit, in seq order (every client gets every event). */
  events: (events: z.infer<typeof eventBatchSchema>) => void;
  /** A page for this user (sent to their connections only); see oncall-wire.ts. */
  page: (page: PageNotification) => void;
  /** Rotations, overrides, routes, policy or profiles changed: ask `oncall` again. */
  'oncall.changed': () => void;
  /** The status page's set-up, channels or subscribers changed: ask `statuspage` again. */
  'statuspage.changed': () => void;
  /** The hub is ending this connection for good (the token was revoked); the disconnect follows at once. */
  closing: (refusal: ConnectRefusal) => void;
}

export interface ClientToServerEvents {
  command: (command: CommandInput, ack: (reply: CommandAck) => void) => void;
  sync: (request: SyncRequest, ack: (reply: SyncReply) => void) => void;
  timeline: (request: TimelineRequest, ack: (reply: TimelineReply) => void) => void;
  /** On-call and paging (shared/protocol/oncall-wire.ts, docs/oncall.md). */
  oncall: (request: OncallRequest, ack: (reply: OncallReply) => void) => void;
  'oncall.change': (change: OncallChange, ack: (reply: OncallChangeReply) => void) => void;
  'page.test': (request: PageTestRequest, ack: (reply: PageTestReply) => void) => void;
  /** Contact methods and notification rules (shared/protocol/contact-wire.ts, docs/contact.md). */
  contact: (request: ContactRequest, ack: (reply: ContactReply) => void) => void;
  'contact.change': (change: ContactChange, ack: (reply: ContactChangeReply) => void) => void;
  'contact.test': (request: Record<string, never>, ack: (reply: ContactTestReply) => void) => void;
  /** The public status page's set-up (shared/protocol/status-page-wire.ts, docs/status-page.md). */
  statuspage: (request: Record<string, never>, ack: (reply: StatusPageReply) => void) => void;
  'statuspage.change': (change: StatusPageChange, ack: (reply: StatusPageChangeReply) => void) => void;
}

/** The largest command the hub accepts, measured as JSON. Larger ones get `payload_too_large`. */
export const MAX_COMMAND_BYTES = 64 * 1024;
/**
 * A postmortem may hold 100,000 characters, which as JSON (UTF-8, escapes) could take up to six bytes each (control characters, now refused by the text rules; allowed ones take at most three): it gets
 * room for that, still under socket.io's 1 MiB message limit.
 */
export const MAX_POSTMORTEM_COMMAND_BYTES = 768 * 1024;

/** The size limit for a command of this type (anything not a known type gets the ordinary one). */
export function maxCommandBytes(type: unknown): number {
  return type === 'postmortem.publish' ? MAX_POSTMORTEM_COMMAND_BYTES : MAX_COMMAND_BYTES;
}
/** Events per page in a sync reply. */
export const SYNC_PAGE_SIZE = 2000;
