// Warroom's push worker: shows pages that arrive by Web Push, with no Warroom tab open.
//
// Registered by "Get pages in this browser" on the Profile (renderer/bridge/browser-push.ts) at its own scope,
// /push/, so it never replaces the offline shell (sw.js, scope /). It controls no page and caches nothing.
//
// - `push`: the message is a PushPayload (shared/contact/push-payload.ts) as JSON: {kind, title, body, tag, ackUrl,
//   url, requireInteraction}. It is shown as a notification; a later one with the same tag (a reminder) replaces
//   it. With an ackUrl it has two buttons, Acknowledge and Open. A message that is not such JSON still shows a
//   generic "Warroom page" notification: a page must never be dropped because its text was bad (and browsers
//   require every push to show something).
// - `notificationclick`: Acknowledge POSTs the one-time ackUrl (the link is the credential: no cookie, no token)
//   and then says "Acknowledged" or why not, in a short notification. Anything else (Open, or the notification
//   itself) focuses an open Warroom tab, or opens `url` (else the ackUrl, whose GET page has a button).
//
// Plain JS, no imports: it needs nothing but the payload.

const GENERIC = {
  kind: 'page',
  title: 'Warroom page',
  body: 'A page arrived. Open Warroom to see it.',
  tag: 'warroom-page',
  ackUrl: null,
  url: null,
  requireInteraction: true,
};

self.addEventListener('install', () => {
  // Take over at once: the page that registered it waits for an active worker before subscribing.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  event.waitUntil(
    self.registration.showNotification(payload.title, {
      body: payload.body,
      tag: payload.tag,
      requireInteraction: payload.requireInteraction,
      data: { ackUrl: payload.ackUrl, url: payload.url },
      actions: payload.ackUrl
        ? [
            { action: 'ack', title: 'Acknowledge' },
            { action: 'open', title: 'Open' },
          ]
        : [],
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  const notification = event.notification;
  const data = notification.data || {};
  notification.close();
  if (event.action === 'ack' && typeof data.ackUrl === 'string') {
    event.waitUntil(acknowledge(data.ackUrl, notification.tag, data.url));
    return;
  }
  event.waitUntil(openWarroom(data.url || data.ackUrl || null));
});

/** The payload, or the generic page when the message is empty, not JSON, or not shaped like one. */
function readPayload(data) {
  let raw;
  try {
    raw = data ? data.json() : null;
  } catch {
    raw = null;
  }
  if (!raw || typeof raw !== 'object') return GENERIC;
  const text = (value, fallback) => (typeof value === 'string' && value.trim() ? value : fallback);
  const link = (value) => (typeof value === 'string' && /^https?:\/\//.test(value) ? value : null);
  return {
    kind: text(raw.kind, GENERIC.kind),
    title: text(raw.title, GENERIC.title),
    body: typeof raw.body === 'string' ? raw.body : GENERIC.body,
    tag: text(raw.tag, GENERIC.tag),
    ackUrl: link(raw.ackUrl),
    url: link(raw.url),
    requireInteraction: raw.requireInteraction === true,
  };
}

/** POSTs the one-time link, then says what happened; on failure the note opens the link's page when clicked. */
async function acknowledge(ackUrl, tag, url) {
  let title;
  let body;
  try {
    const response = await fetch(ackUrl, { method: 'POST' });
    if (response.ok) {
      title = 'Acknowledged';
      body = 'You acknowledged the page. The escalation stops here.';
    } else {
      title = 'Not acknowledged';
      body = `The hub answered HTTP ${response.status}: the link may be used up or expired. Open Warroom to check.`;
    }
  } catch (error) {
    title = 'Not acknowledged';
    body = `The hub could not be reached (${error && error.message ? error.message : 'network error'}).`;
  }
  await self.registration.showNotification(title, {
    body,
    // The same tag: it replaces the page's notification instead of stacking beside it.
    tag,
    requireInteraction: title !== 'Acknowledged',
    data: { ackUrl: null, url: url || ackUrl },
  });
}

/** Focuses a Warroom tab (the one at `url` if open, else any of this hub's), or opens `url`. */
async function openWarroom(url) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const exact = url ? windows.find((client) => client.url === url) : undefined;
  const any = windows.find((client) => new URL(client.url).origin === self.location.origin);
  const target = exact || any;
  if (target && 'focus' in target) return target.focus();
  if (url) return self.clients.openWindow(url);
  return self.clients.openWindow('/');
}
