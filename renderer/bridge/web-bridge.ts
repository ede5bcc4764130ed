import { io } from 'socket.io-client';
import { systemClock, type Clock, type Timers } from '../../shared/clock.js';
import { isCommandType, type CommandRequest } from '../../shared/domain/commands.js';
import { commandError } from '../../shared/domain/errors.js';
import { Emitter } from '../../shared/events/emitter.js';
import type { AppEvents, WarroomApi } from '../../shared/ipc/contract.js';
import { FILE_KINDS, type FileSaveResult, type PrintPdfRequest, type SaveFileRequest } from '../../shared/ipc/files.js';
import { fetchMetrics } from '../../shared/metrics/fetch-metrics.js';
import type { MetricsQuery, MetricsReport } from '../../shared/metrics/report.js';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import {
  availabilitySchema,
  connectRequestSchema,
  DEFAULT_NOTIFICATION_PREFS,
  notificationPrefsSchema,
  type Availability,
  type ConnectRequest,
  type ConnectResult,
  type NotificationPrefs,
  type PublicSettings,
} from '../../shared/ipc/settings.js';
import type { ConnectRefusal } from '../../shared/protocol/wire.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type {
  ContactChange,
  ContactChangeReply,
  ContactReply,
  ContactTestReply,
} from '../../shared/protocol/contact-wire.js';
import type {
  StatusPageChange,
  StatusPageChangeReply,
  StatusPageReply,
} from '../../shared/protocol/status-page-wire.js';
import { IncidentNotifier } from '../../shared/notify/incident-notifier.js';
import { PageAlerter } from '../../shared/notify/page-alerter.js';
import type {
  OncallChange,
  OncallChangeReply,
  OncallReply,
  PageNotification,
  PageTestReply,
} from '../../shared/protocol/oncall-wire.js';
import { signedOutView, type EngineView, type SendResult } from '../../shared/sync/engine-view.js';
import type { KeyValueStorage } from '../../shared/sync/storage.js';
import { SyncEngine, type EngineHandle, type EngineSocket } from '../../shared/sync/sync-engine.js';

export type { EngineHandle } from '../../shared/sync/sync-engine.js';
import { refusalMessage } from '../messages.js';
import { BrowserDraftsStore } from './browser-drafts.js';
import { checkHub } from './hub-check.js';
import { registerOfflineShell } from './offline-shell.js';
import { LocalKeyValueStorage } from './local-storage.js';
import { newId } from './new-id.js';
import { fragmentHasToken, pageHubUrl, tokenFromFragment } from './sign-in-link.js';
import { browserNotifier, type BrowserWindow, type Notifier } from './web-notifications.js';

/** Everything the web bridge takes from the page, injected so its rules run in tests without a browser. */
export interface WebBridgeDeps {
  readonly storage: KeyValueStorage;
  /** The page's origin: the hub that served it (or "null" for a file:// page). */
  readonly origin: string;
  /** The page's fragment when it opened: a sign-in link carries `#token=wr_…`. */
  readonly fragment: string;
  /** Removes the fragment from the address bar (history.replaceState), so the token is not left on screen. */
  readonly clearFragment: () => void;
  readonly fetch: typeof fetch;
  readonly createEngine: (hubUrl: string, token: string) => EngineHandle;
  readonly timers: Timers;
  /** For page reminders; the system clock by default. */
  readonly clock?: Clock;
  readonly notifier: Notifier | null;
  readonly openWindow: (url: string) => void;
  /** How long connect() waits for the hub's welcome after /healthz answered. */
  readonly connectTimeoutMs?: number;
  /** Offers a file for download (an object URL on a temporary link). */
  readonly download: (name: string, mime: string, text: string) => void;
  /** The browser's print dialog (window.print); resolves once it has closed. */
  readonly print: () => void;
}

/** The web client's own settings; the engine's outbox and cache live beside them under other keys. */
export const SETTINGS_KEYS = {
  hubUrl: 'settings:hubUrl',
  token: 'settings:token',
  notifications: 'settings:notifications',
  availability: 'settings:availability',
} as const;

/**
 * WarroomApi inside the page, for the browser client the hub serves: the sync engine runs here, its outbox and
 * cache live in localStorage, notifications are Web Notifications. The desktop app offers the same API from
 * Electron's preload instead (window.warroom).
 */
