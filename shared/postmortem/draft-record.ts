import { z } from 'zod';
import { idSchema, isoTimeSchema } from '../domain/primitives.js';

/**
 * A postmortem draft as kept on the author's machine (a file in the desktop app, browser storage on the web):
 * the text, the published revision it started from (for conflict detection when publishing), and when it was
 * last saved. The hub never sees a draft until it is published.
 */
export const postmortemDraftSchema = z.object({
  incidentId: idSchema,
  baseRevision: idSchema.nullable(),
  markdown: z.string().max(100_000),
  savedAt: isoTimeSchema,
  /** The revision this draft was published as; null while it has unpublished changes. */
  publishedAs: idSchema.nullable(),
});
export type PostmortemDraft = z.infer<typeof postmortemDraftSchema>;
