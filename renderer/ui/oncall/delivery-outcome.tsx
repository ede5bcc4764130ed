import type { DeliveryResult } from '../../../shared/contact/contact-method.js';
import { CONTACT_KIND_NAMES, type ContactKind } from '../../../shared/contact/contact-method.js';
import { DayTime } from '../common/bits.js';

/** The latest thing that happened to a message through one method. */
export interface DeliveryFacts {
  readonly result: DeliveryResult;
  readonly at: string;
  /** What the other side answered ("250 OK", "HTTP 429 Too Many Requests"), or why it could not be sent. */
  readonly detail: string;
  /** When it is tried again (retrying only). */
  readonly nextAttemptAt?: string | null;
}

/** "E-mail (a•••@example.com)": the kind by its name, and the masked target when there is one. */
export function methodName(kind: ContactKind, target: string): string {
  return target ? `${CONTACT_KIND_NAMES[kind]} (${target})` : CONTACT_KIND_NAMES[kind];
}

/**
 * "sent 03:01 — 250 OK", "retrying (HTTP 429), next try 03:02", "failed — HTTP 404 no_service" (in the error style:
 * a page that went nowhere must stand out). Times as the rest of the screen shows them (today: the clock only).
 */
export function DeliveryOutcome({ delivery, now }: { delivery: DeliveryFacts; now: number }) {
  const detail = delivery.detail.trim();
  switch (delivery.result) {
    case 'sent':
      return (
        <span className="delivery delivery--sent" data-delivery="sent">
          sent <DayTime at={delivery.at} now={now} />
          {detail && ` — ${detail}`}
        </span>
      );
    case 'retrying':
      return (
        <span className="delivery delivery--retrying" data-delivery="retrying">
          retrying{detail && ` (${detail})`}
          {delivery.nextAttemptAt && (
            <>
              , next try <DayTime at={delivery.nextAttemptAt} now={now} />
            </>
          )}
        </span>
      );
    case 'failed':
      return (
        <span className="delivery delivery--failed error-text" data-delivery="failed">
          failed{detail && ` — ${detail}`}
        </span>
      );
  }
}
