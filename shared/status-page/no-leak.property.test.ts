import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TestHub, minutesAfter } from '../domain/test-support.js';
import type { Person } from '../domain/primitives.js';
import { SEVERITIES } from '../domain/severity.js';
import { apply } from '../domain/apply.js';
import { EMPTY_STATE } from '../domain/state.js';
import { buildPublicStatus, touchesPublicPage } from './public-status.js';
import { renderStatusPage } from './render/render-page-html.js';
import { renderStatusJson } from './render/render-status-json.js';
import { renderStatusFeed } from './render/render-feed-atom.js';
import { statusPageConfigSchema } from './status-page-config.js';
import { confirmationEmail, subscriberWebhookBody, updateEmail } from './subscriber-messages.js';

/**
 * The status page's promise (docs/status-page.md "What is public"): random internal texts (titles, summaries,
 * impact, people's names, tried entries, internal updates, alert titles and descriptions, the internal service
 * name) never appear in any byte of the page, /status.json, the Atom feed, subscriber e-mails or subscriber
 * webhooks; the external texts (public titles, external updates) do, exactly.
 *
 * Texts are random tokens (`zi…` internal, `ze…` external) so that a search is exact in every format: a leak
 * cannot hide behind escaping, and no template word can match by chance.
 */

const PAGE_URL = 'https://status.example.com/status';
const token = (prefix: string) => fc.stringMatching(/^[a-z0-9]{12}$/).map((s) => `${prefix}${s}`);
const internal = token('zi');
const external = token('ze');

const incidentArb = fc.record({
  title: internal,
  summary: internal,
  impact: internal,
  servicePublic: fc.boolean(),
  severity: fc.constantFrom(...SEVERITIES),
  viaAlert: fc.boolean(),
  alertDescription: internal,
  tried: fc.array(fc.tuple(internal, internal), { maxLength: 3 }),
  internalUpdates: fc.array(internal, { maxLength: 3 }),
  publicTitle: external,
  externalUpdates: fc.array(external, { maxLength: 3 }),
  published: fc.boolean(),
  steps: fc.array(fc.constantFrom('escalate', 'downgrade', 'mitigate', 'resolve', 'override'), { maxLength: 4 }),
  closeReason: internal,
});

