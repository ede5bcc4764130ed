import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { OncallView } from '../../../shared/protocol/oncall-wire.js';
import { selectIncident } from '../../store/selectors.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { FormError, Time } from '../common/bits.js';

const NO_ROTATIONS: OncallView['rotations'] = [];

/** The rotations this client knows from the on-call set-up, by name: what "Page a rotation" offers. */
function byName(rotations: OncallView['rotations']): ReadonlyArray<{ id: string; name: string }> {
  return rotations
    .map(({ rotation }) => ({ id: rotation.id, name: rotation.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * "Nobody was paged", loud, while the hub says the incident should page but found nobody (no rotation covers its
 * service and there is no default), with one click to page a rotation chosen here. Viewers cannot page: hidden.
 */
export function UnroutedNotice({ incidentId }: { incidentId: string }) {
  const unrouted = useAppStore((s) => selectIncident(incidentId)(s)?.unrouted ?? null);
  const canPage = useAppStore((s) => s.user !== null && s.user.role !== 'viewer');
  if (!unrouted || !canPage) return null;
  return (
    <section className="unrouted" aria-labelledby="unrouted-title" data-testid="unrouted-notice">
      <h3 id="unrouted-title">
        <span aria-hidden="true">⚠ </span>Nobody was paged
      </h3>
      <p role="alert" className="unrouted__reason">
        {unrouted.severity}: {unrouted.reason}{' '}
        <span className="muted">
          (since <Time at={unrouted.at} />)
        </span>
      </p>
      <ChooseRotation incidentId={incidentId} />
    </section>
  );
}

function ChooseRotation({ incidentId }: { incidentId: string }) {
  const actions = useActions();
  const id = useId();
  const known = useAppStore((s) => s.oncall?.rotations ?? NO_ROTATIONS);
  const rotations = useMemo(() => byName(known), [known]);
  const loaded = useAppStore((s) => s.oncall !== null);
  const loading = useAppStore((s) => s.oncallLoading);
  const loadError = useAppStore((s) => s.oncallError);
  const online = useAppStore((s) => s.status === 'online');
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const askedWhileOnline = useRef(false);
  // The rotations come with the on-call set-up: ask for it if this client has not got it, and once more each time the
  // hub becomes reachable (a room opened from the cache at start asks before the connection is up, and that fails).
  useEffect(() => {
    if (!online) askedWhileOnline.current = false;
    if (loaded || loading || (online ? askedWhileOnline.current : loadError !== null)) return;
    if (online) askedWhileOnline.current = true;
    void actions.loadOnCall();
  }, [actions, loaded, loading, loadError, online]);

  const chosen = rotations.find((r) => r.id === choice) ?? rotations[0];
  if (!chosen)
    return (
      <p className="small">
        {loading
          ? 'Loading the rotations…'
          : loadError
            ? `The rotations could not be loaded: ${loadError}`
            : 'There is no rotation to page yet: an admin sets one up on the On-call screen (key w).'}
      </p>
    );
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = await actions.command({
      type: 'page.choose_rotation',
      incidentId,
      payload: { rotationId: chosen.id },
    });
    setError(result.ok ? null : result.message);
  };
  return (
    <form
      className="inline-form unrouted__form"
      aria-label="Choose a rotation to page"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <label className="field field--inline" htmlFor={`${id}-rotation`}>
        Page a rotation
      </label>
      <select id={`${id}-rotation`} value={chosen.id} onChange={(e) => setChoice(e.target.value)}>
        {rotations.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button button--danger">
        Page {chosen.name}
      </button>
      <FormError message={error} />
    </form>
  );
}
