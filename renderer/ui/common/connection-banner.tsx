import { useShallow } from 'zustand/react/shallow';
import { bannerText } from '../../store/selectors.js';
import { useAppStore } from '../../store/store-context.js';

/**
 * Always on screen: whether what you see is live, and how many of your changes still wait for the hub.
 * data-* attributes expose the same facts to end-to-end tests, which wait on them instead of sleeping.
 */
export function ConnectionBanner() {
  const banner = useAppStore(
    useShallow((s) => ({
      signedIn: s.signedIn,
      status: s.status,
      pendingCount: s.pendingCount,
      stale: s.stale,
      refusal: s.refusal,
      notice: s.notice,
      wasOnline: s.wasOnline,
    })),
  );
  const tone = !banner.signedIn || banner.refusal ? 'offline' : banner.status;
  return (
    <div
      role="status"
      aria-live="polite"
      className={`banner banner--${tone}`}
      data-testid="connection-banner"
      data-connection={banner.status}
      data-pending={banner.pendingCount}
      data-stale={banner.stale}
      data-signed-in={banner.signedIn}
    >
      <span className="banner__dot" aria-hidden="true" />
      {bannerText(banner)}
      {banner.notice && !banner.refusal && (
        <span className="banner__notice" data-testid="connection-notice">
          {' '}
          — {banner.notice}
        </span>
      )}
    </div>
  );
}
