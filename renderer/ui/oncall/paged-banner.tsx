import { useEffect, useState } from 'react';
import { incidentLabel } from '../../../shared/domain/incident.js';
import { TEST_PAGE_TITLE, pushedPageAnswered, type OpenPage } from '../../../shared/notify/paging-alerts.js';
import type { PageNotification } from '../../../shared/protocol/oncall-wire.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { selectOpenPages } from '../../store/selectors.js';
import { Time } from '../common/bits.js';
import { PAGE_REASON_LABELS } from '../incident/paging-panel.js';

/** How long a pushed page's notice stays (the open page itself stays in the paged banner until answered). */
export const PAGE_NOTICE_MS = 20_000;

/**
 * "You are paged: INC-12 SEV-1 Checkout down — Acknowledge": on every screen while a page for me is open
 * (openPagesFor on the view). It goes when the incident is acknowledged or the escalation has moved past me.
 */
export function PagedBanner() {
  const pages = useAppStore(selectOpenPages);
  if (pages.length === 0) return null;
  return (
    <section className="paged" aria-label="You are paged" data-testid="paged-banner" data-paged={pages.length}>
      {pages.map((page) => (
        <PagedLine key={page.pageId} page={page} />
      ))}
    </section>
  );
}

function PagedLine({ page }: { page: OpenPage }) {
  const actions = useActions();
  const [error, setError] = useState<string | null>(null);
  const acknowledge = async () => {
    const result = await actions.command({ type: 'incident.acknowledge', incidentId: page.incidentId, payload: {} });
    setError(result.ok ? null : result.message);
  };
  return (
    <div className="paged__line" role="alert" data-paged-incident={page.incidentId}>
      <span className="paged__bell" aria-hidden="true">
        !
      </span>
      <span className="paged__text">
        <strong>
          You are paged: {page.label} {page.severity} {page.title}
        </strong>
        <span className="paged__why">
          {PAGE_REASON_LABELS[page.reason]} · at <Time at={page.sentAt} />
        </span>
      </span>
      <button
        type="button"
        className="button button--primary"
        aria-label={`Acknowledge ${page.label}`}
        aria-keyshortcuts="a"
        onClick={() => void acknowledge()}
      >
        Acknowledge
      </button>
      <button
        type="button"
        className="button button--quiet"
        aria-label={`Open ${page.label}`}
        onClick={() => actions.openIncident(page.incidentId)}
      >
        Open
      </button>
      {error && <span className="paged__error">{error}</span>}
    </div>
  );
}

/**
 * Pages the hub pushed to me (test pages too): a short-lived notice each, beside the OS or web notification. A notice
 * whose page has been answered since (acknowledged, escalated past me, the incident over) goes at once.
 */
export function PageNotices() {
  const notices = useAppStore((s) => s.pageNotices);
  const state = useAppStore((s) => s.state);
  const open = useAppStore(selectOpenPages);
  const current = notices.filter((notice) => !pushedPageAnswered(state, open, notice));
  if (current.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite" aria-label="Pages received">
      {current.map((notice) => (
        <PageNoticeItem key={notice.pageId} notice={notice} />
      ))}
    </div>
  );
}

function PageNoticeItem({ notice }: { notice: PageNotification }) {
  const dismissPageNotice = useAppStore((s) => s.dismissPageNotice);
  const actions = useActions();
  useEffect(() => {
    const timer = setTimeout(() => dismissPageNotice(notice.pageId), PAGE_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [dismissPageNotice, notice.pageId]);
  const incident = notice.incident;
  return (
    <div className="notice" data-page-notice={notice.test ? 'test' : 'page'}>
      <span>
        {notice.test ? (
          TEST_PAGE_TITLE
        ) : incident ? (
          <>
            Page received: {incidentLabel(incident)} {incident.severity} {incident.title}
            {notice.reason ? ` (${PAGE_REASON_LABELS[notice.reason]})` : ''}
          </>
        ) : (
          'Page received'
        )}{' '}
        <span className="muted small">
          at <Time at={notice.at} />
        </span>
      </span>
      {incident && (
        <button type="button" className="button button--small" onClick={() => actions.openIncident(incident.id)}>
          Open {incidentLabel(incident)}
        </button>
      )}
      <button
        type="button"
        className="button button--quiet button--small"
        onClick={() => dismissPageNotice(notice.pageId)}
      >
        Dismiss
      </button>
    </div>
  );
}
