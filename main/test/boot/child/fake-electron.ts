// A stand-in for the `electron` module, so the BUILT main process (dist/main/main.js) can run under plain Node in the
// boot test: a loader hook (hooks.ts) resolves the specifier `electron` here. It has exactly the APIs main and the
// libraries it loads (electron-store) use, behaving as Electron documents them where main depends on it (quit closes
// the windows, a second `ipcMain.handle` on a channel throws…); everything is recorded (record.ts) and anything else
// throws (strict.ts). `fakeControl` is for the driver (boot-child.ts), never for main: it is how the scenario plays
// Electron's part (ready, page loads, links, the quit sequence).
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record } from './record.js';
import { strict, strictClass } from './strict.js';

/** The folder the fake's default paths live in (the test gives a temporary one). */
const root = process.env.WARROOM_BOOT_ROOT ?? join(tmpdir(), 'warroom-boot');

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(fields: Record<string, unknown> = {}): FakeEvent {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault(): void {
      event.defaultPrevented = true;
    },
  };
  return event;
}

type Listener = (...args: unknown[]) => unknown;

/** An EventEmitter with the label it is recorded under. */
class Emitter extends EventEmitter {
  constructor(readonly fakeLabel: string) {
    super();
  }
}

let windows = 0;
/** The windows unwrapped, for the fake's own calls (the quit sequence), which are not main's and not recorded. */
const rawWindows: FakeBrowserWindow[] = [];
let trays = 0;
let menus = 0;
let notifications = 0;

class FakeWebContents extends Emitter {
  destroyed = false;
  windowOpenHandler: Listener | null = null;

  constructor(
    label: string,
    readonly id: number,
  ) {
    super(label);
  }

  send(): void {
    if (this.destroyed) throw new Error('fake electron: webContents.send on destroyed web contents');
  }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  printToPDF(): Promise<Buffer> {
    return Promise.resolve(Buffer.from('%PDF-fake'));
  }
}

class FakeBrowserWindow extends Emitter {
  readonly webContents: FakeWebContents;
  private readonly raw: FakeWebContents;
  destroyed = false;
  visible = false;
  maximized = false;
  minimized = false;

  constructor(readonly options: Record<string, unknown>) {
    windows += 1;
    super(`BrowserWindow#${windows}`);
    this.raw = new FakeWebContents(`${this.fakeLabel}.webContents`, 100 + windows);
    this.webContents = strict(this.raw.fakeLabel, this.raw);
    const window = strict(this.fakeLabel, this);
    rawWindows.push(this);
    fakeControl.windows.push(window);
    return window;
  }

  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {}
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 10, y: 20, width: Number(this.options.width), height: Number(this.options.height) };
  }
  /** Like Electron: rejects when the file is not there (main logs it and carries on). */
  loadFile(file: string): Promise<void> {
    this.raw.emit('did-start-loading');
    return existsSync(file) ? Promise.resolve() : Promise.reject(new Error(`ERR_FILE_NOT_FOUND (-6) loading ${file}`));
  }
  /** What Electron does on close: 'close' (cancellable), then the window and its contents are gone, 'closed'. */
  close(): boolean {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.raw.destroyed = true;
    this.emit('closed');
    return true;
  }
}

class FakeMenu {
  readonly fakeLabel: string;
  constructor(readonly items: readonly Record<string, unknown>[]) {
    menus += 1;
    this.fakeLabel = `Menu#${menus}`;
  }
}

class FakeTray extends Emitter {
  destroyed = false;
  menu: FakeMenu | null = null;

  constructor(readonly image: unknown) {
    trays += 1;
    super(`Tray#${trays}`);
    const tray = strict(this.fakeLabel, this);
    fakeControl.trays.push(tray);
    return tray;
  }

  setImage(): void {}
  setToolTip(): void {}
  setContextMenu(menu: FakeMenu | null): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class FakeNotification extends Emitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: unknown) {
    notifications += 1;
    super(`Notification#${notifications}`);
    return strict(this.fakeLabel, this);
  }
  show(): void {}
  close(): void {}
}

class FakeIpcMain extends Emitter {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, handler: Listener): void {
    // Electron's own refusal: one handler per channel.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

class FakeApp extends Emitter {
  readonly isPackaged = false;
  private readonly paths = new Map<string, string>([
    ['userData', join(root, 'default-user-data')],
    ['appData', join(root, 'app-data')],
    ['documents', join(root, 'documents')],
    ['home', root],
    ['temp', tmpdir()],
  ]);
  private ready = false;
  /** A quit sequence is under way (a second app.quit() joins it, as in Electron). */
  quitting = false;
  private resolveReady: () => void = () => undefined;
  private readonly readyPromise = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  getPath(name: string): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`fake electron: app.getPath('${name}') is not faked`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  /** In development Electron's app path is the folder of package.json: the repository. */
  getAppPath(): string {
    return process.env.WARROOM_BOOT_APP_PATH ?? process.cwd();
  }
  getVersion(): string {
    return '0.0.0-boot';
  }
  getName(): string {
    return 'Warroom';
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return process.env.WARROOM_BOOT_LOCK !== 'taken';
  }
  setAsDefaultProtocolClient(): boolean {
    return true;
  }
  setAppUserModelId(): void {}
  /** Like Electron, later (not inside the caller): before-quit, every window closed, will-quit, quit; each step may cancel. */
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    setImmediate(() => quitSequence(rawApp));
  }
  exit(code = 0): void {
    record({ kind: 'note', what: 'app.exit', data: code });
    process.exit(code);
  }

