import { FOLLOWUP_STATE_WORDS, type Followup, type FollowupState } from '../../../shared/domain/incident.js';

/** States in which nothing more is expected of a follow-up. */
const SETTLED: readonly FollowupState[] = ['done', 'wont-do'];

export function isSettled(state: FollowupState): boolean {
  return SETTLED.includes(state);
}

/**
 * The order a reviewer reads follow-ups in: what still needs doing (open, in progress) first, then what is settled
 * (done, won't do); in the order they were added within each group.
 */
export function orderFollowups(followups: readonly Followup[]): readonly Followup[] {
  return [...followups.filter((f) => !isSettled(f.state)), ...followups.filter((f) => isSettled(f.state))];
}

/** "2 of 5 done", with "1 won’t do" when some were dropped; null when there are none. */
export function followupCount(followups: readonly Followup[]): string | null {
  if (followups.length === 0) return null;
  const done = followups.filter((f) => f.state === 'done').length;
  const dropped = followups.filter((f) => f.state === 'wont-do').length;
  const count = `${done} of ${followups.length} done`;
  return dropped > 0 ? `${count}, ${dropped} ${FOLLOWUP_STATE_WORDS['wont-do']}` : count;
}

/** A state as a label ("In progress"). */
export function followupStateLabel(state: FollowupState): string {
  const words = FOLLOWUP_STATE_WORDS[state];
  return words.charAt(0).toUpperCase() + words.slice(1);
}
