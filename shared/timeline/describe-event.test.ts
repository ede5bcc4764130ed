import { describe, expect, it } from 'vitest';
import { eventPayloadSchemas, type DomainEvent, type EventPayload, type EventType } from '../domain/events.js';
import type { NormalizedAlert } from '../alerts/alert.js';
import { TestHub, alice, bob, carol, eventOf } from '../domain/test-support.js';
import type { Person } from '../domain/primitives.js';
import {
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  UPDATE_PREVIEW_LENGTH,
  clipText,
  describeEvent,
  eventKind,
  type EventKind,
} from './describe-event.js';

/** A bare event, by `actor` (Alice unless told). */
function ev<T extends EventType>(type: T, payload: EventPayload<T>, actor: Person = alice): DomainEvent {
  return eventOf(type, payload, { seq: 1, actor });
}

const describeOne = <T extends EventType>(type: T, payload: EventPayload<T>, actor?: Person) =>
  describeEvent(ev(type, payload, actor));

describe('describeEvent: the incident itself', () => {
  const declared = {
    number: 7,
    title: 'Checkout errors',
    severity: 'SEV-1',
    status: 'investigating',
    summary: '',
    impact: '',
    service: 'checkout',
    team: 'payments',
    impactStartedAt: null,
    detectedAt: '2025-03-01T10:00:00.000Z',
  } as const;

  it('declared', () => {
    expect(describeOne('incident.declared', declared)).toBe('Alice declared SEV-1: Checkout errors');
  });

  it('declared into triage (an alert)', () => {
    expect(describeOne('incident.declared', { ...declared, severity: 'SEV-3', status: 'triage' })).toBe(
      'Alice declared SEV-3 (triage): Checkout errors',
    );
  });

  it('updated: lists the changed fields in a fixed order', () => {
    expect(describeOne('incident.updated', { changes: { service: 'payments', title: 'Pay errors' } })).toBe(
      'Alice updated title, service',
    );
    expect(
      describeOne('incident.updated', {
        changes: { detectedAt: '2025-03-01T10:00:00.000Z', impactStartedAt: null, impact: 'x', team: 't', summary: '' },
      }),
    ).toBe('Alice updated summary, impact, team, impact start, detection time');
  });

  it('updated with nothing named (an odd event) still reads', () => {
    expect(describeOne('incident.updated', { changes: {} })).toBe('Alice updated the incident');
  });

  it('severity up is an escalation, down a downgrade, with the reason', () => {
    expect(
      describeOne('incident.severity_changed', { from: 'SEV-2', to: 'SEV-1', reason: 'checkout errors at 40%' }),
    ).toBe('Alice escalated to SEV-1: checkout errors at 40%');
    expect(describeOne('incident.severity_changed', { from: 'SEV-1', to: 'SEV-3', reason: 'contained' }, bob)).toBe(
      'Bob downgraded to SEV-3: contained',
    );
    expect(describeOne('incident.severity_changed', { from: 'SEV-3', to: 'SEV-2', reason: '  ' })).toBe(
      'Alice escalated to SEV-2',
    );
  });

  it('status moves, with a reason when given', () => {
    expect(describeOne('incident.status_changed', { from: 'investigating', to: 'mitigated', reason: '' }, bob)).toBe(
      'Bob moved it from investigating to mitigated',
    );
    expect(
      describeOne('incident.status_changed', { from: 'mitigated', to: 'resolved', reason: 'fix deployed' }, bob),
    ).toBe('Bob moved it from mitigated to resolved: fix deployed');
    expect(describeOne('incident.status_changed', { from: 'triage', to: 'investigating', reason: '' })).toBe(
      'Alice moved it from triage to investigating',
    );
  });

  it('a move back to investigating is a reopen, from any later stage', () => {
    for (const from of ['mitigated', 'resolved', 'declined'] as const) {
      expect(describeOne('incident.status_changed', { from, to: 'investigating', reason: 'errors are back' })).toBe(
        'Alice reopened it (investigating): errors are back',
      );
    }
  });

  it('declined', () => {
    expect(describeOne('incident.status_changed', { from: 'triage', to: 'declined', reason: 'false alarm' })).toBe(
      'Alice declined it: false alarm',
    );
  });

  it('acknowledged', () => {
    expect(describeOne('incident.acknowledged', {})).toBe('Alice acknowledged it');
  });
});

