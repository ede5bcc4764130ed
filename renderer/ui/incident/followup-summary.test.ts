import { describe, expect, it } from 'vitest';
import { FOLLOWUP_STATES, type Followup, type FollowupState } from '../../../shared/domain/incident.js';
import { alice, T0 } from '../../../shared/domain/test-support.js';
import { followupCount, followupStateLabel, isSettled, orderFollowups } from './followup-summary.js';

const followup = (id: string, state: FollowupState): Followup => ({
  id,
  text: `Do ${id}`,
  owner: null,
  state,
  addedBy: alice,
  addedAt: T0,
});

describe('follow-ups at a glance', () => {
  it('puts what still needs doing first, keeping the order they were added in within each group', () => {
    const list = [
      followup('a', 'done'),
      followup('b', 'open'),
      followup('c', 'wont-do'),
      followup('d', 'in-progress'),
      followup('e', 'open'),
    ];
    expect(orderFollowups(list).map((f) => f.id)).toEqual(['b', 'd', 'e', 'a', 'c']);
    expect(list.map((f) => f.id)).toEqual(['a', 'b', 'c', 'd', 'e']); // not sorted in place
  });

  it('counts the done ones, and says how many will not be done', () => {
    expect(followupCount([])).toBeNull();
    expect(followupCount([followup('a', 'open'), followup('b', 'done')])).toBe('1 of 2 done');
    expect(followupCount([followup('a', 'wont-do'), followup('b', 'done'), followup('c', 'in-progress')])).toBe(
      '1 of 3 done, 1 won’t do',
    );
  });

  it('names states in words and knows which are settled', () => {
    expect(FOLLOWUP_STATES.map(followupStateLabel)).toEqual(['Open', 'In progress', 'Done', 'Won’t do']);
    expect(FOLLOWUP_STATES.map(isSettled)).toEqual([false, false, true, true]);
  });
});
