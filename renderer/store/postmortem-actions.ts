import { findIncident } from '../../shared/domain/state.js';
import { draftPostmortem } from '../../shared/postmortem/draft.js';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import { editDraft, publishBase, resolveConflict, startDraft } from '../../shared/postmortem/draft-status.js';
import { hasConflictMarkers } from '../../shared/postmortem/merge.js';
import type { ActionDeps } from './action-deps.js';
import { errorText, type ActionResult } from './action-results.js';
import type { IncidentCommands } from './incident-commands.js';
import { selectDraftStatus } from './postmortem-selectors.js';

export interface PostmortemActionsDeps extends ActionDeps {
  /** Publishing is an incident command like any other (checked with the hub's schema, then sent or queued). */
  readonly command: IncidentCommands['command'];
  readonly now?: () => Date;
  /** How long typing pauses before the draft is written to disk or browser storage. */
  readonly saveDelayMs?: number;
}

/**
 * Postmortem drafts: started from the event log (or the published revision), saved locally as the author types
 * (debounced, and at once when leaving the page), published with the revision they were based on, merged when
 * someone else published meanwhile. Local saves never need the hub.
 */
export function createPostmortemActions(deps: PostmortemActionsDeps) {
  const { store } = deps;
  const api = () => deps.getHost().api;
  const now = () => (deps.now ? deps.now() : new Date()).toISOString();
  const delay = deps.saveDelayMs ?? 400;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let loading: Promise<void> | null = null;

  const write = async (draft: PostmortemDraft): Promise<void> => {
    try {
      await api().saveDraft(draft);
      // Only the latest text counts as saved: an older save finishing late says nothing about newer typing.
      if (store.getState().localDrafts[draft.incidentId]?.savedAt === draft.savedAt)
        store.getState().setDraftSave(draft.incidentId, { kind: 'saved', at: draft.savedAt });
    } catch (error) {
      store
        .getState()
        .setDraftSave(draft.incidentId, { kind: 'failed', message: `Not saved on this computer: ${errorText(error)}` });
    }
  };

  /** Writes the draft now (cancelling a pending delayed save). */
  const saveNow = (incidentId: string): Promise<void> => {
    const timer = timers.get(incidentId);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(incidentId);
    const draft = store.getState().localDrafts[incidentId];
    return draft ? write(draft) : Promise.resolve();
  };

  const put = (draft: PostmortemDraft, save: 'now' | 'later'): Promise<void> => {
    store.getState().putLocalDraft(draft);
    store.getState().setDraftSave(draft.incidentId, { kind: 'waiting' });
    if (save === 'now') return saveNow(draft.incidentId);
    const previous = timers.get(draft.incidentId);
    if (previous !== undefined) clearTimeout(previous);
    timers.set(
      draft.incidentId,
      setTimeout(() => void saveNow(draft.incidentId), delay),
    );
    return Promise.resolve();
  };

  const postmortems = (incidentId: string) => {
    const s = store.getState();
    return {
      confirmed: findIncident(s.confirmed.incidents, incidentId)?.postmortem ?? null,
      shown: findIncident(s.state.incidents, incidentId)?.postmortem ?? null,
    };
  };

  return {
    /** Reads the drafts kept on this computer (once per store; calls meanwhile wait for the same read). */
    loadDrafts(): Promise<void> {
      if (store.getState().localDraftsLoaded) return Promise.resolve();
      loading ??= api()
        .listDrafts()
        .then(
          (drafts) => store.getState().setLocalDrafts(drafts),
          (error: unknown) => {
            store.getState().setLocalDrafts([]);
            throw new Error(`The drafts on this computer could not be read: ${errorText(error)}`);
          },
        )
        .finally(() => {
          loading = null;
        });
      return loading;
    },

    /**
     * A new draft for this incident: the latest published revision if there is one, else a first draft generated
     * from the incident and the events loaded for it (its timeline). An existing draft is never replaced,
     * unless it is outdated (published, and superseded since: the log has its text).
     */
    startDraft(incidentId: string): ActionResult {
      const s = store.getState();
      if (s.localDrafts[incidentId]) return { ok: true };
      const incident = findIncident(s.state.incidents, incidentId);
      if (!incident) return { ok: false, message: 'This incident is not known here.' };
      const events = s.timelineIncidentId === incidentId ? s.timelineEvents : [];
      const draft = startDraft(
        incidentId,
        postmortems(incidentId).confirmed,
        () => draftPostmortem(incident, events),
        now(),
      );
      void put(draft, 'now');
      return { ok: true };
    },

    /** The author typed: shown at once, saved after a short pause. */
    editDraft(incidentId: string, markdown: string): void {
      const draft = store.getState().localDrafts[incidentId];
      if (!draft) return;
      void put(editDraft(draft, markdown, now()), 'later');
    },

    /** Writes every draft with unsaved typing now (leaving the editor, closing or reloading the page). */
    flushDrafts(): Promise<void> {
      return Promise.all([...timers.keys()].map((id) => saveNow(id))).then(() => undefined);
    },

    /**
     * Sends the draft to the hub as a new revision on top of the one it was based on. Refused here when it
     * still has merge markers or when someone else's newer revision is known (merge first); the hub refuses
     * the same when it learns of one first (offline), and the editor then shows the merge.
     */
    async publish(incidentId: string): Promise<ActionResult> {
      await saveNow(incidentId);
      const draft = store.getState().localDrafts[incidentId];
      if (!draft) return { ok: false, message: 'There is no draft to publish.' };
      if (draft.markdown.trim() === '') return { ok: false, message: 'The postmortem is empty: write it first.' };
      if (hasConflictMarkers(draft.markdown))
        return {
          ok: false,
          message: 'The text still has merge markers (<<<<<<<, =======, >>>>>>>): choose what to keep, then publish.',
        };
      const { shown } = postmortems(incidentId);
      if (selectDraftStatus(store.getState(), incidentId) === 'conflict')
        return { ok: false, message: 'Someone published a newer revision: merge it into yours first.' };
      const revision = deps.newId();
      const payload = { revision, baseRevision: publishBase(draft, shown), markdown: draft.markdown };
      const sent = await deps.command({ type: 'postmortem.publish', incidentId, payload });
      if (!sent.ok) return sent; // the draft stays as it is, saved
      await put({ ...draft, publishedAs: revision }, 'now');
      return { ok: true };
    },

    /** The author accepted a merged text: the draft now builds on the revision they merged with. */
    acceptMerge(incidentId: string, merged: string): ActionResult {
      const draft = store.getState().localDrafts[incidentId];
      const theirs = postmortems(incidentId).confirmed;
      if (!draft || !theirs) return { ok: false, message: 'There is nothing to merge.' };
      void put(resolveConflict(draft, merged, theirs, now()), 'now');
      return { ok: true };
    },

    /** Forgets the local draft (the published revisions stay on the hub). */
    async discardDraft(incidentId: string): Promise<ActionResult> {
      const timer = timers.get(incidentId);
      if (timer !== undefined) clearTimeout(timer);
      timers.delete(incidentId);
      try {
        await api().removeDraft(incidentId);
      } catch (error) {
        return { ok: false, message: `Not discarded: ${errorText(error)}` };
      }
      store.getState().dropLocalDraft(incidentId);
      return { ok: true };
    },
  };
}

export type PostmortemActions = ReturnType<typeof createPostmortemActions>;
