import type { AnnounceMessage } from '../../../shared/status-page/announce-message.js';
import type { AnnounceTarget } from '../../../shared/status-page/announcements.js';
import { postJson } from '../../contact/senders/chat.js';
import type { HttpPostOptions } from '../../contact/senders/http-post.js';
import { mattermostAnnouncement, slackAnnouncement, teamsAnnouncement } from './announce-render.js';
import { sendSlackApp, type SlackAppSent } from './slack-app.js';

/**
 * Sends one announcement through a channel's target. `threadTs`: the Slack app's thread to reply in (null: a new
 * message); the incoming webhooks (Slack, Mattermost, Teams) cannot thread and ignore it. `ts` comes back from a
 * Slack app only.
 */
export async function sendAnnouncement(
  target: AnnounceTarget,
  message: AnnounceMessage,
  threadTs: string | null,
  options: HttpPostOptions = {},
): Promise<SlackAppSent> {
  switch (target.kind) {
    case 'slack-app':
      return sendSlackApp(target, message, threadTs, options);
    case 'slack':
      return { outcome: await postJson(target.url, slackAnnouncement(message), options), ts: null };
    case 'mattermost':
      return { outcome: await postJson(target.url, mattermostAnnouncement(message), options), ts: null };
    case 'teams':
      return { outcome: await postJson(target.url, teamsAnnouncement(message), options), ts: null };
  }
}
