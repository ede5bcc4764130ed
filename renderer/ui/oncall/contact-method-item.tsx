import { useEffect, useId, useRef, useState } from 'react';
import type { ContactMethodView } from '../../../shared/contact/contact-method.js';
import type { ContactSendResult } from '../../../shared/protocol/contact-wire.js';
import { verificationCodeSchema } from '../../../shared/protocol/contact-wire.js';
import { useActions } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';
import { useNow } from '../common/use-now.js';
import { kindName } from './contact-fields.js';
import { DeliveryOutcome } from './delivery-outcome.js';

/** What the method answered to its verification message, in words. */
export function SentNote({ sent }: { sent: ContactSendResult }) {
  return sent.ok ? (
    <p className="form__notes" role="status" data-sent="ok">
      The code went out{sent.detail ? `: ${sent.detail}` : '.'}
    </p>
  ) : (
    <p className="error" role="alert" data-sent="failed">
      The code could not be sent: {sent.detail}
    </p>
  );
}

/**
 * One of my methods: kind, label, masked target, verified or the code to type, the last page it carried, and
 * Remove (asked twice: a removed method stops getting pages at once).
 */
export function MethodItem({
  method,
  sent,
  focusCode,
  onSent,
}: {
  method: ContactMethodView;
  /** What it answered to its last verification message, if sent from this screen. */
  sent: ContactSendResult | null;
  /** Just added: the code field takes the focus. */
  focusCode: boolean;
  onSent: (result: ContactSendResult | null) => void;
}) {
  const now = useNow(60_000);
  const name = `${kindName(method.kind)} ${method.target}`;
  const verified = method.verifiedAt !== null;
  return (
    <li className="contact-method" data-method-id={method.id} data-verified={verified}>
      <div className="contact-method__head">
        <strong>{kindName(method.kind)}</strong>
        {method.label && <span className="contact-method__label">{method.label}</span>}
        <span className="muted">{method.target}</span>
        {verified ? (
          <span className="tag tag--verified">Verified</span>
        ) : (
          <span className="tag tag--held">Not verified: type the code we sent</span>
        )}
      </div>
      {sent && <SentNote sent={sent} />}
      {!verified && <VerifyForm method={method} name={name} focus={focusCode} onSent={onSent} />}
      {method.lastDelivery && (
        <p className="small contact-method__last">
          Last page: <DeliveryOutcome delivery={method.lastDelivery} now={now} />
        </p>
      )}
      <RemoveMethod method={method} name={name} />
    </li>
  );
}

function VerifyForm({
  method,
  name,
  focus,
  onSent,
}: {
  method: ContactMethodView;
  name: string;
  focus: boolean;
  onSent: (result: ContactSendResult | null) => void;
}) {
  const actions = useActions();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  useEffect(() => {
    if (focus) input.current?.focus();
  }, [focus]);

  const verify = async () => {
    const checked = verificationCodeSchema.safeParse(code);
    if (!checked.success) return setProblem(`The code ${checked.error.issues[0]?.message ?? 'is not valid'}.`);
    setBusy(true);
    const result = await actions.changeContact({ kind: 'method.verify', methodId: method.id, code: checked.data });
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    onSent(null);
  };

  const resend = async () => {
    setBusy(true);
    const result = await actions.changeContact({ kind: 'method.resend', methodId: method.id });
    setBusy(false);
    if (!result.ok) return setProblem(result.message);
    setProblem(null);
    setCode('');
    onSent(result.sent);
  };

  return (
    <form
      className="inline-form contact-verify"
      noValidate
      aria-label={`Verify ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void verify();
      }}
    >
      <label className="field">
        <span>Code</span>
        <input
          ref={input}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={12}
          size={8}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
      </label>
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        Verify
      </button>
      <button
        type="button"
        className="button button--quiet button--small"
        disabled={busy}
        onClick={() => void resend()}
      >
        Send a new code
      </button>
      {problem && (
        <p id={`${id}-problem`} className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

function RemoveMethod({ method, name }: { method: ContactMethodView; name: string }) {
  const actions = useActions();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const remove = async () => {
    setBusy(true);
    const result = await actions.changeContact({ kind: 'method.remove', methodId: method.id });
    setBusy(false);
    if (!result.ok) setProblem(result.message);
    setConfirming(false);
  };

  if (!confirming)
    return (
      <div className="contact-method__actions">
        <button
          type="button"
          className="button button--quiet button--small"
          aria-label={`Remove ${name}`}
          onClick={() => {
            setProblem(null);
            setConfirming(true);
          }}
        >
          Remove
        </button>
        <FormError message={problem} />
      </div>
    );
  return (
    <div className="contact-method__actions" role="group" aria-label={`Remove ${name}?`}>
      <span>Remove it? Pages stop going there at once.</span>
      <button
        ref={confirmButton}
        type="button"
        className="button button--danger button--small"
        disabled={busy}
        onClick={() => void remove()}
      >
        Yes, remove {kindName(method.kind)}
      </button>
      <button type="button" className="button button--quiet button--small" onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </div>
  );
}
