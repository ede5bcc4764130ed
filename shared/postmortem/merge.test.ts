import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, mergeRevisions, type MergeResult } from './merge.js';

const LABEL = 'theirs (Bob, 10:42)';
const merge = (base: string | null, mine: string, theirs: string): MergeResult =>
  mergeRevisions({ base, mine, theirs, theirsLabel: LABEL });
const lines = (...all: string[]) => all.join('\n') + '\n';

const BASE = lines(
  '# INC-7 Payment gateway outage',
  '',
  '## Summary',
  'Card payments failed.',
  '',
  '## Customer impact',
  'Some customers could not pay.',
  '',
  '## Lessons',
  '_What did we learn?_',
);

describe('mergeRevisions with a base (three-way)', () => {
  it('takes non-overlapping edits from both sides', () => {
    const mine = BASE.replace('Card payments failed.', 'Card payments failed for 40 minutes.');
    const theirs = BASE.replace('_What did we learn?_', '- Alert on gateway error rate.');
    expect(merge(BASE, mine, theirs)).toEqual({
      text: BASE.replace('Card payments failed.', 'Card payments failed for 40 minutes.').replace(
        '_What did we learn?_',
        '- Alert on gateway error rate.',
      ),
      conflicts: 0,
    });
  });

  it('takes an insertion on one side and a deletion on the other', () => {
    const mine = BASE.replace('## Lessons\n', '## Lessons\n- One\n- Two\n');
    const theirs = BASE.replace('Some customers could not pay.\n', '');
    expect(merge(BASE, mine, theirs)).toEqual({
      text: BASE.replace('## Lessons\n', '## Lessons\n- One\n- Two\n').replace('Some customers could not pay.\n', ''),
      conflicts: 0,
    });
  });

  it('takes the same edit made on both sides once', () => {
    const both = BASE.replace('Some customers could not pay.', 'About 3% of card payments failed.');
    expect(merge(BASE, both, both)).toEqual({ text: both, conflicts: 0 });
    const mine = both.replace('Card payments failed.', 'Card payments failed in EU.');
    expect(merge(BASE, mine, both)).toEqual({ text: mine, conflicts: 0 });
  });

  it('turns different edits of the same line into one conflict block with the exact markers', () => {
    const mine = BASE.replace('Card payments failed.', 'Card payments failed (mine).');
    const theirs = BASE.replace('Card payments failed.', 'Card payments failed (theirs).');
    expect(merge(BASE, mine, theirs)).toEqual({
      text: lines(
        '# INC-7 Payment gateway outage',
        '',
        '## Summary',
        '<<<<<<< mine',
        'Card payments failed (mine).',
        '=======',
        'Card payments failed (theirs).',
        '>>>>>>> theirs (Bob, 10:42)',
        '',
        '## Customer impact',
        'Some customers could not pay.',
        '',
        '## Lessons',
        '_What did we learn?_',
      ),
      conflicts: 1,
    });
  });

  it('keeps lines both sides agree on at the edges of a conflict outside the block', () => {
    const base = lines('a', 'b', 'c');
    const mine = lines('a', 'shared start', 'mine', 'shared end', 'c');
    const theirs = lines('a', 'shared start', 'theirs', 'shared end', 'c');
    expect(merge(base, mine, theirs)).toEqual({
      text: lines(
        'a',
        'shared start',
        '<<<<<<< mine',
        'mine',
        '=======',
        'theirs',
        `>>>>>>> ${LABEL}`,
        'shared end',
        'c',
      ),
      conflicts: 1,
    });
  });

  it('makes a conflict of an edit on one side and a deletion of that line on the other', () => {
    const base = lines('a', 'b', 'c');
    expect(merge(base, lines('a', 'c'), lines('a', 'B', 'c'))).toEqual({
      text: lines('a', '<<<<<<< mine', '=======', 'B', `>>>>>>> ${LABEL}`, 'c'),
      conflicts: 1,
    });
  });

  it('makes a conflict of different insertions at the same place, and counts each block', () => {
    const base = lines('a', 'b', 'c', 'd');
    expect(
      merge(base, lines('a', 'mine 1', 'b', 'c', 'd', 'mine 2'), lines('a', 'theirs 1', 'b', 'c', 'd', 'theirs 2')),
    ).toEqual({
      text: lines(
        'a',
        '<<<<<<< mine',
        'mine 1',
        '=======',
        'theirs 1',
        `>>>>>>> ${LABEL}`,
        'b',
        'c',
        'd',
        '<<<<<<< mine',
        'mine 2',
        '=======',
        'theirs 2',
        `>>>>>>> ${LABEL}`,
      ),
      conflicts: 2,
    });
  });

  it('makes a conflict of edits to adjacent lines, as diff3 and git do (no line of context between them)', () => {
    const base = lines('a', 'b', 'c', 'd');
    const { conflicts } = merge(base, lines('a', 'B', 'c', 'd'), lines('a', 'b', 'C', 'd'));
    expect(conflicts).toBe(1);
  });
});

