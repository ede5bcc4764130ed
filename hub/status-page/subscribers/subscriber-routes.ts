import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildPublicStatus, type PublicStatus } from '../../../shared/status-page/public-status.js';
import { confirmationEmail } from '../../../shared/status-page/subscriber-messages.js';
import { parseRequestUrl } from '../../http/request-url.js';
import type { StatusPagePartDeps } from '../status-page-parts.js';
import { newMessageRow, type StoredSubscriber } from '../status-page-store.js';
import { addressHash, maskAddress, parseSubscribeForm, serviceKeysById } from './subscribe-form.js';
import { digest } from './subscriber-fanout.js';
import {
  checkConfirmToken,
  checkUnsubscribeToken,
  confirmExpiry,
  confirmToken,
  CONFIRM_TTL_MS,
} from './subscriber-links.js';
import { pages, renderSubscriberPage, SUBSCRIBER_PAGE_HEADERS, type SubscriberPage } from './subscriber-pages.js';

/** The form is an address and a few service ids: anything bigger is not from the page. */
export const FORM_LIMIT_BYTES = 8 * 1024;

/** At most one confirmation e-mail per address in this window, however often the form is sent. */
export const CONFIRM_RESEND_WINDOW_MS = 10 * 60 * 1000;

/** Forgetting unconfirmed subscriptions is one DELETE: done on a subscribe, at most this often. */
const FORGET_EVERY_MS = 60 * 60 * 1000;

