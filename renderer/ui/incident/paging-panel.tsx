import type { Page, PageReason } from '../../../shared/domain/incident.js';
import { pageState, type PageState } from '../../../shared/domain/page-state.js';
import { formatDuration } from '../../../shared/time/durations.js';
import { isActive } from '../../../shared/domain/status.js';
import { selectIncident } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { DayTime } from '../common/bits.js';
import { useNow } from '../common/use-now.js';
import { DeliveryOutcome, methodName } from '../oncall/delivery-outcome.js';
import { PageRotationForm } from './page-rotation-form.js';

export const PAGE_REASON_LABELS: Readonly<Record<PageReason, string>> = {
  initial: 'first page (on call)',
  escalation: 'escalation: nobody acknowledged in time',
  repeat: 'repeat: the chain runs again',
  'ack-timeout': 'ack-timeout: acknowledged, then left alone',
};

/** Chain order: round, then step, then when it went out (or is due). */
function chainOrder(a: Page, b: Page): number {
  return (
    a.round - b.round ||
    a.step - b.step ||
    (a.sentAt ?? a.heldUntil ?? '').localeCompare(b.sentAt ?? b.heldUntil ?? '') ||
    a.person.name.localeCompare(b.person.name)
  );
}

/**
 * Who was paged about the incident, when and why, at which step and round of the escalation, and what became of
 * each page (page-state.ts): acknowledged only on the page of the person who acknowledged it, otherwise not
 * answered or superseded by the escalation. A page held outside the person's response window says when it goes out.
 * The head says who acknowledged the incident last, and when. While the incident is active a responder can page a
 * rotation from here (an incident a person declared pages nobody by itself); the "Nobody was paged" notice offers
 * the same when paging found nobody, so the panel does not repeat it then. Under each page, what each of the
 * person's contact methods did with it (sent, retrying, failed: the latest try).
 */
export function PagingPanel({ incidentId }: { incidentId: string }) {
  const pages = useAppStore((s) => selectIncident(incidentId)(s)?.pages);
  const lastAcknowledgedAt = useAppStore((s) => selectIncident(incidentId)(s)?.lastAcknowledgedAt ?? null);
  const lastAcknowledgedBy = useAppStore((s) => selectIncident(incidentId)(s)?.lastAcknowledgedBy ?? null);
  const active = useAppStore((s) => {
    const incident = selectIncident(incidentId)(s);
    return incident != null && isActive(incident.status);
  });
  const unrouted = useAppStore((s) => selectIncident(incidentId)(s)?.unrouted != null);
  const canPage = useAppStore((s) => s.user !== null && s.user.role !== 'viewer');
  const now = useNow(60_000);
  const offerPaging = active && canPage && !unrouted;
  if (!pages || (pages.length === 0 && !offerPaging)) return null;
  const ordered = [...pages].sort(chainOrder);
  return (
    <section className="panel paging" aria-labelledby="paging-title">
      <div className="panel__head">
        <h3 id="paging-title">Paging</h3>
        {lastAcknowledgedAt ? (
          <span className="muted small" data-testid="paging-acknowledged">
            Acknowledged at <DayTime at={lastAcknowledgedAt} now={now} />
            {lastAcknowledgedBy && <> by {lastAcknowledgedBy.name}</>}
          </span>
        ) : (
          <span className="missing small">Not acknowledged</span>
        )}
      </div>
      {ordered.length > 0 ? (
        <ol className="paging__list" aria-label="Pages">
          {ordered.map((page) => (
            <PageEntry key={page.id} page={page} state={pageState({ pages }, page)} now={now} />
          ))}
        </ol>
      ) : (
        <p className="muted small">Nobody has been paged for this incident.</p>
      )}
      {offerPaging && <PageRotationForm incidentId={incidentId} urgent={false} />}
    </section>
  );
}

function PageEntry({ page, state, now }: { page: Page; state: PageState; now: number }) {
  const look = state.kind === 'held' ? 'held' : state.kind === 'acknowledged' ? 'answered' : 'open';
  return (
    <li
      className={`page-entry page-entry--${look}`}
      data-page-person={page.person.id}
      data-page-status={page.status}
      data-page-state={state.kind}
      data-answered={state.kind === 'acknowledged'}
    >
      <div className="page-entry__head">
        <strong>{page.person.name}</strong>
        <span className="muted small">
          step {page.step + 1}, round {page.round + 1}
        </span>
      </div>
      <div className="page-entry__why small">Why: {PAGE_REASON_LABELS[page.reason]}</div>
      <div className="page-entry__when small">
        {state.kind === 'held' ? (
          <span className="tag tag--held">
            held: goes out {state.until ? <DayTime at={state.until} now={now} /> : 'when their hours begin'}
          </span>
        ) : (
          <>
            <span className="muted">paged at </span>
            {page.sentAt && <DayTime at={page.sentAt} now={now} />}
            {' · '}
            <PageOutcome person={page.person.name} state={state} />
          </>
        )}
      </div>
      {page.deliveries.length > 0 && (
        <ul className="page-entry__deliveries small" aria-label={`Messages to ${page.person.name}`}>
          {page.deliveries.map((delivery) => (
            <li key={delivery.methodId} data-delivery-method={delivery.method} data-delivery-result={delivery.result}>
              {methodName(delivery.method, delivery.target)}: <DeliveryOutcome delivery={delivery} now={now} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function PageOutcome({ person, state }: { person: string; state: Exclude<PageState, { kind: 'held' }> }) {
  switch (state.kind) {
    case 'acknowledged':
      return (
        <span className="page-entry__answered">
          acknowledged by {person}
          {state.afterMs !== null && ` (after ${formatDuration(state.afterMs)})`}
        </span>
      );
    case 'superseded':
      return <span className="muted">superseded by escalation</span>;
    case 'not-answered':
      return <span className="missing">not answered</span>;
  }
}
