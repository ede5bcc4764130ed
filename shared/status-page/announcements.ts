import { z } from 'zod';
import { hostOf, webUrlSchema } from '../contact/contact-method.js';
import { severitySchema } from '../domain/severity.js';
import { singleLineText } from '../domain/primitives.js';

/**
 * The team's chat channels that hear about incidents (docs/status-page.md "Announcements"): per severity, a Slack
 * incoming webhook, a Slack app (bot token: the only kind that can thread, because chat.postMessage answers with the
 * message's `ts`), a Mattermost incoming webhook or a Microsoft Teams Workflows webhook.
 */
export const ANNOUNCE_KINDS = ['slack', 'slack-app', 'mattermost', 'teams'] as const;
export const announceKindSchema = z.enum(ANNOUNCE_KINDS);
export type AnnounceKind = z.infer<typeof announceKindSchema>;

export const ANNOUNCE_KIND_NAMES: Readonly<Record<AnnounceKind, string>> = {
  slack: 'Slack (incoming webhook)',
  'slack-app': 'Slack (app with a bot token, threaded)',
  mattermost: 'Mattermost (incoming webhook)',
  teams: 'Microsoft Teams (Workflows webhook)',
};

/** What a channel hears about. */
export const ANNOUNCE_EVENTS = [
  'declared',
  'severity_changed',
  'lead_changed',
  'mitigated',
  'resolved',
  'postmortem_published',
  'internal_update',
] as const;
export const announceEventSchema = z.enum(ANNOUNCE_EVENTS);
export type AnnounceEvent = z.infer<typeof announceEventSchema>;

export const ANNOUNCE_EVENT_WORDS: Readonly<Record<AnnounceEvent, string>> = {
  declared: 'Declared',
  severity_changed: 'Severity changed',
  lead_changed: 'Lead changed',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  postmortem_published: 'Postmortem published',
  internal_update: 'Internal status updates',
};

/** The secret part of a channel: sealed at rest, never sent back (shown masked). */
export const announceTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('slack'), url: webUrlSchema }),
  z.strictObject({
    kind: z.literal('slack-app'),
    token: z
      .string()
      .trim()
      .regex(/^xox[a-z]-[A-Za-z0-9-]{10,250}$/, 'must be a Slack bot token (xoxb-…)'),
    /** A channel id (C0123ABC) or name (#incidents). */
    channel: z
      .string()
      .trim()
      .regex(/^#?[A-Za-z0-9._-]{1,80}$/, 'must be a Slack channel id or #name'),
    /** Slack's Web API; another only for tests and proxies. */
    apiUrl: webUrlSchema.default('https://slack.com/api'),
  }),
  z.strictObject({ kind: z.literal('mattermost'), url: webUrlSchema }),
  z.strictObject({ kind: z.literal('teams'), url: webUrlSchema }),
]);
export type AnnounceTarget = z.output<typeof announceTargetSchema>;

export const announceChannelInputSchema = z.strictObject({
  name: singleLineText('the channel name', 80),
  severities: z.array(severitySchema).min(1, 'pick at least one severity'),
  events: z
    .array(announceEventSchema)
    .min(1, 'pick at least one kind of announcement')
    .default([...ANNOUNCE_EVENTS]),
  target: announceTargetSchema,
});
export type AnnounceChannelInput = z.input<typeof announceChannelInputSchema>;
export type AnnounceChannelParsed = z.output<typeof announceChannelInputSchema>;

/** Safe to show and log: the host, or the Slack channel. */
export function maskAnnounceTarget(target: AnnounceTarget): string {
  return target.kind === 'slack-app' ? `${hostOf(target.apiUrl)} ${target.channel}` : hostOf(target.url);
}

/** Whether a channel hears about `event` on an incident of `severity`. */
export function channelWants(
  channel: { readonly severities: readonly string[]; readonly events: readonly AnnounceEvent[] },
  severity: string,
  event: AnnounceEvent,
): boolean {
  return channel.severities.includes(severity) && channel.events.includes(event);
}
