import { useState } from 'react';
import type { z } from 'zod';
import { statusPageChangeSchema, type StatusPageChange } from '../../../shared/protocol/status-page-wire.js';
import { issuesText } from '../../store/input-problems.js';
import type { StatusPageChangeResult } from '../../store/statuspage-actions.js';
import { useActions } from '../../store/store-context.js';

/** Which row a problem is in, in words ("Service 2: "), for lists; nothing for single fields. */
function rowWords(path: readonly PropertyKey[]): string {
  const at = path.findIndex((p) => p === 'services' || p === 'maintenances');
  const index = path[at + 1];
  if (at < 0 || typeof index !== 'number') return '';
  return `${path[at] === 'services' && at === 1 ? 'Service' : path[at] === 'services' ? 'Services' : 'Maintenance'} ${index + 1}: `;
}

/** Zod's issues as sentences a person reads next to the form (the text rules already name their field). */
function problemsText(error: z.ZodError): string {
  return error.issues.map((issue, i) => `${rowWords(issue.path)}${issuesText(error)[i] ?? issue.message}`).join(' ');
}

/**
 * Sends one status page change: checked first with the hub's own schema (each problem in words, nothing sent), then
 * the hub's answer or refusal. The form keeps what was typed until `send` says it went.
 */
export function useStatusPageChange() {
  const actions = useActions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (change: StatusPageChange): Promise<Extract<StatusPageChangeResult, { ok: true }> | null> => {
    const parsed = statusPageChangeSchema.safeParse(change);
    if (!parsed.success) {
      setError(problemsText(parsed.error));
      return null;
    }
    setBusy(true);
    const result = await actions.changeStatusPage(change);
    setBusy(false);
    if (!result.ok) {
      setError(result.message);
      return null;
    }
    setError(null);
    return result;
  };
  return { send, busy, error, setError };
}
