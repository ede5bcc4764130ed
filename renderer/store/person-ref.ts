import type { Person } from '../../shared/domain/primitives.js';

/**
 * A person as commands name them: id and name only. The hub's people list also carries their hub role, which the
 * command schemas refuse as an unknown key.
 */
export function personRef(person: Person): Person {
  return { id: person.id, name: person.name };
}
