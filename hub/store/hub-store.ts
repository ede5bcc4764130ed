import type { IntegrationTokenStore } from '../auth/integration-tokens.js';
import type { UserStore } from '../auth/user-store.js';
import type { ContactStore } from '../contact/contact-store.js';
import type { OncallStore } from '../paging/oncall-store.js';
import type { StatusPageStore } from '../status-page/status-page-store.js';
import type { WebhookInbox } from '../webhooks/inbox.js';
import type { CheckpointStore } from './checkpoints.js';
import type { EventStore } from './event-store.js';

/**
 * What another node (or the CLI) changed, as a store tells it: `log` new events, `oncall` the on-call set-up,
 * `inbox` new webhook requests, `tokens` tokens revoked or roles changed, `statuspage` the status page's set-up, channels or subscribers, `reconnected` the store's change feed was lost and is back (look at everything).
 */
export type StoreChange = 'log' | 'oncall' | 'inbox' | 'tokens' | 'statuspage' | 'reconnected';

export interface StoreHealth {
  readonly ok: boolean;
  /** Why not, for /healthz and the logs. */
  readonly reason?: string;
}

/**
 * Everything the hub keeps, in one place it can be moved as a whole: SQLite in the data folder (one node, the
 * default) or PostgreSQL (any number of nodes). The rest of the hub cannot tell which it has.
 */
export interface HubStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the data is, for logs and messages: the file, or the database URL without its password. */
  readonly where: string;
  readonly events: EventStore;
  readonly users: UserStore;
  readonly integrations: IntegrationTokenStore;
  readonly inbox: WebhookInbox;
  readonly oncall: OncallStore;
  /** Contact methods, notification rules, the page delivery outbox, acknowledge links, contact settings. */
  readonly contact: ContactStore;
  /** The public status page's set-up, chat channels, subscribers, threads and message outbox. */
  readonly statusPage: StatusPageStore;
  readonly checkpoints: CheckpointStore;
  /**
   * Calls back when something changed elsewhere (another node, the CLI); returns the unsubscribe. A wake-up only:
   * a missed one costs latency, never data, because readers look in the tables. SQLite has one node: only
   * `tokens` (this process's token and role changes at once, the CLI's within SQLITE_CHANGE_POLL_MS).
   */
  watch(listener: (change: StoreChange) => void): () => void;
  /** Tells the other nodes that `change` happened here (the on-call set-up changed). */
  announce(change: StoreChange): Promise<void>;
  /** Readiness: reachable, on the schema this hub knows. */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
