import { useState, type FormEvent } from 'react';
import { templateChecklistId } from '../../../shared/domain/checklist-drafts.js';
import {
  ROLE_TEMPLATES,
  SEVERITY_TEMPLATES,
  type ChecklistTemplate,
} from '../../../shared/domain/checklist-templates.js';
import type { Checklist } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { personRef } from '../../store/person-ref.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident, selectPendingFor } from '../../store/selectors.js';
import { Time, FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { FollowupOwnerOptions, NO_OWNER, ownerFor } from './followup-owner-options.js';

const TEMPLATE_GROUPS: ReadonlyArray<{ label: string; templates: readonly ChecklistTemplate[] }> = [
  { label: 'By severity', templates: Object.values(SEVERITY_TEMPLATES) },
  { label: 'By role', templates: Object.values(ROLE_TEMPLATES) },
];

/** Checklists from templates (per severity, per role) and added items: check, uncheck, who and when, who owns it. */
export function ChecklistsPanel({ incidentId }: { incidentId: string }) {
  const checklists = useAppStore((s) => selectIncident(incidentId)(s)?.checklists);
  if (!checklists) return null;
  return (
    <section className="panel checklists" aria-labelledby="checklists-title">
      <h3 id="checklists-title">Checklists</h3>
      {checklists.length === 0 && <p className="muted">No checklists yet. Add one from a template below.</p>}
      {checklists.map((c) => (
        <ChecklistView key={c.id} incidentId={incidentId} checklist={c} />
      ))}
      <InlineRejections
        incidentId={incidentId}
        types={['checklist.create', 'checklist.add_item', 'checklist.set_item', 'checklist.assign_item']}
      />
      <AddChecklist incidentId={incidentId} present={checklists.map((c) => c.id)} />
    </section>
  );
}

function ChecklistView({ incidentId, checklist }: { incidentId: string; checklist: Checklist }) {
  const done = checklist.items.filter((i) => i.doneAt !== null).length;
  const total = checklist.items.length;
  const titleId = `checklist-${checklist.id}`;
  return (
    <section className="checklist" aria-labelledby={titleId}>
      <div className="checklist__head">
        <h4 id={titleId}>{checklist.title}</h4>
        <span className={`checklist__count ${done === total && total > 0 ? 'checklist__count--done' : ''}`}>
          {done} of {total} done
        </span>
      </div>
      <progress
        className="checklist__progress"
        value={done}
        max={Math.max(total, 1)}
        aria-label={`${checklist.title}: ${done} of ${total} done`}
      />
      <ul className="checklist__items">
        {checklist.items.map((item) => (
          <ChecklistItemRow key={item.id} incidentId={incidentId} checklistId={checklist.id} item={item} />
        ))}
      </ul>
      <AddItem incidentId={incidentId} checklist={checklist} />
    </section>
  );
}

function ChecklistItemRow({
  incidentId,
  checklistId,
  item,
}: {
  incidentId: string;
  checklistId: string;
  item: Checklist['items'][number];
}) {
  const actions = useActions();
  const pending = useAppStore(selectPendingFor(incidentId, 'itemId', item.id));
  const people = useAppStore((s) => s.people);
  const readOnly = useAppStore((s) => s.user?.role === 'viewer');
  const done = item.doneAt !== null;
  const { owner } = item;
  const assign = (value: string) => {
    const to = ownerFor(value, people, owner);
    void actions.command({
      type: 'checklist.assign_item',
      incidentId,
      payload: { checklistId, itemId: item.id, owner: to ? personRef(to) : null },
    });
  };
  return (
    <li
      className={`checklist__item ${done ? 'checklist__item--done' : ''}`}
      data-queued={pending}
      data-owner={owner?.id}
    >
      <label className="check">
        <input
          type="checkbox"
          checked={done}
          onChange={(e) =>
            void actions.command({
              type: 'checklist.set_item',
              incidentId,
              payload: { checklistId, itemId: item.id, done: e.target.checked },
            })
          }
        />
        <span>{item.text}</span>
      </label>
      {owner && <span className="checklist__owner small">Owner: {owner.name}</span>}
      {done && item.doneBy && item.doneAt && (
        <span className="checklist__who muted small">
          {item.doneBy.name} at <Time at={item.doneAt} />
        </span>
      )}
      {!done && !readOnly && (
        <select
          className="select--small checklist__owner-select"
          value={owner?.id ?? NO_OWNER}
          aria-label={`Owner of “${item.text}”`}
          onChange={(e) => assign(e.target.value)}
        >
          <FollowupOwnerOptions current={owner} responders />
        </select>
      )}
      {pending && <span className="tag tag--pending">pending</span>}
    </li>
  );
}

function AddItem({ incidentId, checklist }: { incidentId: string; checklist: Checklist }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const key = draftKeys.checklistItem(incidentId, checklist.id);
  const text = useAppStore((s) => s.drafts[key] ?? '');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await actions.command({
      type: 'checklist.add_item',
      incidentId,
      payload: { checklistId: checklist.id, itemId: actions.newId(), text: text.trim() },
    });
    if (!result.ok) return setError(result.message);
    setError(null);
    clearDrafts(key);
  };
  return (
    <form
      className="inline-form"
      aria-label={`Add an item to ${checklist.title}`}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <LimitedInput
        limit={LIMITS.checklistItem}
        value={text}
        onChange={(e) => setDraft(key, e.target.value)}
        aria-label={`New item for ${checklist.title}`}
        placeholder="Add an item…"
        autoComplete="off"
      />
      <button type="submit" className="button button--small">
        Add item
      </button>
      <FormError message={error} />
    </form>
  );
}

function AddChecklist({ incidentId, present }: { incidentId: string; present: readonly string[] }) {
  const actions = useActions();
  const groups = TEMPLATE_GROUPS.map((g) => ({
    ...g,
    templates: g.templates.filter((t) => !present.includes(templateChecklistId(t))),
  })).filter((g) => g.templates.length > 0);
  const first = groups[0]?.templates[0]?.id ?? '';
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const available = groups.some((g) => g.templates.some((t) => t.id === choice));
  const templateId = available ? choice : first;
  if (groups.length === 0) return null;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const template = groups.flatMap((g) => g.templates).find((t) => t.id === templateId);
    if (!template) return;
    const result = await actions.command({
      type: 'checklist.create',
      incidentId,
      payload: { checklistId: templateChecklistId(template), templateId: template.id },
    });
    setError(result.ok ? null : result.message);
  };
  return (
    <form className="inline-form" aria-label="Add a checklist" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field field--inline">
        <span>From template</span>
        <select id="checklist-template" value={templateId} onChange={(e) => setChoice(e.target.value)}>
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.items.length} items)
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="submit" className="button button--small">
        Add checklist
      </button>
      <FormError message={error} />
    </form>
  );
}