describe('mergeRevisions without a base (two-way)', () => {
  it('keeps the lines both share once, in order, and makes a conflict of every differing stretch', () => {
    const mine = lines('# Title', 'Summary by Alice.', '', '## Impact', 'None.', '', '## Lessons');
    const theirs = lines(
      '# Title',
      'Summary by Bob.',
      '',
      '## Impact',
      'None.',
      '',
      '## Lessons',
      '- Test the fallback.',
    );
    expect(merge(null, mine, theirs)).toEqual({
      text: lines(
        '# Title',
        '<<<<<<< mine',
        'Summary by Alice.',
        '=======',
        'Summary by Bob.',
        `>>>>>>> ${LABEL}`,
        '',
        '## Impact',
        'None.',
        '',
        '## Lessons',
        '<<<<<<< mine',
        '=======',
        '- Test the fallback.',
        `>>>>>>> ${LABEL}`,
      ),
      conflicts: 2,
    });
  });

  it('has no conflict when both texts are the same', () => {
    expect(merge(null, BASE, BASE)).toEqual({ text: BASE, conflicts: 0 });
  });

  it('never drops a side: choosing one side in every block gives that side back', () => {
    const mine = lines('a', 'b', 'x', 'c', 'd');
    const theirs = lines('a', 'c', 'y', 'd', 'e');
    const { text, conflicts } = merge(null, mine, theirs);
    expect(conflicts).toBeGreaterThan(0);
    expect(resolve(text, 'mine')).toBe(mine);
    expect(resolve(text, 'theirs')).toBe(theirs);
  });
});

describe('mergeRevisions edge cases', () => {
  it('merges empty texts', () => {
    expect(merge('', '', '')).toEqual({ text: '', conflicts: 0 });
    expect(merge(null, '', '')).toEqual({ text: '', conflicts: 0 });
    expect(merge('', '', 'new\n')).toEqual({ text: 'new\n', conflicts: 0 });
    expect(merge('', 'mine\n', 'theirs\n')).toEqual({
      text: lines('<<<<<<< mine', 'mine', '=======', 'theirs', `>>>>>>> ${LABEL}`),
      conflicts: 1,
    });
    // Without a base, an empty side may be a deletion or nothing yet: the author decides.
    expect(merge(null, '', 'theirs\n')).toEqual({
      text: lines('<<<<<<< mine', '=======', 'theirs', `>>>>>>> ${LABEL}`),
      conflicts: 1,
    });
  });

  it('keeps a final newline both have, and adds none neither has', () => {
    expect(merge('a\nb\nc\n', 'A\nb\nc\n', 'a\nb\nc\nd\n')).toEqual({ text: 'A\nb\nc\nd\n', conflicts: 0 });
    expect(merge('a\nb\nc', 'A\nb\nc', 'a\nb\nc\nd')).toEqual({ text: 'A\nb\nc\nd', conflicts: 0 });
    expect(merge(null, 'a\nb', 'a\nc').text).toBe(`a\n<<<<<<< mine\nb\n=======\nc\n>>>>>>> ${LABEL}`);
  });

  it('takes a change of the final newline from the side that made it; without a base keeps it if either has one', () => {
    expect(merge('a\n', 'a', 'a\n')).toEqual({ text: 'a', conflicts: 0 });
    expect(merge('a', 'a', 'a\n')).toEqual({ text: 'a\n', conflicts: 0 });
    expect(merge(null, 'a', 'a\n')).toEqual({ text: 'a\n', conflicts: 0 });
    expect(merge(null, 'a\n', 'a')).toEqual({ text: 'a\n', conflicts: 0 });
  });

  it('normalises CRLF input to \\n, so line ends alone never conflict', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    const mine = BASE.replace('Card payments failed.', 'Card payments failed twice.');
    const result = merge(crlf(BASE), crlf(mine), BASE);
    expect(result).toEqual({ text: mine, conflicts: 0 });
    expect(result.text).not.toContain('\r');
    expect(merge(null, crlf(BASE), BASE)).toEqual({ text: BASE, conflicts: 0 });
  });

  it('keeps the label on one marker line, and labels a blank one "theirs"', () => {
    const run = (theirsLabel: string) => mergeRevisions({ base: 'a\n', mine: 'b\n', theirs: 'c\n', theirsLabel }).text;
    expect(run('Bob\r\n(10:42)\n')).toBe(lines('<<<<<<< mine', 'b', '=======', 'c', '>>>>>>> Bob (10:42)'));
    expect(run('  ')).toBe(lines('<<<<<<< mine', 'b', '=======', 'c', '>>>>>>> theirs'));
  });
});

