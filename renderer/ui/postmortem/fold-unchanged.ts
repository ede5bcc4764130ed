import type { DiffLine } from '../../../shared/postmortem/line-diff.js';

export type ShownDiffLine = DiffLine | { readonly kind: 'folded'; readonly count: number };

/**
 * A diff as a person reads it: the changed lines with `context` unchanged lines around each change; longer runs of
 * unchanged lines are folded into one "… N unchanged lines" row.
 */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): ShownDiffLine[] {
  const changed = lines.map((line) => line.kind !== 'same');
  const near = (i: number): boolean => {
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++)
      if (changed[j]) return true;
    return false;
  };
  const out: ShownDiffLine[] = [];
  let folded = 0;
  lines.forEach((line, i) => {
    if (line.kind === 'same' && !near(i)) {
      folded++;
      return;
    }
    if (folded > 0) out.push({ kind: 'folded', count: folded });
    folded = 0;
    out.push(line);
  });
  if (folded > 0) out.push({ kind: 'folded', count: folded });
  return out;
}
