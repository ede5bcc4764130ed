import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Clock } from '../../shared/clock.js';
import { authorizeCommand } from '../../shared/domain/authorize.js';
import type { Command } from '../../shared/domain/commands.js';
import { incidentLabel, pageAnswered, type Incident } from '../../shared/domain/incident.js';
import type { Person } from '../../shared/domain/primitives.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import type { UserStore } from '../auth/user-store.js';
import { parseRequestUrl } from '../http/request-url.js';
import type { AckLinks } from './ack-links.js';
import { ACK_PAGE_HEADERS, renderAckPage, type AckPage } from './ack-page-html.js';
import type { AckLinkRow } from './contact-store.js';

export interface AckRouteDeps {
  readonly links: AckLinks;
  readonly state: () => IncidentsState;
  /** The command pipeline: the acknowledgement is the same `incident.acknowledge` as from the app. */
  submit(command: Command, actor: Person): Promise<CommandAck>;
  readonly users: Pick<UserStore, 'findUserById'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The incident in the web client. */
  incidentUrl(incidentId: string): string;
}

/** Statuses in which acknowledging still means something. */
const ACKNOWLEDGEABLE = ['triage', 'investigating'];

/**
 * `/ack/<token>`: GET (and HEAD) shows the incident and an Acknowledge button, POST acknowledges as the paged
 * person. Every refusal is a page that says what happened: a forged or unknown link, an expired one, one used
 * already, an incident since resolved. Returns false for other paths.
 */
export async function handleAckRoute(req: IncomingMessage, res: ServerResponse, deps: AckRouteDeps): Promise<boolean> {
  const url = parseRequestUrl(req.url);
  const token = url && /^\/ack\/([^/]+)$/.exec(url.pathname)?.[1];
  if (!url || !url.pathname.startsWith('/ack/')) return false;
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    res.setHeader('allow', 'GET, HEAD, POST');
    send(res, method, refused(405, 'Not here', ['Open this link in a browser, then press Acknowledge.']));
    return true;
  }
  req.resume(); // a POST's body (the form's, or none) carries nothing we need
  const page = token ? await answer(token, method === 'POST', deps) : invalid();
  send(res, method, page);
  return true;
}

async function answer(token: string, acknowledge: boolean, deps: AckRouteDeps): Promise<AckPage> {
  const now = deps.clock.now();
  const check = await deps.links.check(token, now);
  if (!check.ok) {
    if (check.why === 'expired')
      return refused(410, 'This acknowledge link has expired', [
        `It worked until ${humanTime(check.expiresAt)}. Open Warroom to acknowledge.`,
      ]);
    if (check.why === 'used') return usedPage(check.link, deps);
    return invalid();
  }
  const { link } = check;
  const incident = findIncident(deps.state().incidents, link.incidentId);
  if (!incident) return invalid();
  const label = `${incidentLabel(incident)} ${incident.title}`;
  const incidentUrl = deps.incidentUrl(incident.id);
  if (!ACKNOWLEDGEABLE.includes(incident.status))
    return {
      ...refused(200, `${incidentLabel(incident)} is ${incident.status}`, [
        `${label}: nothing to acknowledge, it is ${incident.status}${statusTime(incident)}.`,
      ]),
      incidentUrl,
    };
  const user = await deps.users.findUserById(link.userId);
  if (!user) return invalid();
  if (!acknowledge) return askPage(incident, link, token, incidentUrl);
  if (authorizeCommand(user.role))
    return refused(403, 'You cannot acknowledge', [`${user.name} is a viewer now: viewers cannot acknowledge.`]);
  const ack = await deps.submit(
    {
      // From the link: the same press twice (two tabs, two nodes) is one command, answered with the first result.
      commandId: `hub-ack-${link.id}`,
      type: 'incident.acknowledge',
      incidentId: incident.id,
      clientAt: new Date(now).toISOString(),
      payload: { lead: false },
    },
    { id: user.id, name: user.name },
  );
  if (!ack.ok && ack.error.code !== 'no_change') {
    deps.logger.warn(
      { incidentId: incident.id, error: ack.error.code },
      `acknowledge link refused: ${ack.error.message}`,
    );
    const again = ack.error.code === 'storage_failed' || ack.error.code === 'internal_error';
    return refused(again ? 503 : 409, 'Not acknowledged', [
      ack.error.message,
      ...(again ? ['Try again in a moment: the link still works.'] : []),
    ]);
  }
  await deps.links.use(link, now);
  deps.logger.info({ incidentId: incident.id, pageId: link.pageId, person: user.id }, 'acknowledged from a link');
  const after = findIncident(deps.state().incidents, incident.id) ?? incident;
  if (!ack.ok)
    return {
      ...refused(200, `${incidentLabel(incident)} was already acknowledged`, [
        `${label} was acknowledged${byWhom(after)}. Nothing else was changed.`,
      ]),
      incidentUrl,
      tone: 'done',
    };
  return {
    status: 200,
    tone: 'done',
    title: `Acknowledged ${incidentLabel(incident)}`,
    lines: [`Thank you, ${user.name}: ${label} is acknowledged, and your further pages for it stop.`],
    action: null,
    incidentUrl,
  };
}

