import { authorizeCommand, refuseViewerWork, type ResponderWork } from '../../shared/domain/authorize.js';
import {
  COMMAND_TYPES,
  HUB_COMMAND_PREFIX,
  HUB_ONLY_COMMANDS,
  commandSchema,
  isCommandType,
  type Command,
} from '../../shared/domain/commands.js';
import { commandError, type CommandError } from '../../shared/domain/errors.js';
import type { Person } from '../../shared/domain/primitives.js';
import { plainIssues } from '../../shared/protocol/plain-issues.js';
import { maxCommandBytes } from '../../shared/protocol/wire.js';
import type { Session, User } from '../auth/user-store.js';

export interface CommandContext {
  readonly session: Session;
  readonly isTokenActive: (tokenId: string) => Promise<boolean>;
  readonly findUser: (id: string) => Promise<User | undefined>;
  /** Whether a rotation exists (on-call set-up), for page.choose_rotation; absent: not checked. */
  readonly rotationExists?: (id: string) => Promise<boolean>;
}

/**
 * Everything the hub checks before a command reaches decide: size, token still live, role, shape, that people it
 * names exist (and are not viewers, for response work), and that a chosen rotation exists (decide cannot know: the
 * on-call set-up is not in the incidents' state). Returns the parsed command or a refusal a person can act on.
 */
export async function parseCommand(
  raw: unknown,
  ctx: CommandContext,
  /** Its size as JSON, when the caller measured it already (the bytes-per-token limit). */
  size: number | null = jsonSize(raw),
): Promise<{ ok: true; command: Command } | { ok: false; error: CommandError }> {
  if (size === null) return refuse('invalid_command', 'The command is not valid JSON data.');
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const limit = maxCommandBytes(type);
  if (size > limit) return refuse('payload_too_large', `The command is ${size} bytes; the limit is ${limit}.`);
  if (!(await ctx.isTokenActive(ctx.session.tokenId))) return refuse('unauthorized', 'Your token was revoked.');
  const forbidden = authorizeCommand(ctx.session.user.role);
  if (forbidden) return { ok: false, error: forbidden };

  if (!isCommandType(type))
    return refuse(
      'unknown_command',
      `${typeof type === 'string' ? `Unknown command type ${JSON.stringify(type)}` : 'The command names no type'}. Known: ${COMMAND_TYPES.join(', ')}.`,
    );
  const commandId = (raw as { commandId?: unknown }).commandId;
  if (typeof commandId === 'string' && commandId.startsWith(HUB_COMMAND_PREFIX))
    return refuse(
      'invalid_command',
      `Command ids starting with "${HUB_COMMAND_PREFIX}" are the hub's own; use a UUID.`,
    );
  if (HUB_ONLY_COMMANDS.includes(type))
    return refuse('forbidden', `${type} comes from the hub itself (webhooks, paging), not from clients.`);
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success)
    return refuse('invalid_command', `Invalid ${type}: ${plainIssues(parsed.error, 'the command')}.`);

  if (parsed.data.type === 'page.choose_rotation' && ctx.rotationExists) {
    const { rotationId } = parsed.data.payload;
    if (!(await ctx.rotationExists(rotationId)))
      return refuse('not_found', `No rotation named "${rotationId}" on this hub: pick one from the On-call screen.`);
  }
  return withKnownPeople(parsed.data, ctx.findUser);
}

/** People named in a command must be hub users; their names are taken from the hub, not the sender. */
async function withKnownPeople(
  command: Command,
  findUser: CommandContext['findUser'],
): Promise<{ ok: true; command: Command } | { ok: false; error: CommandError }> {
  const named = namedPerson(command);
  if (!named) return { ok: true, command };
  const user = await findUser(named.id);
  if (!user) return refuse('unknown_user', `No user with id ${named.id} on this hub.`);
  const work = responderWork(command);
  const viewer = work ? refuseViewerWork(user, work) : null;
  if (viewer) return { ok: false, error: viewer };
  const person = { id: user.id, name: user.name };
  switch (command.type) {
    case 'role.assign':
      return { ok: true, command: { ...command, payload: { ...command.payload, person } } };
    case 'incident.declare':
      return { ok: true, command: { ...command, payload: { ...command.payload, lead: person } } };
    case 'followup.add':
      return { ok: true, command: { ...command, payload: { ...command.payload, owner: person } } };
    case 'followup.assign':
      return { ok: true, command: { ...command, payload: { ...command.payload, owner: person } } };
    case 'checklist.assign_item':
      return { ok: true, command: { ...command, payload: { ...command.payload, owner: person } } };
    default:
      return { ok: true, command };
  }
}

/** The response work a command gives the person it names, which viewers may not take on; null: none. */
function responderWork(command: Command): ResponderWork | null {
  switch (command.type) {
    case 'role.assign':
    case 'incident.declare':
      return 'role';
    case 'checklist.assign_item':
      return 'checklist item';
    default:
      return null;
  }
}

function namedPerson(command: Command): Person | null {
  switch (command.type) {
    case 'role.assign':
      return command.payload.person;
    case 'incident.declare':
      return command.payload.lead;
    case 'followup.add':
    case 'followup.assign':
    case 'checklist.assign_item':
      return command.payload.owner;
    default:
      return null;
  }
}

function refuse(code: CommandError['code'], message: string): { ok: false; error: CommandError } {
  return { ok: false, error: commandError(code, message) };
}

/** The value's size as UTF-8 JSON, or null if it is not JSON data. */
export function jsonSize(value: unknown): number | null {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? null : Buffer.byteLength(json);
  } catch {
    return null;
  }
}
