import { z } from 'zod';
import type { AnnounceMessage } from '../../../shared/status-page/announce-message.js';
import { httpPost, type HttpPostOptions } from '../../contact/senders/http-post.js';
import type { SendOutcome } from '../../contact/senders/sender.js';
import { slackAnnouncement } from './announce-render.js';

/**
 * A Slack app's bot posting with the Web API's chat.postMessage: unlike an incoming webhook it answers with the
 * message's `ts`, which later messages name as `thread_ts` to reply in its thread.
 */

export interface SlackAppTarget {
  readonly token: string;
  readonly channel: string;
  readonly apiUrl: string;
}

export interface SlackAppSent {
  readonly outcome: SendOutcome;
  /** The posted message's ts (ok answers only). */
  readonly ts: string | null;
}

/** Slack's answer to a Web API call: always HTTP 200 unless rate-limited; `ok` says whether it worked. */
const answerSchema = z.union([
  z.object({ ok: z.literal(true), ts: z.string().min(1) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

/** Errors worth trying again (https://docs.slack.dev/reference/methods/chat.postMessage, "Errors"). */
const RETRYABLE_ERRORS: ReadonlySet<string> = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

const ERROR_WORDS: Readonly<Record<string, string>> = {
  channel_not_found: 'the bot cannot see this channel: check its id or name, or invite the bot to it',
  not_in_channel: 'the bot is not in the channel: invite it',
  is_archived: 'the channel is archived',
  invalid_auth: 'the bot token is not valid',
  not_authed: 'no bot token was sent',
  token_revoked: 'the bot token was revoked',
  account_inactive: 'the bot token belongs to a deactivated app or user',
  missing_scope: 'the bot needs the chat:write scope',
  ratelimited: 'too many messages: Slack asks to slow down',
};

/** What chat.postMessage is sent: the Block Kit message, and its thread when it has one. */
function slackAppBody(channel: string, message: AnnounceMessage, threadTs: string | null): Record<string, unknown> {
  return {
    channel,
    ...slackAnnouncement(message),
    ...(threadTs !== null ? { thread_ts: threadTs, ...(message.broadcast ? { reply_broadcast: true } : {}) } : {}),
  };
}

export async function sendSlackApp(
  target: SlackAppTarget,
  message: AnnounceMessage,
  threadTs: string | null,
  options: HttpPostOptions = {},
): Promise<SlackAppSent> {
  let ts: string | null = null;
  const outcome = await httpPost(
    {
      url: `${target.apiUrl.replace(/\/+$/, '')}/chat.postMessage`,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        Authorization: `Bearer ${target.token}`,
        'User-Agent': 'Warroom',
      },
      body: JSON.stringify(slackAppBody(target.channel, message, threadTs)),
    },
    {
      ...options,
      secrets: [...(options.secrets ?? []), target.token],
      answer: (body) => {
        const read = readAnswer(body);
        ts = read.ts;
        return read.outcome;
      },
    },
  );
  return { outcome, ts };
}

/** Slack's 200 answer in the terms of SendOutcome. */
function readAnswer(body: string): SlackAppSent {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = answerSchema.safeParse(json);
  // Not Slack's answer (a proxy's page?): the message may or may not be posted; trying again could post it twice.
  if (!parsed.success)
    return {
      outcome: { ok: false, retryable: false, retryAfterMs: null, detail: 'HTTP 200 without Slack’s answer' },
      ts: null,
    };
  const answer = parsed.data;
  if (answer.ok) return { outcome: { ok: true, detail: `HTTP 200 ok (ts ${answer.ts})` }, ts: answer.ts };
  const words = ERROR_WORDS[answer.error];
  const detail = `Slack: ${answer.error}${words ? ` (${words})` : ''}`.slice(0, 300);
  return {
    outcome: { ok: false, retryable: RETRYABLE_ERRORS.has(answer.error), retryAfterMs: null, detail },
    ts: null,
  };
}
