/**
 * Component tests: the real store, actions and components, with a fake host behind `window.warroom` (as the desktop
 * preload would put it there). Tests push engine views and events into it and read what the UI sent.
 * Import this first in a jsdom test file; it registers Testing Library's cleanup.
 */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import { alice, bob, carol, TestHub } from '../../shared/domain/test-support.js';
import type { WarroomApi } from '../../shared/ipc/contract.js';
import type { FileSaveResult, PrintPdfRequest, SaveFileRequest } from '../../shared/ipc/files.js';
import type { MetricsQuery, MetricsReport } from '../../shared/metrics/report.js';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import type {
  OncallChange,
  OncallChangeReply,
  OncallReply,
  PageNotification,
  PageTestReply,
} from '../../shared/protocol/oncall-wire.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../../shared/ipc/settings.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import { actions } from '../store/app-actions.js';
import { appStore } from '../store/store.js';
import { viewOf } from '../test-views.js';

export { alice, bob, carol, TestHub };

export const PEOPLE: EngineView['people'] = [
  { ...alice, role: 'responder' },
  { ...bob, role: 'responder' },
  { ...carol, role: 'viewer' },
];

export interface SentCommand {
  readonly type: string;
  readonly incidentId: string;
  readonly payload: Record<string, unknown>;
}

interface HostState {
  view: EngineView;
  sent: SentCommand[];
  dismissed: string[];
  timelineRequests: string[];
  /** What sendCommand answers; by default it queues (ok). */
  answer: SendResult | ((command: SentCommand) => SendResult);
  timeline: DomainEvent[] | Error | (() => Promise<DomainEvent[]>);
  viewListeners: Set<(view: EngineView) => void>;
  eventListeners: Set<(events: DomainEvent[]) => void>;
  /** What getOnCall answers (a reply, or an Error to throw: offline). */
  oncall: OncallReply | Error;
  oncallRequests: Array<number | undefined>;
  /** On-call changes the UI sent, in order, and what changeOnCall answers. */
  oncallChanges: OncallChange[];
  oncallAnswer: OncallChangeReply | ((change: OncallChange) => OncallChangeReply);
  testPageAnswer: PageTestReply | Error;
  testPages: number;
  openedExternal: string[];
  pageListeners: Set<(page: PageNotification) => void>;
  onCallListeners: Set<() => void>;
  /** Local postmortem drafts, by incident id (the host's drafts folder or browser storage). */
  drafts: Map<string, PostmortemDraft>;
  /** What getMetrics answers (a report, or an Error to throw: offline), and the queries asked. */
  metrics: MetricsReport | Error;
  metricsQueries: MetricsQuery[];
  savedFiles: SaveFileRequest[];
  printed: PrintPdfRequest[];
}

const host: HostState = {
  view: viewOf(),
  sent: [],
  dismissed: [],
  timelineRequests: [],
  answer: { ok: true, commandId: 'c' },
  timeline: [],
  viewListeners: new Set(),
  eventListeners: new Set(),
  oncall: new Error('Not connected'),
  oncallRequests: [],
  oncallChanges: [],
  oncallAnswer: { ok: true, warnings: [] },
  testPageAnswer: new Error('Not connected'),
  testPages: 0,
  openedExternal: [],
  pageListeners: new Set(),
  onCallListeners: new Set(),
  drafts: new Map(),
  metrics: new Error('Not connected'),
  metricsQueries: [],
  savedFiles: [],
  printed: [],
};

const SAVED: FileSaveResult = { saved: true, where: '/home/alice/Documents/file' };

const fakeApi: WarroomApi = {
  getView: async () => host.view,
  sendCommand: async (command) => {
    const sent = {
      type: command.type,
      incidentId: command.incidentId,
      payload: command.payload as Record<string, unknown>,
    };
    host.sent.push(sent);
    return typeof host.answer === 'function' ? host.answer(sent) : host.answer;
  },
  dismissRejection: async (commandId) => void host.dismissed.push(commandId),
  connect: async () => ({ ok: true }),
  getSettings: async () => ({
    hubUrl: 'http://hub.test',
    signedIn: true,
    notifications: DEFAULT_NOTIFICATION_PREFS,
    availability: 'available',
  }),
  setNotificationPrefs: async () => undefined,
  setAvailability: async () => undefined,
  openExternal: async (url) => void host.openedExternal.push(url),
  signOut: async () => undefined,
  getTimeline: async (incidentId) => {
    host.timelineRequests.push(incidentId);
    const timeline = host.timeline;
    if (timeline instanceof Error) throw timeline;
    return typeof timeline === 'function' ? timeline() : timeline.filter((e) => e.incidentId === incidentId);
  },
  onViewChanged: (listener) => {
    host.viewListeners.add(listener);
    return () => host.viewListeners.delete(listener);
  },
  onOpenIncident: () => () => undefined,
  onEvents: (listener) => {
    host.eventListeners.add(listener);
    return () => host.eventListeners.delete(listener);
  },
  getOnCall: async (days) => {
    host.oncallRequests.push(days);
    if (host.oncall instanceof Error) throw host.oncall;
    return host.oncall;
  },
  changeOnCall: async (change) => {
    host.oncallChanges.push(change);
    return typeof host.oncallAnswer === 'function' ? host.oncallAnswer(change) : host.oncallAnswer;
  },
  sendTestPage: async () => {
    host.testPages++;
    if (host.testPageAnswer instanceof Error) throw host.testPageAnswer;
    return host.testPageAnswer;
  },
  listDrafts: async () => [...host.drafts.values()].sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
  saveDraft: async (draft) => void host.drafts.set(draft.incidentId, draft),
  removeDraft: async (incidentId) => void host.drafts.delete(incidentId),
  getMetrics: async (query) => {
    host.metricsQueries.push(query);
    if (host.metrics instanceof Error) throw host.metrics;
    return host.metrics;
  },
  saveFile: async (file) => {
    host.savedFiles.push(file);
    return SAVED;
  },
  printPdf: async (request) => {
    host.printed.push(request);
    return SAVED;
  },
  onPage: (listener) => {
    host.pageListeners.add(listener);
    return () => host.pageListeners.delete(listener);
  },
  onOnCallChanged: (listener) => {
    host.onCallListeners.add(listener);
    return () => host.onCallListeners.delete(listener);
  },
};

