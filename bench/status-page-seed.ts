import { randomUUID } from 'node:crypto';
import { stampEvents, type DomainEvent, type EventDraft } from '../shared/domain/events.js';
import type { Severity } from '../shared/domain/severity.js';
import type { Status } from '../shared/domain/status.js';
import { statusPageChangeReplySchema, type StatusPageChange } from '../shared/protocol/status-page-wire.js';
import type { StatusPageConfigInput } from '../shared/status-page/status-page-config.js';
import type { HubClient } from './bench-client.js';

/** A realistic public page: eight services under public names, as an admin would set them up. */
export const PUBLIC_SERVICES = [
  { key: 'checkout', name: 'Checkout', description: 'Cart, payment and order confirmation' },
  { key: 'payments-api', name: 'Payments API', description: 'Card and wallet payments for integrators' },
  { key: 'search', name: 'Search', description: 'Product search and suggestions' },
  { key: 'auth', name: 'Sign-in', description: 'Accounts, sign-in and single sign-on' },
  { key: 'cdn', name: 'Images and static files', description: '' },
  { key: 'email-delivery', name: 'E-mail notifications', description: 'Order and shipping e-mails' },
  { key: 'mobile-api', name: 'Mobile apps', description: 'The iOS and Android apps' },
  { key: 'webhooks', name: 'Webhooks', description: 'Outgoing webhooks to partners' },
] as const;

/** Past published incidents in the 90-day history (resolved), spread over the services and the days. */
export const PAST_INCIDENTS = 24;
/** Published incidents still open on the page, each with a few external updates. */
export const ACTIVE_INCIDENTS = 3;
export const UPDATES_PER_ACTIVE = 3;

const ACTOR = { id: 'u-seed', name: 'Seed' };
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const SEVERITIES: readonly Severity[] = ['SEV-3', 'SEV-2', 'SEV-1', 'SEV-3', 'SEV-2'];

/** The page's set-up: the services, and one maintenance window announced for next week. */
export function benchPageConfig(now: number): StatusPageConfigInput {
  return {
    title: 'Acme status',
    timeZone: 'Europe/Berlin',
    services: PUBLIC_SERVICES.map((s) => ({ ...s, override: null })),
    maintenances: [
      {
        id: 'db-upgrade',
        title: 'Database upgrade',
        text: 'Checkout may be slow for up to ten minutes while we move to the new database cluster.',
        startsAt: new Date(now + 7 * DAY).toISOString(),
        endsAt: new Date(now + 7 * DAY + 2 * 60 * MIN).toISOString(),
        services: ['checkout', 'payments-api'],
      },
    ],
  };
}

/**
 * The history: PAST_INCIDENTS published incidents over the 89 days before `now`, each declared, given a public
 * title, updated publicly three times (investigating, mitigated, resolved) and resolved; some cross midnight. Written
 * straight into the hub's log before it starts (as metrics-log.ts does): a hub cannot be told that something
 * happened last month through commands.
 */
