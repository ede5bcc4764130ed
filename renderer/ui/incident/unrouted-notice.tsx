import { selectIncident } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { Time } from '../common/bits.js';
import { PageRotationForm } from './page-rotation-form.js';

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
      <PageRotationForm incidentId={incidentId} urgent />
    </section>
  );
}