describe('describeEvent: roles', () => {
  it('a hand-over names who held the role', () => {
    expect(describeOne('role.assigned', { role: 'lead', person: bob, replaced: carol })).toBe(
      'Alice made Bob Incident Lead (was Carol)',
    );
  });

  it('giving a free role', () => {
    expect(describeOne('role.assigned', { role: 'comms', person: bob, replaced: null })).toBe(
      'Alice made Bob Communication Lead',
    );
  });

  it('taking a role yourself', () => {
    expect(describeOne('role.assigned', { role: 'lead', person: alice, replaced: null })).toBe(
      'Alice took Incident Lead',
    );
    expect(describeOne('role.assigned', { role: 'lead', person: alice, replaced: carol })).toBe(
      'Alice took Incident Lead (was Carol)',
    );
  });

  it('fixers are added, or join', () => {
    expect(describeOne('role.assigned', { role: 'fixer', person: bob, replaced: null })).toBe(
      'Alice added Bob as Fixer',
    );
    expect(describeOne('role.assigned', { role: 'fixer', person: bob, replaced: null }, bob)).toBe(
      'Bob joined as Fixer',
    );
  });

  it('releasing', () => {
    expect(describeOne('role.released', { role: 'comms', person: bob })).toBe(
      'Alice released Communication Lead (Bob)',
    );
    expect(describeOne('role.released', { role: 'lead', person: alice })).toBe('Alice released Incident Lead');
    expect(describeOne('role.released', { role: 'fixer', person: bob })).toBe('Alice removed Bob as Fixer');
    expect(describeOne('role.released', { role: 'fixer', person: bob }, bob)).toBe('Bob stepped back as Fixer');
  });
});

