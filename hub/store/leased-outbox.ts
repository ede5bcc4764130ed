/**
 * The two outboxes sent from with a lease (the page outbox, the status page's messages), whatever the backend: their
 * table, key and columns (in the order outboxValues and messageValues give a row), and what both dialects ask of them
 * the same way. Names go into SQL text, so they are these constants, never input.
 */

/** What each outbox's rows say about sending them (SendingTableColumns). */
const SENDING_COLUMNS = ['status', 'attempts', 'due_at', 'lease_owner', 'lease_until', 'detail'] as const;
export const PAGE_OUTBOX = {
  table: 'page_outbox',
  key: ['page_id', 'method_id'],
  columns: ['page_id', 'method_id', 'user_id', 'incident_id', ...SENDING_COLUMNS, 'updated_at'],
} as const;
export const MESSAGE_OUTBOX = {
  table: 'statuspage_outbox',
  key: ['id'],
  columns: ['id', 'kind', 'recipient_id', 'incident_id', 'sealed_body', ...SENDING_COLUMNS, 'created_at', 'updated_at'],
} as const;
export type LeasedOutbox = typeof PAGE_OUTBOX | typeof MESSAGE_OUTBOX;

/** A row's key: one value per key column of the outbox, in their order. */
export type OutboxKey<O extends LeasedOutbox> = ValuesOf<O['key']>;
type ValuesOf<Columns extends readonly string[]> = { readonly [I in keyof Columns]: string };

/**
 * Per recipient, the newest row that says something about sending: sent, failed, or pending after a failed try
 * (retrying). Cancelled rows and rows never tried say nothing. The same SQL in both dialects.
 */
export function lastSendingSql(o: LeasedOutbox, recipient: 'method_id' | 'recipient_id'): string {
  // The key orders ties: within one recipient it is unique.
  const newestFirst = o.key.map((column) => `${column} DESC`).join(', ');
  return `
  SELECT ${recipient}, status, detail, updated_at FROM (
    SELECT ${recipient}, status, detail, updated_at,
           row_number() OVER (PARTITION BY ${recipient} ORDER BY updated_at DESC, ${newestFirst}) AS n
    FROM ${o.table}
    WHERE status IN ('sent', 'failed') OR (status = 'pending' AND attempts > 0)
  ) AS newest
  WHERE n = 1`;
}

/** Claimed rows in the order they fell due, then by key (RETURNING gives them in no particular order). */
export function byDueThen<R extends { readonly dueAt: string }>(keyOf: (r: R) => string): (a: R, b: R) => number {
  return (a, b) => compareText(a.dueAt, b.dueAt) || compareText(keyOf(a), keyOf(b));
}

/** An order of rows (as outboxValues and messageValues give them) by key, the same on every node. */
export function byKeyValues(o: LeasedOutbox): (a: readonly unknown[], b: readonly unknown[]) => number {
  const columns: readonly string[] = o.columns;
  const at = o.key.map((column) => columns.indexOf(column));
  return (a, b) => at.reduce((order, i) => order || compareText(String(a[i]), String(b[i])), 0);
}

/** One order every node agrees on (code units). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
