import { z } from 'zod';
import { textProblem, type TextRule } from './text-rules.js';

/**
 * Ids are made by whoever creates the thing (client or hub), so offline work keeps stable ids.
 * Ids key plain-object records (state.incidents), so names every object already has are refused.
 */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')
  .refine((id) => !(id in Object.prototype), 'must not be a built-in name such as "constructor" or "__proto__"');

/** ISO 8601 with any offset in; always UTC (`…Z`) out, so equal moments compare equal as text. */
export const isoTimeSchema = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

/** A person as they appear on an incident: a hub user id and the name shown for them. */
export const personSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).max(100),
});
export type Person = z.infer<typeof personSchema>;

/**
 * A person's text on one line (titles, names, labels, reasons, checklist items): trimmed, then held to the one text
 * rule (text-rules.ts): visible characters, no text-direction controls, no control characters or line breaks, and
 * at most `max` characters (a person's words are never silently cut, so too-long text is refused instead).
 * `what` names the field in the refusal ("the title"). Optional: may be empty, but not invisible.
 * Only what comes in is held to it: the log and the stores are read as they are, so older entries still load.
 */
export function singleLineText(what: string, max: number, options: { readonly optional?: boolean } = {}) {
  return ruledText(z.string().trim(), { what, max, lines: 'single', ...options });
}

/**
 * A person's text of several lines (summaries, status updates, the postmortem): the same rule, but line breaks and
 * tabs are kept. Trimmed, unless `asWritten` (a Markdown document keeps its exact text).
 */
export function multiLineText(
  what: string,
  max: number,
  options: { readonly optional?: boolean; readonly asWritten?: boolean } = {},
) {
  const { asWritten, ...rest } = options;
  return ruledText(asWritten ? z.string() : z.string().trim(), { what, max, lines: 'multi', ...rest });
}

function ruledText(schema: z.ZodString, rule: TextRule) {
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A person's name on this hub (`warroom-hub token create --user NAME`): one line, as shown everywhere. */
export const userNameSchema = singleLineText('the name', 100);

export const LIMITS = {
  title: 200,
  longText: 4000,
  shortText: 1000,
  checklistItem: 500,
  checklistItems: 100,
  /** A postmortem document (Markdown), in characters. */
  postmortem: 100_000,
  followups: 200,
} as const;