describe('describeEvent: checklists and tried, with the incident for titles', () => {
  function scenario() {
    const hub = new TestHub();
    const declaredEvents = hub.declare({ severity: 'SEV-1' });
    const added = hub.ok('checklist.add_item', {
      checklistId: 'tpl-role-lead',
      itemId: 'i-rollback',
      text: 'Roll back',
    });
    const checked = hub.ok('checklist.set_item', { checklistId: 'tpl-sev-1', itemId: 'tpl-sev-1-1', done: true });
    const unchecked = hub.ok('checklist.set_item', { checklistId: 'tpl-sev-1', itemId: 'tpl-sev-1-1', done: false });
    const tried = hub.ok(
      'tried.add',
      { entryId: 't-1', what: 'Restarted workers', hypothesis: 'stuck pool' },
      { actor: bob },
    );
    const outcome = hub.ok('tried.set_outcome', { entryId: 't-1', outcome: 'helped', note: '' }, { actor: bob });
    return { hub, declaredEvents, added, checked, unchecked, tried, outcome };
  }

  it('reads a real declaration', () => {
    const { hub, declaredEvents } = scenario();
    expect(declaredEvents.map((e) => describeEvent(e, hub.incident()))).toEqual([
      'Alice declared SEV-1: Checkout is failing',
      'Alice took Incident Lead',
      'Alice added checklist “SEV-1 response” (5 items)',
      'Alice added checklist “Incident Lead” (3 items)',
    ]);
  });

  it('names checklist and item by their words', () => {
    const { hub, added, checked, unchecked } = scenario();
    const incident = hub.incident();
    expect(added.map((e) => describeEvent(e, incident))).toEqual(['Alice added “Roll back” to “Incident Lead”']);
    expect(checked.map((e) => describeEvent(e, incident))).toEqual([
      'Alice checked “Page the on-call engineers for the affected service”',
    ]);
    expect(unchecked.map((e) => describeEvent(e, incident))).toEqual([
      'Alice unchecked “Page the on-call engineers for the affected service”',
    ]);
  });

  it('falls back to ids without the incident (or when it does not know them)', () => {
    const { added, checked, outcome } = scenario();
    expect(added.map((e) => describeEvent(e))).toEqual(['Alice added “Roll back” to “tpl-role-lead”']);
    expect(checked.map((e) => describeEvent(e))).toEqual(['Alice checked “tpl-sev-1-1”']);
    expect(outcome.map((e) => describeEvent(e))).toEqual(['Bob set “t-1” to helped']);
    const other = new TestHub();
    other.declare();
    expect(checked.map((e) => describeEvent(e, other.incident()))).toEqual(['Alice checked “tpl-sev-1-1”']);
  });

  it('tried and its outcome', () => {
    const { hub, tried, outcome } = scenario();
    const incident = hub.incident();
    expect(tried.map((e) => describeEvent(e, incident))).toEqual([
      'Bob tried: Restarted workers (hypothesis: stuck pool)',
    ]);
    expect(outcome.map((e) => describeEvent(e, incident))).toEqual(['Bob set “Restarted workers” to helped']);
  });

  it('checklist sizes are counted in words', () => {
    const created = (n: number) =>
      describeOne('checklist.created', {
        checklistId: 'c-1',
        title: 'Ours',
        templateId: null,
        items: Array.from({ length: n }, (_, i) => ({ id: `c-1-${i}`, text: `item ${i}` })),
      });
    expect(created(1)).toBe('Alice added checklist “Ours” (1 item)');
    expect(created(0)).toBe('Alice added checklist “Ours” (0 items)');
  });

  it('tried without a hypothesis, and with an outcome known at once', () => {
    const tried = { entryId: 't-2', what: 'Flushed the CDN', hypothesis: '' };
    expect(describeOne('tried.added', { ...tried, outcome: 'pending' })).toBe('Alice tried: Flushed the CDN');
    expect(describeOne('tried.added', { ...tried, outcome: 'no-effect' })).toBe(
      'Alice tried: Flushed the CDN — no effect',
    );
    expect(describeOne('tried.added', { ...tried, hypothesis: 'stale assets', outcome: 'made-worse' })).toBe(
      'Alice tried: Flushed the CDN (hypothesis: stale assets) — made it worse',
    );
  });

  it('every outcome in words, with the note', () => {
    const set = (to: 'pending' | 'helped' | 'no-effect' | 'made-worse', note = '') =>
      describeOne('tried.outcome_set', { entryId: 't-1', from: 'pending', to, note }, bob);
    expect(set('helped', 'errors back to baseline')).toBe('Bob set “t-1” to helped: errors back to baseline');
    expect(set('no-effect')).toBe('Bob set “t-1” to no effect');
    expect(set('made-worse', 'p99 doubled')).toBe('Bob set “t-1” to made it worse: p99 doubled');
    expect(set('pending')).toBe('Bob set “t-1” to pending');
  });
});

describe('describeEvent: status updates', () => {
  it('short updates are shown whole', () => {
    expect(
      describeOne('status_update.posted', { updateId: 'u-1', text: 'We are investigating.', audience: 'external' }),
    ).toBe('Alice posted an external update: We are investigating.');
    expect(
      describeOne('status_update.posted', { updateId: 'u-1', text: 'Rolled back.\n\nWatching.', audience: 'internal' }),
    ).toBe('Alice posted an internal update: Rolled back. Watching.');
  });

  it('long updates are cut near 140 characters with an ellipsis', () => {
    const text = 'We are seeing elevated error rates on checkout and are working on it. '.repeat(5);
    const line = describeOne('status_update.posted', { updateId: 'u-1', text, audience: 'external' });
    const prefix = 'Alice posted an external update: ';
    expect(line.startsWith(prefix)).toBe(true);
    const shown = line.slice(prefix.length);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(UPDATE_PREVIEW_LENGTH);
    expect(shown.length).toBeGreaterThan(UPDATE_PREVIEW_LENGTH * 0.75);
    expect(text.startsWith(shown.slice(0, -1))).toBe(true);
  });
});