export interface SubscriberRoutes {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

/**
 * `/status/subscribe` (POST, the page's form), `/status/confirm/<token>` and `/status/unsubscribe/<token>` (GET
 * shows a page with a button, POST does it; an RFC 8058 one-click POST unsubscribes at once). Returns false for
 * other paths.
 */
export function subscriberRoutes(deps: StatusPagePartDeps): SubscriberRoutes {
  let lastForget = Number.NEGATIVE_INFINITY;

  const publicNow = (): { status: PublicStatus; nowMs: number } => {
    const nowMs = deps.clock.now();
    return { status: buildPublicStatus(deps.state(), deps.config(), nowMs), nowMs };
  };

  async function subscribe(req: IncomingMessage): Promise<SubscriberPage> {
    if (!deps.smtp) {
      req.resume();
      return pages.noEmail();
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      req.resume();
      return pages.unsupported();
    }
    const body = await readBody(req, FORM_LIMIT_BYTES);
    if (body === null) return pages.tooLarge();
    const { status, nowMs } = publicNow();
    const config = deps.config();
    const parsed = parseSubscribeForm(body, status, config);
    if (!parsed.ok) return pages.badForm(parsed.error);
    const { form } = parsed;
    const now = new Date(nowMs).toISOString();
    const hash = addressHash(form.address);
    const existing = await deps.store.subscriberByAddressHash(hash);
    let subscriber: StoredSubscriber;
    if (!existing) {
      subscriber = {
        id: `s${randomBytes(12).toString('base64url')}`,
        kind: 'email',
        target: maskAddress(form.address),
        sealedTarget: deps.seal(form.address),
        addressHash: hash,
        services: form.keys,
        createdAt: now,
        confirmedAt: null,
      };
      await deps.store.putSubscriber(subscriber);
      deps.changed();
    } else if (existing.confirmedAt === null) {
      // Still pending: the newest choice is what the confirmation stands for.
      subscriber = { ...existing, services: form.keys };
      await deps.store.putSubscriber(subscriber);
    } else {
      // Confirmed: nothing changes until its owner confirms the new choice (the token carries it).
      subscriber = existing;
    }
    const names = status.services.filter((s) => form.services.includes(s.id)).map((s) => s.name);
    const mail = confirmationEmail({
      pageTitle: status.title,
      pageUrl: deps.urls.page(),
      confirmUrl: `${deps.urls.page()}/confirm/${confirmToken(deps.linkKey, subscriber.id, form.services, nowMs)}`,
      services: names,
      expiresAt: confirmExpiry(nowMs),
    });
    const bucket = Math.floor(nowMs / CONFIRM_RESEND_WINDOW_MS);
    await deps.enqueue([
      newMessageRow(
        {
          id: `confirm-${digest(`${subscriber.id}\n${bucket}`)}`,
          kind: 'subscriber-confirm',
          recipientId: subscriber.id,
          incidentId: '',
          sealedBody: deps.seal(JSON.stringify(mail)),
        },
        now,
      ),
    ]);
    if (nowMs - lastForget >= FORGET_EVERY_MS) {
      lastForget = nowMs;
      const forgotten = await deps.store.forgetUnconfirmed(new Date(nowMs - CONFIRM_TTL_MS).toISOString());
      if (forgotten > 0) {
        deps.logger.info({ forgotten }, 'forgot unconfirmed status page subscriptions');
        deps.changed();
      }
    }
    // The same answer whether the address was new, pending or subscribed: the form tells nobody who subscribes.
    return pages.checkInbox();
  }

  async function confirm(token: string, act: boolean): Promise<SubscriberPage> {
    const { status, nowMs } = publicNow();
    const check = checkConfirmToken(deps.linkKey, token, nowMs);
    if (!check.ok) return check.why === 'expired' ? pages.expiredConfirm(check.expiresAt) : pages.badConfirm();
    const subscriber = await deps.store.subscriber(check.subscriberId);
    if (!subscriber || subscriber.kind !== 'email') return pages.goneConfirm();
    const chosen = status.services.filter((s) => check.services.includes(s.id));
    const names = chosen.map((s) => s.name);
    if (!act) return pages.askConfirm(token, status.title, names);
    const keyOf = serviceKeysById(deps.config());
    const keys = chosen.flatMap((s) => keyOf.get(s.id) ?? []);
    // Services chosen then but all gone from the page since: keep what was stored rather than widen to all.
    const services = check.services.length > 0 && keys.length === 0 ? subscriber.services : keys;
    if (!sameList(services, subscriber.services)) await deps.store.putSubscriber({ ...subscriber, services });
    if (await deps.store.confirmSubscriber(subscriber.id, new Date(nowMs).toISOString())) {
      deps.logger.info({ subscriber: subscriber.id }, 'status page subscription confirmed');
      deps.changed();
    }
    return pages.confirmed(status.title, names);
  }

  async function unsubscribe(token: string, act: boolean): Promise<SubscriberPage> {
    const id = checkUnsubscribeToken(deps.linkKey, token);
    if (id === null) return pages.badUnsubscribe();
    const title = deps.config().title;
    if (!act) return pages.askUnsubscribe(token, title);
    // Unknown (already unsubscribed, another tab): the same answer, the person's wish holds either way.
    if (await deps.store.removeSubscriber(id)) {
      deps.logger.info({ subscriber: id }, 'status page subscriber unsubscribed');
      deps.changed();
    }
    return pages.unsubscribed(title);
  }

  return {
    async handle(req, res) {
      const url = parseRequestUrl(req.url);
      if (!url) return false;
      const path = url.pathname;
      const method = req.method ?? 'GET';
      const route =
        path === '/status/subscribe'
          ? ({ kind: 'subscribe' } as const)
          : /^\/status\/(confirm|unsubscribe)\/([^/]*)$/.exec(path);
      if (!route) return false;
      try {
        if (!Array.isArray(route)) {
          if (method === 'GET' || method === 'HEAD') {
            req.resume();
            res.writeHead(303, { location: `${deps.urls.page()}#subscribe`, 'cache-control': 'no-store' }).end();
            return true;
          }
          if (method !== 'POST') return notAllowed(req, res, method, 'GET, HEAD, POST');
          send(res, method, await subscribe(req));
          return true;
        }
        const [, what, token = ''] = route;
        if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
          return notAllowed(req, res, method, 'GET, HEAD, POST');
        const act = method === 'POST';
        // The body (a form's, or RFC 8058's "List-Unsubscribe=One-Click") changes nothing: a POST does it.
        if (act) await readBody(req, FORM_LIMIT_BYTES);
        else req.resume();
        send(res, method, what === 'confirm' ? await confirm(token, act) : await unsubscribe(token, act));
        return true;
      } catch (error) {
        deps.logger.error({ err: error, path }, 'status page subscriber request failed');
        if (!res.headersSent) send(res, method, pages.unavailable());
        return true;
      }
    },
  };
}

function notAllowed(req: IncomingMessage, res: ServerResponse, method: string, allow: string): true {
  req.resume();
  res.setHeader('allow', allow);
  send(res, method, pages.notAllowed());
  return true;
}

function send(res: ServerResponse, method: string, page: SubscriberPage): void {
  const html = renderSubscriberPage(page);
  res.writeHead(page.status, { ...SUBSCRIBER_PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(method === 'HEAD' ? undefined : html);
}

/** The body as text, or null when it is larger than `limit` (what came is dropped, the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.byteLength;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