const scenarioArb = fc.record({
  people: fc.array(internal, { minLength: 2, maxLength: 4 }),
  serviceKey: internal,
  hiddenService: internal,
  incidents: fc.array(incidentArb, { minLength: 1, maxLength: 4 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function play(scenario: Scenario): { hub: TestHub; internals: string[]; externals: string[] } {
  const hub = new TestHub('2026-11-20T10:00:00.000Z');
  const people: Person[] = scenario.people.map((name, i) => ({ id: `p-${i}`, name }));
  const [lead = people[0] as Person, comms = people[1] as Person] = people;
  const internals = [...scenario.people, scenario.serviceKey, scenario.hiddenService];
  const externals: string[] = [];
  scenario.incidents.forEach((spec, n) => {
    const incidentId = `inc-${n}`;
    const on = { incidentId, actor: lead };
    const service = spec.servicePublic ? scenario.serviceKey : scenario.hiddenService;
    if (spec.viaAlert) {
      hub.ok(
        'alert.receive',
        {
          alert: {
            source: 'generic',
            key: `k-${n}`,
            status: 'firing',
            title: spec.title,
            description: spec.alertDescription,
            service,
            team: '',
            impact: spec.impact,
            cause: spec.summary,
            runbookUrl: '',
            url: '',
            severity: spec.severity,
            startsAt: minutesAfter(hub.now, -5),
            endsAt: null,
            labels: {},
          },
        },
        { incidentId },
      );
      hub.ok('incident.acknowledge', { lead: true }, on);
      internals.push(spec.alertDescription);
    } else {
      const { title, summary, impact, severity } = spec;
      hub.ok('incident.declare', { title, summary, impact, severity, service, lead }, on);
    }
    internals.push(spec.title, spec.summary, spec.impact, spec.closeReason);
    hub.ok('role.assign', { role: 'comms', person: comms }, on);
    spec.tried.forEach(([what, hypothesis], i) => {
      hub.advance(1).ok('tried.add', { entryId: `t-${i}`, what, hypothesis }, on);
      internals.push(what, hypothesis);
    });
    spec.internalUpdates.forEach((text, i) => {
      hub.advance(1).ok('status_update.post', { updateId: `ui-${i}`, text, audience: 'internal' }, on);
      internals.push(text);
    });
    if (spec.published) {
      const [first = spec.publicTitle, ...rest] = spec.externalUpdates;
      const asComms = { incidentId, actor: comms };
      const payload = { updateId: 'ue-0', text: first, audience: 'external', publicTitle: spec.publicTitle } as const;
      hub.advance(1).ok('status_update.post', payload, asComms);
      rest.forEach((text, i) =>
        hub.advance(2).ok('status_update.post', { updateId: `ue-${i + 1}`, text, audience: 'external' }, asComms),
      );
      externals.push(spec.publicTitle, first, ...rest);
    } else internals.push(spec.publicTitle, ...spec.externalUpdates);
    for (const step of spec.steps) {
      const incident = hub.incident(incidentId);
      hub.advance(3);
      if (step === 'escalate' && incident.severity !== 'SEV-1')
        hub.ok('incident.change_severity', { severity: 'SEV-1', reason: spec.closeReason }, on);
      if (step === 'downgrade' && incident.severity !== 'SEV-3')
        hub.ok('incident.change_severity', { severity: 'SEV-3', reason: spec.closeReason }, on);
      if (step === 'mitigate' && incident.status === 'investigating')
        hub.ok('incident.change_status', { status: 'mitigated' }, on);
      if (step === 'resolve' && (incident.status === 'investigating' || incident.status === 'mitigated'))
        hub.ok('incident.change_status', { status: 'resolved' }, on);
      if (step === 'override' && spec.published && incident.public.override === null)
        hub.ok('incident.set_public', { override: 'major_outage' }, { incidentId, actor: comms });
    }
  });
  return { hub, internals, externals };
}

/** Every byte the public can get: the page, its JSON and feed, and each subscriber message about each update. */
function everythingPublic(
  hub: TestHub,
  serviceKey: string,
): { page: string; json: string; feed: string; messages: string[] } {
  const config = statusPageConfigSchema.parse({
    title: 'Acme status',
    services: [{ key: serviceKey, name: 'Checkout' }],
  });
  const status = buildPublicStatus(hub.state, config, Date.parse(hub.now));
  const messages = [...status.activeIncidents, ...status.pastIncidents].flatMap((incident) =>
    incident.updates.flatMap((update) => {
      const email = updateEmail({
        status,
        incident,
        update,
        pageUrl: PAGE_URL,
        unsubscribeUrl: `${PAGE_URL}/unsubscribe/abc`,
      });
      return [
        email.subject,
        email.text,
        email.html,
        JSON.stringify(subscriberWebhookBody(status, incident, update, PAGE_URL)),
      ];
    }),
  );
  const confirm = confirmationEmail({
    pageTitle: status.title,
    pageUrl: PAGE_URL,
    confirmUrl: `${PAGE_URL}/confirm/abc`,
    services: status.services.map((s) => s.name),
    expiresAt: hub.now,
  });
  return {
    page: renderStatusPage(status, { pageUrl: PAGE_URL, email: true }),
    json: renderStatusJson(status, { pageUrl: PAGE_URL }),
    feed: renderStatusFeed(status, { pageUrl: PAGE_URL }),
    messages: [...messages, confirm.subject, confirm.text, confirm.html],
  };
}

describe('nothing internal is ever public', () => {
  it('random internal texts appear in no public byte; external texts appear exactly', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { hub, internals, externals } = play(scenario);
        const out = everythingPublic(hub, scenario.serviceKey);
        const all = [out.page, out.json, out.feed, ...out.messages];
        for (const word of internals)
          for (const bytes of all) expect(bytes.includes(word), `internal "${word}" leaked`).toBe(false);
        for (const word of externals) {
          expect(out.page, `"${word}" on the page`).toContain(word);
          expect(out.json, `"${word}" in status.json`).toContain(word);
          expect(out.feed, `"${word}" in the feed`).toContain(word);
          expect(out.messages.join('\n'), `"${word}" in subscriber messages`).toContain(word);
        }
        // Exactly: the JSON carries each external update's text as it was written.
        const parsed = JSON.parse(out.json) as { incidents: { incident_updates: { body: string }[] }[] };
        const bodies = parsed.incidents.flatMap((i) => i.incident_updates.map((u) => u.body));
        for (const incident of Object.values(hub.state.incidents))
          if (incident.status !== 'resolved' && incident.public.publishedAt)
            for (const u of incident.statusUpdates.filter((s) => s.audience === 'external'))
              expect(bodies).toContain(u.text);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the hub rebuilds the page only when it may have changed', () => {
  it('an event touchesPublicPage calls untouching leaves the public status as it was', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { hub } = play(scenario);
        const config = statusPageConfigSchema.parse({ services: [{ key: scenario.serviceKey, name: 'Checkout' }] });
        const now = Date.parse(hub.now);
        let state = EMPTY_STATE;
        for (const event of hub.log) {
          const next = apply(state, event);
          if (!touchesPublicPage(event, next))
            expect(buildPublicStatus(next, config, now), `${event.seq} ${event.type}`).toEqual(
              buildPublicStatus(state, config, now),
            );
          state = next;
        }
      }),
      { numRuns: 60 },
    );
  });
});
