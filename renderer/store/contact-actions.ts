import type { ContactChange, ContactSendResult } from '../../shared/protocol/contact-wire.js';
import { browserLabel, browserPushOffer, type PushOffer } from '../bridge/push-decisions.js';
import type { ActionDeps } from './action-deps.js';
import { errorText, readable } from './action-results.js';

/** A change to my methods or rules: what the method answered to its code (add, resend), or the refusal in words. */
export type ContactChangeResult =
  { ok: true; methodId: string | null; sent: ContactSendResult | null } | { ok: false; message: string };

/** A test page through my methods: what each answered, or why none was sent. */
export type ContactTestResult = { ok: true; results: readonly ContactSendResult[] } | { ok: false; message: string };

/** Contact methods, notification rules and their test page (docs/contact.md), for the Profile. */
export function createContactActions({ store, getHost }: Pick<ActionDeps, 'store' | 'getHost'>) {
  const api = () => getHost().api;

  const loadContact = async (): Promise<void> => {
    store.getState().startContactLoad();
    try {
      const reply = await api().getContact();
      if (reply.ok) store.getState().receiveContact(reply.view);
      else store.getState().failContact(readable(reply.error.message));
    } catch (error) {
      store.getState().failContact(`Could not load your contact methods: ${errorText(error)}`);
    }
  };

  const changeContact = async (change: ContactChange): Promise<ContactChangeResult> => {
    try {
      const reply = await api().changeContact(change);
      if (!reply.ok) return { ok: false, message: readable(reply.error.message) };
      void loadContact();
      return { ok: true, methodId: reply.methodId, sent: reply.sent };
    } catch (error) {
      return { ok: false, message: `Not saved: ${errorText(error)}` };
    }
  };

  return {
    loadContact,
    changeContact,

    async testContact(): Promise<ContactTestResult> {
      try {
        const reply = await api().testContact();
        return reply.ok ? { ok: true, results: reply.results } : { ok: false, message: readable(reply.error.message) };
      } catch (error) {
        return { ok: false, message: errorText(error) };
      }
    },

    /** Whether to offer "Get pages in this browser" here (the web client, a hub with Web Push, a browser that can). */
    browserPushOffer(): PushOffer {
      const host = getHost();
      return browserPushOffer({
        hostKind: host.kind,
        supported: host.webPush?.supported ?? false,
        webPushKey: store.getState().contact?.channels.webPushKey ?? null,
        permission: host.webPush?.permission() ?? null,
      });
    },

    /**
     * "Get pages in this browser": subscribes this browser (permission, push worker, PushManager) with the hub's key,
     * then adds it as a method. Call from a click: browsers ask for permission only after a gesture.
     */
    async addBrowserPush(
      label: string = browserLabel(globalThis.navigator?.userAgent ?? ''),
    ): Promise<ContactChangeResult> {
      const push = getHost().webPush;
      const key = store.getState().contact?.channels.webPushKey ?? null;
      if (!push || key === null) return { ok: false, message: 'Browser push is not available here.' };
      const subscribed = await push.subscribe(key);
      if (!subscribed.ok) return subscribed;
      const trimmed = label.trim();
      return changeContact({
        kind: 'method.add',
        ...(trimmed ? { label: trimmed } : {}),
        target: { kind: 'webpush', subscription: subscribed.subscription },
      });
    },
  };
}

export type ContactActions = ReturnType<typeof createContactActions>;
