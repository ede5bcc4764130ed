import type { Person } from '../../../shared/domain/primitives.js';
import { useAppStore } from '../../store/store-context.js';
import { PeopleOptions } from '../common/people-options.js';

/** The value of the "No owner" choice in an owner picker. */
export const NO_OWNER = '';

/**
 * `<option>`s for a follow-up's owner: nobody, then everyone on the hub; the current owner stays a choice even when
 * they are no longer on the hub's list (follow-ups outlive incidents, and people move on).
 */
export function FollowupOwnerOptions({
  current,
  responders = false,
}: {
  current: Person | null;
  responders?: boolean;
}) {
  const listed = useAppStore((s) => current === null || s.people.some((p) => p.id === current.id));
  return (
    <>
      <option value={NO_OWNER}>No owner</option>
      {current && !listed && <option value={current.id}>{current.name}</option>}
      <PeopleOptions responders={responders} />
    </>
  );
}

/** The person an owner picker's value names: someone on the hub, the current owner, or nobody. */
export function ownerFor(value: string, people: readonly Person[], current: Person | null = null): Person | null {
  if (value === NO_OWNER) return null;
  if (current?.id === value) return current;
  return people.find((p) => p.id === value) ?? null;
}