describe('describeEvent: alerts and pages (made by the hub)', () => {
  const alert: NormalizedAlert = {
    source: 'grafana',
    key: 'grafana:checkout-5xx',
    status: 'firing',
    title: 'High 5xx rate',
    description: '',
    service: 'checkout',
    team: 'payments',
    impact: '',
    cause: '',
    runbookUrl: '',
    url: '',
    severity: 'SEV-2',
    startsAt: '2025-03-01T09:55:00.000Z',
    endsAt: null,
    labels: {},
  };
  const page = { pageId: 'p-1', person: bob, reason: 'initial', step: 0, round: 0, rotationId: null } as const;

  it('an alert fired, named by its source unless generic', () => {
    expect(describeOne('alert.attached', { alert })).toBe('Grafana alert fired: “High 5xx rate”');
    expect(describeOne('alert.attached', { alert: { ...alert, source: 'alertmanager' } })).toBe(
      'Alertmanager alert fired: “High 5xx rate”',
    );
    expect(describeOne('alert.attached', { alert: { ...alert, source: 'generic' } })).toBe(
      'Alert fired: “High 5xx rate”',
    );
  });

  it('an alert cleared, by its title from the incident, else its key', () => {
    const hub = new TestHub();
    hub.ok('alert.receive', { alert });
    const cleared = hub.ok('alert.receive', { alert: { ...alert, status: 'resolved' } });
    expect(cleared.map((e) => describeEvent(e, hub.incident()))).toEqual(['Alert cleared: “High 5xx rate”']);
    expect(cleared.map((e) => describeEvent(e))).toEqual(['Alert cleared: “grafana:checkout-5xx”']);
  });

  it('a page sent, with why when it is not the first', () => {
    expect(describeOne('page.sent', page)).toBe('Paged Bob');
    expect(describeOne('page.sent', { ...page, reason: 'escalation', step: 1 })).toBe('Paged Bob (escalation)');
    expect(describeOne('page.sent', { ...page, reason: 'repeat', round: 1 })).toBe('Paged Bob (repeat)');
    expect(describeOne('page.sent', { ...page, reason: 'ack-timeout' })).toBe('Paged Bob (not acknowledged in time)');
  });

  it('a page held until the person’s window opens: the time in UTC, with the date when not the same day', () => {
    const held = (until: string) =>
      eventOf('page.held', { ...page, until }, { seq: 1, at: '2025-03-01T02:10:00.000Z' });
    expect(describeEvent(held('2025-03-01T08:00:00.000Z'))).toBe('Page to Bob held until 08:00 UTC');
    expect(describeEvent(held('2025-03-02T08:00:00.000Z'))).toBe('Page to Bob held until 2025-03-02 08:00 UTC');
  });
});

