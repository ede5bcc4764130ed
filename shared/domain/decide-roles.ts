import { ROLE_TEMPLATES } from './checklist-templates.js';
import { templateChecklistDraft, templateChecklistId } from './checklist-drafts.js';
import type { CommandOf } from './commands.js';
import { accept, refuse, type Decision } from './decision.js';
import type { EventDraft } from './events.js';
import type { Incident } from './incident.js';
import type { Person } from './primitives.js';
import { ROLE_NAMES, isSingleHolder, type Role } from './roles.js';

type RoleCommand = CommandOf<'role.assign' | 'role.claim' | 'role.release'>;

export function decideRole(incident: Incident, command: RoleCommand, actor: Person): Decision {
  const role = command.payload.role;
  switch (command.type) {
    case 'role.assign':
      return assign(incident, role, command.payload.person);
    case 'role.claim': {
      const holder = isSingleHolder(role) ? incident.roles[role] : null;
      if (holder && holder.id !== actor.id)
        return refuse(
          'role_taken',
          `${holder.name} is ${ROLE_NAMES[role]}. Ask them to hand over, or assign the role to yourself.`,
        );
      return assign(incident, role, actor);
    }
    case 'role.release':
      return release(incident, role, command.payload.personId ?? (isSingleHolder(role) ? undefined : actor.id));
  }
}

function assign(incident: Incident, role: Role, person: Person): Decision {
  const replaced = isSingleHolder(role) ? incident.roles[role] : null;
  const already = isSingleHolder(role)
    ? replaced?.id === person.id
    : incident.roles.fixers.some((f) => f.id === person.id);
  if (already) return refuse('no_change', `${person.name} is already ${ROLE_NAMES[role]}.`);
  const events: EventDraft[] = [
    { type: 'role.assigned', incidentId: incident.id, payload: { role, person, replaced } },
  ];
  const template = ROLE_TEMPLATES[role];
  if (!incident.checklists.some((c) => c.id === templateChecklistId(template)))
    events.push(roleChecklistDraft(incident.id, role));
  return accept(...events);
}

function release(incident: Incident, role: Role, personId: string | undefined): Decision {
  const holders = isSingleHolder(role) ? [incident.roles[role]].filter((p) => p !== null) : incident.roles.fixers;
  const person = holders.find((p) => personId === undefined || p.id === personId);
  if (!person) return refuse('no_change', `Nobody ${personId ? 'with that id ' : ''}holds ${ROLE_NAMES[role]}.`);
  return accept({ type: 'role.released', incidentId: incident.id, payload: { role, person } });
}

export function roleChecklistDraft(incidentId: string, role: Role): EventDraft {
  return templateChecklistDraft(incidentId, ROLE_TEMPLATES[role]);
}
