import { diff3Merge, diffComm } from 'node-diff3';
import { fromLines, toLines } from './line-diff.js';

/** What mergeRevisions merges: mine (the local draft) and theirs (the newer published revision). */
export interface MergeRevisionsInput {
  /** The text both started from, or null when it is not known (then every difference is a conflict). */
  base: string | null;
  mine: string;
  theirs: string;
  /** Ends the closing marker of each conflict, e.g. "theirs (Bob, 10:42)". One line; a blank label reads "theirs". */
  theirsLabel: string;
}

/** The merged text (with \n line ends) and how many conflict blocks it holds for the author to resolve. */
export interface MergeResult {
  text: string;
  conflicts: number;
}

const MINE_MARKER_PREFIX = '<<<<<<< ';
const MINE_MARKER = `${MINE_MARKER_PREFIX}mine`;
const SEPARATOR_MARKER = '=======';
const THEIRS_MARKER_PREFIX = '>>>>>>> ';

/**
 * A line-based merge of two revisions of a postmortem. Line ends are normalised to \n (CRLF input comes out as \n).
 *
 * With a base it is a three-way merge (diff3): a change made on one side only is taken; the same change made on
 * both sides is taken once; different changes to the same or adjacent lines become a conflict block
 *   <<<<<<< mine / my lines / ======= / their lines / >>>>>>> {theirsLabel}
 * Lines both sides agree on at the start or end of a conflict are kept outside it (as git does), so the block
 * holds only what differs.
 *
 * Without a base nothing says which side changed a line, so lines common to both stay once, in order, and every
 * differing stretch is a conflict block: neither side is ever dropped silently.
 *
 * The text ends with a newline when both inputs do; when they differ, the side that changed it from the base wins,
 * and without a base a final newline is kept if either has one (it is a terminator, not content).
 */
export function mergeRevisions({ base, mine, theirs, theirsLabel }: MergeRevisionsInput): MergeResult {
  const a = toLines(mine);
  const b = toLines(theirs);
  const closing = THEIRS_MARKER_PREFIX + oneLine(theirsLabel);
  const out: string[] = [];
  let conflicts = 0;
  const conflict = (mineLines: string[], theirLines: string[]) => {
    if (pushConflict(out, mineLines, theirLines, closing)) conflicts += 1;
  };

  let finalNewline: boolean;
  if (base === null) {
    for (const part of diffComm(a.lines, b.lines)) {
      if (part.common) out.push(...part.common);
      else conflict(part.buffer1, part.buffer2);
    }
    finalNewline = a.finalNewline || b.finalNewline;
  } else {
    const o = toLines(base);
    // Arrays, not strings: given strings, node-diff3 would split them into words.
    for (const region of diff3Merge(a.lines, o.lines, b.lines, { excludeFalseConflicts: true })) {
      if (region.ok) out.push(...region.ok);
      else if (region.conflict) conflict(region.conflict.a, region.conflict.b);
    }
    finalNewline = a.finalNewline === o.finalNewline ? b.finalNewline : a.finalNewline;
  }
  return { text: fromLines({ lines: out, finalNewline }), conflicts };
}

/**
 * Whether the text still holds a conflict marker line, so an unresolved merge is not published.
 *
 * Only whole marker lines count, exactly as mergeRevisions writes them: a line starting with "<<<<<<< ", a line
 * that is exactly "=======", or a line starting with ">>>>>>> ". So "=======" inside a sentence, or a Markdown
 * setext heading underlined with more or fewer '=' than seven, is not a marker. The price: a heading underlined
 * with exactly seven '=' counts as one (underlining it with any other number of '=' renders the same).
 */
export function hasConflictMarkers(text: string): boolean {
  return toLines(text).lines.some(
    (line) => line.startsWith(MINE_MARKER_PREFIX) || line === SEPARATOR_MARKER || line.startsWith(THEIRS_MARKER_PREFIX),
  );
}

/** Appends one conflict block, without the lines both sides share at its start and end; false if nothing differs. */
function pushConflict(out: string[], mine: string[], theirs: string[], closing: string): boolean {
  let start = 0;
  while (start < mine.length && start < theirs.length && mine[start] === theirs[start]) start += 1;
  let end = 0;
  while (
    end < mine.length - start &&
    end < theirs.length - start &&
    mine[mine.length - 1 - end] === theirs[theirs.length - 1 - end]
  ) {
    end += 1;
  }
  const mineRest = mine.slice(start, mine.length - end);
  const theirRest = theirs.slice(start, theirs.length - end);
  out.push(...mine.slice(0, start));
  const differs = mineRest.length > 0 || theirRest.length > 0;
  if (differs) out.push(MINE_MARKER, ...mineRest, SEPARATOR_MARKER, ...theirRest, closing);
  out.push(...mine.slice(mine.length - end));
  return differs;
}

/** A label fit for a marker line: line breaks would split the marker, so they become spaces. */
function oneLine(label: string): string {
  return label.replace(/[\r\n]+/g, ' ').trim() || 'theirs';
}
