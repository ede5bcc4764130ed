import { describe, expect, it } from 'vitest';
import { SeededRandom, TestHub, bob } from '../domain/test-support.js';
import { escapeHtml } from '../text/escape-html.js';
import { buildPublicStatus, publicId } from './public-status.js';
import { statusPageConfigSchema } from './status-page-config.js';
import {
  confirmationEmail,
  SUBSCRIBER_WEBHOOK_VERSION,
  subscriberWebhookBody,
  updateEmail,
} from './subscriber-messages.js';

const CONFIG = statusPageConfigSchema.parse({
  title: 'Acme status',
  services: [
    { key: 'payments-api', name: 'Checkout' },
    { key: 'search', name: 'Search' },
  ],
});
const PAGE = 'https://status.example.com/status';
const UNSUBSCRIBE = 'https://status.example.com/status/unsubscribe/s1.sig';

/** SEV-2 on payments-api with internal words everywhere, and one external update with <markup> in it. */
function published() {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-2', service: 'payments-api', title: 'INTERNAL psp-eu-west-1b timeouts' });
  hub.advance(1).ok('role.assign', { role: 'comms', person: bob });
  hub.advance(1).ok('status_update.post', { updateId: 'u-int', text: 'INTERNAL restart pod 7', audience: 'internal' });
  hub.advance(1).ok(
    'status_update.post',
    {
      updateId: 'u-1',
      text: 'Some payments <b>fail</b>.\n\nWe are on it & will update.',
      audience: 'external',
      publicTitle: 'Payments are failing',
    },
    { actor: bob },
  );
  const status = buildPublicStatus(hub.state, CONFIG, Date.parse(hub.now));
  const incident = status.activeIncidents[0];
  const update = incident?.updates[0];
  if (!incident || !update) throw new Error('not published');
  return { status, incident, update };
}

describe('the update e-mail', () => {
  it('has the subject, the update, the services, the incident link and the unsubscribe link', () => {
    const { status, incident, update } = published();
    const mail = updateEmail({ status, incident, update, pageUrl: PAGE, unsubscribeUrl: UNSUBSCRIBE });
    expect(mail.subject).toBe('[Acme status] Payments are failing: Investigating');
    const link = `${PAGE}#incident-${publicId('inc-1')}`;
    expect(mail.text).toContain('Some payments <b>fail</b>.\n\nWe are on it & will update.');
    expect(mail.text).toContain('Affected: Checkout');
    expect(mail.text).toContain(link);
    expect(mail.text).toContain(`Unsubscribe: ${UNSUBSCRIBE}`);
    // HTML: the person's text is escaped, paragraphs kept.
    expect(mail.html).toContain('<p>Some payments &#60;b&#62;fail&#60;/b&#62;.</p>');
    expect(mail.html).toContain('<p>We are on it &#38; will update.</p>');
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain(`href="${UNSUBSCRIBE}"`);
    expect(mail.html).toContain('<html lang="en">');
    for (const text of [mail.subject, mail.text, mail.html]) {
      expect(text).not.toContain('INTERNAL');
      expect(text).not.toContain('payments-api');
    }
  });

  it('keeps the subject on one line', () => {
    const { status, incident, update } = published();
    const mail = updateEmail({
      status: { ...status, title: 'Acme\r\nBcc: x@example.com' },
      incident,
      update,
      pageUrl: PAGE,
      unsubscribeUrl: UNSUBSCRIBE,
    });
    expect(mail.subject).toBe('[Acme Bcc: x@example.com] Payments are failing: Investigating');
  });
});

describe('the confirmation e-mail', () => {
  it('names the services chosen, the confirm link and when it expires', () => {
    const mail = confirmationEmail({
      pageTitle: 'Acme status',
      pageUrl: PAGE,
      confirmUrl: `${PAGE}/confirm/tok`,
      services: ['Checkout'],
      expiresAt: '2026-12-10T20:00:00.000Z',
    });
    expect(mail.subject).toBe('[Acme status] Confirm your subscription');
    expect(mail.text).toContain(`Confirm: ${PAGE}/confirm/tok`);
    expect(mail.text).toContain('(Checkout)');
    expect(mail.text).toContain('10 Dec 2026, 20:00 UTC');
    expect(mail.html).toContain(`href="${PAGE}/confirm/tok"`);
    expect(
      confirmationEmail({
        pageTitle: 'Acme status',
        pageUrl: PAGE,
        confirmUrl: `${PAGE}/confirm/tok`,
        services: [],
        expiresAt: '2026-12-10T20:00:00.000Z',
      }).text,
    ).toContain('(every service)');
  });
});

