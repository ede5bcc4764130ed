import { useShallow } from 'zustand/react/shallow';
import { SEVERITIES } from '../../../shared/domain/severity.js';
import { STATUSES } from '../../../shared/domain/status.js';
import { useAppStore } from '../../store/store-context.js';
import { selectServices } from '../../store/selectors.js';
import type { BoardFilter } from '../../store/ui-slice.js';
import { STATUS_LABELS } from '../common/bits.js';

/** Status, severity, service and "mine": what the board shows. Kept while the person moves around. */
export function BoardFilters() {
  const setBoardFilter = useAppStore((s) => s.setBoardFilter);
  const filter = useAppStore((s) => s.boardFilter);
  const services = useAppStore(useShallow(selectServices));
  return (
    <form className="filters" aria-label="Filter incidents" onSubmit={(e) => e.preventDefault()}>
      <label className="field field--inline">
        <span>Status</span>
        <select
          id="board-filter-status"
          value={filter.status}
          onChange={(e) => setBoardFilter({ status: e.target.value as BoardFilter['status'] })}
        >
          <option value="active">Active</option>
          <option value="all">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Severity</span>
        <select
          value={filter.severity}
          onChange={(e) => setBoardFilter({ severity: e.target.value as BoardFilter['severity'] })}
        >
          <option value="all">All</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Service</span>
        <select value={filter.service} onChange={(e) => setBoardFilter({ service: e.target.value })}>
          <option value="">All</option>
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
          {filter.service && !services.includes(filter.service) && (
            <option value={filter.service}>{filter.service}</option>
          )}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.mine} onChange={(e) => setBoardFilter({ mine: e.target.checked })} />
        <span>Mine (I hold a role)</span>
      </label>
    </form>
  );
}