function askPage(incident: Incident, link: AckLinkRow, token: string, incidentUrl: string): AckPage {
  const page = incident.pages.find((p) => p.id === link.pageId);
  const answered = page && pageAnswered(incident, page);
  return {
    status: 200,
    tone: 'ask',
    title: `[${incident.severity}] ${incidentLabel(incident)} ${incident.title}`,
    lines: [
      `${incident.severity}, ${incident.status}${incident.service ? `, service ${incident.service}` : ''}.`,
      ...(page?.sentAt ? [`Paged to ${page.person.name} at ${humanTime(page.sentAt)}.`] : []),
      ...(answered ? [`Already acknowledged${byWhom(incident)}.`] : []),
    ],
    // Relative (the page is /ack/<token>), so it works behind a proxy that serves the hub under a path too.
    action: token,
    incidentUrl,
  };
}

async function usedPage(link: AckLinkRow, deps: AckRouteDeps): Promise<AckPage> {
  const incident = findIncident(deps.state().incidents, link.incidentId);
  return {
    ...refused(410, 'This link was used already', [
      `It was used at ${humanTime(link.usedAt ?? '')}${incident ? ` for ${incidentLabel(incident)} ${incident.title}` : ''}. Each acknowledge link works once.`,
    ]),
    incidentUrl: incident ? deps.incidentUrl(incident.id) : null,
  };
}

function invalid(): AckPage {
  return refused(404, 'This acknowledge link is not valid', [
    'It may have been copied incompletely, or it is not from this Warroom. Open Warroom to acknowledge.',
  ]);
}

function refused(status: number, title: string, lines: readonly string[]): AckPage {
  return { status, tone: 'refused', title, lines, action: null, incidentUrl: null };
}

function byWhom(incident: Incident): string {
  const by = incident.lastAcknowledgedBy?.name;
  const at = incident.lastAcknowledgedAt;
  return `${by ? ` by ${by}` : ''}${at ? ` at ${humanTime(at)}` : ''}`;
}

function statusTime(incident: Incident): string {
  const at = incident.status === 'resolved' || incident.status === 'closed' ? incident.moments.resolvedAt : null;
  return at ? ` since ${humanTime(at)}` : '';
}

/** "2026-12-03 03:04 UTC": the page cannot know the reader's zone (no script). */
function humanTime(iso: string): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : 'an unknown time';
}

function send(res: ServerResponse, method: string, page: AckPage): void {
  const html = renderAckPage(page);
  res.writeHead(page.status, { ...ACK_PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(method === 'HEAD' ? undefined : html);
}