describe('describeEvent: the post-incident review', () => {
  it('a postmortem published, the first and a new revision', () => {
    expect(describeOne('postmortem.published', { revision: 'r-1', baseRevision: null, markdown: '# P' })).toBe(
      'Alice published the postmortem',
    );
    expect(describeOne('postmortem.published', { revision: 'r-2', baseRevision: 'r-1', markdown: '# P' }, bob)).toBe(
      'Bob published a new revision of the postmortem',
    );
  });

  it('a follow-up added, with its owner when it has one', () => {
    expect(describeOne('followup.added', { followupId: 'f-1', text: 'Add an alert', owner: bob })).toBe(
      'Alice added follow-up “Add an alert” for Bob',
    );
    expect(describeOne('followup.added', { followupId: 'f-1', text: 'Add an alert', owner: null })).toBe(
      'Alice added follow-up “Add an alert”',
    );
  });

  it('a follow-up’s state and owner, named by its text when the incident is given', () => {
    const hub = new TestHub();
    hub.declare();
    hub.ok('followup.add', { followupId: 'f-1', text: 'Add an alert' });
    const incident = hub.incident();
    const state = ev('followup.state_set', { followupId: 'f-1', from: 'open', to: 'wont-do' });
    expect(describeEvent(state, incident)).toBe('Alice set follow-up “Add an alert” to won’t do');
    expect(describeEvent(state)).toBe('Alice set follow-up “f-1” to won’t do');
    const given = ev('followup.assigned', { followupId: 'f-1', from: null, to: bob });
    expect(describeEvent(given, incident)).toBe('Alice gave follow-up “Add an alert” to Bob');
    const handed = ev('followup.assigned', { followupId: 'f-1', from: bob, to: carol });
    expect(describeEvent(handed, incident)).toBe('Alice gave follow-up “Add an alert” to Carol (was Bob)');
    const dropped = ev('followup.assigned', { followupId: 'f-1', from: carol, to: null });
    expect(describeEvent(dropped, incident)).toBe('Alice took Carol off follow-up “Add an alert”');
  });
});

describe('clipText', () => {
  it('leaves short text alone (on one line)', () => {
    expect(clipText('  a\n b  ', 10)).toBe('a b');
    expect(clipText('exactly10!', 10)).toBe('exactly10!');
  });

  it('cuts at a word boundary when one is near the end', () => {
    expect(clipText('one two three four', 16)).toBe('one two three…');
  });

  it('cuts inside a word when there is no space near the end', () => {
    expect(clipText('abcdefghijklmnop', 6)).toBe('abcde…');
    expect(clipText('one two three four', 12)).toBe('one two thr…');
  });
});

const sampleAlert: NormalizedAlert = {
  source: 'generic',
  key: 'k',
  status: 'firing',
  title: 'Disk full',
  description: '',
  service: '',
  team: '',
  impact: '',
  cause: '',
  runbookUrl: '',
  url: '',
  severity: 'SEV-3',
  startsAt: '2025-03-01T10:00:00.000Z',
  endsAt: null,
  labels: {},
};

