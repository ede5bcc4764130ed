import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { nowMs } from './clock.js';
import { headerValue } from './mail-headers.js';

/** One message as the receiver saw it: `at` is the end of its DATA (clock.ts nowMs), the moment it was complete. */
export interface ReceivedAt {
  readonly at: number;
  /** When the receiver accepted the sender's TCP connection (the sender's work before it could send is done). */
  readonly connectedAt: number;
  /** When it sent its greeting: smtp-server holds every greeting 100 ms, to catch clients that talk too early. */
  readonly greetedAt: number;
  readonly to: readonly string[];
  readonly subject: string | null;
  /** X-Warroom-Page-Id (the hub's page mails, and the bare mailer's); null for a verification mail. */
  readonly pageId: string | null;
}

export interface SmtpReceiver {
  readonly port: number;
  /** The message with this X-Warroom-Page-Id, as soon as its DATA has ended (at once if it already has). */
  byPageId(pageId: string): Promise<ReceivedAt>;
  /** The next message without a page id sent to `address` (a verification mail). */
  nextPlainTo(address: string): Promise<ReceivedAt>;
  /** Messages received so far. */
  readonly count: number;
  close(): Promise<void>;
}

/**
 * The runner's SMTP server (smtp-server on 127.0.0.1, an ephemeral port, no TLS or AUTH offered) that notes the
 * runner's clock first thing when a message's DATA ends, before answering 250, then keeps only its headers; and, to
 * say where a message's time went, when its connection was accepted and greeted. It runs
 * on the runner's main thread, where the POST's start is taken; the fleet lives in a worker, so it does not delay it.
 */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const byPage = new Map<string, ReceivedAt>();
  const pageWaiters = new Map<string, (mail: ReceivedAt) => void>();
  const plain: ReceivedAt[] = [];
  const plainWaiters: Array<{ address: string; resolve: (mail: ReceivedAt) => void }> = [];
  let count = 0;
  // By the client's port: when its connection was accepted, then when it was greeted.
  const accepted = new Map<number, number>();
  const greeted = new Map<number, number>();

  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    // By default it looks up the client's name (reverse DNS) before its greeting: the receiver's cost, not the
    // sender's (about 100 ms here), so left out for the hub and the baseline alike.
    disableReverseLookup: true,
    onConnect(session, callback) {
      greeted.set(session.remotePort, nowMs());
      callback();
    },
    onClose(session) {
      accepted.delete(session.remotePort);
      greeted.delete(session.remotePort);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const at = nowMs();
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedAt = {
          at,
          connectedAt: accepted.get(session.remotePort) ?? at,
          greetedAt: greeted.get(session.remotePort) ?? at,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: headerValue(raw, 'Subject'),
          pageId: headerValue(raw, 'X-Warroom-Page-Id'),
        };
        count += 1;
        callback(null, 'OK: received');
        if (mail.pageId !== null) {
          const waiter = pageWaiters.get(mail.pageId);
          pageWaiters.delete(mail.pageId);
          if (waiter) waiter(mail);
          else byPage.set(mail.pageId, mail);
          return;
        }
        const i = plainWaiters.findIndex((w) => mail.to.includes(w.address));
        if (i === -1) plain.push(mail);
        else plainWaiters.splice(i, 1)[0]?.resolve(mail);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A client that breaks off mid-conversation must not end the run.
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => {
    if (socket.remotePort !== undefined) accepted.set(socket.remotePort, nowMs());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    get count() {
      return count;
    },
    byPageId(pageId) {
      const ready = byPage.get(pageId);
      if (ready) {
        byPage.delete(pageId);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => pageWaiters.set(pageId, resolve));
    },
    nextPlainTo(address) {
      const wanted = address.toLowerCase();
      const i = plain.findIndex((m) => m.to.includes(wanted));
      if (i !== -1) return Promise.resolve(plain.splice(i, 1)[0] as ReceivedAt);
      return new Promise((resolve) => plainWaiters.push({ address: wanted, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
