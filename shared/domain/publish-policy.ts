import { z } from 'zod';
import { commandError, type CommandError } from './errors.js';
import { incidentLabel, type Incident } from './incident.js';
import type { Person } from './primitives.js';

/**
 * Who may publish to the public status page (external updates, the public title, the override): by default the
 * Communication Lead, or the Incident Lead while no one holds Comms (`comms-or-lead`); an organisation may let
 * every responder publish (`any-responder`). The hub enforces it (decide); the app asks the same function to say
 * why before anyone types.
 */
export const PUBLISHERS = ['comms-or-lead', 'any-responder'] as const;
export const publishersSchema = z.enum(PUBLISHERS);
export type Publishers = z.infer<typeof publishersSchema>;

export function publishRefusal(
  incident: Pick<Incident, 'number' | 'roles'>,
  actor: Pick<Person, 'id'>,
  publishers: Publishers,
): CommandError | null {
  if (publishers === 'any-responder') return null;
  const { comms, lead } = incident.roles;
  if (comms) {
    if (comms.id === actor.id) return null;
    return commandError(
      'not_publisher',
      `Only the Communication Lead (${comms.name}) publishes ${incidentLabel(incident)} to the status page. Ask ${comms.name}, or take over Comms.`,
    );
  }
  if (lead?.id === actor.id) return null;
  return commandError(
    'not_publisher',
    `Only the Communication Lead publishes ${incidentLabel(incident)} to the status page, or the Incident Lead${lead ? ` (${lead.name})` : ''} while no one holds Comms. Take the Comms role to publish.`,
  );
}
