import { useId, useState } from 'react';
import type { ContactMethodView } from '../../../shared/contact/contact-method.js';
import { MAX_NOTIFICATION_RULES, type NotificationRule } from '../../../shared/contact/notification-rules.js';
import { useActions } from '../../store/store-context.js';
import { FormOutcome } from './oncall-forms.js';
import { kindName } from './contact-fields.js';
import { addableMethods, checkSteps, stepsOf, type RuleStep } from './rule-steps.js';

function methodText(method: ContactMethodView | undefined): string {
  if (!method) return 'A removed method';
  return `${kindName(method.kind)}${method.label ? ` “${method.label}”` : ''} (${method.target})`;
}

/**
 * My notification rules: "ntfy after 1 minute, e-mail after 3 minutes if nobody acknowledged". Until saved, the hub
 * uses every verified method at once. Unverified methods may be planned; they are skipped until verified.
 */
export function NotificationRulesForm({
  methods,
  rules,
  saved,
}: {
  methods: readonly ContactMethodView[];
  rules: readonly NotificationRule[];
  saved: boolean;
}) {
  const actions = useActions();
  const [steps, setSteps] = useState<RuleStep[]>(() => stepsOf(rules));
  // Edited and not saved yet: what the person typed is kept when the hub's rules change underneath (a method
  // verified meanwhile changes the default rules); an untouched form follows them.
  const [dirty, setDirty] = useState(false);
  const edit = (next: RuleStep[]) => {
    setSteps(next);
    setDirty(true);
  };
  // React's "adjusting state when a prop changes", during render: the hub's rules changed since the last render.
  const rulesText = JSON.stringify(rules);
  const [shownRules, setShownRules] = useState(rulesText);
  if (shownRules !== rulesText) {
    setShownRules(rulesText);
    if (!dirty) setSteps(stepsOf(rules));
  }
  const [adding, setAdding] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const byId = new Map(methods.map((m) => [m.id, m]));
  const candidates = addableMethods(methods, steps);
  const chosen = candidates.find((m) => m.id === adding) ?? candidates[0];

  const save = async () => {
    const checked = checkSteps(steps, (methodId) => methodText(byId.get(methodId)));
    if (!checked.ok) {
      setProblems(checked.problems);
      setNotes([]);
      return;
    }
    setBusy(true);
    const result = await actions.changeContact({ kind: 'rules.save', rules: checked.rules });
    setBusy(false);
    if (!result.ok) {
      setProblems([result.message]);
      setNotes([]);
      return;
    }
    setDirty(false);
    setProblems([]);
    setNotes(['Saved your notification rules.']);
  };

  return (
    <form
      className="form contact-rules"
      // Checked here, naming the step (not the browser's bubbles on the number fields).
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4 id={`${id}-title`}>Notification rules</h4>
      <p className="muted small">
        Each step goes out that many minutes after the page, if nobody has acknowledged it by then.
      </p>
      {!saved && <p className="hint">Default: every verified method at once.</p>}
      {steps.length === 0 ? (
        <p className="muted small">No steps: pages reach you only in the app and open browser tabs.</p>
      ) : (
        <ol className="contact-rules__steps" aria-label="Steps">
          {steps.map((step, i) => {
            const method = byId.get(step.methodId);
            const text = methodText(method);
            return (
              <li key={step.methodId} className="inline-form" data-step-method={step.methodId}>
                <span className="contact-rules__method">{text}</span>
                <label className="field field--inline">
                  <span>after</span>
                  <input
                    type="number"
                    min={0}
                    max={1440}
                    step={1}
                    value={step.afterMinutes}
                    onChange={(e) => edit(steps.map((s, j) => (j === i ? { ...s, afterMinutes: e.target.value } : s)))}
                    aria-label={`Minutes before ${text}`}
                  />
                  <span>minutes</span>
                </label>
                {method && method.verifiedAt === null && <span className="tag tag--held">skipped until verified</span>}
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => edit(steps.filter((_, j) => j !== i))}
                  aria-label={`Remove the step ${text}`}
                >
                  Remove step
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {candidates.length > 0 && steps.length < MAX_NOTIFICATION_RULES && (
        <div className="inline-form">
          <label className="field">
            <span>Add a step</span>
            <select value={chosen?.id ?? ''} onChange={(e) => setAdding(e.target.value)}>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {methodText(m)}
                  {m.verifiedAt === null ? ' — not verified: skipped until verified' : ''}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button"
            onClick={() => {
              if (!chosen) return;
              const last = steps.at(-1);
              edit([...steps, { methodId: chosen.id, afterMinutes: last ? last.afterMinutes : '0' }]);
              setAdding('');
            }}
          >
            Add step
          </button>
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save rules
        </button>
      </div>
      <FormOutcome problems={problems} notes={notes} />
    </form>
  );
}
