import { BrowserWindow, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import type { Logger } from './log.js';
import type { WindowBounds } from './settings-model.js';
import {
  MIN_WINDOW_SIZE,
  debounce,
  decideNavigation,
  decideWindowOpen,
  withContentSecurityPolicy,
  type WindowPlacement,
} from './window-policy.js';

export interface MainWindowOptions {
  /** dist/main/preload.cjs */
  readonly preloadPath: string;
  /** dist/renderer/index.html */
  readonly rendererFile: string;
  readonly placement: WindowPlacement;
  /** App icon for Linux and Windows title bars (macOS uses the bundle's). */
  readonly iconPath?: string;
  /** Called (debounced) when the window is moved, resized, maximised or restored. */
  readonly onBoundsChanged: (bounds: WindowBounds) => void;
  /** Opens a checked http(s) link in the system browser. */
  readonly openExternal: (url: string) => void;
  readonly log: Logger;
}

/**
 * Hardening of the session the window uses: our CSP on every http(s) response (file: responses carry no
 * headers to change: the CSP <meta> in dist/renderer/index.html covers the page itself, see window-policy.ts),
 * and no web permission (camera, geolocation, web notifications…) for any page: the renderer needs none.
 */
export function installSessionPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.url, details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The one app window: sandboxed, isolated, no Node, and unable to navigate away from our page. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { placement, log } = options;
  const window = new BrowserWindow({
    width: placement.width,
    height: placement.height,
    ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Warroom',
    backgroundColor: '#14161c',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  if (placement.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const rendererUrl = pathToFileURL(options.rendererFile).href;
  const contents = window.webContents;
  const guard = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideNavigation(url, rendererUrl);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') options.openExternal(url);
    else log.warn('Blocked navigation away from the Warroom page', { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-externally') options.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('render-process-gone', (_event, details) =>
    log.error('The window page crashed', { reason: details.reason }),
  );

  const saveBounds = debounce(
    () => {
      if (window.isDestroyed()) return;
      options.onBoundsChanged({ ...window.getNormalBounds(), maximized: window.isMaximized() });
    },
    500,
    { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) },
  );
  window.on('resize', () => saveBounds.call());
  window.on('move', () => saveBounds.call());
  window.on('maximize', () => saveBounds.call());
  window.on('unmaximize', () => saveBounds.call());
  window.on('close', () => saveBounds.flush());

  window.loadFile(options.rendererFile).catch((error: unknown) => {
    log.error('Could not load the Warroom page: is the renderer built (dist/renderer/index.html)?', {
      file: options.rendererFile,
      error: String(error),
    });
  });
  return window;
}
