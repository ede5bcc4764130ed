import { useEffect } from 'react';
import { selectScreen } from '../store/selectors.js';
import { useAppStore } from '../store/store.js';
import { Board } from './board.js';
import { ConnectScreen } from './connect-screen.js';
import { ConnectionBanner } from './connection-banner.js';
import { Header } from './header.js';
import { HelpOverlay } from './help-overlay.js';
import { IncidentRoom } from './incident-room.js';
import { MetricsScreen } from './metrics-screen.js';
import { OncallScreen } from './oncall-screen.js';
import { PageNotices, PagedBanner } from './paged-banner.js';
import { PostmortemScreen } from './postmortem-screen.js';
import { ProfileScreen } from './profile-screen.js';
import { RejectedList } from './rejected-list.js';
import { ReviewsScreen } from './reviews-screen.js';
import { useShortcuts } from './use-shortcuts.js';

export function App() {
  const screen = useAppStore(selectScreen);
  const theme = useAppStore((s) => s.theme);
  useShortcuts();
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('theme-dark', theme === 'dark');
    root.classList.toggle('theme-light', theme === 'light');
  }, [theme]);
  return (
    <div className="app" data-screen={screen} data-theme={theme}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <ConnectionBanner />
      {screen !== 'connect' && screen !== 'loading' && <PagedBanner />}
      <Header />
      <main className="main" id="main" tabIndex={-1}>
        {screen === 'loading' && <p className="muted">Loading…</p>}
        {screen === 'connect' && <ConnectScreen />}
        {(screen === 'board' || screen === 'incident' || screen === 'postmortem') && <RejectedList />}
        {screen === 'board' && <Board />}
        {screen === 'incident' && <IncidentRoom />}
        {screen === 'oncall' && <OncallScreen />}
        {screen === 'profile' && <ProfileScreen />}
        {screen === 'postmortem' && <PostmortemScreen />}
        {screen === 'metrics' && <MetricsScreen />}
        {screen === 'reviews' && <ReviewsScreen />}
      </main>
      {screen !== 'connect' && screen !== 'loading' && <PageNotices />}
      <HelpOverlay />
    </div>
  );
}
