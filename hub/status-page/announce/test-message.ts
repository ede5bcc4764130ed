import { testAnnounceMessage } from '../../../shared/status-page/announce-message.js';
import { announceTargetSchema, maskAnnounceTarget } from '../../../shared/status-page/announcements.js';
import type { SendOutcome } from '../../contact/senders/sender.js';
import type { StatusPagePartDeps } from '../status-page-parts.js';
import type { StoredChannel } from '../status-page-store.js';
import { sendAnnouncement } from './send-announcement.js';

/**
 * "Send a test message": through the channel now (not through the outbox, never retried), so the admin sees at once
 * what the service answered. On a Slack app it is a message of its own, never a thread.
 */
export async function sendTestMessage(deps: StatusPagePartDeps, channel: StoredChannel): Promise<SendOutcome> {
  let target;
  try {
    target = announceTargetSchema.parse(JSON.parse(deps.open(channel.sealedTarget)));
  } catch (error) {
    deps.logger.error({ err: error, channel: channel.id }, 'a channel target could not be opened');
    return {
      ok: false,
      retryable: false,
      retryAfterMs: null,
      detail: 'the channel was saved with another secrets key: remove it and add it again',
    };
  }
  const message = testAnnounceMessage(deps.config().title, deps.urls.base());
  const { outcome } = await sendAnnouncement(target, message, null, { timeoutMs: deps.sendTimeoutMs });
  deps.logger.info(
    {
      channel: channel.id,
      kind: channel.kind,
      target: maskAnnounceTarget(target),
      ok: outcome.ok,
      detail: outcome.detail,
    },
    'announcement test message',
  );
  return outcome;
}
