import { useId, useState } from 'react';
import { contactChangeSchema, type ContactChannels } from '../../../shared/protocol/contact-wire.js';
import type { ContactChangeResult } from '../../store/contact-actions.js';
import { useActions } from '../../store/store-context.js';
import { FormError } from '../common/bits.js';
import { LimitedInput } from '../common/limited-text.js';
import {
  checkTarget,
  EMPTY_FIELDS,
  FIELD_LABELS,
  KIND_FIELDS,
  kindName,
  typedKinds,
  type FieldName,
  type MethodFields,
  type TypedKind,
} from './contact-fields.js';

/** Field limits: the hub's own (contact-method.ts). */
const LIMITS: Readonly<Record<FieldName, number>> = {
  address: 254,
  topic: 64,
  server: 2000,
  token: 200,
  url: 2000,
  secret: 200,
};
const LABEL_LIMIT = 60;

/** What each field is, for the browser (autofill, keyboards) and for people. */
const INPUT_TYPES: Readonly<Record<FieldName, 'email' | 'url' | 'text' | 'password'>> = {
  address: 'email',
  topic: 'text',
  server: 'url',
  token: 'password',
  url: 'url',
  secret: 'password',
};

const HINTS: Partial<Record<TypedKind, string>> = {
  ntfy: 'Subscribe to the topic in the ntfy app first. Anyone who knows a topic on a public server can read it: pick a long, unguessable one, or use a protected topic with an access token.',
  slack: 'An incoming webhook URL (https://hooks.slack.com/services/…).',
  mattermost: 'An incoming webhook URL from Integrations → Incoming Webhooks.',
  teams: 'A Workflows webhook ("Post to a channel when a webhook request is received").',
  webhook:
    'Each request is signed with the secret (X-Warroom-Signature) so the receiver can check it came from this hub.',
};

/**
 * Adds a contact method: its kind (only those this hub can send through), its fields and an optional label. The
 * fields are checked with the hub's schema first, each problem next to its field; the hub's refusal shows under
 * the form. Nothing typed is lost on a refusal; on success the fields empty and `onAdded` gets what the method
 * answered to its verification message.
 */
export function AddMethodForm({
  channels,
  onAdded,
}: {
  channels: ContactChannels;
  onAdded: (methodId: string | null, result: Extract<ContactChangeResult, { ok: true }>) => void;
}) {
  const actions = useActions();
  const kinds = typedKinds(channels);
  const [kind, setKind] = useState<TypedKind>(kinds[0] ?? 'ntfy');
  const [fields, setFields] = useState<MethodFields>(EMPTY_FIELDS);
  const [label, setLabel] = useState('');
  const [problems, setProblems] = useState<Partial<Record<FieldName | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const id = useId();

  const add = async () => {
    const checked = checkTarget(kind, fields);
    if (!checked.ok) return setProblems(checked.problems);
    const trimmed = label.trim();
    const change = { kind: 'method.add' as const, ...(trimmed ? { label: trimmed } : {}), target: checked.target };
    const parsed = contactChangeSchema.safeParse(change);
    if (!parsed.success) return setProblems({ form: parsed.error.issues.map((i) => i.message).join('; ') });
    setBusy(true);
    const result = await actions.changeContact(change);
    setBusy(false);
    if (!result.ok) return setProblems({ form: result.message });
    setProblems({});
    setFields(EMPTY_FIELDS);
    setLabel('');
    onAdded(result.methodId, result);
  };

  const set = (field: FieldName, value: string) => {
    setFields({ ...fields, [field]: value });
    if (problems[field]) setProblems({ ...problems, [field]: undefined });
  };

  return (
    <form
      className="form contact-add"
      // Checked here with the hub's schema, each problem in words next to its field (not the browser's bubbles).
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h4 id={`${id}-title`}>Add a method</h4>
      <div className="form__grid">
        <label className="field">
          <span>Kind</span>
          <select
            value={kind}
            onChange={(e) => {
              const next = kinds.find((k) => k === e.target.value);
              if (next) setKind(next);
              setProblems({});
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        {KIND_FIELDS[kind].map((field) => {
          const inputId = `${id}-${field}`;
          const problemId = `${inputId}-problem`;
          // The problem is outside the label: it describes the field, it is not part of its name.
          return (
            <div key={field} className="field field--wide">
              <label htmlFor={inputId}>{labelFor(kind, field)}</label>
              <LimitedInput
                id={inputId}
                type={INPUT_TYPES[field]}
                limit={LIMITS[field]}
                value={fields[field]}
                onChange={(e) => set(field, e.target.value)}
                placeholder={field === 'server' ? channels.ntfyServer : undefined}
                autoComplete={INPUT_TYPES[field] === 'password' ? 'new-password' : 'off'}
                spellCheck={false}
                aria-invalid={problems[field] ? true : undefined}
                aria-describedby={problems[field] ? problemId : undefined}
              />
              {problems[field] && (
                <span id={problemId} className="field__problem error-text" role="alert">
                  {problems[field]}
                </span>
              )}
            </div>
          );
        })}
        <label className="field">
          <span>Label (optional)</span>
          <LimitedInput
            limit={LABEL_LIMIT}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            placeholder="Phone, work mail…"
            autoComplete="off"
          />
        </label>
      </div>
      {HINTS[kind] && <p className="hint">{HINTS[kind]}</p>}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Add {kindName(kind)}
        </button>
      </div>
      <FormError message={problems.form} />
    </form>
  );
}

/** A field's label for this kind (the URL is a webhook's, the secret a signature's). */
function labelFor(kind: TypedKind, field: FieldName): string {
  if (field === 'url' && kind !== 'webhook') return `${kindName(kind)} webhook URL`;
  return FIELD_LABELS[field];
}
