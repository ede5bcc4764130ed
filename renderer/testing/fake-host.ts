/** A fake host for component tests: a WarroomApi that answers from fields the test sets, recording what it is asked. */
import type { DomainEvent } from '../../shared/domain/events.js';
import type {
  ContactChange,
  ContactChangeReply,
  ContactReply,
  ContactTestReply,
} from '../../shared/protocol/contact-wire.js';
import type { WarroomApi } from '../../shared/ipc/contract.js';
import type { FileSaveResult, PrintPdfRequest, SaveFileRequest } from '../../shared/ipc/files.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../../shared/ipc/settings.js';
import type { MetricsQuery, MetricsReport } from '../../shared/metrics/report.js';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import type {
  OncallChange,
  OncallChangeReply,
  OncallReply,
  PageNotification,
  PageTestReply,
} from '../../shared/protocol/oncall-wire.js';
import type {
  StatusPageChange,
  StatusPageChangeReply,
  StatusPageReply,
} from '../../shared/protocol/status-page-wire.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import type { WebPushHost } from '../bridge/browser-push.js';
import type { Host } from '../bridge/index.js';

/** A command as the UI handed it to the host. */
export type SentCommand = Parameters<WarroomApi['sendCommand']>[0];

export interface FakeHostState {
  view: EngineView;
  readonly sent: SentCommand[];
  readonly dismissed: string[];
  readonly timelineRequests: string[];
  /** What sendCommand answers; by default it queues (ok). */
  answer: SendResult | ((command: SentCommand) => SendResult);
  timeline: DomainEvent[] | Error | (() => Promise<DomainEvent[]>);
  readonly viewListeners: Set<(view: EngineView) => void>;
  readonly eventListeners: Set<(events: DomainEvent[]) => void>;
  /** What getOnCall answers (a reply, or an Error to throw: offline). */
  oncall: OncallReply | Error;
  readonly oncallRequests: Array<number | undefined>;
  /** On-call changes the UI sent, in order, and what changeOnCall answers. */
  readonly oncallChanges: OncallChange[];
  oncallAnswer: OncallChangeReply | ((change: OncallChange) => OncallChangeReply);
  testPageAnswer: PageTestReply | Error;
  testPages: number;
  readonly openedExternal: string[];
  readonly pageListeners: Set<(page: PageNotification) => void>;
  readonly onCallListeners: Set<() => void>;
  /** Local postmortem drafts, by incident id (the host's drafts folder or browser storage). */
  readonly drafts: Map<string, PostmortemDraft>;
  /** What getMetrics answers (a report, or an Error to throw: offline), and the queries asked. */
  metrics: MetricsReport | Error;
  readonly metricsQueries: MetricsQuery[];
  readonly savedFiles: SaveFileRequest[];
  readonly printed: PrintPdfRequest[];
  /** What getContact answers (a reply, or an Error to throw: offline), and the user ids asked for. */
  contact: ContactReply | Error;
  readonly contactRequests: Array<string | undefined>;
  /** Contact changes the UI sent, in order, and what changeContact answers. */
  readonly contactChanges: ContactChange[];
  contactAnswer: ContactChangeReply | Error | ((change: ContactChange) => ContactChangeReply);
  contactTestAnswer: ContactTestReply | Error;
  contactTests: number;
  /** What getStatusPage answers (a reply, or an Error to throw: offline), and how often it was asked. */
  statusPage: StatusPageReply | Error;
  statusPageRequests: number;
  /** Status page changes the UI sent, in order, and what changeStatusPage answers. */
  readonly statusPageChanges: StatusPageChange[];
  statusPageAnswer: StatusPageChangeReply | Error | ((change: StatusPageChange) => StatusPageChangeReply);
  readonly statusPageListeners: Set<() => void>;
  /** 'desktop' unless a test plays the web client (with its browser push, or none). */
  kind: 'desktop' | 'web';
  webPush: WebPushHost | null;
}

const SAVED: FileSaveResult = { saved: true, where: '/home/alice/Documents/file' };

