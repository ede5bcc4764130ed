// The desktop's start, run as far as it runs without Electron (issue 13). main/main.ts is wiring nothing else runs:
// this loads the BUILT main process (dist/main/main.js, built by vitest's global setup: tsc -b) in a child Node
// process where the specifier `electron` resolves, through a loader hook, to a recording fake that throws on any API
// it does not have (child/). The child plays Electron's part (ready, the page loading, links, the renderer's
// requests, closing the window, the tray's Quit) and the record is checked here: the window's security settings,
// one IPC handler per contract request and no other, the preload's API on those same channels, the tray, the link
// and single-instance wiring, and a quit that stops everything, so the process ends by itself.
// Not covered (it needs a real Electron): the page itself, native menus and notifications, safeStorage, packaging.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventChannel, requestChannel, type RequestName } from '../../../shared/ipc/contract.js';
import { buildBootChild } from './build-child.js';
import { compareChannels, eventChannels, requestChannels, requestNames } from './contract-channels.js';
import { callsTo, indexOf, notesOf, type BootRecord } from './record-format.js';
import { bootMain, type BootRun } from './run-child.js';
import { mapPreloadChannels } from './run-preload.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'dist', 'main', 'main.js');
const PRELOAD = join(ROOT, 'dist', 'main', 'preload.cjs');
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');
/** A link on the command line: the incident to show once the page has loaded. */
const ARGV_LINK = 'warroom://incident/inc-1';

let folder: string;
let child: string;
let run: BootRun;

/** The child's notes that say something went wrong (child/boot-child.ts, child/fake-electron.ts). */
const TROUBLE = [
  'uncaught',
  'unhandled-rejection',
  'missing-api',
  'app.exit',
  'no-window',
  'no-quit-item',
  'stuck',
  'still-running',
];

/** How a run ended and what went wrong in it, for a failure message worth reading. */
function explain(result: BootRun): string {
  const trouble = result.record.filter((line) => line.kind === 'note' && TROUBLE.includes(line.what));
  return `exit ${String(result.code)} ${String(result.signal)}; ${JSON.stringify(trouble)}\nstderr: ${result.stderr.slice(-2000)}`;
}

const sentOn = (record: readonly BootRecord[], channel: string): unknown[] =>
  callsTo(record, 'BrowserWindow#1.webContents.send')
    .filter((call) => call.args[0] === channel)
    .map((call) => call.args[1]);

beforeAll(async () => {
  expect(existsSync(MAIN), `${MAIN} is built by vitest's global setup (tsc -b)`).toBe(true);
  folder = mkdtempSync(join(tmpdir(), 'warroom-boot-'));
  child = buildBootChild(join(folder, 'child'));
  run = await bootMain({ child, main: MAIN, appPath: ROOT, folder: join(folder, 'run'), argv: [ARGV_LINK] });
});

afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the built main process, booted on a fake electron', () => {
  it('starts, lives and quits without an error, and then ends by itself', () => {
    expect(run.code, explain(run)).toBe(0);
    for (const what of ['main-loaded', 'ready-handled', 'page-loaded'])
      expect(notesOf(run.record, what)).toHaveLength(1);
    expect(notesOf(run.record, 'quit-outcome')).toEqual([true]);
    expect(notesOf(run.record, 'missing-api')).toEqual([]);
    expect(run.stderr).not.toMatch(/could not start/i);
  });

  it('takes the single-instance lock after choosing the profile, and starts only once ready', () => {
    const { record } = run;
    const setProfile = indexOf(
      record,
      (line) =>
        line.kind === 'call' &&
        line.api === 'app.setPath' &&
        line.args[0] === 'userData' &&
        line.args[1] === run.profile,
    );
    const lock = indexOf(record, (line) => line.kind === 'call' && line.api === 'app.requestSingleInstanceLock');
    const ready = indexOf(record, (line) => line.kind === 'note' && line.what === 'main-loaded');
    const window = indexOf(record, (line) => line.kind === 'call' && line.api === 'new BrowserWindow');
    expect(setProfile).toBeGreaterThanOrEqual(0);
    expect(lock).toBeGreaterThan(setProfile);
    expect(window).toBeGreaterThan(ready);
    // The settings went to that profile, not to the default user data folder.
    expect(existsSync(join(run.profile, 'settings.json'))).toBe(true);
  });

  it('opens one window: isolated, sandboxed, no Node, web security on, with the built preload and page', () => {
    const windows = callsTo(run.record, 'new BrowserWindow');
    expect(windows).toHaveLength(1);
    const options = windows[0]?.args[0] as Record<string, unknown>;
    expect(options.webPreferences).toEqual({
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(existsSync(PRELOAD)).toBe(true);
    // Hidden until its page is ready (no blank flash), then shown.
    expect(options).toMatchObject({ show: false, title: 'Warroom' });
    expect(notesOf(run.record, 'page-loaded')).toEqual([{ visible: true }]);
    expect(callsTo(run.record, 'BrowserWindow#1.loadFile').map((call) => call.args)).toEqual([[RENDERER]]);
  });

  it("keeps the window on Warroom's page: other pages are refused, web links go to the browser", () => {
    const navigations = notesOf(run.record, 'will-navigate') as { url: string; prevented: boolean }[];
    expect(navigations.map((navigation) => navigation.prevented)).toEqual([false, true, true]);
    expect(notesOf(run.record, 'window-open')).toEqual([{ action: 'deny' }]);
    expect(notesOf(run.record, 'will-attach-webview')).toEqual([{ prevented: true }]);
    expect(callsTo(run.record, 'shell.openExternal').map((call) => call.args[0])).toEqual([
      'https://example.com/page',
      'https://example.com/popup',
    ]);
    expect(notesOf(run.record, 'permission-request')).toEqual([false]);
    expect(notesOf(run.record, 'permission-check')).toEqual([false]);
    const [headers] = notesOf(run.record, 'headers') as { responseHeaders: Record<string, unknown> }[];
    expect(Object.keys(headers?.responseHeaders ?? {})).toContain('Content-Security-Policy');
  });

  it('handles every request of the IPC contract, and nothing else', () => {
    const handled = callsTo(run.record, 'ipcMain.handle').map((call) => String(call.args[0]));
    expect(compareChannels(requestChannels(), handled)).toEqual({ missing: [], unexpected: [], duplicated: [] });
  });

  it("checks every request before its handler runs: arguments, and that it comes from Warroom's page", () => {
    const refusals = notesOf(run.record, 'ipc-bad-args') as { channel: string; ran: boolean; message?: string }[];
    expect(refusals.map((refusal) => refusal.channel).sort()).toEqual(requestChannels());
    for (const refusal of refusals)
      expect(refusal, refusal.channel).toMatchObject({
        ran: false,
        message: expect.stringMatching(/malformed arguments/),
      });
    expect(notesOf(run.record, 'ipc-getView-from-page')).toEqual([expect.objectContaining({ ran: true })]);
    expect(notesOf(run.record, 'ipc-getView-from-elsewhere')).toEqual([
      expect.objectContaining({ ran: false, message: expect.stringMatching(/not from the Warroom page/) }),
    ]);
  });

  it('exposes through the preload exactly the requests main handles and the events main sends', () => {
    const preload = mapPreloadChannels(PRELOAD);
    expect(preload.missing).toEqual([]);
    expect(preload.exposedKeys).toEqual(['warroom']);
    const requests = new Set<string>(requestNames());
    const subscriptions = Object.keys(preload.channelOf).filter((key) => !requests.has(key));
    // Each request function invokes its own channel, and main handles exactly those.
    const invoked = requestNames().flatMap((name) => preload.channelOf[name]?.map((use) => use.channel) ?? []);
    const handled = callsTo(run.record, 'ipcMain.handle').map((call) => String(call.args[0]));
    expect(compareChannels(handled, invoked)).toEqual({ missing: [], unexpected: [], duplicated: [] });
    for (const name of requestNames()) {
      expect(preload.channelOf[name], name).toEqual([{ via: 'invoke', channel: requestChannel(name as RequestName) }]);
    }
    // Everything else is an on… subscription to one host event; together they cover every event of the contract.
    for (const key of subscriptions) {
      expect(key).toMatch(/^on[A-Z]/);
      expect(
        preload.channelOf[key]?.map((use) => use.via),
        key,
      ).toEqual(['on']);
    }
    const subscribed = subscriptions.map((key) => preload.channelOf[key]?.[0]?.channel ?? '');
    expect(compareChannels(eventChannels(), subscribed)).toEqual({ missing: [], unexpected: [], duplicated: [] });
    // And main sends only on those.
    const sent = callsTo(run.record, 'BrowserWindow#1.webContents.send').map((call) => String(call.args[0]));
    expect(compareChannels(eventChannels(), [...new Set(sent)]).unexpected).toEqual([]);
  });

  it('puts Warroom in the tray, with a Quit item', () => {
    const trays = callsTo(run.record, 'new Tray');
    expect(trays).toHaveLength(1);
    const icons = callsTo(run.record, 'nativeImage.createFromPath').map((call) => String(call.args[0]));
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) expect(existsSync(icon), icon).toBe(true);
    expect(notesOf(run.record, 'tray-menu')).toEqual([expect.arrayContaining(['Quit Warroom'])]);
  });

  it('registers for warroom:// links and shows the incident of each: command line, open-url, second instance', () => {
    expect(callsTo(run.record, 'app.setAsDefaultProtocolClient').map((call) => call.args[0])).toEqual(['warroom']);
    const events = callsTo(run.record, 'app.on').map((call) => call.args[0]);
    // window-all-closed has a listener, so closing the last window does not quit: the tray keeps paging.
    expect(events).toEqual(
      expect.arrayContaining(['open-url', 'second-instance', 'before-quit', 'will-quit', 'window-all-closed']),
    );
    expect(notesOf(run.record, 'open-url')).toEqual([{ prevented: true }]);
    // The command line's link waits for the page; the malformed link is ignored.
    expect(sentOn(run.record, eventChannel('openIncident'))).toEqual(['inc-1', 'inc-2', 'inc-3']);
  });

  it('hides the window on close; Quit closes it, stops the engine and the tray, and the process ends', () => {
    expect(notesOf(run.record, 'window-close')).toEqual([{ prevented: true, visible: false }]);
    // The engine ran: it was connecting to the hub it was given (the local hub's token file).
    expect(sentOn(run.record, eventChannel('viewChanged'))).toContainEqual(
      expect.objectContaining({ hubUrl: run.hubUrl, status: 'connecting' }),
    );
    const quit = indexOf(run.record, (line) => line.kind === 'call' && line.api === 'app.quit');
    const trayGone = indexOf(run.record, (line) => line.kind === 'call' && line.api === 'Tray#1.destroy');
    expect(quit).toBeGreaterThanOrEqual(0);
    expect(trayGone).toBeGreaterThan(quit);
    // Ending by itself (exit 0, no watchdog) is the proof nothing is left running: a live engine keeps reconnecting.
    expect(notesOf(run.record, 'still-running')).toEqual([]);
    expect(run.code, explain(run)).toBe(0);
  });
});

describe('the boot probes', () => {
  it('a second instance hands over and quits: no window, no handlers, no tray', async () => {
    const second = await bootMain({
      child,
      main: MAIN,
      appPath: ROOT,
      folder: join(folder, 'second'),
      lockTaken: true,
    });
    expect(second.code, explain(second)).toBe(0);
    expect(callsTo(second.record, 'app.quit')).toHaveLength(1);
    for (const api of ['new BrowserWindow', 'ipcMain.handle', 'new Tray'])
      expect(callsTo(second.record, api)).toEqual([]);
  });

  it('sees a quit that leaves the engine running: the process does not end, and the watchdog says why', async () => {
    // Electron skipping 'will-quit' is main's will-quit listener gone: nothing is stopped.
    const leaky = await bootMain({
      child,
      main: MAIN,
      appPath: ROOT,
      folder: join(folder, 'leaky'),
      probe: 'skip-will-quit',
      watchdogMs: 1_000,
    });
    expect(notesOf(leaky.record, 'quit-outcome')).toEqual([true]);
    expect(leaky.code, explain(leaky)).toBe(7);
    expect(notesOf(leaky.record, 'still-running')).toEqual([expect.arrayContaining(['Timeout'])]);
  });
});
