import { useState } from 'react';
import type { StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import { FormError } from '../common/bits.js';
import { SubmitForm } from '../common/submit-form.js';
import { LastSendNote } from './last-send.js';
import { ServiceChecks } from './service-checks.js';
import { useStatusPageChange } from './use-status-page-change.js';

/**
 * Webhook subscribers: a URL that hears about every published incident (or only some services), each request signed
 * with a secret the hub makes. The secret is shown once, when the subscriber is added: the hub keeps it sealed.
 */
export function WebhooksSection({ view }: { view: StatusPageView }) {
  const { send, busy, error } = useStatusPageChange();
  const [url, setUrl] = useState('');
  const [services, setServices] = useState<readonly string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const add = async () => {
    const result = await send({ kind: 'webhook.add', url: url.trim(), services: [...services] });
    if (!result) return; // what was typed stays
    setSecret(result.secret);
    setUrl('');
    setServices([]);
  };
  return (
    <section className="panel statuspage__webhooks" aria-labelledby="sp-webhooks-title">
      <h3 id="sp-webhooks-title">Webhook subscribers</h3>
      {view.webhooks.length === 0 ? (
        <p className="muted">No webhook subscriber.</p>
      ) : (
        <ul className="statuspage__list" aria-label="Webhook subscribers">
          {view.webhooks.map((w) => (
            <li key={w.id}>
              <strong>{w.target}</strong> {w.services.length > 0 ? `(${w.services.join(', ')})` : '(every service)'}{' '}
              <LastSendNote last={w.last} />{' '}
              <button
                type="button"
                className="button button--quiet"
                disabled={busy}
                onClick={() => void send({ kind: 'webhook.remove', id: w.id })}
              >
                Remove webhook {w.target}
              </button>
            </li>
          ))}
        </ul>
      )}
      {secret && (
        <div className="statuspage__secret" role="status">
          <p>
            Signing secret (shown this once: copy it now into the receiver, which checks X-Warroom-Signature with it):
          </p>
          <p>
            <code className="statuspage__secret-value">{secret}</code>
          </p>
          <button type="button" className="button button--quiet" onClick={() => setSecret(null)}>
            I have copied it
          </button>
        </div>
      )}
      <SubmitForm label="Add a webhook subscriber" onSubmit={add}>
        <label className="field">
          <span>URL</span>
          <input type="url" value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />
        </label>
        {view.config.services.length > 0 && (
          <ServiceChecks
            legend="Only these services (none: every service)"
            services={view.config.services}
            selected={services}
            onChange={setServices}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            Add webhook subscriber
          </button>
        </div>
      </SubmitForm>
      <FormError message={error} />
    </section>
  );
}
