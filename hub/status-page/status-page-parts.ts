import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { IncidentsState } from '../../shared/domain/state.js';
import type { StatusPageConfig } from '../../shared/status-page/status-page-config.js';
import type { SmtpSettings } from '../contact/senders/email.js';
import type { SendOutcome } from '../contact/senders/sender.js';
import type { MessageKind, MessageRow, StatusPageStore } from './status-page-store.js';

/**
 * How the status page's parts plug into its wiring (status-page.ts): the subscribers (subscribers/) and the chat
 * announcements (announce/) each get these deps and give back a part. The wiring feeds every part the committed
 * events, routes HTTP and outbox messages to them, and owns the outbox's loop (message-outbox.ts).
 */
export interface StatusPagePartDeps {
  readonly store: StatusPageStore;
  /** Seals a secret for the store (an address, a URL, a message body); `open` undoes it. */
  seal(plain: string): string;
  open(sealed: string): string;
  /** The authoritative state after the commit being handled. */
  state(): IncidentsState;
  /** The current set-up (public services, their names): read at the moment of use. */
  config(): StatusPageConfig;
  /** Adds messages to the outbox (rows whose id exists are left as they are) and wakes the loop. */
  enqueue(rows: readonly MessageRow[]): Promise<void>;
  readonly urls: {
    /** The hub's public address without a trailing slash (WARROOM_PUBLIC_URL, else where it listens). */
    base(): string;
    /** `<base>/#/incident/<id>`: the incident in the web app (for the team's chat, never for the public). */
    incident(incidentId: string): string;
    /** `<base>/status`. */
    page(): string;
  };
  /** null: e-mail is off (no SMTP settings): the page offers no e-mail subscription. */
  readonly smtp: SmtpSettings | null;
  /** Each send's timeout (tests make it short). */
  readonly sendTimeoutMs?: number | undefined;
  /** The key links in subscriber e-mails are signed with (HMAC): random per hub, shared by its nodes, sealed at rest. */
  readonly linkKey: Buffer;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Tell every client (and node) that counts or channels changed: they ask `statuspage` again. */
  changed(): void;
}

/** What a message handler sends: the row, its body opened (JSON as it was enqueued). */
export type MessageHandler = (row: MessageRow, body: string) => Promise<SendOutcome>;

export interface StatusPagePart {
  /** After each commit (the state passed is after it): enqueue what the events call for. Must not throw. */
  onCommitted(events: readonly DomainEvent[], state: IncidentsState): void;
  /** Its HTTP routes; false for paths that are not its own. */
  handleHttp?(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** How it sends each kind of message it enqueues. */
  readonly handlers: Partial<Record<MessageKind, MessageHandler>>;
  /** Resolves when the work it started is done (tests, the hub's close). */
  settled(): Promise<void>;
}
