import { actions } from '../store/app-actions.js';
import { useAppStore } from '../store/store.js';

export function Header() {
  const user = useAppStore((s) => s.user);
  const signedIn = useAppStore((s) => s.signedIn);
  const canAsk = useAppStore((s) => s.canAskNotifications);
  const theme = useAppStore((s) => s.theme);
  return (
    <header className="header">
      <h1 className="brand">
        <span className="brand__mark" aria-hidden="true" />
        Warroom
      </h1>
      <div className="header__side">
        {signedIn && user && (
          <span className="muted">
            Signed in as <strong>{user.name}</strong> ({user.role})
          </span>
        )}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => actions.toggleTheme()}
          aria-pressed={theme === 'light'}
          title="Switch theme (d)"
        >
          Light theme
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => actions.setHelpOpen(true)}
          aria-keyshortcuts="?"
        >
          Keyboard shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
        {signedIn && canAsk && (
          <button type="button" className="button button--quiet" onClick={() => void actions.enableNotifications()}>
            Enable notifications
          </button>
        )}
        {signedIn && (
          <button type="button" className="button button--quiet" onClick={() => void actions.signOut()}>
            Sign out
          </button>
        )}
      </div>
    </header>
  );
}
