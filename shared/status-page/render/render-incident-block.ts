import { escapeHtml } from '../../text/escape-html.js';
import { publicParagraphs, type PublicIncident, type PublicUpdate } from '../public-status.js';
import { PUBLIC_INCIDENT_STATUS_WORDS } from '../service-state.js';
import { timeElement } from './format-time.js';

const IMPACT_WORDS: Readonly<Record<PublicIncident['impact'], string>> = {
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

/**
 * One incident as the public reads it: its public title, impact, affected services and every external update,
 * newest first. Its id is the anchor the app links to (`incidentAnchor`). The desktop app previews an external
 * update with this same markup, so it takes only what is public. `serviceNames` maps public service ids to names.
 */
export function renderIncidentBlock(incident: PublicIncident, serviceNames: ReadonlyMap<string, string>): string {
  const anchor = `incident-${incident.id}`;
  const names = incident.services.flatMap((id) => serviceNames.get(id) ?? []);
  const affects = names.length > 0 ? `<span>Affects: ${names.map(escapeHtml).join(', ')}</span>` : '';
  const resolved = incident.resolvedAt ? `<span>Resolved ${timeElement(incident.resolvedAt)}</span>` : '';
  const updates =
    incident.updates.length > 0
      ? `<ol class="updates">${incident.updates.map(renderUpdate).join('')}</ol>`
      : '<p class="muted">No updates yet.</p>';
  return (
    `<article class="incident impact-${incident.impact}" id="${escapeHtml(anchor)}" ` +
    `aria-labelledby="${escapeHtml(anchor)}-title">` +
    `<h3 id="${escapeHtml(anchor)}-title"><a href="#${escapeHtml(anchor)}">${escapeHtml(incident.title)}</a></h3>` +
    `<p class="incident-meta"><span class="badge impact">${IMPACT_WORDS[incident.impact]} impact</span>` +
    `<span class="badge status-${incident.status}">${PUBLIC_INCIDENT_STATUS_WORDS[incident.status]}</span>` +
    `${affects}${resolved}</p>` +
    updates +
    '</article>'
  );
}

function renderUpdate(update: PublicUpdate): string {
  const body = publicParagraphs(update.body)
    .map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`)
    .join('');
  return (
    `<li class="update"><p class="update-head"><strong class="update-status">` +
    `${PUBLIC_INCIDENT_STATUS_WORDS[update.status]}</strong> ${timeElement(update.at)}</p>` +
    `<div class="update-body">${body}</div></li>`
  );
}
