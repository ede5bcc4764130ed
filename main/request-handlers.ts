import { writeFile } from 'node:fs/promises';
import { commandError } from '../shared/domain/errors.js';
import type { RequestName, RequestResults } from '../shared/ipc/contract.js';
import { FILE_KINDS, type FileKind } from '../shared/ipc/files.js';
import { fetchMetrics, type HttpGet } from '../shared/metrics/fetch-metrics.js';
import { isSafeExternalUrl } from './deep-link.js';
import type { EngineHost, EngineLike } from './engine-host.js';
import { signedOutView } from '../shared/sync/engine-view.js';
import type { DraftsStore } from './drafts-store.js';
import type { RequestArgs } from './ipc-validation.js';
import type { HubSession } from './session.js';
import type { SettingsService } from './settings-service.js';

/** One handler per request of the contract, taking the arguments its schema parsed. */
export type RequestHandlers = {
  [K in RequestName]: (...args: RequestArgs<K>) => Promise<RequestResults[K]> | RequestResults[K];
};

export interface HandlerDeps {
  readonly host: EngineHost;
  readonly session: HubSession;
  readonly settings: SettingsService;
  /** shell.openExternal in the app. */
  readonly openExternal: (url: string) => Promise<void>;
  /** Preferences or availability changed (the tray shows availability). */
  readonly onSettingsChanged: () => void;
  /** Postmortem drafts in the app's data folder. */
  readonly drafts: DraftsStore;
  /** Node's fetch in the app, for the hub's HTTP API. */
  readonly httpGet: HttpGet;
  /** A save dialog: the path chosen, or null when cancelled. */
  readonly chooseSavePath: (suggestedName: string, kind: FileKind | 'pdf') => Promise<string | null>;
  /** The window's page as a PDF (webContents.printToPDF; the page's print style sheet decides what shows). */
  readonly printWindowToPdf: () => Promise<Uint8Array>;
}

/** The running engine, for requests that need the hub; signed out, they reject with a reason. */
function connected(host: EngineHost): EngineLike {
  const engine = host.engine;
  if (!engine) throw new Error('Not connected to a hub: connect first.');
  return engine;
}

/** What main answers to each renderer request. Arguments arrive already checked (ipc-validation.ts). */
export function createRequestHandlers(deps: HandlerDeps): RequestHandlers {
  const { host, session, settings } = deps;
  return {
    getView: () => host.view ?? signedOutView(settings.settings.hubUrl),
    sendCommand: (request) => {
      const engine = host.engine;
      if (!engine) return { ok: false, error: commandError('unauthorized', 'Not connected to a hub: connect first.') };
      return engine.submit(request);
    },
    dismissRejection: (commandId) => {
      host.engine?.dismissRejection(commandId);
    },
    connect: async (request) => {
      const result = await session.connect(request);
      deps.onSettingsChanged();
      return result;
    },
    getSettings: () => settings.publicSettings(host.engine !== null),
    setNotificationPrefs: (prefs) => {
      settings.setNotifications(prefs);
      deps.onSettingsChanged();
    },
    setAvailability: (availability) => {
      settings.setAvailability(availability);
      deps.onSettingsChanged();
    },
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) throw new Error('Only http:// and https:// links are opened in the browser.');
      await deps.openExternal(url);
    },
    signOut: () => {
      session.signOut();
      deps.onSettingsChanged();
    },
    getTimeline: async (incidentId) => connected(host).getTimeline(incidentId),
    getOnCall: async (days) => connected(host).getOnCall(days),
    changeOnCall: async (change) => connected(host).changeOnCall(change),
    sendTestPage: async () => connected(host).sendTestPage(),
    getContact: async (userId) => connected(host).getContact(userId),
    changeContact: async (change) => connected(host).changeContact(change),
    testContact: async () => connected(host).testContact(),
    getStatusPage: async () => connected(host).getStatusPage(),
    changeStatusPage: async (change) => connected(host).changeStatusPage(change),
    listDrafts: () => deps.drafts.list(),
    saveDraft: (draft) => deps.drafts.save(draft),
    removeDraft: (incidentId) => deps.drafts.remove(incidentId),
    getMetrics: async (query) => {
      const credentials = host.credentials;
      if (!credentials) throw new Error('Not connected to a hub: connect first.');
      return fetchMetrics(deps.httpGet, credentials.hubUrl, credentials.token, query);
    },
    saveFile: async ({ suggestedName, kind, text }) => {
      const path = await deps.chooseSavePath(withExtension(suggestedName, FILE_KINDS[kind].extension), kind);
      if (path === null) return { saved: false, where: null };
      await writeFile(path, text, 'utf8');
      return { saved: true, where: path };
    },
    printPdf: async ({ suggestedName }) => {
      // Printed first: the dialog must not leave the page printing whatever it shows after.
      const pdf = await deps.printWindowToPdf();
      const path = await deps.chooseSavePath(withExtension(suggestedName, 'pdf'), 'pdf');
      if (path === null) return { saved: false, where: null };
      await writeFile(path, pdf);
      return { saved: true, where: path };
    },
  };
}

/** The name with this extension (replacing another one), so the saved file opens in the right program. */
export function withExtension(name: string, extension: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${stem}.${extension}`;
}
