import type { StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import { SERVICE_STATE_WORDS } from '../../../shared/status-page/service-state.js';
import { selectIsAdmin } from '../../store/selectors.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { DateTime, FormError } from '../common/bits.js';
import { ChannelsSection } from './channels-section.js';
import { MaintenanceSection } from './maintenance-section.js';
import { StatusPageSettingsForm } from './status-page-settings-form.js';
import { useStatusPage } from './use-status-page.js';
import { WebhooksSection } from './webhooks-section.js';

/**
 * The public status page's set-up (docs/status-page.md). Admins change it here: the page, its public services,
 * maintenance windows, webhook subscribers and the team's announcement channels. Other responders read a summary
 * with the page's link; viewers are not shown this screen.
 */
export function StatusPageScreen() {
  const actions = useActions();
  const view = useStatusPage();
  const loading = useAppStore((s) => s.statusPageLoading);
  const error = useAppStore((s) => s.statusPageError);
  const admin = useAppStore(selectIsAdmin);
  const role = useAppStore((s) => s.user?.role);
  if (role === 'viewer') return null;
  return (
    <section className="statuspage" aria-labelledby="statuspage-title" data-loaded={view !== null}>
      <div className="panel">
        <div className="panel__head">
          <h2 id="statuspage-title">Status page</h2>
          <button type="button" className="button button--small" onClick={() => void actions.loadStatusPage()}>
            {loading ? 'Loading…' : 'Refresh'}
          </button>
        </div>
        <FormError message={error} />
        {view ? <Summary view={view} /> : !error && <p className="muted">Loading the status page set-up…</p>}
      </div>
      {view && admin && <AdminSections key={view.pageUrl} view={view} />}
      {view && !admin && <ReadOnly view={view} />}
    </section>
  );
}

function Summary({ view }: { view: StatusPageView }) {
  const actions = useActions();
  return (
    <>
      <p>
        <strong>{view.config.title}</strong> at{' '}
        <a
          href={view.pageUrl}
          rel="noreferrer noopener"
          onClick={(event) => {
            event.preventDefault();
            void actions.openExternal(view.pageUrl);
          }}
        >
          {view.pageUrl}
        </a>
      </p>
      <p className="muted small" data-testid="statuspage-subscribers">
        Subscribers by e-mail: {view.subscribers.confirmed} confirmed, {view.subscribers.pending} waiting for
        confirmation{view.email ? '' : ' (e-mail is off: the hub has no SMTP settings)'}. Webhook subscribers:{' '}
        {view.webhooks.length}.
      </p>
      <p className="muted small">
        {view.publishers === 'comms-or-lead'
          ? 'The Communication Lead publishes (or the Incident Lead while no one holds Comms).'
          : 'Any responder may publish.'}
      </p>
    </>
  );
}

/** Admins: every part, each saved on its own. */
function AdminSections({ view }: { view: StatusPageView }) {
  return (
    <div className="statuspage__admin">
      <StatusPageSettingsForm view={view} />
      <MaintenanceSection view={view} />
      <WebhooksSection view={view} />
      <ChannelsSection view={view} />
    </div>
  );
}

/** Responders who are not admins: what the page shows, and who to ask. */
function ReadOnly({ view }: { view: StatusPageView }) {
  const { config } = view;
  return (
    <div className="panel statuspage__readonly">
      <h3>Public services</h3>
      {config.services.length === 0 ? (
        <p className="muted">No public service yet.</p>
      ) : (
        <ul className="statuspage__list" aria-label="Public services">
          {config.services.map((s) => (
            <li key={s.key}>
              <strong>{s.name}</strong> (incidents on {s.key})
              {s.override ? `: shown as ${SERVICE_STATE_WORDS[s.override]} by an admin` : ''}
            </li>
          ))}
        </ul>
      )}
      {config.maintenances.length > 0 && (
        <>
          <h3>Maintenance windows</h3>
          <ul className="statuspage__list" aria-label="Maintenance windows">
            {config.maintenances.map((m) => (
              <li key={m.id}>
                <strong>{m.title}</strong>: <DateTime at={m.startsAt} /> to <DateTime at={m.endsAt} />
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="muted small">An admin changes the status page&apos;s set-up.</p>
    </div>
  );
}
