import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  STATUSES,
  canTransition,
  isActive,
  isReopen,
  nextStatuses,
  transitionNeedsReason,
  type Status,
} from './status.js';

/** The legal moves, written out once more by hand so a change to the table is a deliberate one. */
const LEGAL: ReadonlyArray<readonly [Status, Status]> = [
  ['triage', 'investigating'],
  ['triage', 'declined'],
  ['investigating', 'mitigated'],
  ['investigating', 'resolved'],
  ['mitigated', 'resolved'],
  ['mitigated', 'investigating'],
  ['resolved', 'closed'],
  ['resolved', 'investigating'],
  ['declined', 'investigating'],
];
const REOPENS: ReadonlyArray<readonly [Status, Status]> = [
  ['mitigated', 'investigating'],
  ['resolved', 'investigating'],
  ['declined', 'investigating'],
];

const isIn = (list: ReadonlyArray<readonly [Status, Status]>, from: Status, to: Status) =>
  list.some(([f, t]) => f === from && t === to);

const ALL_PAIRS = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const));

describe('canTransition', () => {
  it.each(ALL_PAIRS)('%s -> %s matches the table', (from, to) => {
    expect(canTransition(from, to)).toBe(isIn(LEGAL, from, to));
  });

  it('never allows staying put', () => {
    for (const s of STATUSES) expect(canTransition(s, s)).toBe(false);
  });

  it('refuses the shortcuts people try', () => {
    expect(canTransition('triage', 'resolved')).toBe(false);
    expect(canTransition('triage', 'mitigated')).toBe(false);
    expect(canTransition('investigating', 'closed')).toBe(false);
    expect(canTransition('investigating', 'declined')).toBe(false);
    expect(canTransition('mitigated', 'closed')).toBe(false);
  });
});

describe('nextStatuses', () => {
  it.each(STATUSES)('lists exactly the legal moves from %s', (from) => {
    const expected = LEGAL.filter(([f]) => f === from).map(([, t]) => t);
    expect([...nextStatuses(from)].sort()).toEqual([...expected].sort());
  });

  it('makes closed final', () => {
    expect(nextStatuses('closed')).toEqual([]);
  });

  it('lets everything but closed move on', () => {
    for (const s of STATUSES.filter((s) => s !== 'closed')) expect(nextStatuses(s).length).toBeGreaterThan(0);
  });
});

describe('isReopen', () => {
  it.each(ALL_PAIRS)('%s -> %s', (from, to) => {
    expect(isReopen(from, to)).toBe(isIn(REOPENS, from, to));
  });

  it('does not count starting work on a triaged incident as a reopen', () => {
    expect(isReopen('triage', 'investigating')).toBe(false);
  });

  it('only names moves that are legal', () => {
    for (const [from, to] of REOPENS) expect(canTransition(from, to)).toBe(true);
  });
});

describe('transitionNeedsReason', () => {
  it('asks why for declining and for every reopen', () => {
    expect(transitionNeedsReason('triage', 'declined')).toBe(true);
    for (const [from, to] of REOPENS) expect(transitionNeedsReason(from, to)).toBe(true);
  });

  it('does not ask for forward moves', () => {
    const forward = LEGAL.filter(([from, to]) => to !== 'declined' && !isIn(REOPENS, from, to));
    expect(forward.length).toBe(5);
    for (const [from, to] of forward) expect(transitionNeedsReason(from, to)).toBe(false);
  });
});

describe('isActive', () => {
  it('is true while people are needed', () => {
    expect(ACTIVE_STATUSES).toEqual(['triage', 'investigating', 'mitigated']);
    for (const s of STATUSES) expect(isActive(s)).toBe(ACTIVE_STATUSES.includes(s));
  });
});
