import { useEffect } from 'react';
import { selectScreen } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';
import { Board } from '../board/board.js';
import { ConnectScreen } from './connect-screen.js';
import { ConnectionBanner } from './connection-banner.js';
import { Header } from './header.js';
import { HelpOverlay } from './help-overlay.js';
import { LazyMetricsScreen, LazyPostmortemScreen } from './lazy-screens.js';
import { IncidentRoom } from '../incident/incident-room.js';
import { OncallScreen } from '../oncall/oncall-screen.js';
import { PageNotices, PagedBanner } from '../oncall/paged-banner.js';
import { ProfileScreen } from '../oncall/profile-screen.js';
import { RejectedList } from './rejected-list.js';
import { ReviewsScreen } from '../postmortem/reviews-screen.js';
import { StatusPageScreen } from '../status-page/status-page-screen.js';
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
        {screen === 'postmortem' && <LazyPostmortemScreen />}
        {screen === 'metrics' && <LazyMetricsScreen />}
        {screen === 'reviews' && <ReviewsScreen />}
        {screen === 'statuspage' && <StatusPageScreen />}
      </main>
      {screen !== 'connect' && screen !== 'loading' && <PageNotices />}
      <HelpOverlay />
    </div>
  );
}
