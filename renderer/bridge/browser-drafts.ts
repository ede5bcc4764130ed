import { postmortemDraftSchema, type PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import type { KeyValueStorage } from '../../shared/sync/storage.js';

const INDEX_KEY = 'postmortem-drafts';
const draftKey = (incidentId: string): string => `postmortem-draft:${incidentId}`;

/**
 * Postmortem drafts in browser storage (the web client's counterpart of main/drafts-store.ts): one key per draft
 * plus an index of incident ids. Each save writes the draft whole before the index names it, so a tab closed
 * mid-save leaves the previous version. A full quota throws, so the editor says the draft was not saved.
 */
export class BrowserDraftsStore {
  constructor(private readonly storage: KeyValueStorage) {}

  save(draft: PostmortemDraft): void {
    const checked = postmortemDraftSchema.parse(draft);
    this.storage.write(draftKey(checked.incidentId), JSON.stringify(checked));
    const ids = this.ids();
    if (!ids.includes(checked.incidentId)) this.storage.write(INDEX_KEY, JSON.stringify([...ids, checked.incidentId]));
  }

  load(incidentId: string): PostmortemDraft | null {
    const raw = this.storage.read(draftKey(incidentId));
    if (raw === null) return null;
    try {
      const parsed = postmortemDraftSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // not JSON: not something this app wrote
    }
  }

  /** Every draft kept here, newest first. */
  list(): PostmortemDraft[] {
    return this.ids()
      .map((id) => this.load(id))
      .filter((draft): draft is PostmortemDraft => draft !== null)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  remove(incidentId: string): void {
    this.storage.remove(draftKey(incidentId));
    this.storage.write(INDEX_KEY, JSON.stringify(this.ids().filter((id) => id !== incidentId)));
  }

  private ids(): string[] {
    const raw = this.storage.read(INDEX_KEY);
    if (raw === null) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }
}
