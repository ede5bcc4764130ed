import { useState } from 'react';
import type { ContactSendResult } from '../../../shared/protocol/contact-wire.js';
import { useActions } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';

/**
 * "Get pages in this browser" (the web client only): asks for notification permission, subscribes this browser with
 * the hub's Web Push key and adds it as a method, which then verifies itself with a code like the others. Where it
 * cannot work here (the hub has Web Push off, the browser has no push, notifications blocked) it says why instead.
 */
export function BrowserPushOffer({
  onAdded,
}: {
  onAdded: (methodId: string | null, result: { sent: ContactSendResult | null }) => void;
}) {
  const actions = useActions();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const offer = actions.browserPushOffer();
  if (!offer.offer) return offer.reason ? <p className="hint contact-push">{offer.reason}</p> : null;

  const subscribe = async () => {
    setBusy(true);
    setProblem(null);
    const result = await actions.addBrowserPush();
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    onAdded(result.methodId, result);
  };

  return (
    <div className="contact-push">
      <button type="button" className="button" disabled={busy} onClick={() => void subscribe()}>
        Get pages in this browser
      </button>
      <span className="muted small"> Pages reach this browser even with no Warroom tab open.</span>
      <FormError message={problem} />
    </div>
  );
}