export class WebBridge implements WarroomApi {
  private engine: EngineHandle | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly emitter = new Emitter<AppEvents>();
  /** New incidents, escalations, roles, overdue updates: decided, grouped and shown (shared/notify/incident-notifier.ts). */
  private readonly incidentNotifier: IncidentNotifier;
  private readonly drafts: BrowserDraftsStore;
  /** Pages for me: announced at once, reminded every two minutes until answered (shared/notify/page-alerter.ts). */
  private readonly pageAlerter: PageAlerter;

  constructor(private readonly deps: WebBridgeDeps) {
    this.drafts = new BrowserDraftsStore(deps.storage);
    this.pageAlerter = new PageAlerter({
      clock: deps.clock ?? systemClock,
      timers: deps.timers,
      show: (alert) =>
        deps.notifier?.showPage(alert, () => {
          if (alert.incidentId) this.emitter.emit('openIncident', alert.incidentId);
        }),
      retract: (pageId) => deps.notifier?.closePage(pageId),
    });
    this.incidentNotifier = new IncidentNotifier({
      clock: deps.clock ?? systemClock,
      timers: deps.timers,
      show: (note) =>
        deps.notifier?.show(note, () => {
          if (note.incidentId) this.emitter.emit('openIncident', note.incidentId);
        }),
      prefs: () => this.prefs(),
      readOncall: () => this.connected().getOnCall(1),
    });
    const linked = tokenFromFragment(deps.fragment);
    if (linked) {
      deps.storage.write(SETTINGS_KEYS.token, linked);
      const hub = pageHubUrl(deps.origin);
      if (hub) deps.storage.write(SETTINGS_KEYS.hubUrl, hub);
    }
    if (fragmentHasToken(deps.fragment)) deps.clearFragment();
    this.startStored();
  }

  async getView(): Promise<EngineView> {
    return this.currentView();
  }

  /** Typed by `CommandRequest`; the engine parses it whole before queuing it (a caller in plain JS is not typed). */
  async sendCommand(request: CommandRequest): Promise<SendResult> {
    if (!this.engine) return { ok: false, error: commandError('unauthorized', 'Connect to a hub first.') };
    const type: string = request.type;
    if (!isCommandType(type))
      return { ok: false, error: commandError('unknown_command', `Unknown command "${type}".`) };
    return this.engine.submit(request);
  }

  async dismissRejection(commandId: string): Promise<void> {
    this.engine?.dismissRejection(commandId);
  }

  /** The page is going away (reload, tab closed): keep what it shows for the next load, even with the hub down. */
  pageHidden(): void {
    this.engine?.saveCache();
  }

  /** Checks the address (/healthz), then the token (the hub's welcome or refusal); keeps them only if both work. */
  async connect(request: ConnectRequest): Promise<ConnectResult> {
    const parsed = connectRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === 'token' ? 'Token' : 'Hub URL';
      return { ok: false, message: `${field}: ${issue?.message ?? 'invalid'}` };
    }
    const hubUrl = parsed.data.hubUrl.replace(/\/+$/, '');
    const { token } = parsed.data;
    const reachable = await checkHub(this.deps.fetch, hubUrl);
    if (!reachable.ok) return reachable;

