import type { Postmortem } from '../../../shared/domain/incident.js';
import type { PostmortemDraft } from '../../../shared/postmortem/draft-record.js';
import type { DraftStatus } from '../../../shared/postmortem/draft-status.js';

/** What a draft's status means, in a few words (lists, the incident room's review card). */
export const DRAFT_STATUS_WORDS: Readonly<Record<DraftStatus, string>> = {
  none: 'No postmortem yet',
  'published-only': 'Published',
  unpublished: 'Draft on this computer, not published',
  publishing: 'Published from here, waiting for the hub',
  published: 'Published, matches this computer’s draft',
  outdated: 'Published; a newer revision exists',
  conflict: 'Someone published a newer revision: merge needed',
};

/** The file names exports suggest: postmortem-INC-4.md / .pdf. */
export function exportName(label: string, extension: 'md' | 'pdf'): string {
  return `postmortem-${label.replace(/[^A-Za-z0-9_-]/g, '-')}.${extension}`;
}

/** "revision 2 of 3, by Bob" style description of a published revision. */
export function revisionWords(postmortem: Postmortem): string {
  return `revision ${postmortem.revisions} by ${postmortem.publishedBy.name}`;
}

/** Whether the local draft differs from what the hub has published (for "unpublished changes"). */
export function hasUnpublishedChanges(draft: PostmortemDraft | undefined, status: DraftStatus): boolean {
  return draft !== undefined && (status === 'unpublished' || status === 'conflict');
}
