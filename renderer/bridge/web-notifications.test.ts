import { describe, expect, it } from 'vitest';
import type { PageAlert } from '../../shared/notify/paging-alerts.js';
import { browserNotifier, type BrowserWindow } from './web-notifications.js';

/** Stands in for the browser's Notification: records what was made and closed. */
function fakeWindow(permission: NotificationPermission = 'granted', secure = true) {
  const made: FakeNotification[] = [];
  let focused = 0;
  class FakeNotification {
    static permission = permission;
    static requestPermission = async () => permission;
    onclick: (() => void) | null = null;
    onclose: (() => void) | null = null;
    closed = false;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions,
    ) {
      made.push(this);
    }
    close(): void {
      this.closed = true;
      this.onclose?.();
    }
  }
  const win = {
    Notification: FakeNotification,
    isSecureContext: secure,
    focus: () => void focused++,
  } as unknown as BrowserWindow;
  return { win, made, focused: () => focused };
}

const alert = (overrides: Partial<PageAlert> = {}): PageAlert => ({
  pageId: 'inc-1-s0-r0-u-ana',
  incidentId: 'inc-1',
  title: 'Paged: INC-1 SEV-1 Checkout down',
  body: 'You are on call: acknowledge to stop the escalation.',
  acknowledge: true,
  repeat: 0,
  ...overrides,
});

describe('browserNotifier: pages', () => {
  it('shows a page that stays until clicked, and a click focuses the page and opens the incident', () => {
    const { win, made, focused } = fakeWindow();
    const notifier = browserNotifier(win);
    let clicks = 0;
    notifier?.showPage(alert(), () => clicks++);
    expect(made.map((n) => [n.title, n.options])).toEqual([
      [
        'Paged: INC-1 SEV-1 Checkout down',
        {
          body: 'You are on call: acknowledge to stop the escalation.',
          tag: 'page:inc-1-s0-r0-u-ana',
          requireInteraction: true,
        },
      ],
    ]);
    made[0]?.onclick?.();
    expect([clicks, focused(), made[0]?.closed]).toEqual([1, 1, true]);
  });

  it('closes the earlier notification of a page before its reminder (so it alerts), and an answered one', () => {
    const { win, made } = fakeWindow();
    const notifier = browserNotifier(win);
    notifier?.showPage(alert(), () => undefined);
    notifier?.showPage(alert({ repeat: 1 }), () => undefined);
    expect(made.map((n) => n.closed)).toEqual([true, false]);
    notifier?.closePage('inc-1-s0-r0-u-ana');
    expect(made.map((n) => n.closed)).toEqual([true, true]);
    notifier?.closePage('inc-1-s0-r0-u-ana'); // nothing left to close
  });

  it('shows nothing without permission, and is absent where the page is not a secure context', () => {
    const denied = fakeWindow('denied');
    browserNotifier(denied.win)?.showPage(alert(), () => undefined);
    expect(denied.made).toEqual([]);
    expect(browserNotifier(fakeWindow('granted', false).win)).toBeNull();
  });
});

describe('browserNotifier: incident notifications', () => {
  const group = {
    tag: 'group:new-incident',
    title: '30 new incidents from Alertmanager',
    body: 'INC-1 SEV-1: Disk full',
    urgent: true,
    incidentId: null,
    count: 30,
  };

  it('shows one with its tag (a later group replaces it), urgent ones until clicked; a click focuses the page', () => {
    const { win, made, focused } = fakeWindow();
    let clicks = 0;
    browserNotifier(win)?.show(group, () => clicks++);
    expect(made.map((n) => [n.title, n.options])).toEqual([
      [group.title, { body: group.body, tag: 'group:new-incident', requireInteraction: true }],
    ]);
    made[0]?.onclick?.();
    expect([clicks, focused(), made[0]?.closed]).toEqual([1, 1, true]);
  });

  it('closes the earlier notification of the same tag first, so the next storm alerts again', () => {
    const { win, made } = fakeWindow();
    const notifier = browserNotifier(win);
    notifier?.show(group, () => undefined);
    notifier?.show({ ...group, title: '12 new incidents from Alertmanager', count: 12 }, () => undefined);
    expect(made.map((n) => [n.title, n.closed])).toEqual([
      [group.title, true],
      ['12 new incidents from Alertmanager', false],
    ]);
  });

  it('shows nothing without permission', () => {
    const { win, made } = fakeWindow('denied');
    browserNotifier(win)?.show(group, () => undefined);
    expect(made).toEqual([]);
  });
});
