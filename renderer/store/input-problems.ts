import type { z } from 'zod';
import { commandPayloadSchemas, isCommandType } from '../../shared/domain/commands.js';

/**
 * Zod's issues in words, one each. The text rule's refusals (shared/domain/text-rules.ts) are whole sentences that
 * name their field ("The title needs visible characters."); other issues get the field in front ("members: a
 * rotation needs at least one person").
 */
export function issuesText(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const sentence = issue.code === 'custom' && /^[A-Z]/.test(issue.message);
    return sentence || issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`;
  });
}

/**
 * Why the hub would refuse a command's payload as malformed, checked here with its own schema before anything is
 * sent or queued, so the person reads it next to what they typed at once (offline too). Null: it is well-formed.
 */
export function payloadProblem(type: string, payload: unknown): string | null {
  if (!isCommandType(type)) return null; // the engine refuses unknown types itself
  const parsed = commandPayloadSchemas[type].safeParse(payload);
  if (parsed.success) return null;
  return issuesText(parsed.error)
    .map((text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`)
    .join(' ');
}
