import { z } from 'zod';

/** Every reason a command can be refused. Codes are for programs; messages are for people. */
export const ERROR_CODES = [
  // wire and auth
  'invalid_command',
  'unknown_command',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'unknown_user',
  'duplicate_command_id',
  // the sender's own command id sent again with a different command (type, incident or payload)
  'command_id_reused',
  'storage_failed',
  'internal_error',
  'rate_limited',
  // domain
  'not_found',
  'already_exists',
  'no_change',
  'illegal_transition',
  'reason_required',
  'role_taken',
  'incident_closed',
  'unknown_template',
  'invalid_time',
  'limit_reached',
  // a viewer named for Incident Lead, Comms Lead, Fixer, a checklist item or a rotation
  'viewer_cannot_respond',
  // post-incident review
  'not_resolved',
  'conflict',
  'review_required',
  // the status page: who may publish to it, and what an external update needs
  'not_publisher',
  'public_title_required',
] as const;
export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const commandErrorSchema = z.object({ code: errorCodeSchema, message: z.string() });
export type CommandError = z.infer<typeof commandErrorSchema>;

export function commandError(code: ErrorCode, message: string): CommandError {
  return { code, message };
}