describe('eventKind', () => {
  const samples: readonly [DomainEvent, EventKind][] = [
    [
      ev('incident.declared', {
        number: 1,
        title: 't',
        severity: 'SEV-2',
        status: 'investigating',
        summary: '',
        impact: '',
        service: '',
        team: '',
        impactStartedAt: null,
        detectedAt: '2025-03-01T10:00:00.000Z',
      }),
      'status',
    ],
    [ev('incident.status_changed', { from: 'investigating', to: 'mitigated', reason: '' }), 'status'],
    [ev('incident.acknowledged', {}), 'status'],
    [ev('incident.severity_changed', { from: 'SEV-2', to: 'SEV-1', reason: 'r' }), 'severity'],
    [ev('role.assigned', { role: 'lead', person: bob, replaced: null }), 'roles'],
    [ev('role.released', { role: 'lead', person: bob }), 'roles'],
    [ev('checklist.created', { checklistId: 'c', title: 't', templateId: null, items: [] }), 'checklists'],
    [ev('checklist.item_added', { checklistId: 'c', itemId: 'i', text: 't' }), 'checklists'],
    [ev('checklist.item_set', { checklistId: 'c', itemId: 'i', done: true }), 'checklists'],
    [ev('checklist.item_assigned', { checklistId: 'c', itemId: 'i', from: null, to: bob }), 'checklists'],
    [ev('tried.struck', { entryId: 't', reason: 'wrong incident' }), 'tried'],
    [ev('page.unrouted', { severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' }), 'roles'],
    [ev('page.rotation_chosen', { rotationId: 'checkout' }), 'roles'],
    [ev('page.delivery', DELIVERY), 'roles'],
    [ev('tried.added', { entryId: 't', what: 'w', hypothesis: '', outcome: 'pending' }), 'tried'],
    [ev('tried.outcome_set', { entryId: 't', from: 'pending', to: 'helped', note: '' }), 'tried'],
    [ev('status_update.posted', { updateId: 'u', text: 't', audience: 'internal' }), 'updates'],
    [ev('incident.public_set', { title: 'Checkout is slow' }), 'updates'],
    [ev('postmortem.published', { revision: 'r', baseRevision: null, markdown: 'm' }), 'updates'],
    [ev('followup.added', { followupId: 'f', text: 't', owner: null }), 'updates'],
    [ev('followup.state_set', { followupId: 'f', from: 'open', to: 'done' }), 'updates'],
    [ev('followup.assigned', { followupId: 'f', from: null, to: bob }), 'updates'],
    [ev('incident.updated', { changes: { title: 't' } }), 'details'],
    [ev('alert.attached', { alert: sampleAlert }), 'details'],
    [ev('alert.resolved', { key: 'k', endsAt: null }), 'details'],
    [ev('page.sent', { pageId: 'p', person: bob, reason: 'initial', step: 0, round: 0, rotationId: null }), 'roles'],
    [
      ev('page.held', {
        pageId: 'p',
        person: bob,
        reason: 'initial',
        step: 0,
        round: 0,
        rotationId: null,
        until: '2025-03-01T10:00:00.000Z',
      }),
      'roles',
    ],
  ];

  it.each(samples.map(([event, kind]) => [event.type, kind, event] as const))('%s is %s', (_type, kind, event) => {
    expect(eventKind(event)).toBe(kind);
  });

  it('the samples cover every event type', () => {
    expect(samples.map(([event]) => event.type).sort()).toEqual(Object.keys(eventPayloadSchemas).sort());
  });

  it('every kind has a label and at least one event type', () => {
    expect(Object.keys(EVENT_KIND_LABELS).sort()).toEqual([...EVENT_KINDS].sort());
    for (const kind of EVENT_KINDS) {
      expect(EVENT_KIND_LABELS[kind].length).toBeGreaterThan(0);
      expect(samples.some(([, k]) => k === kind)).toBe(true);
    }
  });

  it('describes every sample in words, people’s events with their name', () => {
    for (const [event] of samples) {
      const line = describeEvent(event);
      expect(line.length).toBeGreaterThan(5);
      if (!event.type.startsWith('alert.') && !event.type.startsWith('page.')) expect(line).toMatch(/^Alice /);
    }
  });
});

const DELIVERY = {
  pageId: 'p1',
  methodId: 'm1',
  method: 'email',
  target: 'a•••@example.com',
  result: 'sent',
  attempt: 1,
  detail: '250 2.0.0 OK',
  nextAttemptAt: null,
} as const;

describe('page.delivery', () => {
  it('says how a page reached the person, or why not', () => {
    expect(describeOne('page.delivery', DELIVERY)).toBe(
      'Page to the person paged delivered by E-mail (a•••@example.com): 250 2.0.0 OK',
    );
    expect(
      describeOne('page.delivery', {
        ...DELIVERY,
        method: 'ntfy',
        target: 'ntfy.sh/ali•••',
        result: 'retrying',
        detail: 'HTTP 429',
      }),
    ).toBe('Page to the person paged by ntfy (ntfy.sh/ali•••) failed (HTTP 429); trying again');
    expect(describeOne('page.delivery', { ...DELIVERY, result: 'failed', detail: '550 no such user' })).toBe(
      'Page to the person paged by E-mail (a•••@example.com) failed: 550 no such user',
    );
  });
});
