import { describeCommand } from '../messages.js';
import { actions } from '../store/app-actions.js';
import { useAppStore } from '../store/store.js';

/** Changes the hub refused, with its reason, kept until the person has read them. */
export function RejectedList() {
  const rejected = useAppStore((s) => s.rejected);
  if (rejected.length === 0) return null;
  return (
    <section className="panel rejected" aria-labelledby="rejected-title">
      <h2 id="rejected-title">Not accepted by the hub</h2>
      <ul className="rejected__list">
        {rejected.map((r) => (
          <li key={r.command.commandId} className="rejected__item" data-command-id={r.command.commandId}>
            <p>
              <strong>{describeCommand(r.command)}</strong>: <span role="alert">{r.error.message}</span>
            </p>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void actions.dismissRejection(r.command.commandId)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
