import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/store-context.js';
import { selectBoardIds, selectHiddenCount } from '../../store/selectors.js';
import { BoardCountsBar } from './board-counts.js';
import { BoardFilters } from './board-filters.js';
import { BoardRow } from './board-row.js';
import { attentionFirst } from './board-order.js';
import { DeclareForm } from './declare-form.js';
import { DECLARE_TEXT_KEYS, hasDeclareDraft } from './declare-draft.js';

/** The id of the "Declare an incident" button: the `n` shortcut clicks it when the form is closed (shortcuts.ts names it). */
const DECLARE_OPEN_ID = 'declare-open';

export function Board() {
  const ids = useAppStore(useShallow(selectBoardIds));
  const incidents = useAppStore((s) => s.state.incidents);
  const hidden = useAppStore(selectHiddenCount);
  const total = Object.keys(incidents).length;
  const canDeclare = useAppStore((s) => s.user !== null && s.user.role !== 'viewer');
  const table = useRef<HTMLTableElement>(null);
  const declareButton = useRef<HTMLButtonElement>(null);
  const ordered = useMemo(() => attentionFirst(ids, incidents), [ids, incidents]);
  const { open: declaring, focus: focusDeclare, show: showDeclare, hide: hideDeclare } = useDeclareOpen(declareButton);
  const returnTo = useAppStore((s) => s.lastOpenedIncidentId);

  // Coming back from an incident, put the focus back on its row, so the keyboard continues where it left.
  useEffect(() => {
    if (!returnTo || (document.activeElement && document.activeElement !== document.body)) return;
    const rows = table.current?.querySelectorAll<HTMLTableRowElement>('tr[data-incident-id]') ?? [];
    [...rows]
      .find((row) => row.dataset.incidentId === returnTo)
      ?.querySelector('button')
      ?.focus();
  }, [returnTo]);

  return (
    <>
      <section className="panel board-panel" aria-labelledby="board-title">
        <div className="panel__head board-panel__head">
          <h2 id="board-title">Incidents</h2>
          <BoardCountsBar incidents={incidents} />
          {canDeclare && !declaring && (
            <button
              ref={declareButton}
              id={DECLARE_OPEN_ID}
              type="button"
              className="button button--danger"
              aria-expanded="false"
              onClick={showDeclare}
            >
              Declare an incident
            </button>
          )}
        </div>
        <BoardFilters />
        {canDeclare && declaring && <DeclareForm onClose={hideDeclare} autoFocus={focusDeclare} />}
        {total === 0 ? (
          <p className="muted board__empty">No incidents.{canDeclare ? ' Declare one when something is wrong.' : ''}</p>
        ) : ordered.length === 0 ? (
          <p className="muted board__empty">No incident matches these filters ({hidden} hidden).</p>
        ) : (
          <>
            <table className="board" ref={table} aria-labelledby="board-title">
              <colgroup>
                <col className="board__col-severity" />
                <col className="board__col-incident" />
                <col className="board__col-status" />
                <col className="board__col-lead" />
                <col className="board__col-declared" />
                <col className="board__col-update" />
                <col className="board__col-service" />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Incident</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="board__th-long">Incident </span>Lead
                  </th>
                  <th scope="col">Declared</th>
                  <th scope="col">Last update</th>
                  <th scope="col">Service</th>
                </tr>
              </thead>
              <tbody>
                {ordered.map((id) => (
                  <BoardRow key={id} incidentId={id} />
                ))}
              </tbody>
            </table>
            {hidden > 0 && (
              <p className="muted board__hidden">
                {hidden} more {hidden === 1 ? 'incident is' : 'incidents are'} hidden by the filters.
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}

/**
 * Whether the declare form shows. It opens on demand (the button, the `n` key) and closes with Escape, keeping what
 * was typed; it also opens by itself for a declaration left unfinished (coming back to the board) or put back by
 * "Edit again" on a refused one, so a half-typed declaration is never out of sight for long.
 */
function useDeclareOpen(button: RefObject<HTMLButtonElement | null>) {
  const drafted = useAppStore((s) => hasDeclareDraft(s.drafts));
  const snapshot = useAppStore((s) => JSON.stringify(DECLARE_TEXT_KEYS.map((key) => s.drafts[key] ?? '')));
  const [open, setOpen] = useState(drafted);
  const [focus, setFocus] = useState(false);
  const [seen, setSeen] = useState(snapshot);
  const wasOpen = useRef(open);

  // Texts changed while the form was closed: only "Edit again" does that. Adjusted while rendering, as React
  // recommends for state that follows other state (no extra render with the form closed).
  if (snapshot !== seen) {
    setSeen(snapshot);
    if (!open && drafted) {
      setOpen(true);
      setFocus(true);
    }
  }

  // Closing gives the focus back to the button that opens the form.
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open, button]);

  return {
    open,
    focus,
    show: () => {
      setOpen(true);
      setFocus(true);
    },
    hide: () => setOpen(false),
  };
}
