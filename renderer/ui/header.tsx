import { actions } from '../store/app-actions.js';
import { useAppStore } from '../store/store.js';

export function Header() {
  const user = useAppStore((s) => s.user);
  const signedIn = useAppStore((s) => s.signedIn);
  const canAsk = useAppStore((s) => s.canAskNotifications);
  return (
    <header className="header">
      <h1 className="brand">Warroom</h1>
      <div className="header__side">
        {signedIn && user && (
          <span className="muted">
            Signed in as <strong>{user.name}</strong> ({user.role})
          </span>
        )}
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
