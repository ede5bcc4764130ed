import { useEffect } from 'react';
import type { StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import { useActions, useAppStore, useStoreApi } from '../../store/store-context.js';

/**
 * The status page's set-up, asked for when first needed and again when the hub is back (a failed ask is not
 * repeated in a loop); afterwards the hub says when it changes (statuspage.changed).
 */
export function useStatusPage(): StatusPageView | null {
  const view = useAppStore((s) => s.statusPage);
  const online = useAppStore((s) => s.status === 'online');
  const actions = useActions();
  const store = useStoreApi();
  useEffect(() => {
    const s = store.getState();
    if (online && s.statusPage === null && !s.statusPageLoading) void actions.loadStatusPage();
  }, [online, actions, store]);
  return view;
}

/** Where an incident shows on the public page: the page's address and the incident's anchor. */
export function statusPageIncidentUrl(pageUrl: string, anchor: string): string {
  return `${pageUrl}#${anchor}`;
}
