import type { Severity } from '../../shared/domain/severity.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import type { Host } from '../bridge/index.js';
import type { AppStore } from './store.js';

export type ActionResult = { ok: true } | { ok: false; message: string };

export interface DeclareInput {
  readonly title: string;
  readonly severity: Severity;
  readonly service: string;
}

export interface TriedInput {
  readonly what: string;
  readonly hypothesis: string;
}

/**
 * Everything the UI can ask for, outside React: components call these; the host's messages come in through
 * `start`. Built with its dependencies passed in, so tests drive it with a fake host and a fresh store.
 */
export function createActions(store: AppStore, getHost: () => Host, newId: () => string) {
  let stop: (() => void) | null = null;
  const api = () => getHost().api;

  const receiveView = (view: EngineView): void => {
    const s = store.getState();
    s.receiveConnection(view);
    s.receiveIncidents(view);
  };

  const refreshSettings = async (): Promise<void> => {
    const settings = await api().getSettings();
    store.getState().setSignedIn(settings.signedIn, settings.hubUrl);
    store.getState().setCanAskNotifications(getHost().notifications.canAskNotificationPermission());
  };

  const send = async (type: string, incidentId: string, payload: Record<string, unknown>): Promise<SendResult> =>
    api().sendCommand({ type, incidentId, payload });

  return {
    /** Listens to the host and loads settings and the first view. Returns the function that stops listening. */
    async start(): Promise<() => void> {
      if (stop) return stop;
      const offView = api().onViewChanged(receiveView);
      const offOpen = api().onOpenIncident((incidentId) => store.getState().selectIncident(incidentId));
      stop = () => {
        offView();
        offOpen();
        stop = null;
      };
      await refreshSettings();
      receiveView(await api().getView());
      return stop;
    },

    async connect(hubUrl: string, token: string): Promise<ActionResult> {
      const ui = store.getState();
      ui.setConnectAttempt({ connecting: true, error: null });
      try {
        const result = await api().connect({ hubUrl, token });
        if (!result.ok) {
          ui.setConnectAttempt({ connecting: false, error: result.message });
          return result;
        }
        ui.setConnectAttempt({ connecting: false, error: null });
        await refreshSettings();
        receiveView(await api().getView());
        return { ok: true };
      } catch (error) {
        const message = `Could not connect: ${error instanceof Error ? error.message : String(error)}`;
        ui.setConnectAttempt({ connecting: false, error: message });
        return { ok: false, message };
      }
    },

    /** Declares an incident (queued if offline) and opens it. */
    async declareIncident(input: DeclareInput): Promise<ActionResult> {
      const incidentId = newId();
      const result = await send('incident.declare', incidentId, {
        title: input.title,
        severity: input.severity,
        service: input.service,
      });
      if (!result.ok) return { ok: false, message: readable(result.error.message) };
      store.getState().selectIncident(incidentId);
      return { ok: true };
    },

    async addTried(incidentId: string, input: TriedInput): Promise<ActionResult> {
      const result = await send('tried.add', incidentId, {
        entryId: newId(),
        what: input.what,
        hypothesis: input.hypothesis,
      });
      return result.ok ? { ok: true } : { ok: false, message: readable(result.error.message) };
    },

    async dismissRejection(commandId: string): Promise<void> {
      await api().dismissRejection(commandId);
    },

    openIncident(incidentId: string): void {
      store.getState().selectIncident(incidentId);
    },

    showBoard(): void {
      store.getState().selectIncident(null);
    },

    async signOut(): Promise<void> {
      await api().signOut();
      store.getState().selectIncident(null);
      await refreshSettings();
      receiveView(await api().getView());
    },

    /** Must run inside a click handler: browsers only ask for permission on a user gesture. */
    async enableNotifications(): Promise<void> {
      const host = getHost();
      try {
        await host.notifications.askNotificationPermission();
      } finally {
        store.getState().setCanAskNotifications(host.notifications.canAskNotificationPermission());
      }
    },
  };
}

export type AppActions = ReturnType<typeof createActions>;

/** The engine names fields by path ("payload.title: must not be empty"); people know them by name. */
function readable(message: string): string {
  return message.replace(/\bpayload\./g, '').replace(/^\w/, (c) => c.toUpperCase());
}
