import type { NormalizedAlert } from '../../shared/alerts/alert.js';
import { HUB_COMMAND_PREFIX, commandSchema, type Command } from '../../shared/domain/commands.js';

/**
 * The `alert.receive` commands of one inbox request. Ids come from the inbox row id and the alert's index, so
 * processing the same request again (after a crash between the commit and the inbox delete) sends the same
 * command ids, and the pipeline answers them as duplicates instead of applying them twice.
 * `clientAt` is when the hub received the request, not when it got round to processing it.
 */
export function alertCommands(inboxId: number, receivedAt: string, alerts: readonly NormalizedAlert[]): Command[] {
  return alerts.map((alert, index) =>
    commandSchema.parse({
      commandId: `${HUB_COMMAND_PREFIX}webhook-${inboxId}-${index}`,
      type: 'alert.receive',
      incidentId: `alert-${inboxId}-${index}`,
      clientAt: receivedAt,
      payload: { alert },
    }),
  );
}
