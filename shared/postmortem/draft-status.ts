import type { DomainEvent } from '../domain/events.js';
import type { Postmortem } from '../domain/incident.js';
import type { PostmortemDraft } from './draft-record.js';

/**
 * Where a local draft stands against what the hub has published:
 * - none: no draft here and nothing published;
 * - published-only: nothing here, a revision is published (read it, or start a new revision from it);
 * - unpublished: changes here that are not published;
 * - publishing: published from here, waiting for the hub to confirm (offline, or on its way);
 * - published: the hub has exactly this draft as its latest revision;
 * - outdated: this draft was published (the log has it), and someone has published a newer revision since: the
 *   draft holds nothing the hub lacks, so the latest revision is what to read or build on;
 * - conflict: someone published a revision this draft was not based on: merge before publishing.
 */
export type DraftStatus =
  'none' | 'published-only' | 'unpublished' | 'publishing' | 'published' | 'outdated' | 'conflict';

/**
 * `confirmed` is the hub's latest revision; `shown` the one this client shows (confirmed plus its own queued
 * publish); `accepted` the revisions the log shows published (when the incident's events are loaded). A publish
 * the hub refused falls back to unpublished, or to conflict when the refusal was a newer revision by someone else.
 */
export function draftStatus(
  draft: PostmortemDraft | null,
  confirmed: Postmortem | null,
  shown: Postmortem | null,
  accepted: ReadonlySet<string> = NONE,
): DraftStatus {
  if (!draft) return confirmed ? 'published-only' : 'none';
  if (draft.publishedAs !== null) {
    if (confirmed?.revision === draft.publishedAs) return 'published';
    if (shown?.revision === draft.publishedAs) return 'publishing';
    if (accepted.has(draft.publishedAs)) return 'outdated';
  }
  if (confirmed && confirmed.revision !== draft.baseRevision) return 'conflict';
  return 'unpublished';
}

const NONE: ReadonlySet<string> = new Set();

/** The revisions the log shows published (postmortem.published events). */
export function acceptedRevisions(events: readonly DomainEvent[]): Set<string> {
  const revisions = new Set<string>();
  for (const event of events) if (event.type === 'postmortem.published') revisions.add(event.payload.revision);
  return revisions;
}

/** A new draft: from the latest published revision if there is one, otherwise from the generated text. */
export function startDraft(
  incidentId: string,
  published: Postmortem | null,
  generated: () => string,
  now: string,
): PostmortemDraft {
  return published
    ? { incidentId, baseRevision: published.revision, markdown: published.markdown, savedAt: now, publishedAs: null }
    : { incidentId, baseRevision: null, markdown: generated(), savedAt: now, publishedAs: null };
}

/**
 * The draft after the author typed: once a revision of it is published, further edits build on that revision.
 * An edit while the publish is still unconfirmed also builds on it: if the hub refuses that publish, the refusal
 * shows as a conflict or is published again with the next attempt.
 */
export function editDraft(draft: PostmortemDraft, markdown: string, now: string): PostmortemDraft {
  return {
    ...draft,
    markdown,
    savedAt: now,
    baseRevision: draft.publishedAs ?? draft.baseRevision,
    publishedAs: null,
  };
}

/** The draft once the author accepted a merge with `theirs`: it now builds on their revision. */
export function resolveConflict(
  draft: PostmortemDraft,
  merged: string,
  theirs: Postmortem,
  now: string,
): PostmortemDraft {
  return { ...draft, markdown: merged, baseRevision: theirs.revision, publishedAs: null, savedAt: now };
}

/** The text of a published revision, from the incident's postmortem.published events (null when not among them). */
export function publishedText(events: readonly DomainEvent[], revision: string | null): string | null {
  if (revision === null) return null;
  for (const event of events)
    if (event.type === 'postmortem.published' && event.payload.revision === revision) return event.payload.markdown;
  return null;
}

/**
 * The base revision to publish on. Normally the draft's; but when nothing is shown as published at all (the
 * revision the draft built on was a publish of ours that the hub refused), the publish is a first revision.
 */
export function publishBase(draft: PostmortemDraft, shown: Postmortem | null): string | null {
  return shown === null ? null : draft.baseRevision;
}
