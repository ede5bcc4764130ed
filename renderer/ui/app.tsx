import { selectScreen } from '../store/selectors.js';
import { useAppStore } from '../store/store.js';
import { Board } from './board.js';
import { ConnectScreen } from './connect-screen.js';
import { ConnectionBanner } from './connection-banner.js';
import { Header } from './header.js';
import { IncidentView } from './incident-view.js';
import { RejectedList } from './rejected-list.js';

export function App() {
  const screen = useAppStore(selectScreen);
  return (
    <div className="app" data-screen={screen}>
      <ConnectionBanner />
      <Header />
      <main className="main">
        {screen === 'loading' && <p className="muted">Loading…</p>}
        {screen === 'connect' && <ConnectScreen />}
        {(screen === 'board' || screen === 'incident') && <RejectedList />}
        {screen === 'board' && <Board />}
        {screen === 'incident' && <IncidentView />}
      </main>
    </div>
  );
}
