import type { Role } from './roles.js';
import type { Severity } from './severity.js';

export interface ChecklistTemplate {
  readonly id: string;
  readonly title: string;
  readonly items: readonly string[];
}

/** Templates per severity, added when an incident is declared. */
export const SEVERITY_TEMPLATES: Readonly<Record<Severity, ChecklistTemplate>> = {
  'SEV-1': {
    id: 'sev-1',
    title: 'SEV-1 response',
    items: [
      'Page the on-call engineers for the affected service',
      'Name a Communication Lead',
      'Post the first external status update',
      'Record customer impact and when it started',
      'Schedule the post-incident review',
    ],
  },
  'SEV-2': {
    id: 'sev-2',
    title: 'SEV-2 response',
    items: [
      'Page the on-call engineer for the affected service',
      'Post the first internal status update',
      'Decide whether customers need an external update',
    ],
  },
  'SEV-3': {
    id: 'sev-3',
    title: 'SEV-3 follow-up',
    items: ['Confirm the owning team knows', 'Decide whether this needs escalation'],
  },
};

/** Templates per role, added the first time someone takes the role on an incident. */
export const ROLE_TEMPLATES: Readonly<Record<Role, ChecklistTemplate>> = {
  lead: {
    id: 'role-lead',
    title: 'Incident Lead',
    items: ['Confirm the severity', 'Make sure every role is filled', 'Set the next status update time'],
  },
  comms: {
    id: 'role-comms',
    title: 'Communication Lead',
    items: [
      'Post an update at the cadence for this severity',
      'Tell customer support what to say',
      'Announce mitigation and resolution',
    ],
  },
  fixer: {
    id: 'role-fixer',
    title: 'Fixers',
    items: ['Log every attempt in "What we\'ve tried"', 'Tell the Incident Lead before risky changes'],
  },
};

const ALL = [...Object.values(SEVERITY_TEMPLATES), ...Object.values(ROLE_TEMPLATES)];

export function findTemplate(id: string): ChecklistTemplate | undefined {
  return ALL.find((t) => t.id === id);
}

export const TEMPLATE_IDS: readonly string[] = ALL.map((t) => t.id);

/** Template items get ids derived from the checklist id, so every replica names them alike. */
export function templateItemId(checklistId: string, index: number): string {
  return `${checklistId}-${index + 1}`;
}
