// The push worker (renderer/public/push-sw.js) run with the parts of a service worker's global scope it uses
// (registration.showNotification, clients, fetch): the browser and the network are the external edges here.
import { describe, expect, it } from 'vitest';
import type { PushPayload } from '../../shared/contact/push-payload.js';
import SOURCE from '../public/push-sw.js?raw';

const ORIGIN = 'https://hub.example';
const HUB = 'https://hub.example';

type Handler = (event: Record<string, unknown>) => void;
interface Shown {
  title: string;
  options: Record<string, unknown>;
}

/** The worker loaded in a fresh context; `windows` are the open tabs clients.matchAll finds. */
function loadWorker(windows: { url: string }[] = []) {
  const posts: { method: string; url: string }[] = [];
  /** The hub's ack route: 200, 410 for a used link; any other host is unreachable. */
  const fakeFetch = async (url: string, init: { method?: string } = {}) => {
    posts.push({ method: init.method ?? 'GET', url });
    if (!url.startsWith(HUB)) throw new TypeError('fetch failed');
    return { ok: !url.endsWith('/ack/used'), status: url.endsWith('/ack/used') ? 410 : 200 };
  };
  const handlers = new Map<string, Handler>();
  const shown: Shown[] = [];
  const opened: string[] = [];
  const focused: string[] = [];
  const self = {
    location: new URL(`${ORIGIN}/push-sw.js`),
    addEventListener: (type: string, handler: Handler) => handlers.set(type, handler),
    skipWaiting: () => undefined,
    registration: {
      showNotification: async (title: string, options: Record<string, unknown>) => {
        shown.push({ title, options });
      },
    },
    clients: {
      claim: async () => undefined,
      matchAll: async () => windows.map((w) => ({ url: w.url, focus: async () => void focused.push(w.url) })),
      openWindow: async (url: string) => void opened.push(url),
    },
  };
  // The worker's own code with `self` and `fetch` as the browser would give them.
  new Function('self', 'fetch', SOURCE)(self, fakeFetch);

  /** Dispatches an event and waits for what it handed to waitUntil. */
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    const pending: Promise<unknown>[] = [];
    const handler = handlers.get(type);
    if (!handler) throw new Error(`no ${type} handler`);
    handler({ ...event, waitUntil: (p: Promise<unknown>) => pending.push(p) });
    await Promise.all(pending);
  };
  const push = (data: { json(): unknown } | null) => dispatch('push', { data });
  const click = (options: Record<string, unknown>, action = '') =>
    dispatch('notificationclick', {
      action,
      notification: { tag: options.tag, data: options.data, close: () => undefined },
    });
  return { shown, opened, focused, posts, push, click };
}

const asData = (value: unknown) => ({ json: () => value });

function payload(partial: Partial<PushPayload> = {}): PushPayload {
  return {
    kind: 'page',
    title: 'SEV-1: Checkout down',
    body: 'You are primary for Payments. Acknowledge within 5 minutes.',
    tag: 'page-p-1',
    ackUrl: `${HUB}/ack/good`,
    url: `${ORIGIN}/#/incident/inc-1`,
    requireInteraction: true,
    ...partial,
  };
}

describe('the push worker', () => {
  it('shows a page with Acknowledge and Open, its tag and its links', async () => {
    const worker = loadWorker();
    await worker.push(asData(payload()));
    expect(worker.shown).toEqual([
      {
        title: 'SEV-1: Checkout down',
        options: {
          body: 'You are primary for Payments. Acknowledge within 5 minutes.',
          tag: 'page-p-1',
          requireInteraction: true,
          data: { ackUrl: `${HUB}/ack/good`, url: `${ORIGIN}/#/incident/inc-1` },
          actions: [
            { action: 'ack', title: 'Acknowledge' },
            { action: 'open', title: 'Open' },
          ],
        },
      },
    ]);
  });

  it('shows a message without an ack link (a test, a verification code) without buttons', async () => {
    const worker = loadWorker();
    await worker.push(asData(payload({ kind: 'verification', ackUrl: null, url: null, requireInteraction: false })));
    expect(worker.shown[0]?.options).toMatchObject({ actions: [], requireInteraction: false });
  });

  it('still shows a generic "Warroom page" when the message is empty, not JSON or not a payload', async () => {
    const worker = loadWorker();
    await worker.push(null);
    await worker.push({
      json: () => {
        throw new SyntaxError('Unexpected token');
      },
    });
    await worker.push(asData('just text'));
    await worker.push(asData({ title: 42, ackUrl: 'javascript:alert(1)' }));
    expect(worker.shown.map((s) => s.title)).toEqual(['Warroom page', 'Warroom page', 'Warroom page', 'Warroom page']);
    expect(worker.shown[3]?.options).toMatchObject({ actions: [], data: { ackUrl: null, url: null } });
  });

  it('acknowledges by POSTing the one-time link, and says so in the same notification', async () => {
    const worker = loadWorker();
    await worker.push(asData(payload()));
    const page = worker.shown[0]!;
    await worker.click({ tag: page.options.tag, data: page.options.data }, 'ack');
    expect(worker.posts).toEqual([{ method: 'POST', url: `${HUB}/ack/good` }]);
    expect(worker.shown[1]).toMatchObject({ title: 'Acknowledged', options: { tag: 'page-p-1' } });
  });

  it('says when the hub refused the acknowledgement, or could not be reached', async () => {
    const worker = loadWorker();
    await worker.click({ tag: 'page-p-1', data: { ackUrl: `${HUB}/ack/used`, url: null } }, 'ack');
    expect(worker.shown[0]).toMatchObject({
      title: 'Not acknowledged',
      options: { body: expect.stringContaining('HTTP 410'), requireInteraction: true },
    });
    await worker.click({ tag: 'page-p-1', data: { ackUrl: 'https://gone.example/ack/x', url: null } }, 'ack');
    expect(worker.shown[1]).toMatchObject({
      title: 'Not acknowledged',
      options: { body: expect.stringMatching(/^The hub could not be reached/) },
    });
  });

  it('opens the incident on a click, or focuses a Warroom tab that is open', async () => {
    const closed = loadWorker();
    await closed.click({ tag: 't', data: { ackUrl: `${HUB}/ack/good`, url: `${ORIGIN}/#/incident/inc-1` } });
    await closed.click({ tag: 't', data: { ackUrl: `${HUB}/ack/good`, url: null } }, 'open');
    expect(closed.opened).toEqual([`${ORIGIN}/#/incident/inc-1`, `${HUB}/ack/good`]);

    const open = loadWorker([{ url: 'https://elsewhere.example/' }, { url: `${ORIGIN}/#/board` }]);
    await open.click({ tag: 't', data: { ackUrl: null, url: `${ORIGIN}/#/incident/inc-1` } });
    expect(open.focused).toEqual([`${ORIGIN}/#/board`]);
    expect(open.opened).toEqual([]);
  });
});
