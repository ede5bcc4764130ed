import type { StateCreator } from 'zustand';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import type { AppState } from './app-state.js';

/** Whether the last save of a draft reached this computer's storage. */
export type DraftSaveState =
  | { readonly kind: 'saved'; readonly at: string }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'failed'; readonly message: string };

/** Postmortem drafts kept on this computer (never on the hub until published), as the editor shows them. */
export interface PostmortemSlice {
  /** By incident id; what the author typed last, saved or about to be. */
  localDrafts: Readonly<Record<string, PostmortemDraft>>;
  /** Whether the host's list has been read (until then, "no draft" is not known yet). */
  localDraftsLoaded: boolean;
  draftSaves: Readonly<Record<string, DraftSaveState>>;
  setLocalDrafts(drafts: readonly PostmortemDraft[]): void;
  putLocalDraft(draft: PostmortemDraft): void;
  dropLocalDraft(incidentId: string): void;
  setDraftSave(incidentId: string, state: DraftSaveState): void;
}

export const createPostmortemSlice: StateCreator<AppState, [], [], PostmortemSlice> = (set) => ({
  localDrafts: {},
  localDraftsLoaded: false,
  draftSaves: {},
  setLocalDrafts: (drafts) =>
    set((s) => ({
      // A draft typed before the list arrived is newer than the stored one: keep it.
      localDrafts: { ...Object.fromEntries(drafts.map((d) => [d.incidentId, d])), ...s.localDrafts },
      localDraftsLoaded: true,
    })),
  putLocalDraft: (draft) => set((s) => ({ localDrafts: { ...s.localDrafts, [draft.incidentId]: draft } })),
  dropLocalDraft: (incidentId) =>
    set((s) => {
      const localDrafts = { ...s.localDrafts };
      const draftSaves = { ...s.draftSaves };
      delete localDrafts[incidentId];
      delete draftSaves[incidentId];
      return { localDrafts, draftSaves };
    }),
  setDraftSave: (incidentId, state) => set((s) => ({ draftSaves: { ...s.draftSaves, [incidentId]: state } })),
});