export function historyLog(now: number): DomainEvent[] {
  const events: DomainEvent[] = [];
  let seq = 1;
  const add = (at: number, draft: EventDraft) => {
    const iso = new Date(at).toISOString();
    events.push(...stampEvents([draft], { firstSeq: seq, at: iso, clientAt: iso, actor: ACTOR, commandId: null }));
    seq += 1;
  };
  for (let i = 0; i < PAST_INCIDENTS; i++) {
    const incidentId = `sp-past-${i + 1}`;
    const service = PUBLIC_SERVICES[i % PUBLIC_SERVICES.length]?.key ?? 'checkout';
    const severity = SEVERITIES[i % SEVERITIES.length] ?? 'SEV-3';
    // Evenly over the window, at varied hours (the 22:00s cross local midnight).
    const declared = now - 89 * DAY + Math.floor((i / PAST_INCIDENTS) * 88 * DAY) + ((i * 7) % 24) * 60 * MIN;
    const status = (at: number, from: Status, to: Status) =>
      add(at, { type: 'incident.status_changed', incidentId, payload: { from, to, reason: '' } });
    const update = (at: number, text: string) =>
      add(at, {
        type: 'status_update.posted',
        incidentId,
        payload: { updateId: `${incidentId}-u${at}`, text, audience: 'external' },
      });
    add(declared, {
      type: 'incident.declared',
      incidentId,
      payload: {
        number: i + 1,
        title: `Internal: ${service} alarms (past ${i + 1})`,
        severity,
        status: 'investigating',
        summary: '',
        impact: '',
        service,
        team: '',
        impactStartedAt: null,
        detectedAt: new Date(declared).toISOString(),
      },
    });
    add(declared + 4 * MIN, { type: 'incident.public_set', incidentId, payload: { title: `${service} degraded` } });
    update(declared + 5 * MIN, 'We are investigating reports of errors and slow responses.');
    status(declared + (40 + i * 3) * MIN, 'investigating', 'mitigated');
    update(declared + (41 + i * 3) * MIN, 'A fix has been applied and we are monitoring the results.');
    status(declared + (120 + i * 7) * MIN, 'mitigated', 'resolved');
    update(declared + (121 + i * 7) * MIN, 'This incident has been resolved. We apologise for the disruption.');
  }
  return events;
}

/** The admin saves the page's set-up through `statuspage.change`, as the app's Status page screen does. */
export async function savePageConfig(admin: HubClient, config: StatusPageConfigInput): Promise<void> {
  const change: StatusPageChange = { kind: 'config.save', config };
  const raw: unknown = await admin.socket
    .timeout(30_000)
    .emitWithAck('statuspage.change', change)
    .catch((error: unknown) => {
      throw new Error(
        `statuspage.change config.save: no answer in 30 s (does this hub build have the status page?): ${String(error)}`,
      );
    });
  const reply = statusPageChangeReplySchema.parse(raw);
  if (!reply.ok) throw new Error(`statuspage.change config.save refused: ${reply.error.message}`);
}

/**
 * ACTIVE_INCIDENTS incidents declared by `lead`, each with `comms` holding the Communication Lead role, a public
 * title and UPDATES_PER_ACTIVE external updates from it (and an internal one, which must stay off the page). Returns
 * their ids.
 */
export async function publishActiveIncidents(lead: HubClient, comms: HubClient): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < ACTIVE_INCIDENTS; i++) {
    const incidentId = randomUUID();
    const service = PUBLIC_SERVICES[i]?.key ?? 'checkout';
    await lead.accepted({
      type: 'incident.declare',
      incidentId,
      payload: {
        title: `Error rate on ${service} after deploy ${i + 1}`,
        severity: i === 0 ? 'SEV-1' : 'SEV-2',
        service,
      },
    });
    await comms.accepted({ type: 'role.claim', incidentId, payload: { role: 'comms' } });
    await lead.accepted({
      type: 'status_update.post',
      incidentId,
      payload: { updateId: randomUUID(), text: 'Rolled back the gateway; db-7 still hot.', audience: 'internal' },
    });
    for (let u = 0; u < UPDATES_PER_ACTIVE; u++) {
      await comms.accepted({
        type: 'status_update.post',
        incidentId,
        payload: {
          updateId: randomUUID(),
          text: `Update ${u + 1}: some customers see errors when they pay. We are working on a fix and will update this page within 30 minutes.`,
          audience: 'external',
          ...(u === 0 ? { publicTitle: `Errors on ${PUBLIC_SERVICES[i]?.name ?? 'Checkout'}` } : {}),
        },
      });
    }
    ids.push(incidentId);
  }
  return ids;
}

/** An incident on a service that is not public, never published: commands on it leave the page as it is. */
export async function declareUnpublishedIncident(lead: HubClient): Promise<string> {
  const incidentId = randomUUID();
  await lead.accepted({
    type: 'incident.declare',
    incidentId,
    payload: { title: 'Build runners slow', severity: 'SEV-3', service: 'ci-runners' },
  });
  return incidentId;
}
