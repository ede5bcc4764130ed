// The boot test's child process: registers the loader hook that gives main the fake electron, loads the BUILT main
// process (WARROOM_BOOT_MAIN, dist/main/main.js) and plays Electron's part of a short life: ready, the page loads,
// links arrive, the renderer asks, the window is closed, the tray's Quit is clicked. Each step is a note in the
// record; boot.test.ts judges. After quitting, the process must end by itself: a watchdog notes what still holds
// it (a running engine, a timer) and exits with STILL_RUNNING.
import { register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fakeControl, fakeEvent } from './fake-electron.js';
import { record } from './record.js';

/** Exit codes the test tells apart. */
const STILL_RUNNING = 7;
const CRASHED = 3;
const NO_WINDOW = 4;
const NO_QUIT_ITEM = 5;
const STUCK = 8;
/** How long the whole scenario may take before the child gives up, saying where it was. */
const STUCK_MS = 20_000;
/** How long a quit app may take to end before the watchdog says what holds it. */
const WATCHDOG_MS = Number(process.env.WARROOM_BOOT_WATCHDOG_MS ?? 10_000);

const note = (what: string, data?: unknown): void =>
  record({ kind: 'note', what, ...(data === undefined ? {} : { data }) });
/** Lets main react (promise callbacks, setImmediate work) before the next step. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const stuck = setTimeout(() => {
  note('stuck', process.getActiveResourcesInfo());
  process.exit(STUCK);
}, STUCK_MS).unref();

process.on('uncaughtException', (error) => {
  note('uncaught', error.stack ?? String(error));
  process.exit(CRASHED);
});
process.on('unhandledRejection', (reason) => {
  note('unhandled-rejection', reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  process.exit(CRASHED);
});

// The same URL main's `import 'electron'` will get, so both share one module instance (one fakeControl).
register(import.meta.resolve('./hooks.js'), { data: { fakeUrl: import.meta.resolve('./fake-electron.js') } });

const mainFile = process.env.WARROOM_BOOT_MAIN;
if (!mainFile) throw new Error('WARROOM_BOOT_MAIN: the built main.js to boot');
const rendererUrl = pathToFileURL(join(dirname(mainFile), '..', 'renderer', 'index.html')).href;

await import(pathToFileURL(mainFile).href);
note('main-loaded');
fakeControl.app.becomeReady();
await turn();
note('ready-handled');

if (process.env.WARROOM_BOOT_LOCK !== 'taken') await liveScenario();
note('quit-outcome', await fakeControl.quitOutcome);
clearTimeout(stuck);
setTimeout(() => {
  note('still-running', process.getActiveResourcesInfo());
  process.exit(STILL_RUNNING);
}, WATCHDOG_MS).unref();

async function liveScenario(): Promise<void> {
  const { app, session } = fakeControl;
  const window = fakeControl.windows[0];
  if (!window) {
    note('no-window');
    process.exit(NO_WINDOW);
  }
  const contents = window.webContents;

  // The page loads: Electron shows the window and tells main the page is there.
  window.emit('ready-to-show');
  contents.emit('did-finish-load');
  await turn();
  note('page-loaded', { visible: window.visible });

  // Links: macOS hands them to the running app, Windows/Linux start a second instance that hands over its argv.
  const link = fakeEvent();
  app.emit('open-url', link, 'warroom://incident/inc-2');
  note('open-url', { prevented: link.defaultPrevented });
  app.emit('open-url', fakeEvent(), 'warroom://incident/inc-bad/../x?y');
  app.emit('second-instance', fakeEvent(), [process.execPath, 'warroom://incident/inc-3'], process.cwd(), {});
  app.emit('activate', fakeEvent(), true);
  await turn();

  // The window's guards: navigation away, window.open, <webview>.
  for (const url of [`${rendererUrl}#/incident/inc-1`, 'https://example.com/page', 'file:///etc/passwd']) {
    const navigation = fakeEvent({ url });
    contents.emit('will-navigate', navigation, url);
    note('will-navigate', { url, prevented: navigation.defaultPrevented });
  }
  note('window-open', contents.windowOpenHandler?.({ url: 'https://example.com/popup' }) ?? 'no handler');
  const webview = fakeEvent();
  contents.emit('will-attach-webview', webview, {}, {});
  note('will-attach-webview', { prevented: webview.defaultPrevented });

  // The session's policy: no web permission, a CSP on http(s) responses.
  session.permissionRequest?.(contents, 'media', (granted: boolean) => note('permission-request', granted), {});
  note(
    'permission-check',
    session.permissionCheck?.(contents, 'geolocation', 'https://example.com', {}) ?? 'no handler',
  );
  session.headers?.({ url: 'https://example.com/x', responseHeaders: {} }, (response: unknown) =>
    note('headers', response),
  );

  // IPC as the renderer would: every handler refuses arguments its schema does not allow (and so never runs with
  // them); our page may ask, another page may not.
  const fromPage = (url: string): unknown => ({ sender: { id: contents.id }, senderFrame: { url, parent: null } });
  const tooMany = Array.from({ length: 9 }, () => 'x');
  for (const [channel, handler] of fakeControl.ipcHandlers) {
    note('ipc-bad-args', { channel, ...(await outcome(() => handler(fromPage(rendererUrl), ...tooMany))) });
  }
  const getView = fakeControl.ipcHandlers.get('warroom:getView');
  note('ipc-getView-from-page', await outcome(() => getView?.(fromPage(rendererUrl))));
  note('ipc-getView-from-elsewhere', await outcome(() => getView?.(fromPage('https://evil.example/'))));

  // Closing the window only hides it: the tray keeps paging.
  const close = fakeEvent();
  window.emit('close', close);
  note('window-close', { prevented: close.defaultPrevented, visible: window.visible });

  // Quit from the tray's menu, as a person would.
  const items = fakeControl.trays[0]?.menu?.items ?? [];
  note(
    'tray-menu',
    items.map((item) => item.label ?? item.type),
  );
  const quit = items.find((item) => typeof item.label === 'string' && /^quit\b/i.test(item.label));
  if (typeof quit?.click !== 'function') {
    note('no-quit-item');
    process.exit(NO_QUIT_ITEM);
  }
  (quit.click as () => void)();
}

async function outcome(call: () => unknown): Promise<{ ran: boolean; message?: string; keys?: string[] }> {
  try {
    const value = await call();
    return { ran: true, keys: value !== null && typeof value === 'object' ? Object.keys(value).sort() : [] };
  } catch (error) {
    return { ran: false, message: error instanceof Error ? error.message : String(error) };
  }
}
