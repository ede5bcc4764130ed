import { Component, lazy, Suspense, type ReactNode } from 'react';
import { FormError } from './bits.js';

// The screens with big libraries (chart.js for metrics; react-markdown, remark-gfm and the merge view for
// postmortems) are separate chunks: the board opens without parsing them.
const loadMetrics = () => import('../metrics/metrics-screen.js');
const loadPostmortem = () => import('../postmortem/postmortem-screen.js');

const MetricsScreen = lazy(() => loadMetrics().then((m) => ({ default: m.MetricsScreen })));
const PostmortemScreen = lazy(() => loadPostmortem().then((m) => ({ default: m.PostmortemScreen })));

/**
 * Fetches the lazy screens once the app is up, while the hub is reachable: the web client's service worker keeps
 * what was fetched, so a postmortem can still be written after the hub goes down. Failures are left to the screen.
 */
export function preloadLazyScreens(): void {
  void loadMetrics().catch(() => undefined);
  void loadPostmortem().catch(() => undefined);
}

/**
 * `preloadLazyScreens` once the page is idle after its first screen (at most `maxWaitMs` later): fetched at start, the
 * lazy chunks competed with the board's own first load and the split saved nothing before the board showed.
 */
export function preloadLazyScreensWhenIdle(
  win: Pick<Window, 'setTimeout'> & Partial<Pick<Window, 'requestIdleCallback'>>,
  maxWaitMs = 3000,
): void {
  if (win.requestIdleCallback) win.requestIdleCallback(preloadLazyScreens, { timeout: maxWaitMs });
  else win.setTimeout(preloadLazyScreens, 500);
}

export function LazyMetricsScreen() {
  return (
    <LazyScreen>
      <MetricsScreen />
    </LazyScreen>
  );
}

export function LazyPostmortemScreen() {
  return (
    <LazyScreen>
      <PostmortemScreen />
    </LazyScreen>
  );
}

function LazyScreen({ children }: { children: ReactNode }) {
  return (
    <ScreenLoadError>
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading…
          </p>
        }
      >
        {children}
      </Suspense>
    </ScreenLoadError>
  );
}

/** A screen whose code could not be fetched (the hub went down before it was ever opened) says so, in words. */
class ScreenLoadError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return <FormError message="This screen could not be loaded: reload the page once the hub can be reached." />;
  }
}