  /** The driver's: Electron is ready. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready', fakeEvent(), {});
    this.resolveReady();
  }
}

/**
 * Electron's quit sequence. WARROOM_BOOT_PROBE=skip-will-quit leaves out 'will-quit', as if main's listener were
 * gone: the boot test's probe that a quit which stops nothing is seen (the process then does not end by itself).
 */
function quitSequence(app: FakeApp): void {
  const cancelled = (by: string): void => {
    app.quitting = false;
    record({ kind: 'note', what: 'quit-cancelled', data: by });
    fakeControl.quitSettled(false);
  };
  const beforeQuit = fakeEvent();
  app.emit('before-quit', beforeQuit);
  if (beforeQuit.defaultPrevented) return cancelled('before-quit');
  for (const window of rawWindows) {
    if (!window.isDestroyed() && !window.close()) return cancelled(`${window.fakeLabel} close`);
  }
  const willQuit = fakeEvent();
  if (process.env.WARROOM_BOOT_PROBE !== 'skip-will-quit') app.emit('will-quit', willQuit);
  if (willQuit.defaultPrevented) return cancelled('will-quit');
  app.emit('quit', fakeEvent(), 0);
  record({ kind: 'note', what: 'quit' });
  fakeControl.quitSettled(true);
}

const rawApp = new FakeApp('app');
const rawIpcMain = new FakeIpcMain('ipcMain');
const sessionHandlers: {
  permissionRequest: Listener | null;
  permissionCheck: Listener | null;
  headers: Listener | null;
} = { permissionRequest: null, permissionCheck: null, headers: null };

let settleQuit: (quit: boolean) => void = () => undefined;

/** For the driver only: the fake's state, and Electron's side of the scenario. */
export const fakeControl = {
  app: rawApp,
  ipcHandlers: rawIpcMain.handlers,
  windows: [] as FakeBrowserWindow[],
  trays: [] as FakeTray[],
  session: sessionHandlers,
  /** Settles when a quit sequence ends: true when the app quit, false when something cancelled it. */
  quitOutcome: new Promise<boolean>((resolve) => {
    settleQuit = resolve;
  }),
  quitSettled: (quit: boolean): void => settleQuit(quit),
};

export const app = strict('app', rawApp);
export const ipcMain = strict('ipcMain', rawIpcMain);
export const BrowserWindow = strictClass('BrowserWindow', FakeBrowserWindow);
export const Tray = strictClass('Tray', FakeTray);
export const Notification = strictClass('Notification', FakeNotification);
export const Menu = strict('Menu', {
  buildFromTemplate: (template: readonly Record<string, unknown>[]): FakeMenu => strict('Menu', new FakeMenu(template)),
});
export const nativeImage = strict('nativeImage', {
  createFromPath: (path: string) =>
    strict('NativeImage', { fakeLabel: `NativeImage ${path}`, isEmpty: (): boolean => !existsSync(path) }),
});
export const session = strict('session', {
  defaultSession: strict('session.defaultSession', {
    webRequest: strict('session.defaultSession.webRequest', {
      onHeadersReceived: (listener: Listener): void => {
        sessionHandlers.headers = listener;
      },
    }),
    setPermissionRequestHandler: (handler: Listener): void => {
      sessionHandlers.permissionRequest = handler;
    },
    setPermissionCheckHandler: (handler: Listener): void => {
      sessionHandlers.permissionCheck = handler;
    },
  }),
});
export const screen = strict('screen', {
  getAllDisplays: () => [strict('Display', { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } })],
});
export const dialog = strict('dialog', {
  showSaveDialog: (): Promise<{ canceled: boolean; filePath: string }> =>
    Promise.resolve({ canceled: true, filePath: '' }),
});
export const shell = strict('shell', {
  openExternal: (): Promise<void> => Promise.resolve(),
  openPath: (): Promise<string> => Promise.resolve(''),
});
const SEALED = 'fake-sealed:';
export const safeStorage = strict('safeStorage', {
  isEncryptionAvailable: (): boolean => true,
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
  encryptString: (text: string): Buffer => Buffer.from(SEALED + text),
  decryptString: (sealed: Buffer): string => {
    const text = sealed.toString();
    if (!text.startsWith(SEALED)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.');
    return text.slice(SEALED.length);
  },
});

/** `import electron from 'electron'` (electron-store): the same objects, as strict. */
export default strict('electron', {
  app,
  ipcMain,
  BrowserWindow,
  Tray,
  Notification,
  Menu,
  nativeImage,
  session,
  screen,
  dialog,
  shell,
  safeStorage,
});
