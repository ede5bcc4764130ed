// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { incidentAnchor, type PublicStatus } from '../public-status.js';
import { renderStatusFeed } from './render-feed-atom.js';
import { all, EVIL_BODY, EVIL_TITLE, INTERNAL_WORDS, PAGE_URL, parse, scriptedStatus } from './test-support.js';

const ATOM = 'http://www.w3.org/2005/Atom';

/** Parses strictly as XML: jsdom's XML parser returns a <parsererror> document for anything not well-formed. */
function xml(text: string) {
  const doc = parse(text, 'application/xml');
  expect(all(doc, 'parsererror')).toEqual([]);
  return doc;
}

function feedOf(status: PublicStatus) {
  const text = renderStatusFeed(status, { pageUrl: PAGE_URL });
  return { text, doc: xml(text) };
}

describe('the Atom feed', () => {
  it('the strict parser used here does refuse a malformed feed', () => {
    expect(all(parse('<feed><entry></feed>', 'application/xml'), 'parsererror')).not.toEqual([]);
  });

  it('is a well-formed Atom 1.0 feed with the elements RFC 4287 requires', () => {
    const { status } = scriptedStatus();
    const { doc } = feedOf(status);
    const feed = doc.documentElement;
    expect(feed.tagName).toBe('feed');
    expect(feed.getAttribute('xmlns')).toBe(ATOM);
    expect(doc.querySelector('feed > title')?.textContent).toBe('Acme status');
    expect(doc.querySelector('feed > id')?.textContent).toBe('tag:status.example.com,2000:status-page');
    expect(doc.querySelector('feed > updated')?.textContent).toBe(status.updatedAt);
    expect(doc.querySelector('feed > author > name')?.textContent).toBe('Acme status');
    expect(doc.querySelector('feed > link[rel="self"]')?.getAttribute('href')).toBe(`${PAGE_URL}/feed.atom`);
    expect(doc.querySelector('feed > link[rel="alternate"]')?.getAttribute('href')).toBe(PAGE_URL);
    for (const entry of all(doc, 'entry'))
      for (const required of ['id', 'title', 'updated', 'content', 'link'])
        expect(entry.querySelector(required), required).not.toBeNull();
  });

  it('has one entry per external update of active and past incidents, newest first', () => {
    const { doc } = feedOf(scriptedStatus().status);
    const entries = all(doc, 'entry');
    expect(
      entries.map((e) => [e.querySelector('title')?.textContent, e.querySelector('updated')?.textContent]),
    ).toEqual([
      [`Monitoring: ${EVIL_TITLE}`, '2025-03-30T12:00:00.000Z'],
      [`Investigating: ${EVIL_TITLE}`, '2025-03-30T11:39:00.000Z'],
      ['Resolved: Search is slow', '2025-03-01T11:36:00.000Z'],
      ['Investigating: Search is slow', '2025-03-01T10:05:00.000Z'],
    ]);
    expect(entries[1]?.querySelector('content')?.getAttribute('type')).toBe('text');
    // Markup in the text is text: the parsed content is the body exactly, and it made no elements.
    expect(entries[1]?.querySelector('content')?.textContent).toBe(EVIL_BODY);
    expect(all(doc, 'script, b')).toEqual([]);
    expect(entries[0]?.querySelector('link')?.getAttribute('href')).toBe(`${PAGE_URL}#${incidentAnchor('inc-1')}`);
  });

  it('keeps entry ids stable across renders and as updates are added, and shows nothing internal', () => {
    const { status } = scriptedStatus();
    const first = feedOf(status);
    const ids = all(first.doc, 'entry > id').map((e) => e.textContent);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^tag:status\.example\.com,\d{4}-\d{2}-\d{2}:incident\/[0-9a-f]+\/update\/[0-9a-f]+$/);
    expect(all(feedOf(scriptedStatus().status).doc, 'entry > id').map((e) => e.textContent)).toEqual(ids);
    // Without the newest update, the others keep their ids.
    const [active] = status.activeIncidents;
    if (!active) throw new Error('the script has an active incident');
    const earlier = { ...status, activeIncidents: [{ ...active, updates: active.updates.slice(1) }] };
    expect(all(feedOf(earlier).doc, 'entry > id').map((e) => e.textContent)).toEqual(ids.slice(1));
    for (const word of INTERNAL_WORDS) expect(first.text).not.toContain(word);
  });

  it('stays valid for a page without a DNS host and without incidents', () => {
    const { status } = scriptedStatus();
    const empty = { ...status, activeIncidents: [], pastIncidents: [] };
    const text = renderStatusFeed(empty, { pageUrl: 'http://[::1]:8080/status' });
    const doc = xml(text);
    expect(doc.querySelector('feed > id')?.textContent).toBe('tag:warroom.invalid,2000:status-page');
    expect(all(doc, 'entry')).toEqual([]);
  });
});
