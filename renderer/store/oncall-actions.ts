import type { OncallChange } from '../../shared/protocol/oncall-wire.js';
import type { ActionDeps } from './action-deps.js';
import { errorText, readable } from './action-results.js';

/** A change to the on-call set-up: the hub's advice when it took it, or its refusal in words. */
export type OncallChangeResult = { ok: true; warnings: readonly string[] } | { ok: false; message: string };

/** A test page: delivered (the hub sent it to my devices, at `at`), or why not. */
export type TestPageResult = { ok: true; at: string } | { ok: false; message: string };

/** How many days of schedule the on-call screen shows. */
export const ONCALL_DAYS = 14;

/** The on-call set-up (rotations, overrides, routes, my profile) and test pages. */
export function createOncallActions({ store, getHost }: Pick<ActionDeps, 'store' | 'getHost'>) {
  const api = () => getHost().api;

  const loadOnCall = async (): Promise<void> => {
    store.getState().startOncallLoad();
    try {
      const reply = await api().getOnCall(ONCALL_DAYS);
      if (reply.ok) store.getState().receiveOncall(reply.view);
      else store.getState().failOncall(readable(reply.error.message));
    } catch (error) {
      store.getState().failOncall(`Could not load the on-call set-up: ${errorText(error)}`);
    }
  };

  return {
    loadOnCall,

    /** The hub says the set-up changed: ask again if anything here shows it. */
    onCallChanged(): void {
      const s = store.getState();
      if (s.oncall !== null || s.page !== 'board') void loadOnCall();
    },

    /** One change to rotations, overrides, routes or my profile; the screen reloads when the hub took it. */
    async changeOnCall(change: OncallChange): Promise<OncallChangeResult> {
      try {
        const reply = await api().changeOnCall(change);
        if (!reply.ok) return { ok: false, message: readable(reply.error.message) };
        void loadOnCall();
        return { ok: true, warnings: reply.warnings };
      } catch (error) {
        return { ok: false, message: `Not saved: ${errorText(error)}` };
      }
    },

    async sendTestPage(): Promise<TestPageResult> {
      try {
        const reply = await api().sendTestPage();
        return reply.ok ? { ok: true, at: reply.page.at } : { ok: false, message: readable(reply.error.message) };
      } catch (error) {
        return { ok: false, message: errorText(error) };
      }
    },
  };
}

export type OncallActions = ReturnType<typeof createOncallActions>;