describe('hasConflictMarkers', () => {
  it('finds each kind of whole marker line', () => {
    expect(hasConflictMarkers('text\n<<<<<<< mine\nmore')).toBe(true);
    expect(hasConflictMarkers('text\n=======\nmore')).toBe(true);
    expect(hasConflictMarkers('text\n>>>>>>> theirs (Bob, 10:42)')).toBe(true);
    expect(hasConflictMarkers('text\r\n=======\r\nmore')).toBe(true);
  });

  it('ignores markers inside other text, setext underlines of another length and bare arrows', () => {
    expect(hasConflictMarkers('')).toBe(false);
    expect(hasConflictMarkers('a ======= b\nx =======\n =======')).toBe(false);
    expect(hasConflictMarkers('Title\n=====\n\nOther\n============\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<<\n>>>>>>>\n<<<<<<<< mine\n> quote >>>>>>> x\n')).toBe(false);
  });

  it('is true of a merge with conflicts and false once they are resolved', () => {
    const { text } = merge('a\n', 'b\n', 'c\n');
    expect(hasConflictMarkers(text)).toBe(true);
    expect(hasConflictMarkers(resolve(text, 'theirs'))).toBe(false);
  });
});

// ----- Property-style tests: random Markdown-ish texts and edits from a seeded generator. -----

/** mulberry32: a small seeded generator, so a failure reproduces from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof seeded>;
const int = (random: Random, below: number) => Math.floor(random() * below);

// Few distinct lines (blank ones, repeated list items) so the diffs have ties to break, as real Markdown does.
const VOCABULARY = ['', '', '## Timeline', '- item', '- other item', 'Some text.', '| a | b |', '=====', 'x'];

function randomLine(random: Random): string {
  return int(random, 3) === 0 ? `line ${int(random, 20)}` : (VOCABULARY[int(random, VOCABULARY.length)] ?? '');
}

function randomLines(random: Random, max: number): string[] {
  return Array.from({ length: int(random, max + 1) }, () => randomLine(random));
}

/** Up to four random insertions, deletions and replacements of lines. */
function edit(random: Random, source: readonly string[], newLine: () => string): string[] {
  const result = [...source];
  for (let n = int(random, 5); n > 0; n -= 1) {
    const at = int(random, result.length + 1);
    const op = int(random, 3);
    if (op === 0 || result.length === 0) result.splice(at, 0, newLine());
    else if (op === 1) result.splice(Math.min(at, result.length - 1), 1);
    else result.splice(Math.min(at, result.length - 1), 1, newLine());
  }
  return result;
}

const textOf = (all: readonly string[], finalNewline: boolean) =>
  all.length === 0 ? '' : all.join('\n') + (finalNewline ? '\n' : '');
const randomFinalNewline = (random: Random) => int(random, 4) !== 0;

/** Resolves every conflict block of a merged text by taking one side (what the author would do by hand). */
function resolve(text: string, side: 'mine' | 'theirs'): string {
  const out: string[] = [];
  let state: 'outside' | 'mine' | 'theirs' = 'outside';
  for (const line of text.split('\n')) {
    if (line === '<<<<<<< mine') state = 'mine';
    else if (line === '=======' && state === 'mine') state = 'theirs';
    else if (line.startsWith('>>>>>>> ') && state === 'theirs') state = 'outside';
    else if (state === 'outside' || state === side) out.push(line);
  }
  return out.join('\n');
}

const CASES = 400;
const markerCount = (text: string) => text.split('\n').filter((line) => line === '<<<<<<< mine').length;