/** A fresh fake host in the given state; the test changes `state` to change what it answers next. */
export function createFakeHost(state: FakeHostState): Host {
  const api: WarroomApi = {
    getView: async () => state.view,
    sendCommand: async (command) => {
      state.sent.push(command);
      return typeof state.answer === 'function' ? state.answer(command) : state.answer;
    },
    dismissRejection: async (commandId) => void state.dismissed.push(commandId),
    connect: async () => ({ ok: true }),
    getSettings: async () => ({
      hubUrl: 'http://hub.test',
      signedIn: true,
      notifications: DEFAULT_NOTIFICATION_PREFS,
      availability: 'available',
    }),
    setNotificationPrefs: async () => undefined,
    setAvailability: async () => undefined,
    openExternal: async (url) => void state.openedExternal.push(url),
    signOut: async () => undefined,
    getTimeline: async (incidentId) => {
      state.timelineRequests.push(incidentId);
      const timeline = state.timeline;
      if (timeline instanceof Error) throw timeline;
      return typeof timeline === 'function' ? timeline() : timeline.filter((e) => e.incidentId === incidentId);
    },
    onViewChanged: (listener) => {
      state.viewListeners.add(listener);
      return () => state.viewListeners.delete(listener);
    },
    onOpenIncident: () => () => undefined,
    onEvents: (listener) => {
      state.eventListeners.add(listener);
      return () => state.eventListeners.delete(listener);
    },
    getOnCall: async (days) => {
      state.oncallRequests.push(days);
      if (state.oncall instanceof Error) throw state.oncall;
      return state.oncall;
    },
    changeOnCall: async (change) => {
      state.oncallChanges.push(change);
      return typeof state.oncallAnswer === 'function' ? state.oncallAnswer(change) : state.oncallAnswer;
    },
    sendTestPage: async () => {
      state.testPages++;
      if (state.testPageAnswer instanceof Error) throw state.testPageAnswer;
      return state.testPageAnswer;
    },
    listDrafts: async () => [...state.drafts.values()].sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
    saveDraft: async (draft) => void state.drafts.set(draft.incidentId, draft),
    removeDraft: async (incidentId) => void state.drafts.delete(incidentId),
    getMetrics: async (query) => {
      state.metricsQueries.push(query);
      if (state.metrics instanceof Error) throw state.metrics;
      return state.metrics;
    },
    saveFile: async (file) => {
      state.savedFiles.push(file);
      return SAVED;
    },
    printPdf: async (request) => {
      state.printed.push(request);
      return SAVED;
    },
    getContact: async (userId) => {
      state.contactRequests.push(userId);
      if (state.contact instanceof Error) throw state.contact;
      return state.contact;
    },
    changeContact: async (change) => {
      state.contactChanges.push(change);
      const answer = state.contactAnswer;
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? answer(change) : answer;
    },
    testContact: async () => {
      state.contactTests++;
      if (state.contactTestAnswer instanceof Error) throw state.contactTestAnswer;
      return state.contactTestAnswer;
    },
    getStatusPage: async () => {
      state.statusPageRequests++;
      if (state.statusPage instanceof Error) throw state.statusPage;
      return state.statusPage;
    },
    changeStatusPage: async (change) => {
      state.statusPageChanges.push(change);
      const answer = state.statusPageAnswer;
      if (answer instanceof Error) throw answer;
      return typeof answer === 'function' ? answer(change) : answer;
    },
    onStatusPageChanged: (listener) => {
      state.statusPageListeners.add(listener);
      return () => state.statusPageListeners.delete(listener);
    },
    onPage: (listener) => {
      state.pageListeners.add(listener);
      return () => state.pageListeners.delete(listener);
    },
    onOnCallChanged: (listener) => {
      state.onCallListeners.add(listener);
      return () => state.onCallListeners.delete(listener);
    },
  };
  // Notifications need no permission asked in the page (as in the desktop app) unless a test says otherwise.
  return {
    kind: state.kind,
    api,
    notifications: { canAskNotificationPermission: () => false, askNotificationPermission: async () => undefined },
    webPush: state.kind === 'web' ? state.webPush : null,
  };
}
