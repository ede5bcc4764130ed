import { useAppStore } from '../../store/store-context.js';

/**
 * `<option>`s for everyone on the hub, except `exclude`. `responders`: only people who can do response work (a role,
 * a checklist item): viewers follow incidents but are not offered, as the hub would refuse them.
 */
export function PeopleOptions({
  exclude = [],
  responders = false,
}: {
  exclude?: readonly string[];
  responders?: boolean;
}) {
  const people = useAppStore((s) => s.people);
  return (
    <>
      {people
        .filter((p) => !exclude.includes(p.id) && !(responders && isViewer(p)))
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.role === 'viewer' ? ' (viewer)' : ''}
          </option>
        ))}
    </>
  );
}

/** Viewers follow incidents; the hub refuses them response work (a role, a checklist item, a place on call). */
export function isViewer(person: { role?: string }): boolean {
  return person.role === 'viewer';
}