describe('the subscriber webhook body', () => {
  it('is the versioned public shape and nothing else', () => {
    const { status, incident, update } = published();
    const body = subscriberWebhookBody(status, incident, update, PAGE);
    expect(body).toEqual({
      version: SUBSCRIBER_WEBHOOK_VERSION,
      type: 'incident.update',
      page: { title: 'Acme status', url: PAGE, indicator: 'major', description: 'Partial System Outage' },
      incident: {
        id: publicId('inc-1'),
        title: 'Payments are failing',
        status: 'investigating',
        impact: 'major',
        state: 'partial_outage',
        services: [{ id: 'checkout', name: 'Checkout' }],
        publishedAt: incident.publishedAt,
        updatedAt: incident.updatedAt,
        resolvedAt: null,
        url: `${PAGE}#incident-${publicId('inc-1')}`,
      },
      update: {
        id: publicId('u-1'),
        status: 'investigating',
        body: 'Some payments <b>fail</b>.\n\nWe are on it & will update.',
        at: update.at,
      },
    });
    const json = JSON.stringify(body);
    expect(json).not.toContain('INTERNAL');
    expect(json).not.toContain('payments-api');
  });
});

describe('a property: internal words never reach a subscriber', () => {
  /** Text that cannot occur by chance in a template: a rare prefix, then random letters and markup. */
  function secret(random: SeededRandom, what: string): string {
    const letters = 'abcdefghijklmnopqrstuvwxyzÄÖÜß<>&"\'';
    const tail = Array.from({ length: 8 }, () => random.pick([...letters])).join('');
    return `ʘ${what}${random.int(1_000_000)}${tail}`;
  }

  it('keeps every internal text out of every e-mail and webhook body, and the external text in, exactly', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = new SeededRandom(seed);
      const lead = { id: `u-${seed}`, name: secret(random, 'lead') };
      const comms = { id: `c-${seed}`, name: secret(random, 'comms') };
      const serviceKey = secret(random, 'svc').replace(/[<>&"'\s]/g, 'x');
      const internal = [
        lead.name,
        comms.name,
        serviceKey,
        ...Array.from({ length: 5 }, (_, i) => secret(random, `t${i}`)),
      ];
      const [, , , title = '', summary = '', impact = '', tried = '', note = ''] = internal;
      const external = `Customers see errors ${random.int(1000)} <i>&</i> "quotes".\n\nMore soon.`;
      const hub = new TestHub();
      hub.declare(
        { title, summary, impact, service: serviceKey, severity: random.pick(['SEV-1', 'SEV-2', 'SEV-3']) },
        { actor: lead },
      );
      hub.advance(1).ok('tried.add', { entryId: 't-1', what: tried, hypothesis: note }, { actor: lead });
      hub.advance(1).ok('role.assign', { role: 'comms', person: comms }, { actor: lead });
      hub
        .advance(1)
        .ok('status_update.post', { updateId: 'u-int', text: note, audience: 'internal' }, { actor: comms });
      hub
        .advance(1)
        .ok(
          'status_update.post',
          { updateId: 'u-ext', text: external, audience: 'external', publicTitle: 'Errors at checkout' },
          { actor: comms },
        );
      // The internal words are really on the incident (so their absence below means something).
      expect(hub.incident()).toMatchObject({ title, summary, impact, service: serviceKey });
      expect(JSON.stringify(hub.incident())).toContain(JSON.stringify(tried).slice(1, -1));
      const config = statusPageConfigSchema.parse({
        title: 'Acme status',
        services: [{ key: serviceKey, name: 'Checkout' }],
      });
      const status = buildPublicStatus(hub.state, config, Date.parse(hub.now));
      const incident = status.activeIncidents[0];
      const update = incident?.updates[0];
      if (!incident || !update) throw new Error('not published');
      const mail = updateEmail({ status, incident, update, pageUrl: PAGE, unsubscribeUrl: UNSUBSCRIBE });
      const hook = JSON.stringify(subscriberWebhookBody(status, incident, update, PAGE));
      for (const bytes of [mail.subject, mail.text, mail.html, hook]) {
        for (const word of internal) {
          expect(bytes).not.toContain(word);
          expect(bytes).not.toContain(escapeHtml(word));
          expect(bytes).not.toContain(JSON.stringify(word).slice(1, -1));
        }
      }
      expect(mail.text).toContain(external);
      expect(mail.text).toContain('Affected: Checkout');
      expect(mail.html).toContain(escapeHtml('Customers see errors'));
      expect((JSON.parse(hook) as { update: { body: string } }).update.body).toBe(external);
    }
  });
});
