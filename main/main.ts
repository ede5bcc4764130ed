// The Electron main process: one window, one tray, one sync engine. The app stays in the tray when its window
// is closed; it quits from the tray menu or Cmd+Q. Decisions live in plain, tested modules; this file wires them
// to Electron; main/test/boot runs it under Node with a recording fake of Electron.
import { BrowserWindow, app, dialog, screen, session, shell } from 'electron';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { systemClock } from '../shared/clock.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { PROTOCOL_SCHEME, deepLinkFromArgv, isSafeExternalUrl, parseDeepLink } from './deep-link.js';
import { EngineHost, type EngineLike, type HostFeed } from './engine-host.js';
import { signedOutView } from '../shared/sync/engine-view.js';
import { FileStorage } from './file-storage.js';
import { openHubConnection } from './hub-connect.js';
import { registerIpcHandlers, sendToRenderer } from './ipc.js';
import { localHubLocation, readLocalHubCredentials, type HubCredentials } from './local-hub.js';
import { consoleLogger } from './log.js';
import { NativeNotificationSink, NativePageAlertSink } from './notifier.js';
import { DesktopNotifier } from './desktop-notifier.js';
import { DesktopPageAlerter } from './desktop-page-alerter.js';
import { DraftsStore } from './drafts-store.js';
import { createRequestHandlers } from './request-handlers.js';
import { HubSession } from './session.js';
import type { SettingsService } from './settings-service.js';
import { createSettings } from './settings.js';
import { trayState } from './tray-state.js';
import { AppTray } from './tray.js';
import { createMainWindow, installSessionPolicy } from './window.js';
import { restorePlacement } from './window-policy.js';

const APP_ID = 'org.warroom.desktop';
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, 'preload.cjs');
const RENDERER = join(here, '..', 'renderer', 'index.html');
const RENDERER_URL = pathToFileURL(RENDERER).href;
const log = consoleLogger;
const timers = { set: setTimeout, clear: clearTimeout };

/** Where the build/ resources are: beside the app in development, in resources/ once packaged. */
function resourcePath(...parts: string[]): string {
  return app.isPackaged ? join(process.resourcesPath, ...parts) : join(app.getAppPath(), 'build', ...parts);
}

class WarroomApp {
  private window: BrowserWindow | null = null;
  private started = false;
  private quitting = false;
  /** An incident to show once the page has loaded (a link or notification that came first). */
  private pendingIncident: string | null = null;
  /** Whether the window's page has loaded (its listeners are set up), so a host event reaches it. */
  private pageReady = false;
  private settings!: SettingsService;
  private readonly host = new EngineHost();
  /** The window's page, fed host events by the engine host. */
  private feed: HostFeed | null = null;
  private tray: AppTray | null = null;
  private pageAlerter: DesktopPageAlerter | null = null;
  private notifier: DesktopNotifier | null = null;

  constructor() {
    this.pendingIncident = deepLinkFromArgv(process.argv)?.incidentId ?? null;
    this.registerProtocol();
    // macOS hands links to the running app, also before it is ready; Windows/Linux start a second instance.
    app.on('open-url', (event, url) => {
      event.preventDefault();
      this.openLink(url);
    });
    app.on('second-instance', (_event, argv) => {
      if (!this.started) return; // start() shows the window anyway
      const link = deepLinkFromArgv(argv);
      if (link) this.openIncident(link.incidentId);
      else this.showWindow();
    });
    app.on('before-quit', () => {
      this.quitting = true;
    });
    app.on('will-quit', () => {
      this.pageAlerter?.stop();
      this.notifier?.stop();
      this.host.stop();
      this.tray?.destroy();
    });
    // Closing the window only hides it: the tray keeps paging. Quitting is explicit.
    app.on('window-all-closed', () => undefined);
    app.on('activate', () => {
      if (this.started) this.showWindow();
    });
  }

