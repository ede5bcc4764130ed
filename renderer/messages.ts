import type { QueuedCommand } from '../shared/sync/outbox.js';
import type { ConnectRefusal } from '../shared/protocol/wire.js';
import type { ErrorCode } from '../shared/domain/errors.js';
import { FOLLOWUP_STATE_WORDS, FOLLOWUP_STATES } from '../shared/domain/incident.js';
import { LIMITS } from '../shared/domain/primitives.js';
import { ROLE_NAMES, ROLES, type Role } from '../shared/domain/roles.js';
import { payloadField } from './store/payload-field.js';

/** Why the hub refused a sign-in, in words for the person at the keyboard. */
export function refusalMessage(refusal: ConnectRefusal): string {
  switch (refusal.code) {
    case 'unauthorized':
      return `The hub did not accept this token. ${refusal.message}`;
    case 'bad_handshake':
      return `The hub could not read the sign-in. ${refusal.message}`;
    case 'too_many_connections':
      return `The hub has too many connections open with this sign-in. ${refusal.message}`;
    case 'hub_unavailable':
      return `The hub is having trouble with its database. ${refusal.message}`;
    case 'revoked':
      return `Your access was revoked. ${refusal.message}`;
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
    const value = payloadField(command.payload, key);
    return typeof value === 'string' ? value : '';
  };
  const role = (): string => {
    const value = text('role');
    return (ROLES as readonly string[]).includes(value) ? ROLE_NAMES[value as Role] : 'a role';
  };
  const name = (key: string): string | null => {
    const value = payloadField(command.payload, key);
    return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
      ? value.name
      : null;
  };
  const person = (): string => name('person') ?? 'someone';
  const followupState = (): string => {
    const value = text('state');
    const state = FOLLOWUP_STATES.find((s) => s === value);
    return state ? FOLLOWUP_STATE_WORDS[state] : value;
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
      return command.payload.lead === true ? 'Acknowledge and lead the incident' : 'Acknowledge the incident';
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
    case 'checklist.assign_item': {
      const owner = name('owner');
      return owner ? `Give a checklist item to ${owner}` : 'Take the owner off a checklist item';
    }
    case 'tried.strike':
      return `Strike out an attempt${why}`;
    case 'page.choose_rotation':
      return 'Page a rotation';
    case 'status_update.post':
      return `Post ${text('audience') === 'external' ? 'an external' : 'an internal'} update “${text('text')}”`;
    case 'postmortem.publish':
      return text('baseRevision') ? 'Publish a new revision of the postmortem' : 'Publish the postmortem';
    case 'followup.add': {
      const owner = name('owner');
      return `Add follow-up “${text('text')}”${owner ? ` for ${owner}` : ''}`;
    }
    case 'followup.set_state':
      return `Set a follow-up to “${followupState()}”`;
    case 'followup.assign': {
      const owner = name('owner');
      return owner ? `Give a follow-up to ${owner}` : 'Leave a follow-up without an owner';
    }
    default:
      return command.type.replace(/[._]/g, ' ');
  }
}

/** What each refusal means for the person, and what they can do about it: said beside the hub's own reason. */
const REFUSAL_ADVICE: Readonly<Record<ErrorCode, string>> = {
  invalid_command: 'Something in it is not valid: correct it and try again.',
  unknown_command: 'The hub does not know this kind of change: it may run an older version than this app.',
  payload_too_large: 'It is too large to send: shorten it and try again.',
  unauthorized: 'The hub no longer accepts this sign-in: sign in again, then try again.',
  forbidden: 'Your role on this hub does not allow this change: ask a responder or an admin to make it.',
  unknown_user: 'The hub does not know that person: pick someone from its list of people.',
  duplicate_command_id: 'The hub already has this change (it arrived twice): check that it shows; nothing else to do.',
  command_id_reused:
    'The hub already had a different change under this change’s id, so it refused this one: make the change again.',
  storage_failed: 'The hub could not save it, so nothing changed: try again in a moment.',
  internal_error: 'Something went wrong on the hub: try again, and tell its admin if it keeps happening.',
  rate_limited: 'The hub is slowing down this connection: the change waits and is sent again by itself.',
  not_found: 'What it changes is not there (any more): someone may have changed it meanwhile. Look again.',
  already_exists: 'It is there already: it was probably sent twice.',
  no_change: 'Nothing to change: it already is that way.',
  illegal_transition: 'That step is not possible from where the incident is now: pick one of the next steps shown.',
  reason_required: 'Say why: write the reason, then try again.',
  role_taken: 'Someone holds this role: ask them to hand it over.',
  incident_closed: 'The incident is closed: declare a new incident instead.',
  unknown_template: 'There is no checklist template by that name: pick one from the list.',
  invalid_time: 'One of the times is not possible (in the future, or in the wrong order): correct it.',
  limit_reached: 'The incident holds as many of these as it can: combine some, or keep the rest elsewhere.',
  not_resolved: 'Postmortems are for resolved incidents: publish it once the incident is resolved. The draft is kept.',
  conflict:
    'Someone published a newer revision of the postmortem meanwhile: open the merge view, merge both versions, and publish again.',
  review_required:
    'Closing this incident needs a post-incident review: write and publish its postmortem, then close it.',
  viewer_cannot_respond:
    'Viewers follow incidents but do not hold roles or go on call: pick a responder, or ask an admin to make them one.',
  not_publisher:
    'Only the Communication Lead (or the Incident Lead while no one holds Comms) publishes to the status page: ask them, or take Comms. Your text is kept.',
  public_title_required:
    'Customers see a public title, never the internal one: write one in “Public title”, then post again. Your text is kept.',
};

/** Where one kind of change needs other words than the general advice for its refusal. */
const COMMAND_ADVICE: Readonly<Record<string, Partial<Record<ErrorCode, string>>>> = {
  'postmortem.publish': {
    already_exists: 'This revision is published already: it was sent twice. Nothing was lost.',
    no_change: 'The published postmortem already says exactly this: nothing to publish.',
    incident_closed: 'The incident was declined, so it needs no postmortem: reopen it if it was an incident after all.',
    limit_reached:
      'Its postmortem was published many times in the last minute: your draft is kept here. Publish it again from the time above.',
  },
  'followup.add': {
    incident_closed: 'The incident was declined, so it takes no follow-ups: reopen it if it was an incident after all.',
    limit_reached: `An incident holds at most ${LIMITS.followups} follow-up actions: combine some, or track the rest in your issue tracker.`,
    already_exists: 'This follow-up is there already: it was sent twice.',
  },
  'followup.set_state': {
    not_found: 'That follow-up is not on the incident: someone may have changed it meanwhile. Look again.',
    no_change: 'The follow-up is in that state already.',
  },
  'followup.assign': {
    not_found: 'That follow-up is not on the incident: someone may have changed it meanwhile. Look again.',
    no_change: 'The follow-up has that owner already.',
  },
  'incident.change_status': {
    review_required: 'Write the postmortem (“Write the postmortem” beside Close), publish it, then close the incident.',
  },
};

/** What a refusal means and what to do next, for this kind of change. */
export function refusalAdvice(code: ErrorCode, commandType: string): string {
  return COMMAND_ADVICE[commandType]?.[code] ?? REFUSAL_ADVICE[code];
}

/** "1 change" / "3 changes". */
export function changes(count: number): string {
  return `${count} ${count === 1 ? 'change' : 'changes'}`;
}
