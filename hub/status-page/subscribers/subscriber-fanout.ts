import { createHash } from 'node:crypto';
import type { DomainEvent } from '../../../shared/domain/events.js';
import type { IncidentsState } from '../../../shared/domain/state.js';
import {
  buildPublicStatus,
  publicId,
  type PublicIncident,
  type PublicStatus,
  type PublicUpdate,
} from '../../../shared/status-page/public-status.js';
import type { StatusPageConfig } from '../../../shared/status-page/status-page-config.js';
import { serviceKeyOf } from '../../../shared/status-page/status-page-config.js';
import { subscriberWebhookBody, updateEmail } from '../../../shared/status-page/subscriber-messages.js';
import { newMessageRow, type MessageKind, type MessageRow, type StoredSubscriber } from '../status-page-store.js';
import { serviceKeysById } from './subscribe-form.js';

export interface FanoutInput {
  readonly events: readonly DomainEvent[];
  readonly state: IncidentsState;
  readonly config: StatusPageConfig;
  readonly subscribers: readonly StoredSubscriber[];
  readonly nowMs: number;
  readonly pageUrl: string;
  /** This subscriber's one-click unsubscribe link. */
  unsubscribeUrl(subscriberId: string): string;
  seal(plain: string): string;
}

/** An external update, as the page shows it. */
export interface PublishedUpdate {
  readonly incidentId: string;
  readonly updateId: string;
  readonly status: PublicStatus;
  readonly incident: PublicIncident;
  readonly update: PublicUpdate;
}

/** The external updates among the events that are on the public page (published incidents only). */
export function publishedUpdates(
  events: readonly DomainEvent[],
  state: IncidentsState,
  config: StatusPageConfig,
  nowMs: number,
): PublishedUpdate[] {
  const posted = events.flatMap((e) =>
    e.type === 'status_update.posted' && e.payload.audience === 'external'
      ? [{ incidentId: e.incidentId, updateId: e.payload.updateId }]
      : [],
  );
  if (posted.length === 0) return [];
  const status = buildPublicStatus(state, config, nowMs);
  const incidents = [...status.activeIncidents, ...status.pastIncidents];
  return posted.flatMap(({ incidentId, updateId }) => {
    const incident = incidents.find((i) => i.id === publicId(incidentId));
    const update = incident?.updates.find((u) => u.id === publicId(updateId));
    return incident && update ? [{ incidentId, updateId, status, incident, update }] : [];
  });
}

/**
 * Whether a subscriber hears about an incident: every service (none chosen), or one of the services it affects.
 * An incident whose service is not public affects no public service, so only every-service subscribers hear of it.
 */
export function wantsIncident(subscriber: StoredSubscriber, incidentKeys: readonly string[]): boolean {
  if (subscriber.services.length === 0) return true;
  return subscriber.services.some((s) => incidentKeys.includes(serviceKeyOf(s)));
}

/**
 * The outbox rows the events call for: one per external update and confirmed subscriber who wants it, its id made
 * from (update, subscriber) so enqueuing it again (a retry, another node) adds nothing. Bodies are rendered now,
 * from the public view, and sealed (an e-mail body holds the person's unsubscribe link).
 */
export function subscriberRows(input: FanoutInput): MessageRow[] {
  const updates = publishedUpdates(input.events, input.state, input.config, input.nowMs);
  if (updates.length === 0) return [];
  const now = new Date(input.nowMs).toISOString();
  const confirmed = input.subscribers.filter((s) => s.confirmedAt !== null);
  return updates.flatMap(({ incidentId, updateId, status, incident, update }) => {
    const keyOf = serviceKeysById(input.config);
    const incidentKeys = incident.services.flatMap((id) => keyOf.get(id) ?? []);
    return confirmed
      .filter((s) => wantsIncident(s, incidentKeys))
      .map((subscriber): MessageRow => {
        const kind: MessageKind = subscriber.kind === 'email' ? 'subscriber-email' : 'subscriber-webhook';
        const unsubscribeUrl = input.unsubscribeUrl(subscriber.id);
        // An e-mail's body carries its unsubscribe link apart too: the sender puts it in List-Unsubscribe.
        const body =
          subscriber.kind === 'email'
            ? { ...updateEmail({ status, incident, update, pageUrl: input.pageUrl, unsubscribeUrl }), unsubscribeUrl }
            : subscriberWebhookBody(status, incident, update, input.pageUrl);
        return newMessageRow(
          {
            id: `sub-${digest(`${updateId}\n${subscriber.id}`)}`,
            kind,
            recipientId: subscriber.id,
            incidentId,
            sealedBody: input.seal(JSON.stringify(body)),
          },
          now,
        );
      });
  });
}

/** A short, stable id part (ids are at most 64 characters). */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}
