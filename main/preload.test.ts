// The preload runs in a sandboxed renderer, where require() knows nothing but 'electron': one more require
// and the window opens with no `window.warroom` at all. This checks the compiled file (built by vitest's global
// setup), then runs it the way Electron does (wrapped in a function given require, exports and module) against
// a fake electron, to check what it exposes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  eventChannel,
  HOST_EVENT_LISTENERS,
  requestChannel,
  requestSchemas,
  type RequestName,
  type DesktopApi,
} from '../shared/ipc/contract.js';

const PRELOAD = fileURLToPath(new URL('../dist/main/preload.cjs', import.meta.url));

let source: string;

beforeAll(() => {
  source = readFileSync(PRELOAD, 'utf8');
});

/**
 * Every require(...) and import(...) in a script, read from its syntax tree (comments are not code). A require
 * not called with a string literal (an alias, a variable) is reported as '<computed>'.
 */
function modulesLoadedBy(code: string): { requires: string[]; imports: string[] } {
  const file = ts.createSourceFile('preload.cjs', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const requires: string[] = [];
  const imports: string[] = [];
  const specifier = (call: ts.CallExpression): string => {
    const [first] = call.arguments;
    return call.arguments.length === 1 && first && ts.isStringLiteral(first) ? first.text : '<computed>';
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) imports.push(node.getText());
    if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) imports.push(specifier(node));
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') requires.push(specifier(node));
    }
    // `require` used other than as a direct call (aliased, passed along) hides what it loads.
    if (
      ts.isIdentifier(node) &&
      node.text === 'require' &&
      !(ts.isCallExpression(node.parent) && node.parent.expression === node)
    )
      requires.push('<computed>');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { requires, imports };
}

interface FakeElectron {
  exposed: Map<string, unknown>;
  invoked: { channel: string; args: unknown[] }[];
  listeners: Map<string, Set<(...args: unknown[]) => void>>;
}

