import { z } from 'zod';
import type { DomainEvent } from '../domain/events.js';
import { idSchema } from '../domain/primitives.js';
import {
  ONCALL_MAX_DAYS,
  oncallChangeSchema,
  type OncallChangeReply,
  type OncallReply,
  type PageNotification,
  type PageTestReply,
} from '../protocol/oncall-wire.js';
import { metricsQuerySchema, type MetricsReport } from '../metrics/report.js';
import { postmortemDraftSchema, type PostmortemDraft } from '../postmortem/draft-record.js';
import type { EngineView, SendResult } from '../sync/engine-view.js';
import { printPdfRequestSchema, saveFileRequestSchema, type FileSaveResult } from './files.js';
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
  // On-call and paging (docs/protocol.md, "On-call and paging"). Each needs the hub: offline, or with no answer in
  // time, the promise rejects with a message for a person. The hub's own refusals come back as `{ ok: false }`.
  /** The on-call screen: rotations, schedules for `days` (1-28, default 14), overrides, routes, policy, my profile. */
  getOnCall: z.tuple([z.number().int().min(1).max(ONCALL_MAX_DAYS).optional()]),
  /** One change to the on-call set-up, or my profile (`oncall.change`); checked here with the hub's own schema. */
  changeOnCall: z.tuple([oncallChangeSchema]),
  /** Asks the hub for a test page to my own devices: it arrives through onPage with `test: true`. */
  sendTestPage: z.tuple([]),
  // Postmortem drafts live on this machine only (the app's data folder on the desktop, browser storage on the web);
  // they work with the hub unreachable. The hub sees a draft only when it is published (postmortem.publish).
  /** Every local draft, newest first. */
  listDrafts: z.tuple([]),
  /** Saves one draft whole (replacing the previous save for that incident); called as the author types. */
  saveDraft: z.tuple([postmortemDraftSchema]),
  removeDraft: z.tuple([idSchema]),
  /** The hub's metrics for a period (`GET /api/metrics`); needs the hub. */
  getMetrics: z.tuple([metricsQuerySchema]),
  /** Saves a text file where the person chooses (a save dialog on the desktop, a download on the web). */
  saveFile: z.tuple([saveFileRequestSchema]),
  /**
   * The page as a PDF, printed with its print style sheet (only the element marked for printing shows): Electron's
   * printToPDF and a save dialog on the desktop, the browser's print dialog on the web.
   */
  printPdf: z.tuple([printPdfRequestSchema]),
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
  getOnCall: OncallReply;
  changeOnCall: OncallChangeReply;
  sendTestPage: PageTestReply;
  listDrafts: PostmortemDraft[];
  saveDraft: void;
  removeDraft: void;
  getMetrics: MetricsReport;
  saveFile: FileSaveResult;
  printPdf: FileSaveResult;
}

/** Main → renderer messages. */
export interface HostEvents {
  viewChanged: EngineView;
  /** Show this incident (from the tray, a notification or a warroom:// link). */
  openIncident: string;
  /** Confirmed events as they arrive from the hub (live or caught up), in seq order. */
  eventsReceived: DomainEvent[];
  /**
   * A page for me, pushed by the hub as it goes out (or a test page I asked for: `test: true`, no incident). A live
   * nudge only: the durable record is the incident's page.sent event, in the view.
   */
  pageReceived: PageNotification;
  /** Rotations, overrides, routes, policy or profiles changed on the hub: ask getOnCall again. */
  onCallChanged: null;
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
  onPage(listener: (page: PageNotification) => void): () => void;
  onOnCallChanged(listener: () => void): () => void;
};
