import { z } from 'zod';

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

/** Bounded text: a person's words are never silently cut, so too-long text is refused instead. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
export const optionalText = (max: number) => z.string().trim().max(max);

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
