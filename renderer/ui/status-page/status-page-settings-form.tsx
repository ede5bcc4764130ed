import { useId, useMemo, useState } from 'react';
import type { StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import { OVERRIDE_STATES, SERVICE_STATE_WORDS, type OverrideState } from '../../../shared/status-page/service-state.js';
import type { PublicService } from '../../../shared/status-page/status-page-config.js';
import { useAppStore } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';
import { SubmitForm } from '../common/submit-form.js';
import { TimeZoneSelect } from '../oncall/time-zone-select.js';
import { useStatusPageChange } from './use-status-page-change.js';

const FOLLOW = 'follow';

type ServiceRow = { key: string; name: string; description: string; override: OverrideState | null };

const rowOf = (s: PublicService): ServiceRow => ({ ...s });
const EMPTY_ROW: ServiceRow = { key: '', name: '', description: '', override: null };

/**
 * The page's title and time zone, and its public services: the internal service name incidents use (never shown),
 * the public name and description, and an admin's override. Saved whole (`config.save`, maintenance windows kept as
 * they are); refused, the edits stay.
 */
export function StatusPageSettingsForm({ view }: { view: StatusPageView }) {
  const { send, busy, error } = useStatusPageChange();
  const [title, setTitle] = useState(view.config.title);
  const [timeZone, setTimeZone] = useState(view.config.timeZone);
  const [rows, setRows] = useState<ServiceRow[]>(view.config.services.map(rowOf));
  const [saved, setSaved] = useState(false);
  /** Edits not saved yet: a change from elsewhere (statuspage.changed) must not overwrite them. */
  const [dirty, setDirty] = useState(false);
  // The saved set-up changed (this save, or another admin's): the fields follow it unless edits are pending.
  // Adjusted while rendering, as React advises for state that follows a prop.
  const [base, setBase] = useState(view.config);
  if (base !== view.config) {
    setBase(view.config);
    if (!dirty) {
      setTitle(view.config.title);
      setTimeZone(view.config.timeZone);
      setRows(view.config.services.map(rowOf));
    }
  }
  const id = useId();
  const incidents = useAppStore((s) => s.state.incidents);
  const knownServices = useMemo(
    () => [...new Set(Object.values(incidents).map((i) => i.service.trim()))].filter(Boolean).sort(),
    [incidents],
  );
  const edited = () => {
    setSaved(false);
    setDirty(true);
  };
  const setRow = (i: number, patch: Partial<ServiceRow>) => {
    edited();
    setRows((all) => all.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  };
  const save = async () => {
    const config = { ...view.config, title, timeZone, services: rows };
    const result = await send({ kind: 'config.save', config });
    setSaved(result !== null);
    if (result) setDirty(false);
  };
  return (
    <SubmitForm className="panel form statuspage__settings" label="Page and public services" onSubmit={save}>
      <h3>Page and public services</h3>
      <div className="form__row">
        <label className="field">
          <span>Page title</span>
          <input value={title} maxLength={80} onChange={(e) => (edited(), setTitle(e.target.value))} />
        </label>
        <label className="field">
          <span>Time zone (the history&apos;s days)</span>
          <TimeZoneSelect value={timeZone} onChange={(zone) => (edited(), setTimeZone(zone))} />
        </label>
      </div>
      <datalist id={`${id}-services`}>
        {knownServices.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {rows.length === 0 && <p className="muted">No public service yet: the page shows no components.</p>}
      <ol className="statuspage__services" aria-label="Public services">
        {rows.map((row, i) => (
          <li key={i} className="statuspage__service" aria-label={`Public service ${i + 1}`}>
            <label className="field">
              <span>Service (as incidents name it; never public)</span>
              <input value={row.key} list={`${id}-services`} onChange={(e) => setRow(i, { key: e.target.value })} />
            </label>
            <label className="field">
              <span>Public name</span>
              <input value={row.name} maxLength={80} onChange={(e) => setRow(i, { name: e.target.value })} />
            </label>
            <label className="field field--wide">
              <span>Description</span>
              <input
                value={row.description}
                maxLength={300}
                onChange={(e) => setRow(i, { description: e.target.value })}
              />
            </label>
            <label className="field">
              <span>Shown state</span>
              <select
                value={row.override ?? FOLLOW}
                onChange={(e) => setRow(i, { override: OVERRIDE_STATES.find((s) => s === e.target.value) ?? null })}
              >
                <option value={FOLLOW}>Follow incidents</option>
                {OVERRIDE_STATES.map((state) => (
                  <option key={state} value={state}>
                    {SERVICE_STATE_WORDS[state]} (override)
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => (edited(), setRows((all) => all.filter((_, j) => j !== i)))}
            >
              Remove service {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <div className="form__actions">
        <button type="button" className="button" onClick={() => (edited(), setRows([...rows, EMPTY_ROW]))}>
          Add a public service
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save page and services'}
        </button>
      </div>
      <FormError message={error} />
      {saved && (
        <p role="status" className="muted">
          Saved.
        </p>
      )}
    </SubmitForm>
  );
}
