import type { StatusPagePart, StatusPagePartDeps } from '../status-page-parts.js';
import { subscriberRows } from './subscriber-fanout.js';
import { unsubscribeToken } from './subscriber-links.js';
import { subscriberRoutes } from './subscriber-routes.js';
import { subscriberHandlers } from './subscriber-senders.js';

/**
 * The status page's subscribers (docs/status-page.md, "Subscribers"): the subscribe form's route and the confirm
 * and unsubscribe links, the messages each external update calls for (one per confirmed subscriber who wants it),
 * and how those are sent (e-mail through the hub's SMTP settings, a signed webhook).
 */
export function createSubscribers(deps: StatusPagePartDeps): StatusPagePart {
  const work = new Set<Promise<void>>();
  const routes = subscriberRoutes(deps);

  const track = (promise: Promise<void>) => {
    work.add(promise);
    void promise.finally(() => work.delete(promise));
  };

  return {
    onCommitted(events, state) {
      if (!events.some((e) => e.type === 'status_update.posted' && e.payload.audience === 'external')) return;
      const nowMs = deps.clock.now();
      const config = deps.config();
      track(
        (async () => {
          const rows = subscriberRows({
            events,
            state,
            config,
            subscribers: await deps.store.subscribers(),
            nowMs,
            pageUrl: deps.urls.page(),
            unsubscribeUrl: (id) => `${deps.urls.page()}/unsubscribe/${unsubscribeToken(deps.linkKey, id)}`,
            seal: (plain) => deps.seal(plain),
          });
          if (rows.length > 0) await deps.enqueue(rows);
        })().catch((error: unknown) => {
          deps.logger.error({ err: error }, 'could not enqueue the subscribers’ messages for an external update');
        }),
      );
    },
    handleHttp: (req, res) => routes.handle(req, res),
    handlers: subscriberHandlers(deps),
    async settled() {
      while (work.size > 0) await Promise.all([...work]);
    },
  };
}
