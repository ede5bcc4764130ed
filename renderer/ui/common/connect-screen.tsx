import { useState, type FormEvent } from 'react';
import { refusalMessage } from '../../messages.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { FormError } from './bits.js';

export function ConnectScreen() {
  const actions = useActions();
  const savedHubUrl = useAppStore((s) => s.hubUrl);
  const error = useAppStore((s) => s.connectError ?? (s.refusal ? refusalMessage(s.refusal) : null));
  const connecting = useAppStore((s) => s.connecting);
  const [hubUrl, setHubUrl] = useState(savedHubUrl);
  const [token, setToken] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void actions.connect(hubUrl.trim(), token.trim());
  };

  return (
    <section className="panel connect" aria-labelledby="connect-title">
      <h2 id="connect-title">Connect to a hub</h2>
      <p className="muted">
        Open the sign-in link you were sent, or paste the hub's address and your token (it starts with <code>wr_</code>
        ).
      </p>
      <form className="form" onSubmit={submit} aria-labelledby="connect-title" noValidate>
        <label className="field">
          <span>Hub URL</span>
          <input
            type="url"
            name="hubUrl"
            value={hubUrl}
            onChange={(e) => setHubUrl(e.target.value)}
            placeholder="http://127.0.0.1:4380"
            autoComplete="url"
            required
          />
        </label>
        <label className="field">
          <span>Token</span>
          <input
            type="password"
            name="token"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            required
          />
        </label>
        <FormError message={error} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={connecting}>
            {connecting ? 'Connecting…' : 'Connect'}
          </button>
        </div>
      </form>
    </section>
  );
}
