import { describe, expect, it } from 'vitest';
import type { DiffLine } from '../../../shared/postmortem/line-diff.js';
import { foldUnchanged } from './fold-unchanged.js';

const same = (text: string): DiffLine => ({ kind: 'same', text });

describe('foldUnchanged', () => {
  it('keeps changes with their context and folds the long unchanged runs', () => {
    const lines: DiffLine[] = [
      ...['a', 'b', 'c', 'd', 'e'].map(same),
      { kind: 'removed', text: 'mine' },
      { kind: 'added', text: 'theirs' },
      ...['f', 'g', 'h', 'i'].map(same),
    ];
    expect(foldUnchanged(lines, 2)).toEqual([
      { kind: 'folded', count: 3 },
      same('d'),
      same('e'),
      { kind: 'removed', text: 'mine' },
      { kind: 'added', text: 'theirs' },
      same('f'),
      same('g'),
      { kind: 'folded', count: 2 },
    ]);
  });

  it('folds everything when nothing differs, and nothing when all differs', () => {
    expect(foldUnchanged(['a', 'b'].map(same))).toEqual([{ kind: 'folded', count: 2 }]);
    const added: DiffLine[] = [{ kind: 'added', text: 'x' }];
    expect(foldUnchanged(added)).toEqual(added);
    expect(foldUnchanged([])).toEqual([]);
  });
});
