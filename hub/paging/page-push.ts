import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../shared/domain/events.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import type { PageNotification } from '../../shared/protocol/oncall-wire.js';
import type { HubServer } from '../socket/types.js';

/** Every connection of a user joins this room, so a page reaches that person's devices and nobody else's. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/** Pushes each page in a committed batch to the paged person's connections (`page.sent` only; held pages wait). */
export function pushPages(io: HubServer, events: readonly DomainEvent[], state: IncidentsState): void {
  for (const event of events) {
    if (event.type !== 'page.sent') continue;
    const incident = findIncident(state.incidents, event.incidentId);
    const page: PageNotification = {
      pageId: event.payload.pageId,
      at: event.at,
      test: false,
      incident: incident
        ? {
            id: incident.id,
            number: incident.number,
            title: incident.title,
            severity: incident.severity,
            service: incident.service,
          }
        : null,
      reason: event.payload.reason,
      step: event.payload.step,
      round: event.payload.round,
    };
    io.to(userRoom(event.payload.person.id)).emit('page', page);
  }
}

/** "Send me a test page": a page to the asking person's own connections, not an incident event. */
export function sendTestPage(io: HubServer, userId: string, at: string): PageNotification {
  const page: PageNotification = {
    pageId: `test-${randomUUID()}`,
    at,
    test: true,
    incident: null,
    reason: null,
    step: null,
    round: null,
  };
  io.to(userRoom(userId)).emit('page', page);
  return page;
}
