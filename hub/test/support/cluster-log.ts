import type { DomainEvent } from '../../../shared/domain/events.js';
import { openPostgresStore } from '../../store/postgres/open-postgres.js';

/** The whole log of a cluster's database, and what each command left in it. */
export async function clusterLog(
  databaseUrl: string,
): Promise<{ events: DomainEvent[]; byCommand: Map<string, DomainEvent[]> }> {
  const store = await openPostgresStore(databaseUrl, () => Date.now());
  try {
    const events = await store.events.readSince(0, Number.MAX_SAFE_INTEGER);
    const byCommand = new Map<string, DomainEvent[]>();
    for (const e of events) if (e.commandId) byCommand.set(e.commandId, [...(byCommand.get(e.commandId) ?? []), e]);
    return { events, byCommand };
  } finally {
    await store.close();
  }
}
