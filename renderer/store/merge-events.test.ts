import { describe, expect, it } from 'vitest';
import { eventOf } from '../../shared/domain/test-support.js';
import { mergeBySeq } from './merge-events.js';

const at = (...seqs: number[]) =>
  seqs.map((seq) => eventOf('incident.acknowledged', {}, { seq, incidentId: 'inc-1', commandId: null }));
const seqs = (events: readonly { seq: number }[]) => events.map((e) => e.seq);

describe('mergeBySeq', () => {
  it('appends later events and keeps the same array when nothing is new', () => {
    const base = at(1, 2, 3);
    expect(seqs(mergeBySeq(base, at(4, 5)))).toEqual([1, 2, 3, 4, 5]);
    expect(mergeBySeq(base, [])).toBe(base);
    expect(mergeBySeq(base, at(2, 3))).toBe(base);
  });

  it('merges a full timeline with live events that came first, without duplicates, in seq order', () => {
    const live = at(7, 9);
    expect(seqs(mergeBySeq(live, at(1, 2, 7, 8, 9)))).toEqual([1, 2, 7, 8, 9]);
    expect(seqs(mergeBySeq([], at(5, 3, 3, 4)))).toEqual([3, 4, 5]);
    expect(seqs(mergeBySeq(at(1, 5), at(6, 6, 7)))).toEqual([1, 5, 6, 7]);
  });
});
