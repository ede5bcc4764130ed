// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { incidentAnchor, publicId, type PublicStatus } from '../public-status.js';
import { renderIncidentBlock, renderSimplePage, renderStatusPage } from './render-page-html.js';
import { all, EVIL_TITLE, INTERNAL_WORDS, PAGE_URL, parse, scriptedStatus } from './test-support.js';

function page(status: PublicStatus, email = true) {
  const html = renderStatusPage(status, { pageUrl: PAGE_URL, email });
  return { html, doc: parse(html, 'text/html') };
}

describe('the status page', () => {
  it('is a whole, script-free document with the shell a visitor and a screen reader need', () => {
    const { html, doc } = page(scriptedStatus().status);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('meta[name="viewport"]')?.getAttribute('content')).toContain('width=device-width');
    expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('/status/style.css');
    expect(doc.querySelector('link[rel="alternate"][type="application/atom+xml"]')?.getAttribute('href')).toBe(
      '/status/feed.atom',
    );
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(PAGE_URL);
    expect(doc.querySelector('title')?.textContent).toBe('Acme status');
    expect(all(doc, 'h1').map((h) => h.textContent)).toEqual(['Acme status']);
    expect(all(doc, 'header, main, footer').map((e) => e.tagName)).toEqual(['HEADER', 'MAIN', 'FOOTER']);
    expect(doc.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(doc.querySelector('main')?.id).toBe('main');
    expect(all(doc, 'script')).toEqual([]);
    expect(html).not.toMatch(/ on[a-z]+=|style=|javascript:/i);
  });

  it('says the overall state in words, then active incidents, maintenance, services, past incidents, subscribing', () => {
    const { doc } = page(scriptedStatus().status);
    expect(doc.querySelector('header .overall')?.textContent).toBe('Minor Service Outage');
    expect(all(doc, 'main h2').map((h) => h.textContent)).toEqual([
      'Active incidents',
      'Maintenance',
      'Services',
      'Past incidents',
      'Get updates',
    ]);
  });

  it('shows each active incident under its anchor with every external update, newest first, labelled and timed', () => {
    const { status } = scriptedStatus();
    const { doc } = page(status);
    const block = doc.querySelector(`#${incidentAnchor('inc-1')}`);
    expect(block?.querySelector('h3')?.textContent).toBe(EVIL_TITLE);
    expect(block?.querySelector('.incident-meta')?.textContent).toContain('Major impact');
    expect(block?.querySelector('.incident-meta')?.textContent).toContain('Affects: Checkout');
    const updates = all(block ?? doc, '.update');
    expect(updates.map((u) => u.querySelector('.update-status')?.textContent)).toEqual(['Monitoring', 'Investigating']);
    expect(updates.map((u) => u.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '2025-03-30T12:00:00.000Z',
      '2025-03-30T11:39:00.000Z',
    ]);
    expect(updates[0]?.querySelector('time')?.textContent).toBe('30 Mar 2025, 12:00 UTC');
    // Paragraphs from blank lines; the markup in the text is text.
    expect(all(updates[1] ?? doc, '.update-body p').map((p) => p.textContent)).toEqual([
      'Some payments fail.',
      'We are on it & <b>working</b> "now".',
    ]);
  });

  it('keeps markup in public titles and updates inert text, and shows nothing internal', () => {
    const { html, doc } = page(scriptedStatus().status);
    expect(all(doc, 'script, b')).toEqual([]);
    expect(html).toContain('Checkout &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;friends&#39;');
    expect(html).not.toContain('<script');
    for (const word of INTERNAL_WORDS) expect(html).not.toContain(word);
    expect(doc.querySelector('.services')?.textContent).toContain('Login & accounts');
  });

  it('lists each public service with its state in words and one labelled bar per day of its history', () => {
    const { status } = scriptedStatus();
    const { doc } = page(status);
    const services = all(doc, '.service');
    expect(services.map((s) => [s.querySelector('h3')?.textContent, s.querySelector('.state')?.textContent])).toEqual([
      ['Checkout', 'Degraded performance'],
      ['Search', 'Operational'],
      ['Login & accounts', 'Operational'],
    ]);
    const checkout = services[0] ?? doc;
    const days = all(checkout, '.history > li');
    expect(days).toHaveLength(90);
    expect(days.map((d) => d.getAttribute('title')?.slice(0, 10))).toEqual(
      status.services[0]?.history.map((h) => h.date),
    );
    expect(days.at(-1)?.getAttribute('title')).toBe(`2025-03-30: Partial outage (${EVIL_TITLE})`);
    expect(days.at(-1)?.textContent).toBe(days.at(-1)?.getAttribute('title'));
    const search = all(services[1] ?? doc, '.history > li');
    expect(search.find((d) => d.getAttribute('title')?.startsWith('2025-03-01'))?.getAttribute('title')).toBe(
      '2025-03-01: Degraded performance (Search is slow)',
    );
    expect(search.at(-2)?.getAttribute('title')).toBe('2025-03-29: Operational');
  });

  it('labels days with the dates PublicStatus gives, not dates of its own (DST and midnight are decided there)', () => {
    const { status } = scriptedStatus();
    // A DST-short day and a day whose incident crosses midnight, as history.ts decided them; the page only says so.
    const history = [
      { date: '2025-03-30', state: 'partial_outage' as const, refs: [publicId('inc-1'), 'unknown-ref'] },
      { date: '2025-03-31', state: 'partial_outage' as const, refs: [publicId('inc-1')] },
    ];
    const custom: PublicStatus = {
      ...status,
      services: status.services.map((s, i) => (i === 0 ? { ...s, history } : s)),
    };
    const days = all(page(custom).doc.querySelector('.service') ?? parse('', 'text/html'), '.history > li');
    expect(days.map((d) => d.getAttribute('title'))).toEqual([
      `2025-03-30: Partial outage (${EVIL_TITLE})`,
      `2025-03-31: Partial outage (${EVIL_TITLE})`,
    ]);
  });

  it('lists past incidents with when they were resolved, and says when there were none', () => {
    const { status } = scriptedStatus();
    const past = page(status).doc.querySelector(`#${incidentAnchor('inc-old')}`);
    expect(past?.querySelector('h3')?.textContent).toBe('Search is slow');
    expect(past?.querySelector('.incident-meta')?.textContent).toContain('Resolved 1 Mar 2025, 11:35 UTC');
    expect(all(past ?? parse('', 'text/html'), '.update-status').map((u) => u.textContent)).toEqual([
      'Resolved',
      'Investigating',
    ]);
    const quiet = page({ ...status, pastIncidents: [], activeIncidents: [], maintenances: [] }).doc;
    expect(all(quiet, 'main h2').map((h) => h.textContent)).toEqual(['Services', 'Past incidents', 'Get updates']);
    expect(quiet.querySelector('main')?.textContent).toContain('No incidents in the last 90 days.');
  });

  it('shows maintenance to come with its window and services', () => {
    const { doc } = page(scriptedStatus().status);
    const m = doc.querySelector('#maintenance-mw-1');
    expect(m?.querySelector('h3')?.textContent).toBe('Database upgrade');
    expect(m?.textContent).toContain('Scheduled');
    expect(m?.textContent).toContain('Affects: Login & accounts');
    expect(all(m ?? doc, 'time').map((t) => t.getAttribute('datetime'))).toEqual([
      '2025-03-31T12:00:00.000Z',
      '2025-03-31T14:00:00.000Z',
    ]);
  });

  it('offers e-mail subscription, one box per public service, only when the hub can send e-mail', () => {
    const { status } = scriptedStatus();
    const form = page(status, true).doc.querySelector('form');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.getAttribute('action')).toBe('/status/subscribe');
    const email = form?.querySelector('input[name="email"]');
    expect(email?.getAttribute('type')).toBe('email');
    expect(form?.querySelector(`label[for="${email?.id}"]`)?.textContent).toBe('E-mail address');
    const boxes = all(form ?? parse('', 'text/html'), 'input[name="service"]');
    expect(boxes.map((b) => [b.getAttribute('value'), b.getAttribute('checked')])).toEqual(
      status.services.map((s) => [s.id, null]),
    );
    const without = page(status, false);
    expect(all(without.doc, 'form, input')).toEqual([]);
    expect(without.html).not.toMatch(/e-mail/i);
    expect(all(without.doc, 'a[href="/status.json"], a[href="/status/feed.atom"]').length).toBeGreaterThanOrEqual(2);
  });
});

