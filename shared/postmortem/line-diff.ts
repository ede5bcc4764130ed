import { diffComm } from 'node-diff3';

/** One line of a diff from a to b: in both, only in a (removed) or only in b (added). */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** A text as lines, without line terminators, plus whether the text ended with a newline. */
export interface TextLines {
  lines: string[];
  finalNewline: boolean;
}

/**
 * Splits a text into lines. CRLF and lone CR are normalised to \n first: a Windows editor and a Unix one must not
 * disagree on every line. The final newline is a terminator, not an empty last line, so "a\n" and "a" have the same
 * lines and differ only in `finalNewline` (else a missing newline at the end would show up as a conflict).
 */
export function toLines(text: string): TextLines {
  const normalised = text.replace(/\r\n?/g, '\n');
  const finalNewline = normalised.endsWith('\n');
  const body = finalNewline ? normalised.slice(0, -1) : normalised;
  if (body === '' && !finalNewline) return { lines: [], finalNewline: false };
  return { lines: body.split('\n'), finalNewline };
}

/** The inverse of toLines (with \n line ends). No lines is the empty text, whatever `finalNewline` says. */
export function fromLines({ lines, finalNewline }: TextLines): string {
  if (lines.length === 0) return '';
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

/**
 * The lines of a and b in order, each marked same, removed (only in a) or added (only in b); in a changed stretch
 * the removed lines come before the added ones. Line ends are normalised as in toLines; a difference only in the
 * final newline is not shown (it is not a line).
 */
export function lineDiff(a: string, b: string): DiffLine[] {
  const result: DiffLine[] = [];
  for (const part of diffComm(toLines(a).lines, toLines(b).lines)) {
    if (part.common) {
      for (const text of part.common) result.push({ kind: 'same', text });
    } else {
      for (const text of part.buffer1) result.push({ kind: 'removed', text });
      for (const text of part.buffer2) result.push({ kind: 'added', text });
    }
  }
  return result;
}
