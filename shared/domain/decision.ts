import { commandError, type CommandError, type ErrorCode } from './errors.js';
import type { EventDraft } from './events.js';

export type Decision = { ok: true; events: EventDraft[] } | { ok: false; error: CommandError };

export const accept = (...events: EventDraft[]): Decision => ({ ok: true, events });
export const refuse = (code: ErrorCode, message: string): Decision => ({
  ok: false,
  error: commandError(code, message),
});