    this.drop();
    const engine = this.deps.createEngine(hubUrl, token);
    const answer = await waitForAnswer(engine, this.deps.timers, this.deps.connectTimeoutMs ?? 10_000);
    if (answer !== 'online') {
      engine.stop();
      this.startStored(); // back to whatever was signed in before, if anything
      return {
        ok: false,
        message:
          answer === 'timeout'
            ? `${hubUrl} answered, but no live connection opened in time. If a proxy sits in front of the hub, it must pass WebSocket upgrades.`
            : refusalMessage(answer),
      };
    }
    this.deps.storage.write(SETTINGS_KEYS.hubUrl, hubUrl);
    this.deps.storage.write(SETTINGS_KEYS.token, token);
    this.use(engine);
    return { ok: true };
  }

  async getSettings(): Promise<PublicSettings> {
    return {
      hubUrl: this.storedHubUrl(),
      signedIn: this.deps.storage.read(SETTINGS_KEYS.token) !== null,
      notifications: this.prefs(),
      availability: this.availability(),
    };
  }

  async setNotificationPrefs(prefs: NotificationPrefs): Promise<void> {
    this.deps.storage.write(SETTINGS_KEYS.notifications, JSON.stringify(notificationPrefsSchema.parse(prefs)));
  }

  async setAvailability(availability: Availability): Promise<void> {
    this.deps.storage.write(SETTINGS_KEYS.availability, availabilitySchema.parse(availability));
  }

  async openExternal(url: string): Promise<void> {
    if (!/^https?:\/\//i.test(url)) throw new Error('Only http and https links are opened.');
    this.deps.openWindow(url);
  }

  /** Forgets the token (the outbox stays, keyed by hub and token, in case the same token signs in again). */
  async signOut(): Promise<void> {
    this.drop();
    this.deps.storage.remove(SETTINGS_KEYS.token);
    this.emit(this.currentView());
  }

  onViewChanged(listener: (view: EngineView) => void): () => void {
    return this.emitter.on('viewChanged', listener);
  }

  onOpenIncident(listener: (incidentId: string) => void): () => void {
    return this.emitter.on('openIncident', listener);
  }

  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    return this.emitter.on('eventsReceived', listener);
  }

  async getTimeline(incidentId: string): Promise<DomainEvent[]> {
    return this.connected().getTimeline(incidentId);
  }

  onPage(listener: (page: PageNotification) => void): () => void {
    return this.emitter.on('pageReceived', listener);
  }

  onOnCallChanged(listener: () => void): () => void {
    return this.emitter.on('onCallChanged', listener);
  }

  async getOnCall(days?: number): Promise<OncallReply> {
    return this.connected().getOnCall(days);
  }

  async changeOnCall(change: OncallChange): Promise<OncallChangeReply> {
    return this.connected().changeOnCall(change);
  }

  async sendTestPage(): Promise<PageTestReply> {
    return this.connected().sendTestPage();
  }

  async getContact(userId?: string): Promise<ContactReply> {
    return this.connected().getContact(userId);
  }

  async changeContact(change: ContactChange): Promise<ContactChangeReply> {
    return this.connected().changeContact(change);
  }

  async testContact(): Promise<ContactTestReply> {
    return this.connected().testContact();
  }

  onStatusPageChanged(listener: () => void): () => void {
    return this.emitter.on('statusPageChanged', listener);
  }

  async getStatusPage(): Promise<StatusPageReply> {
    return this.connected().getStatusPage();
  }

  async changeStatusPage(change: StatusPageChange): Promise<StatusPageChangeReply> {
    return this.connected().changeStatusPage(change);
  }

  async listDrafts(): Promise<PostmortemDraft[]> {
    return this.drafts.list();
  }

  async saveDraft(draft: PostmortemDraft): Promise<void> {
    this.drafts.save(draft);
  }

  async removeDraft(incidentId: string): Promise<void> {
    this.drafts.remove(incidentId);
  }

  async getMetrics(query: MetricsQuery): Promise<MetricsReport> {
    const hubUrl = this.storedHubUrl();
    const token = this.deps.storage.read(SETTINGS_KEYS.token);
    if (!hubUrl || !token) throw new Error('Connect to a hub first.');
    return fetchMetrics((url, init) => this.deps.fetch(url, init), hubUrl, token, query);
  }

  async saveFile(file: SaveFileRequest): Promise<FileSaveResult> {
    this.deps.download(file.suggestedName, `${FILE_KINDS[file.kind].mime};charset=utf-8`, file.text);
    return { saved: true, where: null };
  }

  /** The browser's print dialog: "Save as PDF" is the person's choice there, so `saved` is not known. */
  async printPdf(_request: PrintPdfRequest): Promise<FileSaveResult> {
    this.deps.print();
    return { saved: false, where: null };
  }

  /** Web only: whether to offer an "Enable notifications" button. */
  canAskNotificationPermission(): boolean {
    return this.deps.notifier?.canAsk() ?? false;
  }

  /** Web only: call from a click handler. */
  async askNotificationPermission(): Promise<void> {
    await this.deps.notifier?.ask();
  }

  /** The engine, for requests that need the hub; signed out, they reject with a reason. */
  private connected(): EngineHandle {
    if (!this.engine) throw new Error('Connect to a hub first.');
    return this.engine;
  }

  private currentView(): EngineView {
    return this.engine?.view ?? signedOutView(this.storedHubUrl() ?? '');
  }

  private storedHubUrl(): string | null {
    return this.deps.storage.read(SETTINGS_KEYS.hubUrl) ?? pageHubUrl(this.deps.origin);
  }

  private startStored(): void {
    const hubUrl = this.storedHubUrl();
    const token = this.deps.storage.read(SETTINGS_KEYS.token);
    if (!hubUrl || !token) return;
    const engine = this.deps.createEngine(hubUrl, token);
    this.use(engine);
    engine.start();
  }

  /** Makes `engine` the current one; it is started by the caller (connect has started it already). */
  private use(engine: EngineHandle): void {
    this.engine = engine;
    const stopViews = engine.onChange((view) => this.emit(view));
    const stopEvents = engine.onEvents((events) => {
      this.incidentNotifier.onEvents(events);
      this.emitter.emit('eventsReceived', events);
    });
    const stopPages = engine.onPage((page) => {
      this.incidentNotifier.onPage(page);
      this.pageAlerter.onPage(page);
      this.emitter.emit('pageReceived', page);
    });
    const stopOnCall = engine.onOnCallChanged(() => {
      this.incidentNotifier.onOncallChanged();
      this.emitter.emit('onCallChanged');
    });
    const stopStatusPage = engine.onStatusPageChanged(() => this.emitter.emit('statusPageChanged'));
    this.unsubscribe = () => {
      stopViews();
      stopEvents();
      stopPages();
      stopOnCall();
      stopStatusPage();
    };
    this.emit(engine.view);
  }

  private drop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.engine?.stop();
    this.engine = null;
  }

  private emit(view: EngineView): void {
    this.pageAlerter.onView(view);
    this.incidentNotifier.onView(view);
    this.emitter.emit('viewChanged', view);
  }

  private prefs(): NotificationPrefs {
    const raw = this.deps.storage.read(SETTINGS_KEYS.notifications);
    try {
      return raw ? notificationPrefsSchema.parse(JSON.parse(raw)) : DEFAULT_NOTIFICATION_PREFS;
    } catch {
      return DEFAULT_NOTIFICATION_PREFS;
    }
  }

  private availability(): Availability {
    const parsed = availabilitySchema.safeParse(this.deps.storage.read(SETTINGS_KEYS.availability));
    return parsed.success ? parsed.data : 'available';
  }
}

