import type { AnnounceMessage } from '../../../shared/status-page/announce-message.js';
import { escapeMarkdown, escapeSlack } from '../../contact/senders/chat.js';
import { truncate, webLink } from '../../contact/senders/links.js';
import { adaptiveCardMessage, type OpenUrlAction } from '../../contact/senders/teams.js';

/**
 * One announcement in each service's own format (docs/status-page.md "Announcements in the team's chat"). Every
 * text that came from a person is escaped the way the service reads it; links are http(s) only.
 */

/** Slack's limits: a header's plain text, a section's text, one field. */
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;

export interface SlackMessage {
  /** The notification's and screen readers' text (mrkdwn). */
  readonly text: string;
  readonly blocks: unknown[];
}

/** Block Kit (the same for an incoming webhook and chat.postMessage): header, facts, the text, the link. */
export function slackAnnouncement(message: AnnounceMessage): SlackMessage {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(message.headline, HEADER_MAX) } },
  ];
  if (message.facts.length > 0)
    blocks.push({
      type: 'section',
      fields: message.facts.map((f) => ({
        type: 'mrkdwn',
        text: truncate(`*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`, FIELD_MAX),
      })),
    });
  if (message.text !== '')
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeSlack(message.text), SECTION_MAX) } });
  const url = webLink(message.link.url);
  if (url)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `<${escapeSlack(url)}|${escapeSlack(message.link.label)}>` }],
    });
  return { text: escapeSlack(message.headline), blocks };
}

/** Mattermost's incoming webhook renders `text` as Markdown. */
export function mattermostAnnouncement(message: AnnounceMessage): { text: string } {
  const parts = [`#### ${escapeMarkdown(message.headline)}`];
  if (message.facts.length > 0)
    parts.push(message.facts.map((f) => `**${escapeMarkdown(f.label)}:** ${escapeMarkdown(f.value)}`).join(' · '));
  if (message.text !== '') parts.push(message.text.split('\n').map(escapeMarkdown).join('  \n'));
  const url = webLink(message.link.url);
  if (url) parts.push(`[${escapeMarkdown(message.link.label)}](<${url}>)`);
  return { text: parts.join('\n\n') };
}

/** A Teams Workflows message: an Adaptive Card 1.4 with the headline, a FactSet, the text and an OpenUrl action. */
export function teamsAnnouncement(message: AnnounceMessage): unknown {
  const color = message.severity === 'SEV-1' ? 'Attention' : message.severity === 'SEV-2' ? 'Warning' : undefined;
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: message.headline,
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
      ...(color ? { color } : {}),
    },
  ];
  if (message.facts.length > 0)
    body.push({ type: 'FactSet', facts: message.facts.map((f) => ({ title: f.label, value: f.value })) });
  if (message.text !== '') body.push({ type: 'TextBlock', text: message.text, wrap: true });
  const url = webLink(message.link.url);
  const actions: OpenUrlAction[] = url ? [{ type: 'Action.OpenUrl', title: message.link.label, url }] : [];
  return adaptiveCardMessage(body, actions);
}