  private async chooseSavePath(suggestedName: string, kind: 'markdown' | 'csv' | 'pdf'): Promise<string | null> {
    const filter = { markdown: 'Markdown', csv: 'CSV', pdf: 'PDF' }[kind];
    const extension = kind === 'markdown' ? 'md' : kind;
    const options = {
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: filter, extensions: [extension] }],
    };
    const window = this.liveWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  start(): void {
    if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
    this.settings = createSettings(log);
    installSessionPolicy(session.defaultSession);

    const storage = new FileStorage(join(app.getPath('userData'), 'sync'));
    const createEngine = ({ hubUrl, token }: HubCredentials): EngineLike =>
      new SyncEngine({ hubUrl, token, storage, timers, newId: () => randomUUID() });
    const hubSession = new HubSession({
      host: this.host,
      settings: this.settings,
      openConnection: (request) =>
        openHubConnection(request, { fetch: (url, init) => fetch(url, init), timers, createEngine }),
      startEngine: (credentials) => {
        const engine = createEngine(credentials);
        engine.start();
        return engine;
      },
      log,
    });

    // Pages: notifications with Acknowledge, reminders until answered; the tray shows the alert (tray-state.ts).
    this.pageAlerter = new DesktopPageAlerter({
      host: this.host,
      clock: systemClock,
      timers,
      sink: new NativePageAlertSink(log),
      open: (id) => (id ? this.openIncident(id) : this.showWindow()),
      log,
    });
    const pageAlerter = this.pageAlerter;
    this.tray = new AppTray(resourcePath('tray'), {
      openIncident: (id) => this.openIncident(id),
      acknowledge: (id) => void pageAlerter.acknowledge(id),
      openWindow: () => this.showWindow(),
      setAvailability: (availability) => {
        this.settings.setAvailability(availability);
        this.refreshTray();
      },
      quit: () => app.quit(),
    });
    // New incidents, escalations, roles, overdue updates: decided and grouped in shared/notify (incident-notifier.ts).
    this.notifier = new DesktopNotifier({
      host: this.host,
      clock: systemClock,
      timers,
      sink: new NativeNotificationSink(log),
      prefs: () => this.settings.settings.notifications,
      availability: () => this.settings.settings.availability,
      open: (id) => (id ? this.openIncident(id) : this.showWindow()),
    });
    // The page gets what changed (a whole view only when needed: shared/ipc/view-feed.ts), not every view whole.
    this.feed = this.host.feed(
      (name, payload) => sendToRenderer(this.window, name, payload),
      () => signedOutView(this.settings.settings.hubUrl),
    );
    this.host.onChange(() => this.refreshTray());

    const handlers = createRequestHandlers({
      host: this.host,
      session: hubSession,
      settings: this.settings,
      openExternal: (url) => shell.openExternal(url),
      onSettingsChanged: () => this.refreshTray(),
      drafts: new DraftsStore(join(app.getPath('userData'), 'postmortem-drafts')),
      httpGet: (url, init) => fetch(url, init),
      chooseSavePath: (suggestedName, kind) => this.chooseSavePath(suggestedName, kind),
      printWindowToPdf: async () => {
        const window = this.liveWindow();
        if (!window) throw new Error('The window is closed: open it and export again.');
        return window.webContents.printToPDF({ printBackground: false, pageSize: 'A4' });
      },
    });
    registerIpcHandlers(
      handlers,
      () => ({ fileUrl: RENDERER_URL, webContentsId: this.liveWindow()?.webContents.id ?? null }),
      log,
    );

    const location = localHubLocation(process.env, process.platform, homedir());
    const local = readLocalHubCredentials(location, (file) => readFileSync(file, 'utf8'));
    if (!local.ok) log.info(`No local hub token to pick up: ${local.reason}`);
    hubSession.resume(local.ok ? local.credentials : null);

    this.started = true;
    this.refreshTray();
    this.showWindow();
  }

  private registerProtocol(): void {
    // In development Electron runs as `electron path/to/app`: the OS must call it with the app's path.
    const registered =
      process.defaultApp && process.argv[1]
        ? app.setAsDefaultProtocolClient(PROTOCOL_SCHEME, process.execPath, [resolve(process.argv[1])])
        : app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);
    if (!registered) log.warn(`Could not register as the handler of ${PROTOCOL_SCHEME}:// links`);
  }

  private openLink(url: string): void {
    const link = parseDeepLink(url);
    if (link) this.openIncident(link.incidentId);
    else log.warn('Ignored a link that is not warroom://incident/<id>', { url: url.slice(0, 200) });
  }

  private openIncident(incidentId: string): void {
    this.pendingIncident = incidentId;
    if (!this.started) return; // start() opens the window, which shows it once loaded
    this.showWindow();
    if (this.pageReady) this.flushPendingIncident();
  }

  private flushPendingIncident(): void {
    if (this.pendingIncident === null) return;
    sendToRenderer(this.window, 'openIncident', this.pendingIncident);
    this.pendingIncident = null;
  }

  private liveWindow(): BrowserWindow | null {
    return this.window && !this.window.isDestroyed() ? this.window : null;
  }

  private showWindow(): BrowserWindow {
    const window = this.liveWindow();
    if (!window) return this.createWindow(); // it shows itself once ready (no blank flash)
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return window;
  }

  private createWindow(): BrowserWindow {
    const saved = this.settings.settings.windowBounds;
    const window = createMainWindow({
      preloadPath: PRELOAD,
      rendererFile: RENDERER,
      placement: restorePlacement(
        saved,
        screen.getAllDisplays().map((display) => display.workArea),
      ),
      ...(process.platform === 'darwin' ? {} : { iconPath: resourcePath('icon.png') }),
      onBoundsChanged: (bounds) => this.settings.setWindowBounds(bounds),
      openExternal: (url) => {
        if (isSafeExternalUrl(url)) void shell.openExternal(url);
      },
      log,
    });
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (this.window !== window) return;
      this.window = null;
      this.pageReady = false;
    });
    window.webContents.on('did-start-loading', () => {
      this.pageReady = false;
    });
    window.webContents.on('did-finish-load', () => {
      this.pageReady = true;
      // A page just loaded has nothing to fold diffs into: it starts from a whole view.
      this.feed?.resend();
      this.flushPendingIncident();
    });
    this.window = window;
    return window;
  }

  private refreshTray(): void {
    this.tray?.update(trayState(this.host.view, this.settings.settings.availability));
  }
}

// A separate profile (settings, outbox, cache) for a second person on one machine, and for tests.
// It must be set before the single-instance lock, which is per profile.
if (process.env.WARROOM_USER_DATA) app.setPath('userData', process.env.WARROOM_USER_DATA);

if (app.requestSingleInstanceLock()) {
  const warroom = new WarroomApp();
  app
    .whenReady()
    .then(() => warroom.start())
    .catch((error: unknown) => {
      log.error('Warroom could not start', {
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      app.exit(1);
    });
} else {
  // Another Warroom is running: it got our arguments (and any link) through 'second-instance'.
  app.quit();
}
