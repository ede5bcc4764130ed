import type { ContactTarget } from '../../../shared/contact/contact-method.js';
import type { PageMessage } from '../../../shared/contact/page-message.js';
import { httpPost, type HttpPostOptions } from './http-post.js';
import { truncate, webLink } from './links.js';
import type { SendOutcome } from './sender.js';

/** Where an ntfy method without a server of its own publishes, unless the hub is told otherwise. */
export const DEFAULT_NTFY_SERVER = 'https://ntfy.sh';

/** ntfy turns a longer message into an attachment; stay well below its 4096 bytes. */
const MESSAGE_MAX_CHARS = 3000;

type NtfyTarget = Extract<ContactTarget, { kind: 'ntfy' }>;

/**
 * The JSON publish format (https://docs.ntfy.sh/publish/#publish-as-json): a POST to the server's root with the
 * topic in the body. Chosen over the header format because an incident title may be in any language and HTTP header
 * values are Latin-1 only; JSON carries UTF-8 as it is, with no RFC 2047 encoding for every client to decode.
 */
export interface NtfyJsonMessage {
  readonly topic: string;
  readonly message: string;
  readonly title: string;
  readonly priority: 1 | 2 | 3 | 4 | 5;
  readonly tags: readonly string[];
  readonly click?: string;
  readonly actions: readonly NtfyAction[];
}

export type NtfyAction =
  | { readonly action: 'view'; readonly label: string; readonly url: string; readonly clear?: boolean }
  | {
      readonly action: 'http';
      readonly label: string;
      readonly url: string;
      readonly method: 'POST';
      readonly clear: boolean;
    };

export function ntfyMessage(topic: string, message: PageMessage): NtfyJsonMessage {
  const ackUrl = webLink(message.ackUrl);
  const runbookUrl = webLink(message.runbookUrl);
  const click = webLink(message.incidentUrl);
  const actions: NtfyAction[] = [];
  // POST acknowledges at once from the notification (GET would only show the page with the button).
  if (ackUrl) actions.push({ action: 'http', label: 'Acknowledge', url: ackUrl, method: 'POST', clear: true });
  if (runbookUrl) actions.push({ action: 'view', label: 'Runbook', url: runbookUrl });
  return {
    topic,
    message: truncate(message.lines.join('\n') || message.subject, MESSAGE_MAX_CHARS),
    title: truncate(message.subject, 250),
    priority: ntfyPriority(message),
    tags: ntfyTags(message),
    ...(click ? { click } : {}),
    actions,
  };
}

/** SEV-1 urgent (5: a long vibration and sound that breaks through), SEV-2 high, the rest default. */
export function ntfyPriority(message: PageMessage): NtfyJsonMessage['priority'] {
  if (message.kind !== 'page') return 3;
  if (message.severity === 'SEV-1') return 5;
  if (message.severity === 'SEV-2') return 4;
  return 3;
}

/** Emoji short codes ntfy shows before the title. */
function ntfyTags(message: PageMessage): string[] {
  if (message.kind === 'test') return ['white_check_mark'];
  if (message.kind === 'verification') return ['key'];
  if (message.severity === 'SEV-1') return ['rotating_light'];
  if (message.severity === 'SEV-2') return ['warning'];
  return ['information_source'];
}

/** `defaultServer`: the hub's (WARROOM_NTFY_URL, else DEFAULT_NTFY_SERVER) for a method that names none. */
export function sendNtfy(
  target: NtfyTarget,
  message: PageMessage,
  defaultServer: string,
  options: HttpPostOptions = {},
): Promise<SendOutcome> {
  const server = (target.server ?? defaultServer).replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'Warroom' };
  if (target.token) headers.Authorization = `Bearer ${target.token}`;
  return httpPost(
    { url: `${server}/`, headers, body: JSON.stringify(ntfyMessage(target.topic, message)) },
    { ...options, secrets: [...(options.secrets ?? []), ...(target.token ? [target.token] : [])] },
  );
}
