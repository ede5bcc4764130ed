import type { CommandType } from '../shared/domain/commands.js';
import { commandError } from '../shared/domain/errors.js';
import type { RequestName, RequestResults } from '../shared/ipc/contract.js';
import { isSafeExternalUrl } from './deep-link.js';
import type { EngineHost, EngineLike } from './engine-host.js';
import { signedOutView } from '../shared/sync/engine-view.js';
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
    sendCommand: ({ type, incidentId, payload }) => {
      const engine = host.engine;
      if (!engine) return { ok: false, error: commandError('unauthorized', 'Not connected to a hub: connect first.') };
      // The engine parses the whole command with commandSchema and refuses a wrong type or payload itself.
      return engine.send(type as CommandType, incidentId, payload as never);
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
  };
}
