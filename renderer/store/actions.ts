import type { TriedOutcome, Audience, FollowupState } from '../../shared/domain/incident.js';
import type { Person } from '../../shared/domain/primitives.js';
import type { Role } from '../../shared/domain/roles.js';
import type { Severity } from '../../shared/domain/severity.js';
import { findIncident } from '../../shared/domain/state.js';
import type { Status } from '../../shared/domain/status.js';
import type { OncallChange, PageNotification } from '../../shared/protocol/oncall-wire.js';
import type { EngineView, SendResult } from '../../shared/sync/engine-view.js';
import type { RejectedCommand } from '../../shared/sync/outbox.js';
import type { Host } from '../bridge/index.js';
import type { AppState } from './app-state.js';
import { draftKeys } from './draft-keys.js';
import { payloadProblem } from './input-problems.js';
import type { AppStore } from './store.js';
import type { AppPage, BoardFilter, IncidentView } from './ui-slice.js';

export type ActionResult = { ok: true } | { ok: false; message: string };

/** A change to the on-call set-up: the hub's advice when it took it, or its refusal in words. */
export type OncallChangeResult = { ok: true; warnings: readonly string[] } | { ok: false; message: string };

/** A test page: delivered (the hub sent it to my devices, at `at`), or why not. */
export type TestPageResult = { ok: true; at: string } | { ok: false; message: string };

/** How many days of schedule the on-call screen shows. */
export const ONCALL_DAYS = 14;

export interface DeclareInput {
  readonly title: string;
  readonly severity: Severity;
  readonly service: string;
  readonly impact?: string;
  /** Hand the Lead role to someone else at once; null or absent: the declarer leads. */
  readonly lead?: Person | null;
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

  const loadTimeline = (incidentId: string): void => {
    store.getState().followTimeline(incidentId);
    api()
      .getTimeline(incidentId)
      .then(
        // A long timeline arrives in one message: render it in a task of its own, not in the one that read it.
        (events) => nextTask().then(() => store.getState().receiveTimeline(incidentId, events)),
        (error: unknown) => store.getState().failTimeline(incidentId, errorText(error)),
      );
  };

  const receiveView = (view: EngineView): void => {
    const before = store.getState();
    const openId = before.timelineIncidentId;
    const wasConfirmed = openId !== null && findIncident(before.confirmed.incidents, openId) !== undefined;
    before.receiveConnection(view);
    before.receiveIncidents(view);
    if (openId === null) return;
    // A catch-up by snapshot brings no events, and a timeline asked for while offline or before the hub had the
    // incident failed: ask again once the hub is back, or has the incident.
    const backOnline = before.status !== 'online' && view.status === 'online';
    const nowConfirmed = !wasConfirmed && findIncident(view.confirmed.incidents, openId) !== undefined;
    if ((backOnline || nowConfirmed) && view.status === 'online') loadTimeline(openId);
  };

  const refreshSettings = async (): Promise<void> => {
    const settings = await api().getSettings();
    store.getState().setSignedIn(settings.signedIn, settings.hubUrl);
    store.getState().setCanAskNotifications(getHost().notifications.canAskNotificationPermission());
  };

  const send = async (type: string, incidentId: string, payload: Record<string, unknown>): Promise<ActionResult> => {
    const problem = payloadProblem(type, payload);
    if (problem) return { ok: false, message: problem };
    let result: SendResult;
    try {
      result = await api().sendCommand({ type, incidentId, payload });
    } catch (error) {
      return { ok: false, message: `Not sent: ${errorText(error)}` };
    }
    return result.ok ? { ok: true } : { ok: false, message: readable(result.error.message) };
  };

  const loadOnCall = async (): Promise<void> => {
    store.getState().startOncallLoad();
    try {
      const reply = await api().getOnCall(ONCALL_DAYS);
      if (reply.ok) store.getState().receiveOncall(reply.view);
      else store.getState().failOncall(readable(reply.error.message));
    } catch (error) {
      store.getState().failOncall(`Could not load the on-call set-up: ${errorText(error)}`);
    }
  };

  const receivePage = (page: PageNotification): void => store.getState().addPageNotice(page);

  /** The hub says the set-up changed: ask again if anything here shows it. */
  const onCallChanged = (): void => {
    const s = store.getState();
    if (s.oncall !== null || s.page !== 'board') void loadOnCall();
  };

  const openIncident = (incidentId: string, view: IncidentView = 'room'): void => {
    const s = store.getState();
    s.selectIncident(incidentId, view);
    if (s.timelineIncidentId === incidentId) return;
    // An incident the hub has not confirmed yet has no timeline there: it is asked for once the hub has it.
    if (findIncident(s.confirmed.incidents, incidentId)) loadTimeline(incidentId);
    else s.followTimeline(incidentId);
  };

