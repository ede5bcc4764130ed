import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The user it logged in as, if it did. */
  readonly user: string | null;
  /** Whether the session was encrypted (implicit TLS or STARTTLS) when the mail came. */
  readonly secure: boolean;
  readonly parsed: ParsedMail;
}

export interface SmtpTestServerOptions {
  /** Require AUTH with these; without, no AUTH is offered. */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Offer STARTTLS with this key and certificate; without, STARTTLS is not offered. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

export type RefuseAt = 'rcpt' | 'data';

export interface SmtpTestServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly messages: readonly ReceivedMail[];
  /** Every AUTH tried, with what was given and whether it was accepted. */
  readonly logins: readonly { readonly user: string; readonly pass: string; readonly accepted: boolean }[];
  /** Answer RCPT TO or the end of DATA with this code (451: try later; 550: refused) until `accept()`. */
  refuse(at: RefuseAt, code: number, text?: string): void;
  accept(): void;
  /** The next message not yet taken (waits for it). */
  next(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

const smtpError = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and an ephemeral port that parses each message with mailparser and
 * keeps it; it can be told to refuse with a 4xx or 5xx, to test what the sender does with each.
 */
export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const logins: { user: string; pass: string; accepted: boolean }[] = [];
  const waiting: ((mail: ReceivedMail) => void)[] = [];
  let taken = 0;
  let refusal: { at: RefuseAt; code: number; text: string } | null = null;

  const config: SMTPServerOptions = {
    logger: false,
    // Without TLS the test talks in the clear, so AUTH must be allowed there; with TLS, only after STARTTLS.
    allowInsecureAuth: !options.tls,
    authOptional: !options.auth,
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    onAuth(auth, _session, callback) {
      const accepted = auth.username === options.auth?.user && auth.password === options.auth?.pass;
      logins.push({ user: auth.username ?? '', pass: auth.password ?? '', accepted });
      if (accepted) callback(null, { user: auth.username });
      else callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(_address, _session, callback) {
      if (refusal?.at === 'rcpt') callback(smtpError(refusal.code, refusal.text));
      else callback();
    },
    onData(stream, session, callback) {
      const refuseNow = refusal?.at === 'data' ? refusal : null;
      simpleParser(stream)
        .then((parsed) => {
          if (refuseNow) return callback(smtpError(refuseNow.code, refuseNow.text));
          const mail: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : null,
            secure: session.secure,
            parsed,
          };
          messages.push(mail);
          const waiter = waiting.shift();
          if (waiter) {
            taken += 1;
            waiter(mail);
          }
          callback(null, 'OK: queued as test');
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    logins,
    refuse(at, code, text = code < 500 ? '4.3.0 Try again later' : '5.1.1 Mailbox unavailable') {
      refusal = { at, code, text };
    },
    accept() {
      refusal = null;
    },
    next() {
      const ready = messages[taken];
      if (ready) {
        taken += 1;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
