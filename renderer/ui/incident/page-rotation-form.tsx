import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { OncallView } from '../../../shared/protocol/oncall-wire.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';

const NO_ROTATIONS: OncallView['rotations'] = [];

/** The rotations this client knows from the on-call set-up, by name: what "Page a rotation" offers. */
function byName(rotations: OncallView['rotations']): ReadonlyArray<{ id: string; name: string }> {
  return rotations
    .map(({ rotation }) => ({ id: rotation.id, name: rotation.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * "Page a rotation": page the chain of a rotation chosen here for this incident (page.choose_rotation), loud when
 * nobody was paged (`urgent`), plain in the Paging panel (a person declared it and now wants a team).
 */
export function PageRotationForm({ incidentId, urgent }: { incidentId: string; urgent: boolean }) {
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
      <button type="submit" className={urgent ? 'button button--danger' : 'button'}>
        Page {chosen.name}
      </button>
      <FormError message={error} />
    </form>
  );
}
