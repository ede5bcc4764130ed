import { z } from 'zod';
import { incidentSchema } from './incident.js';
import { idSchema } from './primitives.js';

/** Everything the hub knows about incidents, as of event `seq`. */
export const incidentsStateSchema = z.object({
  seq: z.number().int().nonnegative(),
  nextNumber: z.number().int().positive(),
  incidents: z.record(idSchema, incidentSchema),
});
export type IncidentsState = z.infer<typeof incidentsStateSchema>;

/** Looks an incident up by id; own keys only, so an id like "constructor" finds nothing. */
export function findIncident(
  incidents: IncidentsState['incidents'],
  id: string,
): IncidentsState['incidents'][string] | undefined {
  return Object.hasOwn(incidents, id) ? incidents[id] : undefined;
}

export const EMPTY_STATE: IncidentsState = Object.freeze({
  seq: 0,
  nextNumber: 1,
  incidents: Object.freeze({}),
});
