import type { PageMessage } from '../../../shared/contact/page-message.js';
import { httpPost, type HttpPostOptions } from './http-post.js';
import { truncate, webLink } from './links.js';
import type { SendOutcome } from './sender.js';

/** Slack's limit for a section's text. */
const SECTION_MAX_CHARS = 3000;
const URL_PATTERN = /https?:\/\/[^\s<>]+/g;

/** Slack's three control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text with its addresses as links: each part escaped its own way (Slack: <url>, Mattermost: CommonMark <url>). */
function withLinks(text: string, plain: (part: string) => string, link: (url: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += plain(text.slice(last, match.index)) + link(match[0]);
    last = match.index + match[0].length;
  }
  return out + plain(text.slice(last));
}

const slackText = (text: string): string => withLinks(text, escapeSlack, (url) => `<${escapeSlack(url)}>`);

interface SlackButton {
  readonly type: 'button';
  readonly text: { readonly type: 'plain_text'; readonly text: string };
  readonly url: string;
  readonly action_id: string;
  readonly style?: 'primary' | 'danger';
}

/** An incoming-webhook message (https://api.slack.com/messaging/webhooks): `text` is the notification's fallback. */
export function slackMessage(message: PageMessage): { text: string; blocks: unknown[] } {
  const blocks: unknown[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*${escapeSlack(message.subject)}*`, SECTION_MAX_CHARS) },
    },
  ];
  if (message.lines.length > 0) {
    const text = truncate(message.lines.map(slackText).join('\n'), SECTION_MAX_CHARS);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  }
  const buttons: SlackButton[] = [];
  const ackUrl = webLink(message.ackUrl);
  const incidentUrl = webLink(message.incidentUrl);
  const runbookUrl = webLink(message.runbookUrl);
  // A link button opens the acknowledge page (GET shows its button): a webhook has no app to receive a click.
  if (ackUrl) buttons.push(button('Acknowledge', ackUrl, 'ack', 'danger'));
  if (incidentUrl) buttons.push(button('Open incident', incidentUrl, 'open-incident'));
  if (runbookUrl) buttons.push(button('Runbook', runbookUrl, 'runbook'));
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { text: escapeSlack(message.subject), blocks };
}

function button(label: string, url: string, actionId: string, style?: 'danger'): SlackButton {
  return {
    type: 'button',
    text: { type: 'plain_text', text: label },
    url,
    action_id: actionId,
    ...(style ? { style } : {}),
  };
}

/** CommonMark's backslash escapes for the characters that would start formatting, a link or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

const markdownText = (text: string): string => withLinks(text, escapeMarkdown, (url) => `<${url}>`);

/** Mattermost's Slack-compatible incoming webhook; it renders `text` as Markdown. */
export function mattermostMessage(message: PageMessage): { text: string } {
  const links: string[] = [];
  const ackUrl = webLink(message.ackUrl);
  const incidentUrl = webLink(message.incidentUrl);
  const runbookUrl = webLink(message.runbookUrl);
  if (ackUrl) links.push(`[**Acknowledge**](<${ackUrl}>)`);
  if (incidentUrl) links.push(`[Open incident](<${incidentUrl}>)`);
  if (runbookUrl) links.push(`[Runbook](<${runbookUrl}>)`);
  const parts = [`#### ${escapeMarkdown(message.subject)}`, message.lines.map(markdownText).join('  \n')];
  if (links.length > 0) parts.push(links.join(' · '));
  return { text: parts.filter((p) => p !== '').join('\n\n') };
}

/** POSTs JSON to a chat webhook; its URL (the credential) never appears in a detail. */
export function postJson(url: string, body: unknown, options: HttpPostOptions): Promise<SendOutcome> {
  return httpPost(
    { url, headers: { 'Content-Type': 'application/json', 'User-Agent': 'Warroom' }, body: JSON.stringify(body) },
    // The webhook URL is the credential: never in a detail.
    { ...options, secrets: [...(options.secrets ?? []), url] },
  );
}

/** Slack answers 200 "ok"; 400 invalid_payload, 403 invalid_token, 404 no_service, 410 channel_is_archived are final. */
export function sendSlack(url: string, message: PageMessage, options: HttpPostOptions = {}): Promise<SendOutcome> {
  return postJson(url, slackMessage(message), options);
}

export function sendMattermost(url: string, message: PageMessage, options: HttpPostOptions = {}): Promise<SendOutcome> {
  return postJson(url, mattermostMessage(message), options);
}
