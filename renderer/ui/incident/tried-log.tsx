import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TRIED_OUTCOMES, type TriedEntry, type TriedOutcome } from '../../../shared/domain/incident.js';
import { useAppStore } from '../../store/store-context.js';
import type { AppState } from '../../store/app-state.js';
import { selectIncident } from '../../store/selectors.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { OUTCOME_LABELS } from '../common/labels.js';
import { TriedForm } from './tried-form.js';
import { TRIED_KEYS_HINT_ID, TriedItem } from './tried-item.js';
import { VirtualList } from '../common/virtual-list.js';

const NO_ENTRIES: readonly TriedEntry[] = [];

/** Ids of entries added here and not yet confirmed by the hub. */
const pendingEntryIds = (incidentId: string) => (s: AppState) =>
  s.pending.flatMap((p) =>
    p.incidentId === incidentId && p.type === 'tried.add' && typeof p.payload.entryId === 'string'
      ? [p.payload.entryId]
      : [],
  );

/** "What we've tried": every attempt, newest first, so nobody tries the same thing twice at 3 a.m. */
export function TriedLog({ incidentId }: { incidentId: string }) {
  const setTriedFilter = useAppStore((s) => s.setTriedFilter);
  const tried = useAppStore((s) => selectIncident(incidentId)(s)?.tried ?? NO_ENTRIES);
  const filter = useAppStore((s) => s.triedFilter);
  const pendingIds = useAppStore(useShallow(pendingEntryIds(incidentId)));
  const readOnly = useAppStore((s) => s.user?.role === 'viewer');
  // A struck-out entry counts under "All" only: it was a mistake, not an outcome.
  const counts = useMemo(() => {
    const byOutcome: Record<TriedOutcome, number> = { pending: 0, helped: 0, 'no-effect': 0, 'made-worse': 0 };
    for (const entry of tried) if (!entry.struck) byOutcome[entry.outcome] += 1;
    return byOutcome;
  }, [tried]);
  // Positions in `tried` of the entries shown, newest first.
  const shown = useMemo(() => {
    const positions: number[] = [];
    for (let i = tried.length - 1; i >= 0; i--) {
      const entry = tried[i];
      if (entry && (filter === 'all' || (!entry.struck && entry.outcome === filter))) positions.push(i);
    }
    return positions;
  }, [tried, filter]);
  const pending = useMemo(() => new Set(pendingIds), [pendingIds]);
  const entryAt = (i: number): TriedEntry => tried[shown[i] ?? -1] as TriedEntry;

  return (
    <section className="panel tried" aria-labelledby="tried-title">
      <div className="panel__head">
        <h3 id="tried-title">What we've tried</h3>
        <label className="field field--inline">
          <span>Show</span>
          <select
            id="tried-filter"
            value={filter}
            onChange={(e) => setTriedFilter(e.target.value as AppState['triedFilter'])}
          >
            <option value="all">All outcomes ({tried.length})</option>
            {TRIED_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]} ({counts[o]})
              </option>
            ))}
          </select>
        </label>
      </div>
      <TriedForm incidentId={incidentId} tried={tried} />
      <InlineRejections incidentId={incidentId} types={['tried.add', 'tried.set_outcome', 'tried.strike']} />
      {tried.length > 0 && !readOnly && (
        <p id={TRIED_KEYS_HINT_ID} className="tried__hint muted small">
          On an entry (Tab to it): <kbd>1</kbd> helped, <kbd>2</kbd> no effect, <kbd>3</kbd> made it worse, <kbd>4</kbd>{' '}
          pending, then Enter saves (with a note if you like); <kbd>x</kbd> strikes a mistaken entry out.
        </p>
      )}
      {tried.length === 0 ? (
        <p className="muted">Nothing yet. Write down every attempt, even those that changed nothing.</p>
      ) : shown.length === 0 ? (
        <p className="muted">No attempt has this outcome.</p>
      ) : (
        <VirtualList
          label="What we've tried"
          className="tried__list"
          count={shown.length}
          estimateSize={104}
          itemKey={(i) => entryAt(i).id}
          itemData={(i) => ({ 'data-entry-id': entryAt(i).id, 'data-pending': pending.has(entryAt(i).id) })}
          renderItem={(i) => (
            <TriedItem
              incidentId={incidentId}
              entry={entryAt(i)}
              number={(shown[i] ?? 0) + 1}
              pending={pending.has(entryAt(i).id)}
              readOnly={readOnly}
            />
          )}
        />
      )}
    </section>
  );
}
