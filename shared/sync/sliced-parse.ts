import { z } from 'zod';
import { domainEventSchema, type DomainEvent } from '../domain/events.js';
import { incidentSchema, type Incident } from '../domain/incident.js';
import { incidentsStateSchema } from '../domain/state.js';
import { syncReplySchema, type SyncReply } from '../protocol/wire.js';

/** Events validated per slice (about 10 ms of work each). */
export const EVENT_SLICE = 500;
/** Incidents of a snapshot validated per slice: most are small; a long one is split further (LIST_SLICE). */
export const INCIDENT_SLICE = 20;
/** Entries of one incident's list (tried, status updates…) validated per slice. */
export const LIST_SLICE = 500;

/** Gives the event loop a turn (a zero timer): other tasks run between two slices. */
export type YieldTurn = () => Promise<void>;

/** Events validated `EVENT_SLICE` at a time with a turn of the event loop between slices; throws on the first bad one. */
export async function parseEventsInSlices(raw: readonly unknown[], yieldTurn: YieldTurn): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (let i = 0; i < raw.length; i += EVENT_SLICE) {
    if (i > 0) await yieldTurn();
    events.push(...z.array(domainEventSchema).parse(raw.slice(i, i + EVENT_SLICE)));
  }
  return events;
}

/** The sync reply's shape, with its events or its state's incidents left for a sliced, complete validation. */
const syncOutlineSchema = z.discriminatedUnion('kind', [
  syncReplySchema.options[0].extend({ events: z.array(z.unknown()) }),
  syncReplySchema.options[1].extend({
    state: incidentsStateSchema.extend({ incidents: z.record(z.string(), z.unknown()) }),
  }),
  syncReplySchema.options[2],
]);

/**
 * A `sync` reply validated as completely as `syncReplySchema.parse`, but in slices with a turn of the event loop
 * between them: a snapshot holding a 10,000-entry incident, or a page of many events, checked in one go would block
 * main (or the page) for well over 100 ms.
 */
export async function parseSyncReplyInSlices(raw: unknown, yieldTurn: YieldTurn): Promise<SyncReply> {
  const outline = syncOutlineSchema.parse(raw);
  if (outline.kind === 'error') return outline;
  if (outline.kind === 'events') return { ...outline, events: await parseEventsInSlices(outline.events, yieldTurn) };
  const entries = Object.entries(outline.state.incidents);
  const parsed: [string, Incident][] = [];
  for (let i = 0; i < entries.length;) {
    if (i > 0) await yieldTurn();
    const first = entries[i];
    if (first && isLong(first[1])) {
      parsed.push([
        incidentsStateSchema.shape.incidents.keyType.parse(first[0]),
        await parseLongIncident(first[1], yieldTurn),
      ]);
      i += 1;
      continue;
    }
    let end = i + 1;
    while (end < entries.length && end - i < INCIDENT_SLICE && !isLong(entries[end]?.[1])) end += 1;
    const slice = incidentsStateSchema.shape.incidents.parse(Object.fromEntries(entries.slice(i, end)));
    parsed.push(...Object.entries(slice));
    i = end;
  }
  // fromEntries defines each key as data, so no id can reach the object's prototype.
  return { ...outline, state: { ...outline.state, incidents: Object.fromEntries(parsed) } };
}

/** An incident's lists that may grow long; each is validated in slices when it does. */
const LISTS = ['checklists', 'tried', 'statusUpdates', 'alerts', 'pages', 'followups'] as const;
const incidentShape = incidentSchema.out.shape;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An incident with a list longer than a slice (a 10,000-entry incident). */
function isLong(raw: unknown): raw is Record<string, unknown> {
  return (
    isRecord(raw) &&
    LISTS.some((key) => {
      const list = raw[key];
      return Array.isArray(list) && list.length > LIST_SLICE;
    })
  );
}

/** One long incident: its fields with the lists left empty, then each list's entries a slice at a time. */
async function parseLongIncident(raw: Record<string, unknown>, yieldTurn: YieldTurn): Promise<Incident> {
  const lists = (key: (typeof LISTS)[number]): unknown[] => {
    const value = raw[key];
    return Array.isArray(value) ? value : [];
  };
  const base = incidentSchema.parse({
    ...raw,
    ...Object.fromEntries(LISTS.map((key) => [key, Array.isArray(raw[key]) ? [] : raw[key]])),
  });
  return {
    ...base,
    checklists: await parseListInSlices(lists('checklists'), incidentShape.checklists.element, yieldTurn),
    tried: await parseListInSlices(lists('tried'), incidentShape.tried.element, yieldTurn),
    statusUpdates: await parseListInSlices(lists('statusUpdates'), incidentShape.statusUpdates.element, yieldTurn),
    alerts: await parseListInSlices(lists('alerts'), incidentShape.alerts.element, yieldTurn),
    pages: await parseListInSlices(lists('pages'), incidentShape.pages.element, yieldTurn),
    followups: await parseListInSlices(lists('followups'), incidentShape.followups.element, yieldTurn),
  };
}

async function parseListInSlices<T>(raw: readonly unknown[], schema: z.ZodType<T>, yieldTurn: YieldTurn): Promise<T[]> {
  const items: T[] = [];
  for (let i = 0; i < raw.length; i += LIST_SLICE) {
    if (i > 0) await yieldTurn();
    items.push(...z.array(schema).parse(raw.slice(i, i + LIST_SLICE)));
  }
  return items;
}