describe('renderIncidentBlock', () => {
  it('renders one incident as the page does, for the app to preview an external update', () => {
    const { status } = scriptedStatus();
    const incident = status.activeIncidents[0];
    if (!incident) throw new Error('the script has an active incident');
    const html = renderIncidentBlock(incident, new Map(status.services.map((s) => [s.id, s.name])));
    expect(renderStatusPage(status, { pageUrl: PAGE_URL, email: false })).toContain(html);
    const doc = parse(html, 'text/html');
    expect(doc.querySelector('article')?.id).toBe(incidentAnchor('inc-1'));
    // A service the map does not name is left out rather than shown by id.
    const unnamed = parse(renderIncidentBlock(incident, new Map()), 'text/html');
    expect(unnamed.querySelector('.incident-meta')?.textContent).not.toContain('Affects');
  });
});

describe('renderSimplePage', () => {
  it('wraps a subscriber page in the same shell and stylesheet, escaping the title', () => {
    const html = renderSimplePage('Check <your> inbox', '<p>We sent you a link.</p>');
    const doc = parse(html, 'text/html');
    expect(doc.querySelector('title')?.textContent).toBe('Check <your> inbox');
    expect(all(doc, 'h1').map((h) => h.textContent)).toEqual(['Check <your> inbox']);
    expect(doc.querySelector('main p')?.textContent).toBe('We sent you a link.');
    expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('/status/style.css');
    expect(all(doc, 'script')).toEqual([]);
  });
});
