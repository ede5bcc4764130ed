import { useEffect, useState } from 'react';
import type { ContactSendResult, ContactView } from '../../../shared/protocol/contact-wire.js';
import type { ContactTestResult } from '../../store/contact-actions.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';
import { AddMethodForm } from './contact-method-form.js';
import { MethodItem } from './contact-method-item.js';
import { BrowserPushOffer } from './browser-push-offer.js';
import { methodName } from './delivery-outcome.js';
import { NotificationRulesForm } from './notification-rules-form.js';

/**
 * "How pages reach me": the app and open tabs (always, at once), my contact methods (e-mail, browser push, ntfy,
 * chat webhooks, a signed webhook) with their verification and last delivery, adding one, my notification rules
 * and a test page through every verified method. Loads when shown; reloads after each change.
 */
export function ContactMethods() {
  const actions = useActions();
  const view = useAppStore((s) => s.contact);
  const error = useAppStore((s) => s.contactError);
  useEffect(() => {
    void actions.loadContact();
  }, [actions]);

  return (
    <section className="panel contact" aria-labelledby="contact-title" data-loaded={view !== null}>
      <h3 id="contact-title">How pages reach me</h3>
      {view ? (
        <Methods view={view} />
      ) : (
        <ul className="contact__methods" aria-label="Contact methods">
          <AlwaysLine />
        </ul>
      )}
      {/* Not an alert: it comes with opening the screen, not with something the person did. */}
      {error && !view && <p className="error">{error}</p>}
      {!view && !error && <p className="muted">Loading your contact methods…</p>}
      {view && (
        <>
          <NotificationRulesForm methods={view.methods} rules={view.rules} saved={view.rulesSaved} />
          <ContactTestPage />
        </>
      )}
    </section>
  );
}

/** The methods, and adding one: what each answered to its code stays in view until the next. */
function Methods({ view }: { view: ContactView }) {
  const [sent, setSent] = useState<Record<string, ContactSendResult | null>>({});
  const [justAdded, setJustAdded] = useState<string | null>(null);
  const added = (methodId: string | null, result: { sent: ContactSendResult | null }) => {
    if (!methodId) return;
    setSent({ ...sent, [methodId]: result.sent });
    setJustAdded(methodId);
  };
  return (
    <>
      <ul className="contact__methods" aria-label="Contact methods">
        <AlwaysLine />
        {view.methods.map((method) => (
          <MethodItem
            key={method.id}
            method={method}
            sent={sent[method.id] ?? null}
            focusCode={justAdded === method.id}
            onSent={(result) => setSent({ ...sent, [method.id]: result })}
          />
        ))}
      </ul>
      <BrowserPushOffer onAdded={added} />
      <AddMethodForm channels={view.channels} onAdded={added} />
    </>
  );
}

/** Not a method: every page reaches the app and open tabs at once, whatever the rules. */
function AlwaysLine() {
  return (
    <li className="contact-method contact-method--fixed">
      <strong>Desktop app and open browser tabs:</strong> at once, always
    </li>
  );
}

/**
 * A test page through every verified method, and what each answered. Not named "Send me a test page": that is the
 * Profile's test of this device (page.test), and a second button of the same name would be ambiguous.
 */
function ContactTestPage() {
  const actions = useActions();
  const [result, setResult] = useState<ContactTestResult | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setResult(await actions.testContact());
    setBusy(false);
  };
  return (
    <div className="contact-test">
      <div className="form__actions">
        <button type="button" className="button" onClick={() => void send()} disabled={busy}>
          Test my contact methods
        </button>
        <span className="muted small">Through every verified method, now, whatever your rules say.</span>
      </div>
      {result &&
        (result.ok ? (
          result.results.length === 0 ? (
            <p className="hint" role="status">
              Nothing was sent: you have no verified method yet.
            </p>
          ) : (
            <div role="status">
              <ul className="contact-test__results" aria-label="Test page results">
                {result.results.map((r) => (
                  <li key={r.methodId} data-test-result={r.ok ? 'ok' : 'failed'}>
                    {methodName(r.kind, r.target)}:{' '}
                    {r.ok ? (
                      <span>ok{r.detail && ` — ${r.detail}`}</span>
                    ) : (
                      <span className="error-text">failed — {r.detail}</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : (
          <FormError message={`No test page: ${result.message}`} />
        ))}
    </div>
  );
}
