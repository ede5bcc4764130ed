import { escapeHtml } from '../../text/escape-html.js';
import type { PublicIncident, PublicStatus, PublicUpdate } from '../public-status.js';
import { PUBLIC_INCIDENT_STATUS_WORDS } from '../service-state.js';

export interface StatusFeedOptions {
  /** The page's public address (`https://status.example.com/status`); the feed is at `<pageUrl>/feed.atom`. */
  readonly pageUrl: string;
}

/**
 * The Atom 1.0 feed (RFC 4287) at /status/feed.atom: one entry per external update of the published incidents,
 * active and past, newest first. Entry ids are tag: URIs (RFC 4151) made from the page's host, the update's date
 * and its public ids, so they stay the same on every render and feed readers never show an update twice.
 */
export function renderStatusFeed(status: PublicStatus, options: StatusFeedOptions): string {
  const pageUrl = options.pageUrl;
  const authority = tagAuthority(pageUrl);
  const entries = [...status.activeIncidents, ...status.pastIncidents]
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => b.update.at.localeCompare(a.update.at) || b.update.id.localeCompare(a.update.id));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `<id>${x(`tag:${authority},2000:status-page`)}</id>`,
    `<title>${x(status.title)}</title>`,
    `<subtitle>${x(status.description)}</subtitle>`,
    `<updated>${x(atomTime(status.updatedAt))}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(`${pageUrl}/feed.atom`)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(pageUrl)}"/>`,
    `<author><name>${x(status.title)}</name><uri>${x(pageUrl)}</uri></author>`,
    `<generator>Warroom</generator>`,
    ...entries.map(({ incident, update }) => entry(incident, update, pageUrl, authority)),
    '</feed>',
    '',
  ];
  return lines.join('\n');
}

function entry(incident: PublicIncident, update: PublicUpdate, pageUrl: string, authority: string): string {
  const word = PUBLIC_INCIDENT_STATUS_WORDS[update.status];
  const id = `tag:${authority},${update.at.slice(0, 10)}:incident/${incident.id}/update/${update.id}`;
  return [
    '<entry>',
    `<id>${x(id)}</id>`,
    `<title>${x(`${word}: ${incident.title}`)}</title>`,
    `<updated>${x(atomTime(update.at))}</updated>`,
    `<published>${x(atomTime(update.at))}</published>`,
    `<link rel="alternate" type="text/html" href="${x(`${pageUrl}#incident-${incident.id}`)}"/>`,
    `<category term="${x(update.status)}" label="${x(word)}"/>`,
    `<content type="text">${x(update.body)}</content>`,
    '</entry>',
  ].join('');
}

/** The same escaping as HTML: numeric references for & < > " ' are valid XML. */
const x = escapeHtml;

/** RFC 3339 as Atom wants it; PublicStatus times are ISO already, this only guards against a stray format. */
function atomTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
}

/**
 * The host of the page's address, as a tag: URI's authority (a DNS name). An address without one (an IPv6 literal,
 * something odd) falls back to a fixed name, still stable.
 */
function tagAuthority(pageUrl: string): string {
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]*)/i.exec(pageUrl)?.[1]?.toLowerCase() ?? '';
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) ? host : 'warroom.invalid';
}
