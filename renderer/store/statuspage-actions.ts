import type { StatusPageChange } from '../../shared/protocol/status-page-wire.js';
import type { ActionDeps } from './action-deps.js';
import { errorText, readable } from './action-results.js';

/**
 * An admin's change to the status page: what the hub answered (the id added, a webhook's signing secret shown once,
 * what a channel answered its test message), or the refusal in words.
 */
export type StatusPageChangeResult =
  | { ok: true; id: string | null; secret: string | null; sent: { ok: boolean; detail: string } | null }
  | { ok: false; message: string };

/** The status page's set-up (docs/status-page.md): read by every responder, changed by admins. */
export function createStatusPageActions({ store, getHost }: Pick<ActionDeps, 'store' | 'getHost'>) {
  const api = () => getHost().api;

  const loadStatusPage = async (): Promise<void> => {
    store.getState().startStatusPageLoad();
    try {
      const reply = await api().getStatusPage();
      if (reply.ok) store.getState().receiveStatusPage(reply.view);
      else store.getState().failStatusPage(readable(reply.error.message));
    } catch (error) {
      store.getState().failStatusPage(`Could not load the status page set-up: ${errorText(error)}`);
    }
  };

  return {
    loadStatusPage,

    /** The hub says the set-up changed: ask again if it was ever asked for (something here shows it). */
    statusPageChanged(): void {
      const s = store.getState();
      if (s.statusPage !== null || s.page === 'statuspage') void loadStatusPage();
    },

    /** One change; the set-up is asked for again when the hub took it. The form keeps its edits when refused. */
    async changeStatusPage(change: StatusPageChange): Promise<StatusPageChangeResult> {
      try {
        const reply = await api().changeStatusPage(change);
        if (!reply.ok) return { ok: false, message: readable(reply.error.message) };
        void loadStatusPage();
        return { ok: true, id: reply.id, secret: reply.secret, sent: reply.sent };
      } catch (error) {
        return { ok: false, message: `Not saved: ${errorText(error)}` };
      }
    },
  };
}

export type StatusPageActions = ReturnType<typeof createStatusPageActions>;
