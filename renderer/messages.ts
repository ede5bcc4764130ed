import type { QueuedCommand } from '../shared/sync/outbox.js';
import type { ConnectRefusal } from '../shared/protocol/wire.js';
import { ROLE_NAMES, ROLES, type Role } from '../shared/domain/roles.js';

/** Why the hub refused a sign-in, in words for the person at the keyboard. */
export function refusalMessage(refusal: ConnectRefusal): string {
  switch (refusal.code) {
    case 'unauthorized':
      return `The hub did not accept this token. ${refusal.message}`;
    case 'bad_handshake':
      return `The hub could not read the sign-in. ${refusal.message}`;
    default:
      return refusal.message; // protocol_too_old / protocol_too_new already say what to update
  }
}

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  pending: 'not known yet',
  helped: 'helped',
  'no-effect': 'no effect',
  'made-worse': 'made it worse',
};

/** A queued command in a few words, to say which change the hub refused (with what the person typed). */
export function describeCommand(command: QueuedCommand): string {
  const text = (key: string): string => {
    const value = command.payload[key];
    return typeof value === 'string' ? value : '';
  };
  const role = (): string => {
    const value = text('role');
    return (ROLES as readonly string[]).includes(value) ? ROLE_NAMES[value as Role] : 'a role';
  };
  const person = (): string => {
    const value = command.payload.person;
    return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
      ? value.name
      : 'someone';
  };
  const why = text('reason') ? ` (“${text('reason')}”)` : '';
  switch (command.type) {
    case 'incident.declare':
      return `Declare “${text('title')}”`;
    case 'tried.add':
      return `Add “${text('what')}” to what we've tried`;
    case 'tried.set_outcome':
      return `Set an attempt's outcome to “${OUTCOME_WORDS[text('outcome')] ?? text('outcome')}”`;
    case 'incident.change_severity':
      return `Change severity to ${text('severity')}${why}`;
    case 'incident.change_status':
      return `Move to ${text('status')}${why}`;
    case 'incident.update':
      return 'Update the incident details';
    case 'incident.acknowledge':
      return 'Acknowledge the incident';
    case 'role.assign':
      return `Make ${person()} ${role()}`;
    case 'role.claim':
      return `Take ${role()}`;
    case 'role.release':
      return `Release ${role()}`;
    case 'checklist.create':
      return text('title') ? `Add checklist “${text('title')}”` : 'Add a checklist from a template';
    case 'checklist.add_item':
      return `Add “${text('text')}” to a checklist`;
    case 'checklist.set_item':
      return command.payload.done === true ? 'Check a checklist item' : 'Uncheck a checklist item';
    case 'status_update.post':
      return `Post ${text('audience') === 'external' ? 'an external' : 'an internal'} update “${text('text')}”`;
    default:
      return command.type.replace(/[._]/g, ' ');
  }
}

/** "1 change" / "3 changes". */
export function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}
