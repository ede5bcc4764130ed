import { describe, expect, it } from 'vitest';
import { fromLines, lineDiff, toLines, type DiffLine } from './line-diff.js';

describe('toLines / fromLines', () => {
  it.each([
    ['', [], false],
    ['\n', [''], true],
    ['a', ['a'], false],
    ['a\n', ['a'], true],
    ['a\n\nb', ['a', '', 'b'], false],
    ['a\n\n', ['a', ''], true],
  ])('%j is the lines %j, final newline %s, and back', (text, lines, finalNewline) => {
    expect(toLines(text)).toEqual({ lines, finalNewline });
    expect(fromLines({ lines, finalNewline })).toBe(text);
  });

  it('normalises CRLF and lone CR to \\n', () => {
    expect(toLines('a\r\nb\rc\r\n')).toEqual({ lines: ['a', 'b', 'c'], finalNewline: true });
  });

  it('writes no lines as the empty text even with a final newline', () => {
    expect(fromLines({ lines: [], finalNewline: true })).toBe('');
  });
});

describe('lineDiff', () => {
  const same = (text: string): DiffLine => ({ kind: 'same', text });
  const removed = (text: string): DiffLine => ({ kind: 'removed', text });
  const added = (text: string): DiffLine => ({ kind: 'added', text });

  it('marks a changed line as removed then added, between the lines both share', () => {
    expect(lineDiff('# Title\nold\n- item\n', '# Title\nnew\n- item\n')).toEqual([
      same('# Title'),
      removed('old'),
      added('new'),
      same('- item'),
    ]);
  });

  it('shows pure insertions and deletions', () => {
    expect(lineDiff('a\nb\nc', 'a\nc\nd')).toEqual([same('a'), removed('b'), same('c'), added('d')]);
  });

  it('is empty for two empty texts and all added or all removed against an empty one', () => {
    expect(lineDiff('', '')).toEqual([]);
    expect(lineDiff('', 'a\nb')).toEqual([added('a'), added('b')]);
    expect(lineDiff('a\nb\n', '')).toEqual([removed('a'), removed('b')]);
  });

  it('ignores CRLF versus LF and a difference only in the final newline', () => {
    expect(lineDiff('a\r\nb\r\n', 'a\nb')).toEqual([same('a'), same('b')]);
  });

  it('keeps every line of both sides, in order (a is the same+removed lines, b the same+added ones)', () => {
    const a = 'x\ny\n\nz\ny\nw';
    const b = 'y\nx\n\nw\nz\ny';
    const diff = lineDiff(a, b);
    expect(diff.filter((d) => d.kind !== 'added').map((d) => d.text)).toEqual(a.split('\n'));
    expect(diff.filter((d) => d.kind !== 'removed').map((d) => d.text)).toEqual(b.split('\n'));
    expect(diff.filter((d) => d.kind === 'same')).toHaveLength(4);
  });
});
