import type { Person } from '../domain/primitives.js';
import { CONTACT_KIND_NAMES, type ContactKind, type DeliveryResult } from './contact-method.js';

export interface MethodSummary {
  readonly id: string;
  readonly userId: string;
  readonly kind: ContactKind;
  readonly target: string;
  readonly verified: boolean;
}

export interface DeliverySummary {
  readonly methodId: string;
  readonly result: DeliveryResult;
  readonly detail: string;
}

export interface Unreachable {
  readonly userId: string;
  readonly name: string;
  readonly problems: string[];
}

export const NO_METHOD =
  'no verified contact method besides the desktop app: a page reaches them only while Warroom is open';

/**
 * The people a page may not reach, among those who can be paged (rotation members and override covers): nobody
 * is on call with only a laptop app that may be shut, and nobody's broken e-mail goes unnoticed until 03:00. In
 * the order given, each once.
 */
export function unreachablePeople(
  people: readonly Person[],
  methods: readonly MethodSummary[],
  last: readonly DeliverySummary[],
): Unreachable[] {
  const seen = new Set<string>();
  const found: Unreachable[] = [];
  for (const person of people) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const verified = methods.filter((m) => m.userId === person.id && m.verified);
    const problems =
      verified.length === 0
        ? [NO_METHOD]
        : verified.flatMap((m) => {
            const delivery = last.find((d) => d.methodId === m.id);
            return delivery?.result === 'failed'
              ? [`the last page by ${CONTACT_KIND_NAMES[m.kind]} (${m.target}) failed: ${delivery.detail}`]
              : [];
          });
    if (problems.length > 0) found.push({ userId: person.id, name: person.name, problems });
  }
  return found;
}
