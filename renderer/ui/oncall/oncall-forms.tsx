import { useState, type FormEvent, type ReactNode } from 'react';
import { LimitedInput } from '../common/limited-text.js';
import { oncallChangeSchema, type OncallChange } from '../../../shared/protocol/oncall-wire.js';
import {
  ONCALL_LIMITS,
  overrideInputSchema,
  rotationInputSchema,
  SHIFT_LENGTHS,
  type Rotation,
  type ShiftLength,
} from '../../../shared/oncall/rotation.js';
import type { OncallChangeResult } from '../../store/oncall-actions.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { issuesText } from '../../store/input-problems.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { isViewer } from '../common/people-options.js';
import { TimeZoneSelect } from './time-zone-select.js';
import { browserTimeZone, isoFromLocalInput, localInputValue, todayIn } from './time-zones.js';

/** Sends a change checked with the hub's own schema first; the form shows the problems or the hub's refusal. */
export function useOncallChange() {
  const actions = useActions();
  const [problems, setProblems] = useState<string[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (change: OncallChange, done: string): Promise<boolean> => {
    const parsed = oncallChangeSchema.safeParse(change);
    if (!parsed.success) {
      setProblems(issuesText(parsed.error));
      setNotes([]);
      return false;
    }
    setBusy(true);
    const result: OncallChangeResult = await actions.changeOnCall(change);
    setBusy(false);
    if (!result.ok) {
      setProblems([result.message]);
      setNotes([]);
      return false;
    }
    setProblems([]);
    setNotes([done, ...result.warnings]);
    return true;
  };
  return { problems, notes, busy, submit, setProblems };
}

/** Problems (the form's or the hub's refusal) and what the hub said when it took the change, under a form. */
export function FormOutcome({ problems, notes }: { problems: readonly string[]; notes: readonly string[] }) {
  return (
    <>
      {problems.length > 0 && (
        <div className="error" role="alert">
          {problems.map((p) => (
            <p key={p} className="error__line">
              {p}
            </p>
          ))}
        </div>
      )}
      {notes.length > 0 && (
        <div className="form__notes" role="status">
          {notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      )}
    </>
  );
}

function AdminForm({ label, onSubmit, children }: { label: string; onSubmit: () => void; children: ReactNode }) {
  const titleId = `form-${label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <form
      className="panel form"
      aria-labelledby={titleId}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={titleId}>{label}</h3>
      {children}
    </form>
  );
}

/** Create or edit a rotation: name, people in order, handoff time, daily or weekly, time zone, first handoff. */
export function RotationForm({ initial, onDone }: { initial: Rotation | null; onDone: () => void }) {
  const actions = useActions();
  const people = useAppStore((s) => s.people);
  const [name, setName] = useState(initial?.name ?? '');
  const [members, setMembers] = useState<{ id: string; name: string }[]>(
    initial ? initial.members.map((m) => ({ id: m.id, name: m.name })) : [],
  );
  const [handoffTime, setHandoffTime] = useState(initial?.handoffTime ?? '09:00');
  const [shift, setShift] = useState<ShiftLength>(initial?.shift ?? 'weekly');
  const [timeZone, setTimeZone] = useState(initial?.timeZone ?? browserTimeZone());
  const [startDate, setStartDate] = useState(() => initial?.startDate ?? todayIn(timeZone));
  const candidates = people.filter((p) => !isViewer(p) && !members.some((m) => m.id === p.id));
  const [adding, setAdding] = useState('');
  const { problems, notes, busy, submit, setProblems } = useOncallChange();

  const add = () => {
    const person = candidates.find((p) => p.id === adding) ?? candidates[0];
    if (!person) return;
    setMembers([...members, { id: person.id, name: person.name }]);
    setAdding('');
  };
  const move = (index: number, by: number) => {
    const next = [...members];
    const [item] = next.splice(index, 1);
    if (!item) return;
    next.splice(Math.max(0, Math.min(next.length, index + by)), 0, item);
    setMembers(next);
  };

  const save = async () => {
    const rotation = { id: initial?.id ?? actions.newId(), name, members, handoffTime, shift, timeZone, startDate };
    const checked = rotationInputSchema.safeParse(rotation);
    if (!checked.success) return setProblems(issuesText(checked.error));
    const ok = await submit({ kind: 'rotation.save', rotation }, `Saved ${name.trim()}.`);
    if (ok && !initial) {
      setName('');
      setMembers([]);
    }
    if (ok && initial) onDone();
  };

  return (
    <AdminForm label={initial ? `Edit rotation ${initial.name}` : 'New rotation'} onSubmit={() => void save()}>
      <div className="form__grid">
        <label className="field field--wide">
          <span>Name</span>
          <LimitedInput
            limit={ONCALL_LIMITS.rotationName}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>Handoff time</span>
          <input type="time" value={handoffTime} onChange={(e) => setHandoffTime(e.target.value)} />
        </label>
        <label className="field">
          <span>Shift</span>
          <select value={shift} onChange={(e) => setShift(e.target.value as ShiftLength)}>
            {SHIFT_LENGTHS.map((s) => (
              <option key={s} value={s}>
                {s === 'daily' ? 'Daily' : 'Weekly'}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Time zone</span>
          <TimeZoneSelect value={timeZone} onChange={setTimeZone} />
        </label>
        <label className="field">
          <span>First handoff</span>
          <input type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        </label>
      </div>
      <fieldset>
        <legend>People, in order (the first is primary, the second backup)</legend>
        {members.length === 0 ? (
          <p className="muted small">Nobody yet: add at least three people.</p>
        ) : (
          <ol className="members" aria-label="People in the rotation">
            {members.map((m, i) => (
              <li key={m.id}>
                <span className="members__name">{m.name}</span>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => move(i, -1)}
                  disabled={i === 0}
                  aria-label={`Move ${m.name} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => move(i, 1)}
                  disabled={i === members.length - 1}
                  aria-label={`Move ${m.name} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => setMembers(members.filter((x) => x.id !== m.id))}
                  aria-label={`Remove ${m.name}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
        )}
        <div className="inline-form">
          <label className="field">
            <span>Add a person</span>
            <select value={adding} onChange={(e) => setAdding(e.target.value)} disabled={candidates.length === 0}>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={add} disabled={candidates.length === 0}>
            Add to rotation
          </button>
        </div>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save rotation
        </button>
        {initial && (
          <button type="button" className="button button--quiet" onClick={onDone}>
            Cancel editing
          </button>
        )}
      </div>
      <FormOutcome problems={problems} notes={notes} />
    </AdminForm>
  );
}