/** Starts the engine and waits for the first clear answer: online, refused, or nothing in time. */
export function waitForAnswer(
  engine: EngineHandle,
  timers: Timers,
  timeoutMs: number,
): Promise<'online' | 'timeout' | ConnectRefusal> {
  return new Promise((resolve) => {
    let done = false;
    let unsubscribe = (): void => undefined;
    let timer: unknown = null;
    const finish = (answer: 'online' | 'timeout' | ConnectRefusal): void => {
      if (done) return;
      done = true;
      unsubscribe();
      if (timer !== null) timers.clear(timer);
      resolve(answer);
    };
    const check = (view: EngineView): void => {
      if (view.refusal) finish(view.refusal);
      else if (view.status === 'online') finish('online');
    };
    unsubscribe = engine.onChange(check);
    timer = timers.set(() => finish('timeout'), timeoutMs);
    engine.start();
    if (!done) check(engine.view);
  });
}

/** The web bridge wired to the real page: localStorage, fetch, socket.io, Web Notifications. */
export function createBrowserBridge(win: BrowserWindow): WebBridge {
  void registerOfflineShell(win, (message) => console.warn(message));
  const storage = new LocalKeyValueStorage(win.localStorage);
  const timers: Timers = {
    set: (callback, ms) => win.setTimeout(callback, ms),
    clear: (handle) => win.clearTimeout(handle as number),
  };
  const bridge = new WebBridge({
    storage,
    origin: win.location.origin,
    fragment: win.location.hash,
    clearFragment: () => win.history.replaceState(win.history.state, '', win.location.pathname + win.location.search),
    fetch: win.fetch.bind(win),
    createEngine: (hubUrl, token) =>
      new SyncEngine({ hubUrl, token, storage, timers, newId: () => newId(), openSocket: openBrowserSocket }),
    timers,
    notifier: browserNotifier(win),
    openWindow: (url) => void win.open(url, '_blank', 'noopener'),
    download: (name, mime, text) => downloadText(win, name, mime, text),
    print: () => win.print(),
  });
  win.addEventListener('pagehide', () => bridge.pageHidden());
  return bridge;
}

/** A download of `text` as a file called `name`, through a temporary link to an object URL. */
function downloadText(win: BrowserWindow, name: string, mime: string, text: string): void {
  const url = win.URL.createObjectURL(new win.Blob([text], { type: mime }));
  const link = win.document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  win.document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the URL only after click() returns.
  win.setTimeout(() => win.URL.revokeObjectURL(url), 60_000);
}

/** A socket of its own per engine (no multiplexing across sign-ins), WebSocket only, quick to retry. */
function openBrowserSocket(hubUrl: string, auth: { token: string; protocol: number }): EngineSocket {
  return io(hubUrl, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 3000,
  });
}
