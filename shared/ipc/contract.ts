import { z } from 'zod';
import type { DomainEvent } from '../domain/events.js';
import { idSchema } from '../domain/primitives.js';
import type { EngineView, SendResult } from '../sync/engine-view.js';
import {
  availabilitySchema,
  connectRequestSchema,
  notificationPrefsSchema,
  type ConnectResult,
  type PublicSettings,
} from './settings.js';

/**
 * The one contract between the renderer and the host (Electron main via the preload, or the page
 * itself on the web). Each request is a tuple schema: main parses every message with it.
 */
export const requestSchemas = {
  getView: z.tuple([]),
  /** The engine validates the command itself; here only its outer shape. */
  sendCommand: z.tuple([z.object({ type: z.string().max(64), incidentId: idSchema, payload: z.unknown() })]),
  dismissRejection: z.tuple([idSchema]),
  connect: z.tuple([connectRequestSchema]),
  getSettings: z.tuple([]),
  setNotificationPrefs: z.tuple([notificationPrefsSchema]),
  setAvailability: z.tuple([availabilitySchema]),
  openExternal: z.tuple([z.string().max(2048)]),
  signOut: z.tuple([]),
  /** Every event of one incident, oldest first: its timeline. New ones then arrive through onEvents. */
  getTimeline: z.tuple([idSchema]),
} as const;

export type RequestName = keyof typeof requestSchemas;

export interface RequestResults {
  getView: EngineView;
  sendCommand: SendResult;
  dismissRejection: void;
  connect: ConnectResult;
  getSettings: PublicSettings;
  setNotificationPrefs: void;
  setAvailability: void;
  openExternal: void;
  signOut: void;
  getTimeline: DomainEvent[];
}

/** Main → renderer messages. */
export interface HostEvents {
  viewChanged: EngineView;
  /** Show this incident (from the tray, a notification or a warroom:// link). */
  openIncident: string;
  /** Confirmed events as they arrive from the hub (live or caught up), in seq order. */
  eventsReceived: DomainEvent[];
}

export type HostEventName = keyof HostEvents;

export const requestChannel = (name: RequestName): `warroom:${RequestName}` => `warroom:${name}`;
export const eventChannel = (name: HostEventName): `warroom:on-${HostEventName}` => `warroom:on-${name}`;

/** What the renderer sees as `window.warroom` (desktop) or builds in the page (web). */
export type WarroomApi = {
  [K in RequestName]: (...args: z.input<(typeof requestSchemas)[K]>) => Promise<RequestResults[K]>;
} & {
  onViewChanged(listener: (view: EngineView) => void): () => void;
  onOpenIncident(listener: (incidentId: string) => void): () => void;
  onEvents(listener: (events: DomainEvent[]) => void): () => void;
};
