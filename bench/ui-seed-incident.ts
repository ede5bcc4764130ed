import { randomUUID } from 'node:crypto';
import { connectHubClient, type UnstampedCommand } from './bench-client.js';

const VERBS = ['Restarted', 'Scaled up', 'Rolled back', 'Drained', 'Flushed', 'Failed over', 'Re-indexed'];
const THINGS = ['checkout-api', 'the payments queue', 'redis-cache', 'the edge proxy', 'search shard', 'db replica'];
/** Commands in flight at once while seeding, so the hub's group commit writes them in big transactions. */
const IN_FLIGHT = 1000;

/** A fresh incident id, as clients make them. */
export function newIncidentId(): string {
  return randomUUID().replaceAll('-', '');
}

/** The `n`th attempt (from 0) of a seeded incident: varied text, a third with a hypothesis, a quarter with no effect. */
export function seededAttempt(incidentId: string, n: number): UnstampedCommand {
  return {
    type: 'tried.add',
    incidentId,
    payload: {
      entryId: randomUUID().replaceAll('-', ''),
      what: `${VERBS[n % VERBS.length]} ${THINGS[n % THINGS.length]} #${n + 1}`,
      hypothesis: n % 3 === 0 ? `Suspect ${THINGS[(n + 2) % THINGS.length]} after change ${n}` : '',
      outcome: n % 4 === 0 ? 'no-effect' : 'pending',
    },
  };
}

/**
 * Declares an incident and adds `entries` attempts to it through the real hub, as clients write them (each attempt
 * is also a timeline event). Returns how long that took, in ms.
 */
export async function seedIncident(
  hubUrl: string,
  token: string,
  incident: { id: string; title: string; entries: number },
): Promise<number> {
  const started = performance.now();
  const seeder = await connectHubClient(hubUrl, token);
  try {
    await seeder.accepted({
      type: 'incident.declare',
      incidentId: incident.id,
      payload: { title: incident.title, severity: 'SEV-1', service: 'checkout' },
    });
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < incident.entries) await seeder.accepted(seededAttempt(incident.id, next++));
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, incident.entries) }, worker));
  } finally {
    seeder.close();
  }
  return performance.now() - started;
}
