import { useMemo } from 'react';
import type { IncidentsState } from '../../../shared/domain/state.js';
import { SEVERITIES } from '../../../shared/domain/severity.js';
import { boardCounts } from './board-order.js';

/** Active incidents by severity and how many have no lead: the situation in one line, whatever the filters hide. */
export function BoardCountsBar({ incidents }: { incidents: IncidentsState['incidents'] }) {
  const counts = useMemo(() => boardCounts(incidents), [incidents]);
  return (
    <ul className="board-counts" aria-label="Active incidents">
      {SEVERITIES.map((s) => (
        <li
          key={s}
          className={`board-counts__item board-counts__item--${s.toLowerCase()}`}
          data-count={counts.bySeverity[s]}
          data-severity={s}
          aria-label={`${s}: ${counts.bySeverity[s]}`}
        >
          <span className={`board-counts__sev sev sev--${s.toLowerCase()}`} aria-hidden="true">
            <span className="sev__shape" />
            {s}
          </span>
          <strong aria-hidden="true">{counts.bySeverity[s]}</strong>
        </li>
      ))}
      <li
        className={`board-counts__item board-counts__item--no-lead${counts.noLead > 0 ? ' board-counts__item--alarm' : ''}`}
        data-count={counts.noLead}
        data-no-lead=""
        aria-label={`No lead: ${counts.noLead}`}
      >
        <span className={counts.noLead > 0 ? 'missing' : 'muted'} aria-hidden="true">
          {counts.noLead > 0 && <span aria-hidden="true">⚠ </span>}No lead
        </span>
        <strong aria-hidden="true">{counts.noLead}</strong>
      </li>
    </ul>
  );
}
