import { z } from 'zod';
import { commandRequestSchema } from '../domain/commands.js';
import type { DomainEvent } from '../domain/events.js';
import type { Listener } from '../events/emitter.js';
import { idSchema } from '../domain/primitives.js';
import {
  contactChangeSchema,
  type ContactChangeReply,
  type ContactReply,
  type ContactTestReply,
} from '../protocol/contact-wire.js';
import {
  ONCALL_MAX_DAYS,
  oncallChangeSchema,
  type OncallChangeReply,
  type OncallReply,
  type PageNotification,
  type PageTestReply,
} from '../protocol/oncall-wire.js';
import {
  statusPageChangeSchema,
  type StatusPageChangeReply,
  type StatusPageReply,
} from '../protocol/status-page-wire.js';
import { metricsQuerySchema, type MetricsReport } from '../metrics/report.js';
import { postmortemDraftSchema, type PostmortemDraft } from '../postmortem/draft-record.js';
import type { EngineView, SendResult } from '../sync/engine-view.js';
import type { QueuedCommand } from '../sync/outbox.js';
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
  /** A command for the outbox (CommandRequest): checked with the command schemas, so `payload` follows from `type`. */
  sendCommand: z.tuple([commandRequestSchema]),
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
  // Contact methods and notification rules (docs/contact.md): how pages reach a person beyond the app and open tabs.
  // Each needs the hub, like the on-call requests; refusals come back as `{ ok: false }`.
  /** My contact methods (masked), rules and the hub's channels; an admin may name someone else. */
  getContact: z.tuple([idSchema.optional()]),
  /** Add, verify, resend a code to, or remove a method; save the rules. Checked here with the hub's own schema. */
  changeContact: z.tuple([contactChangeSchema]),
  /** A test page through every verified method of mine, and what each answered. */
  testContact: z.tuple([]),
  // The public status page (docs/status-page.md). Each needs the hub; refusals come back as `{ ok: false }`.
  /** Its set-up, address, who may publish, subscriber counts; channels and webhook subscribers for admins. */
  getStatusPage: z.tuple([]),
  /** One admin change (set-up, channels, webhook subscribers, a channel's test message); the hub's own schema. */
  changeStatusPage: z.tuple([statusPageChangeSchema]),
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
  getContact: ContactReply;
  changeContact: ContactChangeReply;
  testContact: ContactTestReply;
  getStatusPage: StatusPageReply;
  changeStatusPage: StatusPageChangeReply;
  listDrafts: PostmortemDraft[];
  saveDraft: void;
  removeDraft: void;
  getMetrics: MetricsReport;
  saveFile: FileSaveResult;
  printPdf: FileSaveResult;
}

/** A view's small fields: the connection, who I am, who is there, what the hub refused. */
export type ViewFields = Pick<
  EngineView,
  'hubUrl' | 'status' | 'stale' | 'user' | 'people' | 'rejected' | 'refusal' | 'notice'
>;

/**
 * Main → renderer messages. A view is sent whole only when needed (a window's first load, sign-in and sign-out, the
 * confirmed state replaced by a snapshot); otherwise what changed: confirmed events (`eventsReceived`, contiguous in
 * seq), the pending commands, the small fields. The renderer folds them into a view (shared/ipc/view-fold.ts).
 */
export interface HostEvents {
  /** A whole view: the renderer starts again from it. */
  viewChanged: EngineView;
  /** The outbox changed: every pending command, in order, as queued. */
  pendingChanged: QueuedCommand[];
  /** Some of the view's small fields changed: all of them, as they are now. */
  connectionChanged: ViewFields;
  /** Show this incident (from the tray, a notification or a warroom:// link). */
  openIncident: string;
  /** Confirmed events as the engine applies them (live or caught up): in seq order, each once, following on. */
  eventsReceived: DomainEvent[];
  /**
   * A page for me, pushed by the hub as it goes out (or a test page I asked for: `test: true`, no incident). A live
   * nudge only: the durable record is the incident's page.sent event, in the view.
   */
  pageReceived: PageNotification;
  /** Rotations, overrides, routes, policy or profiles changed on the hub: ask getOnCall again. */
  onCallChanged: null;
  /** The status page's set-up, channels or subscribers changed on the hub: ask getStatusPage again. */
  statusPageChanged: null;
}

export type HostEventName = keyof HostEvents;

export const requestChannel = (name: RequestName): `warroom:${RequestName}` => `warroom:${name}`;
export const eventChannel = (name: HostEventName): `warroom:on-${HostEventName}` => `warroom:on-${name}`;

/** What the UI listens to, on either host: whole views (every change), and the rest as main sends them. */
export type AppEvents = Pick<
  HostEvents,
  'viewChanged' | 'openIncident' | 'eventsReceived' | 'pageReceived' | 'onCallChanged' | 'statusPageChanged'
>;

/** The subscription methods of the UI's API, each with the event it listens to. */
export const APP_EVENT_LISTENERS = {
  onViewChanged: 'viewChanged',
  onOpenIncident: 'openIncident',
  onEvents: 'eventsReceived',
  onPage: 'pageReceived',
  onOnCallChanged: 'onCallChanged',
  onStatusPageChanged: 'statusPageChanged',
} as const satisfies { readonly [method: `on${string}`]: keyof AppEvents };

/** The preload's subscription methods: every host event, views as diffs. */
export const HOST_EVENT_LISTENERS = {
  ...APP_EVENT_LISTENERS,
  onPendingChanged: 'pendingChanged',
  onConnectionChanged: 'connectionChanged',
} as const satisfies { readonly [method: `on${string}`]: HostEventName };

/** One subscription method per entry of `Names`: it calls its listener with that event's payload. */
export type Subscriptions<Events, Names extends { readonly [method: string]: keyof Events }> = {
  [M in keyof Names]: (listener: Listener<Events[Names[M]]>) => () => void;
};

/** One function per request of the contract. */
export type WarroomRequests = {
  [K in RequestName]: (...args: z.input<(typeof requestSchemas)[K]>) => Promise<RequestResults[K]>;
};

/** What the UI talks to: the web bridge in a browser, the desktop bridge (over `window.warroom`) in the app. */
export type WarroomApi = WarroomRequests & Subscriptions<AppEvents, typeof APP_EVENT_LISTENERS>;

/**
 * `window.warroom`, from Electron's preload: the same requests, and host events as main sends them (views as diffs;
 * `onViewChanged` hears whole views only). renderer/bridge/desktop-bridge.ts folds them into a WarroomApi.
 */
export type DesktopApi = WarroomRequests & Subscriptions<HostEvents, typeof HOST_EVENT_LISTENERS>;
