import type { EmptyRole, UndoneWork } from '../../../shared/domain/undone.js';
import { undoneWork } from '../../../shared/domain/undone.js';
import { formatDuration } from '../../../shared/time/durations.js';
import { useAppStore } from '../../store/store-context.js';
import { selectIncident } from '../../store/selectors.js';
import { Time } from '../common/bits.js';
import { useNow } from '../common/use-now.js';

/** An empty role as the room says it. */
export const EMPTY_ROLE_WORDS: Readonly<Record<EmptyRole, string>> = {
  lead: 'No Incident Lead',
  comms: 'No Comms Lead',
  fixer: 'No fixers',
};

/**
 * "What is undone", in one place: empty roles, the next status update (due or overdue), open checklist items with
 * their owners, and attempts still waiting for an outcome (undoneWork, so the header's count is the same list).
 */
export function UndonePanel({ incidentId }: { incidentId: string }) {
  const incident = useAppStore(selectIncident(incidentId));
  const now = useNow(1000); // the same clock as the header's next update due
  if (!incident) return null;
  const work = undoneWork(incident, now);
  return (
    <section className="panel undone" id="undone" aria-labelledby="undone-title" tabIndex={-1}>
      <h3 id="undone-title">
        What is undone <span className="undone__count">({work.count})</span>
      </h3>
      <UndoneList work={work} now={now} />
    </section>
  );
}

/**
 * At most this many of each kind are listed; the rest are counted. A long incident can hold thousands of attempts
 * without an outcome: listing them all here made the room's first layout several times slower.
 */
const LISTED = 5;

/** The newest first: the attempt most likely still being watched. */
function newestFirst<T>(entries: readonly T[]): readonly T[] {
  return entries.length > LISTED ? entries.slice(-LISTED).reverse() : [...entries].reverse();
}

/** "…and 1,995 more attempts without an outcome (in What we've tried (Pending))" when not all are listed. */
function More({ count, what, where }: { count: number; what: string; where: string }) {
  if (count <= LISTED) return null;
  return (
    <li className="undone__item muted small" data-undone="more">
      …and {(count - LISTED).toLocaleString('en')} more {what} (in {where})
    </li>
  );
}

function UndoneList({ work, now }: { work: UndoneWork; now: number }) {
  const { update } = work;
  const due = update.dueAt;
  return (
    <ul className="undone__list">
      {work.emptyRoles.map((role) => (
        <li key={role} className="undone__item undone__item--role" data-undone="role">
          <strong className="missing">{EMPTY_ROLE_WORDS[role]}</strong>
        </li>
      ))}
      {due && (
        <li className={`undone__item ${update.overdue ? 'undone__item--overdue' : ''}`} data-undone="update">
          {update.overdue ? (
            <strong className="overdue">Status update overdue by {formatDuration(now - Date.parse(due))}</strong>
          ) : (
            <span>
              Next status update due at <Time at={due} />, in {formatDuration(Date.parse(due) - now)}
            </span>
          )}
        </li>
      )}
      {work.openItems.slice(0, LISTED).map(({ checklistId, checklistTitle, item }) => (
        <li key={`${checklistId}/${item.id}`} className="undone__item" data-undone="item">
          <span>{item.text}</span>{' '}
          <span className="muted small">
            {checklistTitle} · {item.owner ? item.owner.name : 'no owner'}
          </span>
        </li>
      ))}
      <More count={work.openItems.length} what="open checklist items" where="Checklists" />
      {newestFirst(work.pendingAttempts)
        .slice(0, LISTED)
        .map((entry) => (
          <li key={entry.id} className="undone__item" data-undone="attempt">
            <span>No outcome yet: {entry.what}</span> <span className="muted small">tried by {entry.by.name}</span>
          </li>
        ))}
      <More count={work.pendingAttempts.length} what="attempts without an outcome" where="What we've tried (Pending)" />
      {work.count === 0 && !due && <li className="muted">Nothing undone.</li>}
    </ul>
  );
}