/** Runs the compiled preload as Electron's sandbox does, with a require that knows only 'electron'. */
function runPreload(): FakeElectron {
  const fake: FakeElectron = { exposed: new Map(), invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        fake.invoked.push({ channel, args });
        return Promise.resolve(`answer to ${channel}`);
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        const set = fake.listeners.get(channel) ?? new Set();
        set.add(listener);
        fake.listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        fake.listeners.get(channel)?.delete(listener);
      },
    },
  };
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`);
  };
  const exports = {};
  const wrapper = vm.runInNewContext(`(function (require, process, exports, module) {\n${source}\n})`, {});
  wrapper(sandboxRequire, {}, exports, { exports });
  return fake;
}

describe('the compiled preload (dist/main/preload.cjs)', () => {
  it('requires electron and nothing else', () => {
    const { requires, imports } = modulesLoadedBy(source);
    expect(requires).toEqual(['electron']);
    expect(imports).toEqual([]);
  });

  it('is told apart from a preload that loads another file', () => {
    // The check above is only worth something if it sees other loads, in any form.
    const bad = `const e = require('electron'); const c = require("../shared/ipc/contract.js"); import('x'); const r = require; r('y');`;
    expect(modulesLoadedBy(bad)).toEqual({
      requires: ['electron', '../shared/ipc/contract.js', '<computed>'],
      imports: ['x'],
    });
  });

  it('exposes window.warroom with exactly one function per request and one per host event', () => {
    const { exposed } = runPreload();
    expect([...exposed.keys()]).toEqual(['warroom']);
    const api = exposed.get('warroom') as Record<string, unknown>;
    const subscriptions = Object.keys(HOST_EVENT_LISTENERS);
    const expected = [...Object.keys(requestSchemas), ...subscriptions].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it("sends each request on the contract's channel, with only its own arguments", async () => {
    const fake = runPreload();
    const api = fake.exposed.get('warroom') as DesktopApi;
    const calls: Record<RequestName, () => Promise<unknown>> = {
      getView: () => api.getView(),
      sendCommand: () => api.sendCommand({ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} }),
      dismissRejection: () => api.dismissRejection('cmd-1'),
      connect: () => api.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_x' }),
      getSettings: () => api.getSettings(),
      setNotificationPrefs: () =>
        api.setNotificationPrefs({ newIncident: true, escalation: true, roleAssigned: true, minSeverity: 'SEV-2' }),
      setAvailability: () => api.setAvailability('unavailable'),
      openExternal: () => api.openExternal('https://example.com'),
      signOut: () => api.signOut(),
      getTimeline: () => api.getTimeline('inc-1'),
      getOnCall: () => api.getOnCall(7),
      changeOnCall: () => api.changeOnCall({ kind: 'service.route', service: 'checkout', rotationId: 'r1' }),
      sendTestPage: () => api.sendTestPage(),
      getContact: () => api.getContact('u-bo'),
      changeContact: () => api.changeContact({ kind: 'method.verify', methodId: 'm1', code: '123456' }),
      testContact: () => api.testContact(),
      getStatusPage: () => api.getStatusPage(),
      changeStatusPage: () => api.changeStatusPage({ kind: 'channel.test', id: 'ch-1' }),
      listDrafts: () => api.listDrafts(),
      saveDraft: () =>
        api.saveDraft({
          incidentId: 'inc-1',
          baseRevision: null,
          markdown: '# Postmortem',
          savedAt: '2025-03-01T10:00:00.000Z',
          publishedAs: null,
        }),
      removeDraft: () => api.removeDraft('inc-1'),
      getMetrics: () => api.getMetrics({ from: '2025-03-01', to: '2025-04-01' }),
      saveFile: () => api.saveFile({ suggestedName: 'postmortem-INC-1.md', kind: 'markdown', text: '# x' }),
      printPdf: () => api.printPdf({ suggestedName: 'postmortem-INC-1.pdf' }),
    };
    for (const [name, call] of Object.entries(calls) as [RequestName, () => Promise<unknown>][]) {
      fake.invoked.length = 0;
      expect(await call()).toBe(`answer to ${requestChannel(name)}`);
      expect(fake.invoked).toHaveLength(1);
      expect(fake.invoked[0]?.channel).toBe(requestChannel(name));
      // Every argument the page gave is one the request's schema in main will check.
      expect(requestSchemas[name].safeParse(fake.invoked[0]?.args).success).toBe(true);
    }
  });

  it('sends getOnCall without an argument when none is given, so main parses `[]`', async () => {
    const fake = runPreload();
    const api = fake.exposed.get('warroom') as DesktopApi;
    await api.getOnCall();
    expect(fake.invoked).toEqual([{ channel: requestChannel('getOnCall'), args: [] }]);
  });

  it('sends getContact without an argument when none is given, so main parses `[]`', async () => {
    const fake = runPreload();
    const api = fake.exposed.get('warroom') as DesktopApi;
    await api.getContact();
    expect(fake.invoked).toEqual([{ channel: requestChannel('getContact'), args: [] }]);
  });

  it('forwards pages and on-call changes on their channels, payload only', () => {
    const fake = runPreload();
    const api = fake.exposed.get('warroom') as DesktopApi;
    const pages: unknown[] = [];
    let changes = 0;
    const offPages = api.onPage((page) => pages.push(page));
    api.onOnCallChanged((...args: unknown[]) => {
      expect(args).toEqual([]);
      changes++;
    });
    const page = { pageId: 'test-1', test: true };
    fake.listeners.get(eventChannel('pageReceived'))?.forEach((l) => l({ sender: 'ipc' }, page));
    fake.listeners.get(eventChannel('onCallChanged'))?.forEach((l) => l({ sender: 'ipc' }, null));
    offPages();
    fake.listeners.get(eventChannel('pageReceived'))?.forEach((l) => l({ sender: 'ipc' }, page));
    expect(pages).toEqual([page]);
    expect(changes).toBe(1);
  });

  it('forwards status page changes on their channel, with no payload', () => {
    const fake = runPreload();
    const api = fake.exposed.get('warroom') as DesktopApi;
    let changes = 0;
    const off = api.onStatusPageChanged((...args: unknown[]) => {
      expect(args).toEqual([]);
      changes++;
    });
    fake.listeners.get(eventChannel('statusPageChanged'))?.forEach((l) => l({ sender: 'ipc' }, null));
    off();
    fake.listeners.get(eventChannel('statusPageChanged'))?.forEach((l) => l({ sender: 'ipc' }, null));
    expect(changes).toBe(1);
  });

  it('forwards host events without the event object, and unsubscribes', () => {
    const fake = runPreload();
    const api = fake.exposed.get('warroom') as DesktopApi;
    const opened: string[] = [];
    const off = api.onOpenIncident((id) => opened.push(id));
    const channel = eventChannel('openIncident');
    const emit = (payload: string) => fake.listeners.get(channel)?.forEach((l) => l({ sender: 'ipc' }, payload));
    emit('inc-1');
    off();
    emit('inc-2');
    expect(opened).toEqual(['inc-1']);
    expect(fake.listeners.get(channel)?.size).toBe(0);

    const views: unknown[] = [];
    api.onViewChanged((view) => views.push(view));
    fake.listeners.get(eventChannel('viewChanged'))?.forEach((l) => l({}, { status: 'online' }));
    expect(views).toEqual([{ status: 'online' }]);

    // The diffs main sends between whole views, each on its own channel.
    const diffs: unknown[] = [];
    api.onPendingChanged((pending) => diffs.push(pending));
    api.onConnectionChanged((fields) => diffs.push(fields));
    fake.listeners.get(eventChannel('pendingChanged'))?.forEach((l) => l({}, []));
    fake.listeners.get(eventChannel('connectionChanged'))?.forEach((l) => l({}, { status: 'offline' }));
    expect(diffs).toEqual([[], { status: 'offline' }]);
  });
});