/** Route a service to a rotation (or remove its route). */
export function ServiceRouteForm({ rotations }: { rotations: readonly Rotation[] }) {
  const [service, setService] = useState('');
  const [rotationId, setRotationId] = useState('');
  const { problems, notes, busy, submit } = useOncallChange();
  const chosen = rotationId || rotations[0]?.id || '';
  const save = async () => {
    const target = chosen === 'none' ? null : chosen;
    const ok = await submit(
      { kind: 'service.route', service, rotationId: target },
      target
        ? `${service.trim()} now pages ${rotations.find((r) => r.id === target)?.name ?? target}.`
        : `${service.trim()} has no route now.`,
    );
    if (ok) setService('');
  };
  return (
    <AdminForm label="Route a service" onSubmit={() => void save()}>
      <div className="form__grid">
        <label className="field field--wide">
          <span>Service</span>
          <LimitedInput
            limit={LIMITS.title}
            value={service}
            onChange={(e) => setService(e.target.value)}
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>Pages rotation</span>
          <select value={chosen} onChange={(e) => setRotationId(e.target.value)}>
            {rotations.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
            <option value="none">No rotation (remove the route)</option>
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          Route service
        </button>
      </div>
      <FormOutcome problems={problems} notes={notes} />
    </AdminForm>
  );
}

function nextHour(): number {
  return Math.ceil(Date.now() / 3_600_000) * 3_600_000;
}

/** Someone covers a member of a rotation from one moment to another (a holiday, a swap). */
export function OverrideForm({ rotations }: { rotations: readonly Rotation[] }) {
  const actions = useActions();
  const people = useAppStore((s) => s.people);
  const [rotationId, setRotationId] = useState('');
  const rotation = rotations.find((r) => r.id === rotationId) ?? rotations[0];
  const [replaces, setReplaces] = useState('');
  const [personId, setPersonId] = useState('');
  // From the next full hour, for a day (a lazy initial state: read the clock once).
  const [start, setStart] = useState(() => localInputValue(nextHour()));
  const [end, setEnd] = useState(() => localInputValue(nextHour() + 24 * 3_600_000));
  const [note, setNote] = useState('');
  const { problems, notes, busy, submit, setProblems } = useOncallChange();
  if (!rotation) return null;
  const covered = rotation.members.find((m) => m.id === replaces) ?? rotation.members[0];
  const coverCandidates = people.filter((p) => !isViewer(p) && p.id !== covered?.id);
  const cover = coverCandidates.find((p) => p.id === personId) ?? coverCandidates[0];

  const save = async () => {
    const override = {
      id: actions.newId(),
      rotationId: rotation.id,
      replaces: covered?.id ?? '',
      person: cover ? { id: cover.id, name: cover.name } : { id: '', name: '' },
      start: isoFromLocalInput(start) ?? start,
      end: isoFromLocalInput(end) ?? end,
      note,
    };
    const checked = overrideInputSchema.safeParse(override);
    if (!checked.success) return setProblems(issuesText(checked.error));
    const ok = await submit(
      { kind: 'override.save', override },
      `${cover?.name ?? ''} covers ${covered?.name ?? ''} on ${rotation.name}.`,
    );
    if (ok) setNote('');
  };

  return (
    <AdminForm label="Add an override" onSubmit={() => void save()}>
      <div className="form__grid">
        <label className="field">
          <span>Rotation</span>
          <select value={rotation.id} onChange={(e) => setRotationId(e.target.value)}>
            {rotations.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Who is covered</span>
          <select value={covered?.id ?? ''} onChange={(e) => setReplaces(e.target.value)}>
            {rotation.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Who covers</span>
          <select value={cover?.id ?? ''} onChange={(e) => setPersonId(e.target.value)}>
            {coverCandidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>From</span>
          <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <label className="field field--wide">
          <span>Note</span>
          <LimitedInput
            limit={ONCALL_LIMITS.overrideNote}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoComplete="off"
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          Add override
        </button>
      </div>
      <FormOutcome problems={problems} notes={notes} />
    </AdminForm>
  );
}