  return {
    /** Listens to the host and loads settings and the first view. Returns the function that stops listening. */
    async start(): Promise<() => void> {
      if (stop) return stop;
      const offView = api().onViewChanged(receiveView);
      const offOpen = api().onOpenIncident((incidentId) => openIncident(incidentId));
      const offEvents = api().onEvents((events) => store.getState().receiveEvents(events));
      const offPage = api().onPage(receivePage);
      const offOnCall = api().onOnCallChanged(onCallChanged);
      stop = () => {
        offPage();
        offOnCall();
        offView();
        offOpen();
        offEvents();
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
        const message = `Could not connect: ${errorText(error)}`;
        ui.setConnectAttempt({ connecting: false, error: message });
        return { ok: false, message };
      }
    },

    /** Declares an incident (queued if offline) and opens it. */
    async declareIncident(input: DeclareInput): Promise<ActionResult> {
      const incidentId = newId();
      const payload: Record<string, unknown> = { title: input.title, severity: input.severity, service: input.service };
      if (input.impact) payload.impact = input.impact;
      if (input.lead) payload.lead = { id: input.lead.id, name: input.lead.name };
      const result = await send('incident.declare', incidentId, payload);
      if (result.ok) openIncident(incidentId);
      return result;
    },

    addTried(incidentId: string, input: TriedInput): Promise<ActionResult> {
      return send('tried.add', incidentId, { entryId: newId(), what: input.what, hypothesis: input.hypothesis });
    },

    setTriedOutcome(incidentId: string, entryId: string, outcome: TriedOutcome): Promise<ActionResult> {
      return send('tried.set_outcome', incidentId, { entryId, outcome });
    },

    changeSeverity(incidentId: string, severity: Severity, reason: string): Promise<ActionResult> {
      return send('incident.change_severity', incidentId, { severity, reason });
    },

    acknowledge(incidentId: string): Promise<ActionResult> {
      return send('incident.acknowledge', incidentId, {});
    },

    changeStatus(incidentId: string, status: Status, reason: string): Promise<ActionResult> {
      return send('incident.change_status', incidentId, { status, reason });
    },

    claimRole(incidentId: string, role: Role): Promise<ActionResult> {
      return send('role.claim', incidentId, { role });
    },

    assignRole(incidentId: string, role: Role, person: Person): Promise<ActionResult> {
      return send('role.assign', incidentId, { role, person: { id: person.id, name: person.name } });
    },

    releaseRole(incidentId: string, role: Role, personId?: string): Promise<ActionResult> {
      return send('role.release', incidentId, personId ? { role, personId } : { role });
    },

    createChecklist(incidentId: string, templateId: string, checklistId: string): Promise<ActionResult> {
      return send('checklist.create', incidentId, { checklistId, templateId });
    },

    addChecklistItem(incidentId: string, checklistId: string, text: string): Promise<ActionResult> {
      return send('checklist.add_item', incidentId, { checklistId, itemId: newId(), text });
    },

    setChecklistItem(incidentId: string, checklistId: string, itemId: string, done: boolean): Promise<ActionResult> {
      return send('checklist.set_item', incidentId, { checklistId, itemId, done });
    },

    postStatusUpdate(incidentId: string, audience: Audience, text: string): Promise<ActionResult> {
      return send('status_update.post', incidentId, { updateId: newId(), audience, text });
    },

    async dismissRejection(commandId: string): Promise<void> {
      await api().dismissRejection(commandId);
    },

    /** Puts what the person typed in a refused command back in its form, and dismisses the refusal. */
    async editAgain(rejected: RejectedCommand): Promise<void> {
      const { command } = rejected;
      const text = (key: string): string => {
        const value = command.payload[key];
        return typeof value === 'string' ? value : '';
      };
      const s = store.getState();
      switch (command.type) {
        case 'incident.declare':
          s.setDraft(draftKeys.declareTitle, text('title'));
          s.setDraft(draftKeys.declareImpact, text('impact'));
          s.setDraft(draftKeys.declareService, text('service'));
          break;
        case 'tried.add':
          s.setDraft(draftKeys.triedWhat(command.incidentId), text('what'));
          s.setDraft(draftKeys.triedHypothesis(command.incidentId), text('hypothesis'));
          break;
        case 'status_update.post':
          s.setDraft(draftKeys.updateText(command.incidentId), text('text'));
          break;
        case 'checklist.add_item':
          s.setDraft(draftKeys.checklistItem(command.incidentId, text('checklistId')), text('text'));
          break;
        case 'incident.change_severity':
          s.setDraft(draftKeys.severityReason(command.incidentId), text('reason'));
          break;
        case 'incident.change_status':
          s.setDraft(draftKeys.statusReason(command.incidentId), text('reason'));
          break;
        case 'followup.add': {
          s.setDraft(draftKeys.followupText(command.incidentId), text('text'));
          const owner = command.payload.owner;
          if (typeof owner === 'object' && owner !== null && 'id' in owner && typeof owner.id === 'string')
            s.setDraft(draftKeys.followupOwner(command.incidentId), owner.id);
          break;
        }
      }
      await api().dismissRejection(command.commandId);
    },

    openIncident: (incidentId: string) => openIncident(incidentId),
    /** The incident's postmortem editor (its timeline is loaded as for the room: the draft is made from it). */
    openPostmortem: (incidentId: string) => openIncident(incidentId, 'postmortem'),

    showBoard(): void {
      store.getState().setPage('board');
      store.getState().selectIncident(null);
      store.getState().followTimeline(null);
    },

    /** The on-call screen or my profile (or the board): leaves an open incident; loads the on-call set-up. */
    showPage(page: AppPage): void {
      const s = store.getState();
      s.setPage(page);
      s.selectIncident(null);
      s.followTimeline(null);
      if (page === 'oncall' || page === 'profile') void loadOnCall();
    },
    loadOnCall,
    /** A fresh id for a rotation or an override the person is creating. */
    newId(): string {
      return newId();
    },
    /** One change to rotations, overrides, routes or my profile; the screen reloads when the hub took it. */
    async changeOnCall(change: OncallChange): Promise<OncallChangeResult> {
      try {
        const reply = await api().changeOnCall(change);
        if (!reply.ok) return { ok: false, message: readable(reply.error.message) };
        void loadOnCall();
        return { ok: true, warnings: reply.warnings };
      } catch (error) {
        return { ok: false, message: `Not saved: ${errorText(error)}` };
      }
    },
    async sendTestPage(): Promise<TestPageResult> {
      try {
        const reply = await api().sendTestPage();
        return reply.ok ? { ok: true, at: reply.page.at } : { ok: false, message: readable(reply.error.message) };
      } catch (error) {
        return { ok: false, message: errorText(error) };
      }
    },
    dismissPageNotice(pageId: string): void {
      store.getState().dismissPageNotice(pageId);
    },
    /** Opens a link (a runbook) in the system browser; only http(s) links, anything else is ignored. */
    async openExternal(url: string): Promise<boolean> {
      if (!isWebLink(url)) return false;
      try {
        await api().openExternal(url);
        return true;
      } catch {
        return false;
      }
    },
    /** Asks the hub for the open incident's timeline again (after it could not be loaded). */
    reloadTimeline(): void {
      const id = store.getState().timelineIncidentId;
      if (id) loadTimeline(id);
    },

    async signOut(): Promise<void> {
      await api().signOut();
      store.getState().selectIncident(null);
      store.getState().followTimeline(null);
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

    toggleTheme(): void {
      const s = store.getState();
      s.setTheme(s.theme === 'dark' ? 'light' : 'dark');
    },

    setHelpOpen(open: boolean): void {
      store.getState().setHelpOpen(open);
    },

    setBoardFilter(filter: Partial<BoardFilter>): void {
      store.getState().setBoardFilter(filter);
    },

    setTriedFilter(filter: AppState['triedFilter']): void {
      store.getState().setTriedFilter(filter);
    },

    setTimelineFilter(filter: AppState['timelineFilter']): void {
      store.getState().setTimelineFilter(filter);
    },

    setDraft(key: string, text: string): void {
      store.getState().setDraft(key, text);
    },

    clearDrafts(...keys: string[]): void {
      store.getState().clearDrafts(...keys);
    },

    // ---- Follow-up actions (followups-panel.tsx) ----
    // Owners are sent as { id, name } only: the hub's people list also carries their hub role, which commands refuse.

    /** A new follow-up action, with an owner or none. */
    addFollowup(incidentId: string, text: string, owner: Person | null): Promise<ActionResult> {
      const person = owner ? { id: owner.id, name: owner.name } : null;
      return send('followup.add', incidentId, { followupId: newId(), text, owner: person });
    },

    setFollowupState(incidentId: string, followupId: string, state: FollowupState): Promise<ActionResult> {
      return send('followup.set_state', incidentId, { followupId, state });
    },

    /** Gives a follow-up to someone, or (null) leaves it without an owner. */
    assignFollowup(incidentId: string, followupId: string, owner: Person | null): Promise<ActionResult> {
      return send('followup.assign', incidentId, {
        followupId,
        owner: owner ? { id: owner.id, name: owner.name } : null,
      });
    },

    // ---- end of follow-up actions ----
  };
}

export type AppActions = ReturnType<typeof createActions>;

/** The engine names fields by path ("payload.title: must not be empty"); people know them by name. */
export function readable(message: string): string {
  return message.replace(/\bpayload\./g, '').replace(/^\w/, (c) => c.toUpperCase());
}

/** An http(s) URL: the only links handed to the system browser. */
export function isWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Resolves in a later task, so the browser can paint (and take input) in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
