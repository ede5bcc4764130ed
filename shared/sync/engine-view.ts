import { z } from 'zod';
import { userRoleSchema } from '../domain/authorize.js';
import type { CommandError } from '../domain/errors.js';
import { personSchema } from '../domain/primitives.js';
import { EMPTY_STATE, incidentsStateSchema } from '../domain/state.js';
import { connectErrorSchema } from '../protocol/wire.js';
import { queuedCommandSchema, rejectedCommandSchema } from './outbox.js';

export const CONNECTION_STATUSES = ['online', 'connecting', 'offline'] as const;
export const connectionStatusSchema = z.enum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const sessionUserSchema = personSchema.extend({ role: userRoleSchema });
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * Everything a UI needs from the sync engine, as one serialisable value (it crosses Electron's IPC).
 * `state` is what to show: confirmed state plus pending commands; `confirmed` is the hub's alone.
 */
export const engineViewSchema = z.object({
  hubUrl: z.string(),
  status: connectionStatusSchema,
  /** Shown from the local cache, not yet confirmed by the hub since this start. */
  stale: z.boolean(),
  user: sessionUserSchema.nullable(),
  /** The hub's users, for assigning roles (as of the last connection). */
  people: z.array(sessionUserSchema),
  state: incidentsStateSchema,
  confirmed: incidentsStateSchema,
  pending: z.array(z.intersection(queuedCommandSchema, z.object({ shown: z.boolean() }))),
  rejected: z.array(rejectedCommandSchema),
  /** Why the hub refused the connection (bad token, protocol), or ended it for good (revoked), if it did. */
  refusal: connectErrorSchema.nullable(),
  /** A passing note from the hub about this connection: it had dropped the previous one, which fell behind reading. */
  notice: z.string().nullable(),
});
export type EngineView = z.infer<typeof engineViewSchema>;

/** What `send` says at once: queued (it will reach the hub), or refused here because the input is malformed. */
export type SendResult = { ok: true; commandId: string } | { ok: false; error: CommandError };

/** The view while no hub is connected (before sign-in, after sign-out): nothing known, nothing pending. */
export function signedOutView(hubUrl: string | null): EngineView {
  return {
    hubUrl: hubUrl ?? '',
    status: 'offline',
    stale: false,
    user: null,
    people: [],
    state: EMPTY_STATE,
    confirmed: EMPTY_STATE,
    pending: [],
    rejected: [],
    refusal: null,
    notice: null,
  };
}