describe('mergeRevisions properties (seeded random edits)', () => {
  it('gives back the one side that changed, or the common change, with no conflict', () => {
    for (let seed = 1; seed <= CASES; seed += 1) {
      const random = seeded(seed);
      const baseLines = randomLines(random, 12);
      const base = textOf(baseLines, randomFinalNewline(random));
      const mine = textOf(
        edit(random, baseLines, () => randomLine(random)),
        randomFinalNewline(random),
      );
      const theirs = textOf(
        edit(random, baseLines, () => randomLine(random)),
        randomFinalNewline(random),
      );
      const context = { seed, base, mine, theirs };
      expect({ ...context, result: merge(base, mine, mine) }).toEqual({
        ...context,
        result: { text: mine, conflicts: 0 },
      });
      expect({ ...context, result: merge(base, base, theirs) }).toEqual({
        ...context,
        result: { text: theirs, conflicts: 0 },
      });
      expect({ ...context, result: merge(base, mine, base) }).toEqual({
        ...context,
        result: { text: mine, conflicts: 0 },
      });
      expect({ ...context, result: merge(null, mine, mine) }).toEqual({
        ...context,
        result: { text: mine, conflicts: 0 },
      });
    }
  });

  it('merges edits to separate parts of the text without conflict', () => {
    for (let seed = 1; seed <= CASES; seed += 1) {
      const random = seeded(seed);
      // Distinct lines, and new lines unlike any other, so each side's diff against the base is unambiguous.
      const baseLines = Array.from({ length: 3 + int(random, 10) }, (_, i) => `base ${i}`);
      const split = 1 + int(random, baseLines.length - 2);
      const untouched = baseLines[split] ?? '';
      const before = baseLines.slice(0, split);
      const after = baseLines.slice(split + 1);
      let fresh = 0;
      const mineBefore = edit(random, before, () => `mine ${(fresh += 1)}`);
      const theirsAfter = edit(random, after, () => `theirs ${(fresh += 1)}`);
      const base = textOf(baseLines, true);
      const mine = textOf([...mineBefore, untouched, ...after], true);
      const theirs = textOf([...before, untouched, ...theirsAfter], true);
      expect({ seed, base, mine, theirs, result: merge(base, mine, theirs) }).toEqual({
        seed,
        base,
        mine,
        theirs,
        result: { text: textOf([...mineBefore, untouched, ...theirsAfter], true), conflicts: 0 },
      });
    }
  });

  it('has conflict markers exactly when it reports conflicts, one block per conflict', () => {
    let withConflicts = 0;
    for (let seed = 1; seed <= CASES; seed += 1) {
      const random = seeded(seed);
      const baseLines = randomLines(random, 12);
      const base = random() < 0.3 ? null : textOf(baseLines, randomFinalNewline(random));
      const mine = textOf(
        edit(random, baseLines, () => randomLine(random)),
        randomFinalNewline(random),
      );
      const theirs = textOf(
        edit(random, baseLines, () => randomLine(random)),
        randomFinalNewline(random),
      );
      const { text, conflicts } = merge(base, mine, theirs);
      const context = { seed, base, mine, theirs, text };
      expect({ ...context, marked: hasConflictMarkers(text) }).toEqual({ ...context, marked: conflicts > 0 });
      expect({ ...context, blocks: markerCount(text) }).toEqual({ ...context, blocks: conflicts });
      if (conflicts > 0) withConflicts += 1;
    }
    // The generator must really exercise both outcomes.
    expect(withConflicts).toBeGreaterThan(CASES / 10);
    expect(withConflicts).toBeLessThan(CASES);
  });

  it('without a base, loses no line of either side', () => {
    // The final newline is merged apart (kept if either side has one), so compare without it.
    const body = (text: string) => text.replace(/\n$/, '');
    for (let seed = 1; seed <= CASES; seed += 1) {
      const random = seeded(seed);
      const mineLines = randomLines(random, 12);
      const theirsLines = random() < 0.5 ? randomLines(random, 12) : edit(random, mineLines, () => randomLine(random));
      const mine = textOf(mineLines, randomFinalNewline(random));
      const theirs = textOf(theirsLines, randomFinalNewline(random));
      const { text } = merge(null, mine, theirs);
      expect({ seed, mine: body(resolve(text, 'mine')) }).toEqual({ seed, mine: body(mine) });
      expect({ seed, theirs: body(resolve(text, 'theirs')) }).toEqual({ seed, theirs: body(theirs) });
    }
  });
});
