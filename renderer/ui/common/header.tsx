import { useActions, useAppStore } from '../../store/store-context.js';
import { selectScreen } from '../../store/selectors.js';
import type { AppPage } from '../../store/ui-slice.js';

const NAV: ReadonlyArray<{ page: AppPage; label: string; key?: string; responders?: true }> = [
  { page: 'board', label: 'Board' },
  { page: 'oncall', label: 'On-call', key: 'w' },
  { page: 'reviews', label: 'Reviews', key: 'v' },
  { page: 'metrics', label: 'Metrics', key: 'm' },
  { page: 'statuspage', label: 'Status page', responders: true },
  { page: 'profile', label: 'Profile', key: 'p' },
];

/** The screens: the board, who is on call, my profile (each its own address); the status page for responders. */
function Nav() {
  const actions = useActions();
  const screen = useAppStore(selectScreen);
  const viewer = useAppStore((s) => s.user?.role === 'viewer');
  return (
    <nav className="nav" aria-label="Screens">
      {NAV.filter((item) => !(item.responders && viewer)).map((item) => (
        <button
          key={item.page}
          type="button"
          className={`nav__item${screen === item.page ? ' nav__item--current' : ''}`}
          aria-current={screen === item.page ? 'page' : undefined}
          aria-keyshortcuts={item.key}
          onClick={() => (item.page === 'board' ? actions.showBoard() : actions.showPage(item.page))}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}

export function Header() {
  const setHelpOpen = useAppStore((s) => s.setHelpOpen);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const actions = useActions();
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
      {signedIn && user && <Nav />}
      <div className="header__side">
        {signedIn && user && (
          <span className="muted">
            Signed in as <strong>{user.name}</strong> ({user.role})
          </span>
        )}
        <button
          type="button"
          className="button button--quiet"
          onClick={() => toggleTheme()}
          aria-pressed={theme === 'light'}
          title="Switch theme (d)"
        >
          Light theme
        </button>
        <button type="button" className="button button--quiet" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
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
