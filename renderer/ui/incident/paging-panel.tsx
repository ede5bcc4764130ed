import { pageAnswered, type Page, type PageReason } from '../../../shared/domain/incident.js';
import { selectIncident } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { DayTime } from '../common/bits.js';
import { useNow } from '../common/use-now.js';

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
 * Who was paged about the incident, when and why, at which step and round of the escalation, and whether the page
 * has been answered. A page held outside the person's response window says when it will go out.
 */
export function PagingPanel({ incidentId }: { incidentId: string }) {
  const pages = useAppStore((s) => selectIncident(incidentId)(s)?.pages);
  const lastAcknowledgedAt = useAppStore((s) => selectIncident(incidentId)(s)?.lastAcknowledgedAt ?? null);
  const now = useNow(60_000);
  if (!pages || pages.length === 0) return null;
  const ordered = [...pages].sort(chainOrder);
  return (
    <section className="panel paging" aria-labelledby="paging-title">
      <div className="panel__head">
        <h3 id="paging-title">Paging</h3>
        {lastAcknowledgedAt ? (
          <span className="muted small">
            Acknowledged at <DayTime at={lastAcknowledgedAt} now={now} />
          </span>
        ) : (
          <span className="missing small">Not acknowledged</span>
        )}
      </div>
      <ol className="paging__list" aria-label="Pages">
        {ordered.map((page) => {
          const held = page.status === 'held';
          const answered = !held && pageAnswered({ lastAcknowledgedAt }, page);
          return (
            <li
              key={page.id}
              className={`page-entry page-entry--${held ? 'held' : answered ? 'answered' : 'open'}`}
              data-page-person={page.person.id}
              data-page-status={page.status}
              data-answered={answered}
            >
              <div className="page-entry__head">
                <strong>{page.person.name}</strong>
                <span className="muted small">
                  step {page.step + 1}, round {page.round + 1}
                </span>
              </div>
              <div className="page-entry__why small">Why: {PAGE_REASON_LABELS[page.reason]}</div>
              <div className="page-entry__when small">
                {held ? (
                  <span className="tag tag--held">
                    scheduled for {page.heldUntil ? <DayTime at={page.heldUntil} now={now} /> : 'later'}
                  </span>
                ) : (
                  <>
                    <span className="muted">paged at </span>
                    {page.sentAt && <DayTime at={page.sentAt} now={now} />}
                    {' · '}
                    {answered ? (
                      <span className="page-entry__answered">answered</span>
                    ) : (
                      <span className="missing">not answered</span>
                    )}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
