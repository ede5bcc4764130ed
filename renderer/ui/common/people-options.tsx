import { useAppStore } from '../../store/store-context.js';

/** `<option>`s for everyone on the hub (to give a role to), except `exclude`. */
export function PeopleOptions({ exclude = [] }: { exclude?: readonly string[] }) {
  const people = useAppStore((s) => s.people);
  return (
    <>
      {people
        .filter((p) => !exclude.includes(p.id))
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.role === 'viewer' ? ' (viewer)' : ''}
          </option>
        ))}
    </>
  );
}
