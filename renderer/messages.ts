import type { QueuedCommand } from '../shared/sync/outbox.js';
import type { ConnectRefusal } from '../shared/protocol/wire.js';

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

/** A queued command in a few words, to say which change the hub refused. */
export function describeCommand(command: QueuedCommand): string {
  const text = (key: string): string => {
    const value = command.payload[key];
    return typeof value === 'string' ? value : '';
  };
  switch (command.type) {
    case 'incident.declare':
      return `Declare “${text('title')}”`;
    case 'tried.add':
      return `Add “${text('what')}” to what we've tried`;
    default:
      return command.type.replace(/[._]/g, ' ');
  }
}

/** "1 change" / "3 changes". */
export function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}
