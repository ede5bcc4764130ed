/**
 * Component tests: the real store, actions and components, with a fake host (fake-host.ts). Every `startApp` makes
 * its own store, actions and host, and `render` puts the component under that app's StoreProvider, so nothing
 * from one test (a late answer, a listener) can reach the next. Import this first in a jsdom test file; it
 * registers Testing Library's cleanup.
 */
import './jsdom-layout.js';
import { cleanup, configure, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import { alice, bob, carol, TestHub } from '../../shared/domain/test-support.js';
import type { PrintPdfRequest, SaveFileRequest } from '../../shared/ipc/files.js';
import type { MetricsQuery, MetricsReport } from '../../shared/metrics/report.js';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import type { OncallChange, OncallReply, PageNotification, PageTestReply } from '../../shared/protocol/oncall-wire.js';
import type { ContactChange, ContactReply, ContactTestReply } from '../../shared/protocol/contact-wire.js';
import type { StatusPageChange, StatusPageReply } from '../../shared/protocol/status-page-wire.js';
import type { WebPushHost } from '../bridge/browser-push.js';
import type { EngineView } from '../../shared/sync/engine-view.js';
import { newId } from '../bridge/new-id.js';
import type { AppActions } from '../store/app-actions.js';
import { createAppInstance } from '../store/app-instance.js';
import { StoreProvider } from '../store/store-context.js';
import type { AppStore } from '../store/store.js';
import { viewOf } from '../test-views.js';
import { createFakeHost, type FakeHostState, type SentCommand } from './fake-host.js';
import { PATIENCE_MS } from './patience.js';

export { alice, bob, carol, TestHub };
export type { SentCommand, WebPushHost };

export const PEOPLE: EngineView['people'] = [
  { ...alice, role: 'responder' },
  { ...bob, role: 'responder' },
  { ...carol, role: 'viewer' },
];

// findBy… and waitFor wait this long, not Testing Library's 1 s, which a loaded machine can miss.
configure({ asyncUtilTimeout: PATIENCE_MS });

const stops: Array<() => void> = [];

afterEach(() => {
  cleanup();
  stops.splice(0).forEach((stop) => stop());
  window.localStorage.clear();
  window.location.hash = '';
});

export interface Harness {
  /** This test's own store and actions (the ones its rendered components use). */
  readonly store: AppStore;
  readonly actions: AppActions;
  /** Commands the UI sent, in order. */
  readonly sent: SentCommand[];
  readonly dismissed: string[];
  readonly timelineRequests: string[];
  /** Pushes a new engine view (as the host does on every change). */
  push(view: Partial<EngineView>): void;
  /** Delivers confirmed events (as the host does when they arrive). */
  events(events: DomainEvent[]): void;
  answer(result: FakeHostState['answer']): void;
  /** Renders under this app's StoreProvider. */
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
  oncallAnswer(reply: FakeHostState['oncallAnswer']): void;
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
  /** getContact's requests (the user ids asked for) and the contact changes sent. */
  readonly contactRequests: Array<string | undefined>;
  readonly contactChanges: ContactChange[];
  /** What getContact answers from now on. */
  contact(reply: ContactReply | Error): void;
  /** What changeContact answers from now on. */
  contactAnswer(reply: FakeHostState['contactAnswer']): void;
  contactTestAnswer(reply: ContactTestReply | Error): void;
  /** How many contact test pages were asked for. */
  contactTests(): number;
  /** How many times getStatusPage was asked; the status page changes sent. */
  statusPageRequests(): number;
  readonly statusPageChanges: StatusPageChange[];
  /** What getStatusPage answers from now on. */
  statusPage(reply: StatusPageReply | Error): void;
  /** What changeStatusPage answers from now on. */
  statusPageAnswer(reply: FakeHostState['statusPageAnswer']): void;
  /** The hub says the status page's set-up changed. */
  statusPageChanged(): void;
}

/** A fresh app (store, actions, fake host), started and signed in as Alice with `view`. */
export async function startApp(
  options: {
    view?: Partial<EngineView>;
    timeline?: FakeHostState['timeline'];
    oncall?: OncallReply | Error;
    drafts?: readonly PostmortemDraft[];
    metrics?: MetricsReport | Error;
    contact?: ContactReply | Error;
    statusPage?: StatusPageReply | Error;
    /** Plays the web client (the desktop app otherwise), with this browser push (none: null). */
    web?: { push: WebPushHost | null };
  } = {},
): Promise<Harness> {
  const host: FakeHostState = {
    view: viewOf({ people: PEOPLE, ...options.view }),
    sent: [],
    dismissed: [],
    timelineRequests: [],
    answer: { ok: true, commandId: 'c' },
    timeline: options.timeline ?? [],
    viewListeners: new Set(),
    eventListeners: new Set(),
    oncall: options.oncall ?? new Error('Not connected'),
    oncallRequests: [],
    oncallChanges: [],
    oncallAnswer: { ok: true, warnings: [] },
    testPageAnswer: new Error('Not connected'),
    testPages: 0,
    openedExternal: [],
    pageListeners: new Set(),
    onCallListeners: new Set(),
    drafts: new Map((options.drafts ?? []).map((draft) => [draft.incidentId, draft])),
    metrics: options.metrics ?? new Error('Not connected'),
    metricsQueries: [],
    savedFiles: [],
    printed: [],
    contact: options.contact ?? new Error('Not connected'),
    contactRequests: [],
    contactChanges: [],
    contactAnswer: { ok: true, methodId: null, sent: null },
    contactTestAnswer: new Error('Not connected'),
    contactTests: 0,
    statusPage: options.statusPage ?? new Error('Not connected'),
    statusPageRequests: 0,
    statusPageChanges: [],
    statusPageAnswer: { ok: true, id: null, secret: null, sent: null },
    statusPageListeners: new Set(),
    kind: options.web ? 'web' : 'desktop',
    webPush: options.web?.push ?? null,
  };
  const fake = createFakeHost(host);
  const app = createAppInstance({ getHost: () => fake, newId: () => newId() });
  stops.push(await app.actions.start());
  return {
    store: app.store,
    actions: app.actions,
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
    render: (ui) => render(<StoreProvider app={app}>{ui}</StoreProvider>),
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
    contactRequests: host.contactRequests,
    contactChanges: host.contactChanges,
    contact: (reply) => {
      host.contact = reply;
    },
    contactAnswer: (reply) => {
      host.contactAnswer = reply;
    },
    contactTestAnswer: (reply) => {
      host.contactTestAnswer = reply;
    },
    contactTests: () => host.contactTests,
    statusPageRequests: () => host.statusPageRequests,
    statusPageChanges: host.statusPageChanges,
    statusPage: (reply) => {
      host.statusPage = reply;
    },
    statusPageAnswer: (reply) => {
      host.statusPageAnswer = reply;
    },
    statusPageChanged: () => host.statusPageListeners.forEach((listener) => listener()),
  };
}

/** A view showing the state of a TestHub (confirmed, nothing pending). */
export function viewOfHub(hub: TestHub, partial: Partial<EngineView> = {}): Partial<EngineView> {
  return { state: hub.state, confirmed: hub.state, ...partial };
}
