import type { PageMessage } from '../../../shared/contact/page-message.js';
import { httpPost, type HttpPostOptions } from './http-post.js';
import { webLink } from './links.js';
import type { SendOutcome } from './sender.js';

interface TextBlock {
  readonly type: 'TextBlock';
  readonly text: string;
  readonly wrap: true;
  readonly size?: 'Large';
  readonly weight?: 'Bolder';
  readonly color?: 'Attention' | 'Warning';
}

export interface OpenUrlAction {
  readonly type: 'Action.OpenUrl';
  readonly title: string;
  readonly url: string;
}

/**
 * What a Teams Workflows webhook ("Post to a channel when a webhook request is received") takes: a message whose
 * attachment is an Adaptive Card 1.4 (the highest version Teams renders everywhere, mobile included).
 */
export function teamsMessage(message: PageMessage): unknown {
  const color =
    message.kind === 'page' && message.severity === 'SEV-1'
      ? 'Attention'
      : message.kind === 'page' && message.severity === 'SEV-2'
        ? 'Warning'
        : undefined;
  const body: TextBlock[] = [
    {
      type: 'TextBlock',
      text: message.subject,
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
      ...(color ? { color } : {}),
    },
    ...message.lines.map((line): TextBlock => ({ type: 'TextBlock', text: line, wrap: true })),
  ];
  const actions: OpenUrlAction[] = [];
  const ackUrl = webLink(message.ackUrl);
  const incidentUrl = webLink(message.incidentUrl);
  const runbookUrl = webLink(message.runbookUrl);
  // OpenUrl opens the acknowledge page (GET shows its button): a webhook card cannot POST on its own.
  if (ackUrl) actions.push({ type: 'Action.OpenUrl', title: 'Acknowledge', url: ackUrl });
  if (incidentUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open incident', url: incidentUrl });
  if (runbookUrl) actions.push({ type: 'Action.OpenUrl', title: 'Runbook', url: runbookUrl });
  return adaptiveCardMessage(body, actions);
}

/** A Workflows webhook message carrying one Adaptive Card 1.4 with these body elements and actions. */
export function adaptiveCardMessage(body: readonly unknown[], actions: readonly OpenUrlAction[]): unknown {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions,
        },
      },
    ],
  };
}

/** Teams Workflows answer 202 Accepted (the flow runs later: a bad flow shows in its run history, not here). */
export function sendTeams(url: string, message: PageMessage, options: HttpPostOptions = {}): Promise<SendOutcome> {
  return httpPost(
    {
      url,
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'Warroom' },
      body: JSON.stringify(teamsMessage(message)),
    },
    { ...options, secrets: [...(options.secrets ?? []), url] },
  );
}