Object.defineProperty(window, 'warroom', { value: fakeApi, configurable: true });

// jsdom has no layout: give the virtual lists a scroll box, and rows the height the list estimates (rows that
// measured otherwise would make the virtualizer correct the scroll position, which jsdom cannot do).
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('vlist') ? 600 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get(this: HTMLElement) {
    return this.classList.contains('vlist') ? 800 : 0;
  },
});
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
  configurable: true,
  get(this: HTMLElement) {
    if (!this.classList.contains('vlist__item')) return 0;
    return Number(this.closest<HTMLElement>('[data-row-estimate]')?.dataset.rowEstimate ?? 50);
  },
});

let stop: (() => void) | null = null;

afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  window.localStorage.clear();
  window.location.hash = '';
});

export interface Harness {
  /** Commands the UI sent, in order. */
  readonly sent: SentCommand[];
  readonly dismissed: string[];
  readonly timelineRequests: string[];
  /** Pushes a new engine view (as the host does on every change). */
  push(view: Partial<EngineView>): void;
  /** Delivers confirmed events (as the host does when they arrive). */
  events(events: DomainEvent[]): void;
  answer(result: HostState['answer']): void;
  render(ui: ReactElement): RenderResult;
  /** getOnCall's requests (the days asked for) and the on-call changes sent. */
  readonly oncallRequests: Array<number | undefined>;
  readonly oncallChanges: OncallChange[];
  readonly openedExternal: string[];
  /** How many test pages were asked for. */
  testPages(): number;
  /** What getOnCall answers from now on. */
  oncall(reply: OncallReply | Error): void;
  /** What changeOnCall answers from now on. */
  oncallAnswer(reply: HostState['oncallAnswer']): void;
  testPageAnswer(reply: PageTestReply | Error): void;
  /** The hub pushes a page (as the host does). */
  page(page: PageNotification): void;
  /** The hub says the on-call set-up changed. */
  onCallChanged(): void;
  /** The host's local drafts (read and write them directly to set up or check a test). */
  readonly drafts: Map<string, PostmortemDraft>;
  /** What getMetrics answers from now on, and what it was asked. */
  metrics(reply: MetricsReport | Error): void;
  readonly metricsQueries: MetricsQuery[];
  readonly savedFiles: SaveFileRequest[];
  readonly printed: PrintPdfRequest[];
}

/** A fresh store, signed in as Alice with `view`, the host answering with `timeline`. */
export async function startApp(
  options: {
    view?: Partial<EngineView>;
    timeline?: HostState['timeline'];
    oncall?: OncallReply | Error;
    drafts?: readonly PostmortemDraft[];
    metrics?: MetricsReport | Error;
  } = {},
): Promise<Harness> {
  // Let answers still on their way from the previous test land first, so they cannot reach this one's store.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
  appStore.setState(appStore.getInitialState(), true);
  host.view = viewOf({ people: PEOPLE, ...options.view });
  host.sent = [];
  host.dismissed = [];
  host.timelineRequests = [];
  host.answer = { ok: true, commandId: 'c' };
  host.timeline = options.timeline ?? [];
  host.oncall = options.oncall ?? new Error('Not connected');
  host.oncallRequests = [];
  host.oncallChanges = [];
  host.oncallAnswer = { ok: true, warnings: [] };
  host.testPageAnswer = new Error('Not connected');
  host.testPages = 0;
  host.openedExternal = [];
  host.drafts = new Map((options.drafts ?? []).map((draft) => [draft.incidentId, draft]));
  host.metrics = options.metrics ?? new Error('Not connected');
  host.metricsQueries = [];
  host.savedFiles = [];
  host.printed = [];
  stop = await actions.start();
  return {
    sent: host.sent,
    dismissed: host.dismissed,
    timelineRequests: host.timelineRequests,
    push: (view) => {
      host.view = { ...host.view, ...view };
      host.viewListeners.forEach((listener) => listener(host.view));
    },
    events: (events) => host.eventListeners.forEach((listener) => listener(events)),
    answer: (result) => {
      host.answer = result;
    },
    render: (ui) => render(ui),
    oncallRequests: host.oncallRequests,
    oncallChanges: host.oncallChanges,
    openedExternal: host.openedExternal,
    testPages: () => host.testPages,
    oncall: (reply) => {
      host.oncall = reply;
    },
    oncallAnswer: (reply) => {
      host.oncallAnswer = reply;
    },
    testPageAnswer: (reply) => {
      host.testPageAnswer = reply;
    },
    page: (page) => host.pageListeners.forEach((listener) => listener(page)),
    onCallChanged: () => host.onCallListeners.forEach((listener) => listener()),
    drafts: host.drafts,
    metrics: (reply) => {
      host.metrics = reply;
    },
    metricsQueries: host.metricsQueries,
    savedFiles: host.savedFiles,
    printed: host.printed,
  };
}

/** A view showing the state of a TestHub (confirmed, nothing pending). */
export function viewOfHub(hub: TestHub, partial: Partial<EngineView> = {}): Partial<EngineView> {
  return { state: hub.state, confirmed: hub.state, ...partial };
}
