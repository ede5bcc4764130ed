import { describe, expect, it } from 'vitest';
import type { IncidentAlert } from '../domain/incident.js';
import { INC, T0, TestHub, bob, carol, minutesAfter } from '../domain/test-support.js';
import { contactTargetSchema, maskTarget } from './contact-method.js';
import { deliveryVerdict } from './delivery-verdict.js';
import { effectiveRules, notificationRulesSchema, plannedDeliveries } from './notification-rules.js';
import { pageMessage, runbookOf } from './page-message.js';
import { NO_METHOD, unreachablePeople } from './reachability.js';

const WARROOM = { id: 'warroom', name: 'Warroom' };

describe('contact targets', () => {
  it('masks what a method points at, so screens and logs can name it without giving it away', () => {
    const ntfy = 'https://ntfy.sh';
    expect(maskTarget({ kind: 'email', address: 'alice@example.com' }, ntfy)).toBe('a•••@example.com');
    expect(maskTarget({ kind: 'ntfy', topic: 'alice-pager-93', token: 'tk_secret' }, ntfy)).toBe('ntfy.sh/ali•••');
    expect(maskTarget({ kind: 'ntfy', server: 'https://ntfy.example.org:8443', topic: 'x' }, ntfy)).toBe(
      'ntfy.example.org:8443/x•••',
    );
    expect(maskTarget({ kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/secret' }, ntfy)).toBe(
      'hooks.slack.com',
    );
    expect(
      maskTarget({ kind: 'webhook', url: 'https://user:pw@sms.example.com/hook', secret: 'x'.repeat(16) }, ntfy),
    ).toBe('sms.example.com');
  });

  it('refuses targets that cannot work, saying why', () => {
    const problems = (raw: unknown) => {
      const r = contactTargetSchema.safeParse(raw);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems({ kind: 'email', address: 'not an address' })).toEqual(['address: must be an e-mail address']);
    expect(problems({ kind: 'slack', url: 'file:///etc/passwd' })).toEqual([
      'url: must be an http:// or https:// address',
    ]);
    expect(problems({ kind: 'ntfy', topic: 'has spaces' })[0]).toMatch(/ntfy topic rules/);
    expect(problems({ kind: 'webhook', url: 'https://x.example', secret: 'short' })).toEqual([
      'secret: must be at least 16 characters',
    ]);
    expect(problems({ kind: 'teams', url: 'https://x.example', extra: 1 })).toHaveLength(1);
  });
});

describe('notification rules', () => {
  it('default to every verified method at once, and keep saved rules for verified methods only, by delay', () => {
    expect(effectiveRules(undefined, ['m1', 'm2'])).toEqual([
      { methodId: 'm1', afterMinutes: 0 },
      { methodId: 'm2', afterMinutes: 0 },
    ]);
    const saved = [
      { methodId: 'mail', afterMinutes: 3 },
      { methodId: 'ntfy', afterMinutes: 1 },
      { methodId: 'gone', afterMinutes: 0 },
    ];
    expect(effectiveRules(saved, ['ntfy', 'mail'])).toEqual([
      { methodId: 'ntfy', afterMinutes: 1 },
      { methodId: 'mail', afterMinutes: 3 },
    ]);
    expect(effectiveRules([], ['ntfy'])).toEqual([]);
  });

  it('plan one message per method, its delay after the page', () => {
    expect(plannedDeliveries([{ methodId: 'ntfy', afterMinutes: 1 }], T0)).toEqual([
      { methodId: 'ntfy', dueAt: minutesAfter(T0, 1) },
    ]);
  });

  it('allow a method once', () => {
    const twice = [
      { methodId: 'm', afterMinutes: 0 },
      { methodId: 'm', afterMinutes: 5 },
    ];
    expect(notificationRulesSchema.safeParse(twice).error?.issues[0]?.message).toBe('each method may appear once');
  });
});

describe('deliveryVerdict', () => {
  const page = (pageId: string, step: number, person = bob) => ({
    pageId,
    person,
    reason: step === 0 ? ('initial' as const) : ('escalation' as const),
    step,
    round: 0,
    rotationId: 'search',
    heldUntil: null,
  });
  const paged = () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-1', status: 'triage', service: 'search' });
    hub.ok('page.record', page('p0', 0), { actor: WARROOM });
    return hub;
  };

  it('sends while the page waits for an answer', () => {
    expect(deliveryVerdict(paged().incident(), 'p0')).toEqual({ send: true });
  });

  it('stops once anyone acknowledges, the escalation moves on, or the incident stops paging', () => {
    const acked = paged();
    acked.advance(1);
    acked.ok('incident.acknowledge', {}, { actor: carol });
    expect(deliveryVerdict(acked.incident(), 'p0')).toEqual({ send: false, why: 'acknowledged by Carol' });

    const escalated = paged();
    escalated.ok('page.record', page('p1', 1, carol), { actor: WARROOM });
    expect(deliveryVerdict(escalated.incident(), 'p0')).toEqual({ send: false, why: 'the escalation moved on' });
    expect(deliveryVerdict(escalated.incident(), 'p1')).toEqual({ send: true });

    const declined = paged();
    declined.ok('incident.change_status', { status: 'declined', reason: 'a test alert' });
    expect(deliveryVerdict(declined.incident(), 'p0')).toEqual({ send: false, why: 'the incident is declined' });
    expect(deliveryVerdict(undefined, 'p0')).toEqual({ send: false, why: 'the incident is unknown' });
    expect(deliveryVerdict(paged().incident(), 'nope')).toEqual({ send: false, why: 'the page was not sent' });
  });

  it('does not count an acknowledgement before a re-page', () => {
    const hub = paged();
    hub.advance(1);
    hub.ok('incident.acknowledge', {}, { actor: bob });
    hub.advance(30);
    hub.ok('page.record', { ...page('a0', 0), reason: 'ack-timeout', round: 0 }, { actor: WARROOM });
    expect(hub.incident().id).toBe(INC);
    expect(deliveryVerdict(hub.incident(), 'a0')).toEqual({ send: true });
  });
});

describe('pageMessage', () => {
  it('carries the incident, severity, runbook and both links', () => {
    const hub = new TestHub();
    hub.declare({
      severity: 'SEV-1',
      status: 'triage',
      service: 'checkout',
      title: 'Checkout is down',
      impact: 'Nobody can pay',
    });
    const incident = hub.incident();
    const message = pageMessage(
      { ...incident, alerts: [{ ...ALERT, runbookUrl: 'https://runbooks.example/checkout' }] },
      { id: 'p0', reason: 'initial' },
      { ackUrl: 'https://warroom.example/ack/t0k', incidentUrl: 'https://warroom.example/#/incident/x' },
    );
    expect(message.subject).toBe('[SEV-1] INC-1 Checkout is down');
    expect(message.lines).toEqual([
      'You are on call.',
      'SEV-1, triage, service checkout.',
      'Impact: Nobody can pay',
      'Runbook: https://runbooks.example/checkout',
      'Acknowledge: https://warroom.example/ack/t0k',
      'Open the incident: https://warroom.example/#/incident/x',
    ]);
    expect(runbookOf({ alerts: [] })).toBeNull();
  });
});

const ALERT: IncidentAlert = {
  key: 'checkout-5xx',
  source: 'alertmanager',
  title: 'Checkout 5xx',
  description: '',
  service: 'checkout',
  team: '',
  impact: '',
  cause: '',
  runbookUrl: '',
  url: '',
  severity: 'SEV-1',
  status: 'firing',
  count: 1,
  startsAt: T0,
  firstSeenAt: T0,
  lastSeenAt: T0,
  resolvedAt: null,
};

describe('unreachablePeople', () => {
  const ana = { id: 'ana', name: 'Ana' };
  const ben = { id: 'ben', name: 'Ben' };
  const cy = { id: 'cy', name: 'Cy' };
  const methods = [
    { id: 'm-ana', userId: 'ana', kind: 'email' as const, target: 'a•••@example.com', verified: true },
    { id: 'm-ben', userId: 'ben', kind: 'ntfy' as const, target: 'ntfy.sh/ben•••', verified: false },
    { id: 'm-cy', userId: 'cy', kind: 'ntfy' as const, target: 'ntfy.sh/cy•••', verified: true },
  ];

  it('names people with no verified method, and methods whose last delivery failed, each person once', () => {
    const last = [
      { methodId: 'm-ana', result: 'sent' as const, detail: '250 OK' },
      { methodId: 'm-cy', result: 'failed' as const, detail: 'HTTP 403 Forbidden' },
    ];
    expect(unreachablePeople([ana, ben, cy, ben], methods, last)).toEqual([
      { userId: 'ben', name: 'Ben', problems: [NO_METHOD] },
      { userId: 'cy', name: 'Cy', problems: ['the last page by ntfy (ntfy.sh/cy•••) failed: HTTP 403 Forbidden'] },
    ]);
    expect(unreachablePeople([ana], methods, [])).toEqual([]);
  });
});
