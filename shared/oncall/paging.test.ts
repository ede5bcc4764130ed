import { describe, expect, it } from 'vitest';
import type { Page } from '../domain/incident.js';
import type { Severity } from '../domain/severity.js';
import { TestHub, alice, carol } from '../domain/test-support.js';
import { escalationPlan } from './escalation.js';
import { fnv1a64, pageIdFor } from './page-ids.js';
import {
  PAGING_ACTOR,
  isPersonActivity,
  lastPersonActivity,
  nextPagingAction,
  type PagingAction,
  type PagingContext,
} from './paging.js';
import { DEFAULT_ESCALATION_POLICY } from './policy.js';
import { defaultProfile, type Profile } from './profile.js';
import { rotationSchema, type Override, type Rotation } from './rotation.js';

const ana = { id: 'u-ana', name: 'Ana' };
const bo = { id: 'u-bo', name: 'Bo' };
const cy = { id: 'u-cy', name: 'Cy' };

const checkout = rotationSchema.parse({
  id: 'rot-checkout',
  name: 'Checkout',
  members: [ana, bo, cy],
  handoffTime: '09:00',
  shift: 'weekly',
  timeZone: 'Europe/Berlin',
  startDate: '2026-03-23',
});

/** Friday 27 March 2026, 11:00 CET: Ana primary, Bo backup all week. */
const FRIDAY = '2026-03-27T10:00:00.000Z';

interface World {
  readonly hub: TestHub;
  overrides: Override[];
  profiles: Record<string, Profile>;
  /** Whether the incident's service routes to the checkout rotation. */
  rotation: boolean;
  /** Rotations a person may choose for the incident (page.choose_rotation). */
  rotations: Rotation[];
}

function world(now = FRIDAY): World {
  return { hub: new TestHub(now), overrides: [], profiles: {}, rotation: true, rotations: [] };
}

/** Like the hub's rotationForIncident: the chosen rotation while it exists, else the service's. */
function pagingRotation(w: World): Rotation | null {
  const chosen = w.rotations.find((r) => r.id === w.hub.incident().rotationId);
  return chosen ?? (w.rotation ? checkout : null);
}

function contextOf(w: World): PagingContext {
  const incident = w.hub.incident();
  const rotation = pagingRotation(w);
  return {
    policy: DEFAULT_ESCALATION_POLICY,
    rotation: rotation ? { id: rotation.id, name: rotation.name } : null,
    planAt: (ms) =>
      rotation ? escalationPlan(DEFAULT_ESCALATION_POLICY, incident.severity, rotation, w.overrides, ms) : null,
    profileOf: (person) => w.profiles[person.id] ?? defaultProfile('Europe/Berlin'),
    lastActivityAt: lastPersonActivity(w.hub.log.filter((e) => e.incidentId === incident.id)),
  };
}

/** What the hub's scheduler does: decide, record every page through decide + apply, until nothing is left. */
function run(w: World): PagingAction {
  for (let i = 0; i < 5; i++) {
    const action = nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now));
    if (action.unrouted)
      w.hub.ok('page.report_unrouted', action.unrouted.payload, {
        actor: PAGING_ACTOR,
        commandId: action.unrouted.commandId,
      });
    if (action.records.length === 0) return action;
    for (const record of action.records)
      w.hub.ok('page.record', record.payload, { actor: PAGING_ACTOR, commandId: record.commandId });
  }
  throw new Error('paging did not settle');
}

function declare(w: World, severity: Severity = 'SEV-1', status: 'triage' | 'investigating' = 'triage') {
  w.hub.declare({ severity, status, service: 'checkout' });
  return run(w);
}

/** Page events in the log, as "reason step/round person" (held pages with their time). */
function pageLog(w: World): string[] {
  return w.hub.log.flatMap((e) => {
    if (e.type === 'page.sent')
      return [
        `${e.at.slice(11, 16)} sent ${e.payload.reason} s${e.payload.step}r${e.payload.round} ${e.payload.person.name}`,
      ];
    if (e.type === 'page.held')
      return [
        `${e.at.slice(11, 16)} held ${e.payload.reason} s${e.payload.step}r${e.payload.round} ${e.payload.person.name} until ${e.payload.until}`,
      ];
    return [];
  });
}

const deadlines = (action: PagingAction) =>
  action.deadlines.map((d) => `${d.kind} ${new Date(d.dueAt).toISOString()} s${d.step}r${d.round}`);

describe('escalationPlan', () => {
  it('pages primary, then backup, then everyone, with the policy’s timeouts per severity', () => {
    const plan = escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-2', checkout, [], Date.parse(FRIDAY));
    expect(plan.steps.map((s) => `${s.target}:${s.people.map((p) => p.name).join('+')}`)).toEqual([
      'primary:Ana',
      'backup:Bo',
      'everyone:Ana+Bo+Cy',
    ]);
    expect(plan).toMatchObject({
      rounds: 3,
      stepTimeoutMs: 15 * 60_000,
      ackTimeoutMs: 60 * 60_000,
      window: 'extended',
    });
    expect(escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-1', checkout, [], 0).stepTimeoutMs).toBe(5 * 60_000);
    expect(escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-3', checkout, [], 0).stepTimeoutMs).toBe(60 * 60_000);
  });

  it('has no backup step in a one-person rotation, and applies overrides', () => {
    const solo = { ...checkout, members: [ana] };
    expect(escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-1', solo, [], 0).steps.map((s) => s.target)).toEqual([
      'primary',
      'everyone',
    ]);
    const cover: Override = {
      id: 'ov',
      rotationId: checkout.id,
      replaces: ana.id,
      person: cy,
      start: '2026-03-27T00:00:00.000Z',
      end: '2026-03-28T00:00:00.000Z',
      note: '',
    };
    const plan = escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-1', checkout, [cover], Date.parse(FRIDAY));
    expect(plan.steps.map((s) => s.people.map((p) => p.name).join('+'))).toEqual(['Cy', 'Bo', 'Cy+Bo']);
  });
});

describe('nextPagingAction: the chain without an acknowledgement', () => {
  it('pages primary, backup after 5 minutes, everyone after 10, then repeats twice and stops (SEV-1)', () => {
    const w = world();
    const first = declare(w);
    expect(pageLog(w)).toEqual(['10:00 sent initial s0r0 Ana']);
    expect(deadlines(first)).toEqual(['escalation 2026-03-27T10:05:00.000Z s1r0']);

    w.hub.advance(4);
    expect(run(w).records).toEqual([]); // not yet
    w.hub.advance(1);
    run(w);
    w.hub.advance(5);
    run(w);
    for (let i = 0; i < 6; i++) {
      w.hub.advance(5);
      run(w);
    }
    expect(pageLog(w)).toEqual([
      '10:00 sent initial s0r0 Ana',
      '10:05 sent escalation s1r0 Bo',
      '10:10 sent escalation s2r0 Ana',
      '10:10 sent escalation s2r0 Bo',
      '10:10 sent escalation s2r0 Cy',
      '10:15 sent repeat s0r1 Ana',
      '10:20 sent repeat s1r1 Bo',
      '10:25 sent repeat s2r1 Ana',
      '10:25 sent repeat s2r1 Bo',
      '10:25 sent repeat s2r1 Cy',
      '10:30 sent repeat s0r2 Ana',
      '10:35 sent repeat s1r2 Bo',
      '10:40 sent repeat s2r2 Ana',
      '10:40 sent repeat s2r2 Bo',
      '10:40 sent repeat s2r2 Cy',
    ]);
    w.hub.advance(60);
    const exhausted = run(w);
    expect(exhausted).toEqual({ records: [], unrouted: null, deadlines: [] });
  });

  it('asks for nothing twice: the same state gives the same ids, and recorded pages are not asked again', () => {
    const w = world();
    w.hub.declare({ severity: 'SEV-1', status: 'triage', service: 'checkout' });
    const a = nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now));
    const b = nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now));
    expect(a).toEqual(b);
    expect(a.records[0]?.commandId).toBe('hub-inc-1-s0-r0-u-ana-sent');
    run(w);
    expect(nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now)).records).toEqual([]);
  });

  it('catches up late (a hub that was down) one step at a time, never in a burst', () => {
    const w = world();
    declare(w);
    w.hub.advance(60); // every deadline of the first hour has passed
    run(w);
    expect(pageLog(w)).toEqual(['10:00 sent initial s0r0 Ana', '11:00 sent escalation s1r0 Bo']);
    expect(deadlines(run(w))).toEqual(['escalation 2026-03-27T11:05:00.000Z s2r0']);
  });

  it('stops when acknowledged, mitigated or resolved', () => {
    const acked = world();
    declare(acked);
    acked.hub.advance(3).ok('incident.acknowledge', {});
    acked.hub.advance(2);
    const after = run(acked);
    expect(pageLog(acked)).toEqual(['10:00 sent initial s0r0 Ana']);
    expect(deadlines(after)).toEqual(['ack-timeout 2026-03-27T10:33:00.000Z s0r0']);

    const mitigated = world();
    declare(mitigated, 'SEV-1', 'investigating');
    mitigated.hub.ok('incident.change_status', { status: 'mitigated' });
    mitigated.hub.advance(120);
    expect(run(mitigated)).toEqual({ records: [], unrouted: null, deadlines: [] });
  });

  it('pages nobody when the service has no rotation, and reports why', () => {
    const w = world();
    w.rotation = false;
    const action = declare(w);
    expect(action.records).toEqual([]);
    expect(action.deadlines).toEqual([]);
    expect(action.unrouted?.payload).toEqual({
      severity: 'SEV-1',
      service: 'checkout',
      reason: 'no rotation covers checkout',
    });
  });

  it('pages whoever is on call when each step falls due: a handoff mid-chain reaches the new backup', () => {
    // Daily handoff at 09:00 CEST (07:00Z): Monday Ana/Bo, Tuesday Bo/Cy.
    const daily = { ...checkout, shift: 'daily' as const, startDate: '2026-03-30' };
    const w = world('2026-03-31T06:50:00.000Z'); // Tuesday 08:50 CEST, still Monday's shift
    const ctx = (): PagingContext => ({
      ...contextOf(w),
      planAt: (ms) => escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-2', daily, [], ms),
    });
    w.hub.declare({ severity: 'SEV-2', status: 'triage', service: 'checkout' });
    const step = () => {
      for (const r of nextPagingAction(w.hub.incident(), ctx(), Date.parse(w.hub.now)).records)
        w.hub.ok('page.record', r.payload, { actor: PAGING_ACTOR, commandId: r.commandId });
    };
    step();
    w.hub.advance(15);
    step();
    expect(pageLog(w)).toEqual(['06:50 sent initial s0r0 Ana', '07:05 sent escalation s1r0 Cy']);
  });
});

describe('held pages: outside the response window a page waits, visibly, and goes out when it opens', () => {
  it('holds a SEV-3 page on Friday evening until Monday 09:00 and pauses the chain until then', () => {
    const w = world('2026-03-27T17:30:00.000Z'); // Friday 18:30 CET
    const held = declare(w, 'SEV-3');
    expect(pageLog(w)).toEqual(['17:30 held initial s0r0 Ana until 2026-03-30T07:00:00.000Z']);
    expect(deadlines(held)).toEqual([
      'release 2026-03-30T07:00:00.000Z s0r0',
      'escalation 2026-03-30T08:00:00.000Z s1r0',
    ]);
    expect(w.hub.incident().pages[0]).toMatchObject({ status: 'held', heldUntil: '2026-03-30T07:00:00.000Z' });

    w.hub.now = '2026-03-30T07:00:00.000Z';
    run(w);
    const page = w.hub.incident().pages[0] as Page;
    expect(page).toMatchObject({ status: 'sent', sentAt: '2026-03-30T07:00:00.000Z', id: 'inc-1-s0-r0-u-ana' });
    expect(pageLog(w).at(-1)).toBe('07:00 sent initial s0r0 Ana');
    w.hub.now = '2026-03-30T08:00:00.000Z';
    run(w);
    // Monday 09:00 was also the weekly handoff: the backup when step 1 falls due is Cy.
    expect(pageLog(w).at(-1)).toBe('08:00 sent escalation s1r0 Cy');
  });

  it('does not deliver a held page once the incident is acknowledged', () => {
    const w = world('2026-03-27T17:30:00.000Z');
    declare(w, 'SEV-3');
    w.hub.now = '2026-03-28T09:00:00.000Z';
    w.hub.ok('incident.acknowledge', {});
    w.hub.now = '2026-03-30T07:00:00.000Z';
    run(w);
    expect(pageLog(w).filter((line) => line.includes('initial'))).toHaveLength(1);
    expect(w.hub.incident().pages.find((p) => p.reason === 'initial')?.status).toBe('held');
    // What does go out is the acknowledgement timeout, overdue since Saturday 13:00 (acknowledged + 4 h), to the
    // primary of that moment, now that Ana's working hours have begun.
    expect(pageLog(w).slice(1)).toEqual(['07:00 sent ack-timeout s0r0 Ana']);
  });

  it('delivers a held page at once when the severity is raised to one whose window is open', () => {
    const w = world('2026-03-27T17:30:00.000Z');
    declare(w, 'SEV-3');
    w.hub.advance(10).ok('incident.change_severity', { severity: 'SEV-1', reason: 'Payments down' });
    run(w);
    expect(pageLog(w).at(-1)).toBe('17:40 sent initial s0r0 Ana');
  });

  it('holds each person by their own zone: the same page goes to one now and waits for another', () => {
    const w = world('2026-03-27T06:30:00.000Z'); // 07:30 CET: before Ana's extended hours, 15:30 for Bo in Tokyo
    w.profiles[bo.id] = defaultProfile('Asia/Tokyo');
    declare(w, 'SEV-2');
    w.hub.advance(15);
    run(w); // step 1 is due 15 minutes after Ana's page is delivered (08:00 CET), not after it was held
    expect(pageLog(w)).toEqual(['06:30 held initial s0r0 Ana until 2026-03-27T07:00:00.000Z']);
    w.hub.now = '2026-03-27T07:00:00.000Z';
    run(w);
    w.hub.now = '2026-03-27T07:15:00.000Z';
    run(w);
    expect(pageLog(w).slice(1)).toEqual(['07:00 sent initial s0r0 Ana', '07:15 sent escalation s1r0 Bo']);
  });
});

describe('the acknowledgement timeout: an acknowledged incident left alone pages again', () => {
  it('re-pages the primary, then the backup, then everyone while nobody acts (SEV-1, 30 minutes)', () => {
    const w = world();
    const start = declare(w, 'SEV-1', 'investigating'); // declared by a person: acknowledged at once
    expect(pageLog(w)).toEqual([]);
    expect(deadlines(start)).toEqual(['ack-timeout 2026-03-27T10:30:00.000Z s0r0']);
    for (let i = 0; i < 3; i++) {
      w.hub.advance(30);
      run(w);
    }
    expect(pageLog(w)).toEqual([
      '10:30 sent ack-timeout s0r0 Ana',
      '11:00 sent ack-timeout s1r1 Bo',
      '11:30 sent ack-timeout s2r2 Ana',
      '11:30 sent ack-timeout s2r2 Bo',
      '11:30 sent ack-timeout s2r2 Cy',
    ]);
  });

  it('starts again from the primary after a person acts, and waits a full timeout from that act', () => {
    const w = world();
    declare(w, 'SEV-1', 'investigating');
    w.hub.advance(30);
    run(w);
    w.hub.advance(10).ok('tried.add', { entryId: 'e1', what: 'Rolled back 4812' });
    w.hub.advance(20);
    const quiet = run(w);
    expect(deadlines(quiet)).toEqual(['ack-timeout 2026-03-27T11:10:00.000Z s0r1']);
    w.hub.advance(10);
    run(w);
    expect(pageLog(w)).toEqual(['10:30 sent ack-timeout s0r0 Ana', '11:10 sent ack-timeout s0r1 Ana']);
  });

  it('stops once mitigated', () => {
    const w = world();
    declare(w, 'SEV-1', 'investigating');
    w.hub.advance(20).ok('incident.change_status', { status: 'mitigated' });
    w.hub.advance(60);
    expect(run(w)).toEqual({ records: [], unrouted: null, deadlines: [] });
    expect(pageLog(w)).toEqual([]);
  });

  it('holds an ack-timeout page outside the window and sends it when it opens if still nobody acted', () => {
    const w = world('2026-03-27T15:00:00.000Z'); // Friday 16:00 CET, SEV-3: 4 hours
    declare(w, 'SEV-3', 'investigating');
    w.hub.now = '2026-03-27T19:00:00.000Z';
    run(w);
    expect(pageLog(w)).toEqual(['19:00 held ack-timeout s0r0 Ana until 2026-03-30T07:00:00.000Z']);
    w.hub.now = '2026-03-30T07:00:00.000Z';
    run(w);
    expect(pageLog(w).at(-1)).toBe('07:00 sent ack-timeout s0r0 Ana');
  });

  it('does not send a held ack-timeout page when someone acted since (it waits until overdue again)', () => {
    const w = world('2026-03-27T15:00:00.000Z');
    declare(w, 'SEV-3', 'investigating');
    w.hub.now = '2026-03-27T19:00:00.000Z';
    run(w);
    w.hub.now = '2026-03-30T06:00:00.000Z';
    w.hub.ok('status_update.post', { updateId: 'u1', text: 'Still looking', audience: 'internal' }, { actor: alice });
    w.hub.now = '2026-03-30T07:00:00.000Z';
    const waiting = run(w);
    expect(pageLog(w)).toHaveLength(1);
    expect(deadlines(waiting)).toEqual(['release 2026-03-30T10:00:00.000Z s0r0']);
    w.hub.now = '2026-03-30T10:00:00.000Z';
    run(w);
    expect(pageLog(w).at(-1)).toBe('10:00 sent ack-timeout s0r0 Ana');
    expect(w.hub.incident().pages).toHaveLength(1);
  });
});

describe('the acknowledgement timeout across time zones', () => {
  it('pages someone held in another zone once when their window opens, without doubling up on later rounds', () => {
    const w = world('2026-03-25T10:00:00.000Z'); // Wednesday 11:00 CET; 03:00 in Los Angeles (PDT)
    w.profiles[cy.id] = defaultProfile('America/Los_Angeles');
    declare(w, 'SEV-2', 'investigating'); // acknowledged; SEV-2 re-pages after 60 minutes in extended hours
    for (let hour = 0; hour < 5; hour++) {
      w.hub.advance(60);
      run(w);
    }
    const cyPages = pageLog(w).filter((line) => line.endsWith('Cy') || line.includes(' Cy until'));
    expect(cyPages).toEqual([
      '13:00 held ack-timeout s2r2 Cy until 2026-03-25T15:00:00.000Z',
      '14:00 held ack-timeout s2r3 Cy until 2026-03-25T15:00:00.000Z',
      '15:00 sent ack-timeout s2r3 Cy', // the latest round only: round 2's hold is superseded
    ]);
    // Delivering the held page counts as the re-page of that hour: the next round is a timeout later.
    expect(pageLog(w).filter((line) => line.startsWith('15:00'))).toEqual(['15:00 sent ack-timeout s2r3 Cy']);
    expect(deadlines(run(w))).toEqual(['ack-timeout 2026-03-25T16:00:00.000Z s2r4']);
  });
});

describe('what counts as a person attending, and page ids', () => {
  it('ignores pages and alerts, and the hub’s own actor', () => {
    const w = world();
    declare(w);
    const [declared] = w.hub.log;
    const page = w.hub.log.find((e) => e.type === 'page.sent');
    expect(declared && isPersonActivity(declared)).toBe(true);
    expect(page && isPersonActivity(page)).toBe(false);
    expect(lastPersonActivity(w.hub.log)).toBe(Date.parse(FRIDAY));
    expect(lastPersonActivity([])).toBeNull();
  });

  it('keeps ids within 64 characters, hashing long ones stably', () => {
    expect(pageIdFor('inc-1', 's0-r0', 'u-ana')).toBe('inc-1-s0-r0-u-ana');
    const long = pageIdFor('i'.repeat(64), 's2-r10', 'u_' + 'x'.repeat(12));
    expect(long).toMatch(/^pg-[0-9a-f]{16}$/);
    expect(long).toBe(pageIdFor('i'.repeat(64), 's2-r10', 'u_' + 'x'.repeat(12)));
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
  });
});

const dan = { id: 'u-dan', name: 'Dan' };
const eve = { id: 'u-eve', name: 'Eve' };

const search = rotationSchema.parse({
  id: 'rot-search',
  name: 'Search',
  members: [dan, eve, ana],
  handoffTime: '09:00',
  shift: 'weekly',
  timeZone: 'Europe/Berlin',
  startDate: '2026-03-23',
});

describe('nobody to page: an incident that should page but has no one is reported, once per cause', () => {
  it('reports "no rotation covers <service>" for an unacknowledged incident, with a stable command id', () => {
    const w = world();
    w.rotation = false;
    w.hub.declare({ severity: 'SEV-1', status: 'triage', service: ' search ' });
    const a = nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now));
    const b = nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now));
    expect(a).toEqual(b);
    expect(a.unrouted?.commandId).toMatch(/^hub-unrouted-[0-9a-f]{16}$/);
    expect(a.unrouted?.payload).toEqual({ severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' });
    run(w);
    expect(w.hub.incident().unrouted).toEqual({
      at: w.hub.now,
      severity: 'SEV-1',
      service: 'search',
      reason: 'no rotation covers search',
    });
    // Recorded: asked again, the same cause is not reported again.
    w.hub.advance(30);
    expect(nextPagingAction(w.hub.incident(), contextOf(w), Date.parse(w.hub.now)).unrouted).toBeNull();
    expect(w.hub.log.filter((e) => e.type === 'page.unrouted')).toHaveLength(1);
  });

  it('says so when the incident names no service and there is no default rotation', () => {
    const w = world();
    w.rotation = false;
    w.hub.declare({ severity: 'SEV-2', status: 'triage', service: '' });
    expect(run(w).unrouted?.payload).toEqual({
      severity: 'SEV-2',
      service: '',
      reason: 'the incident names no service and there is no default rotation',
    });
  });

  it('reports "nobody is on call in <rotation>" when the rotation pages no one', () => {
    const w = world();
    w.hub.declare({ severity: 'SEV-1', status: 'triage', service: 'checkout' });
    const empty = (ms: number) => ({
      ...escalationPlan(DEFAULT_ESCALATION_POLICY, 'SEV-1', checkout, [], ms),
      steps: [],
    });
    const action = nextPagingAction(w.hub.incident(), { ...contextOf(w), planAt: empty }, Date.parse(w.hub.now));
    expect(action.records).toEqual([]);
    expect(action.unrouted?.payload.reason).toBe('nobody is on call in Checkout');
  });

  it('reports again when the severity is raised: a new severity is a new cause with its own command id', () => {
    const w = world();
    w.rotation = false;
    w.hub.declare({ severity: 'SEV-2', status: 'triage', service: 'search' });
    const first = run(w).unrouted;
    w.hub.advance(2).ok('incident.change_severity', { severity: 'SEV-1', reason: 'All of search is down' });
    const second = run(w).unrouted;
    expect(second?.payload).toEqual({ severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' });
    expect(second?.commandId).not.toBe(first?.commandId);
    expect(w.hub.log.filter((e) => e.type === 'page.unrouted').map((e) => e.payload.severity)).toEqual([
      'SEV-2',
      'SEV-1',
    ]);
  });

  it('reports nothing for an acknowledged or declined incident', () => {
    const acked = world();
    acked.rotation = false;
    acked.hub.declare({ severity: 'SEV-1', status: 'investigating', service: 'search' });
    expect(run(acked).unrouted).toBeNull();

    const declined = world();
    declined.rotation = false;
    declined.hub.declare({ severity: 'SEV-1', status: 'triage', service: 'search' });
    declined.hub.ok('incident.change_status', { status: 'declined', reason: 'A test alert' });
    expect(run(declined)).toEqual({ records: [], unrouted: null, deadlines: [] });
  });

  it('pages as soon as a rotation covers the service, and the page clears "nobody was paged"', () => {
    const w = world();
    w.rotation = false;
    w.hub.declare({ severity: 'SEV-1', status: 'triage', service: 'checkout' });
    run(w);
    expect(w.hub.incident().unrouted).not.toBeNull();
    w.rotation = true; // an admin routed the service (or named a default rotation)
    w.hub.advance(3);
    run(w);
    expect(pageLog(w)).toEqual(['10:03 sent initial s0r0 Ana']);
    expect(w.hub.incident().unrouted).toBeNull();
  });
});

describe('a chosen rotation: a person picks the rotation to page', () => {
  it('pages the chosen rotation of an unrouted incident from its primary, and escalates on it', () => {
    const w = world();
    w.rotation = false;
    w.rotations = [search];
    w.hub.declare({ severity: 'SEV-1', status: 'triage', service: 'search' });
    run(w);
    w.hub.advance(1).ok('page.choose_rotation', { rotationId: search.id }, { actor: carol });
    expect(w.hub.incident().unrouted).toBeNull();
    run(w);
    w.hub.advance(5);
    run(w);
    expect(pageLog(w)).toEqual(['10:01 sent initial s0r0 Dan', '10:06 sent escalation s1r0 Eve']);
    expect(w.hub.incident().pages.every((p) => p.rotationId === search.id)).toBe(true);
  });

  it('pages the chosen rotation even on an acknowledged incident, until someone acknowledges after its page', () => {
    const w = world();
    w.rotations = [search];
    w.hub.declare({ severity: 'SEV-1', status: 'investigating', service: 'checkout' }, { actor: carol });
    expect(run(w).records).toEqual([]); // declared by a person: acknowledged, nobody paged
    w.hub.advance(2).ok('page.choose_rotation', { rotationId: search.id }, { actor: carol });
    run(w);
    w.hub.advance(5);
    run(w);
    expect(pageLog(w)).toEqual(['10:02 sent initial s0r0 Dan', '10:07 sent escalation s1r0 Eve']);
    w.hub.advance(1).ok('incident.acknowledge', {}, { actor: eve });
    w.hub.advance(29);
    const after = run(w);
    expect(pageLog(w)).toHaveLength(2);
    expect(deadlines(after)).toEqual(['ack-timeout 2026-03-27T10:38:00.000Z s0r0']);
    expect(w.hub.incident().pages.find((p) => p.person.id === eve.id)?.acknowledgedAt).toBe('2026-03-27T10:08:00.000Z');
  });

  it('pages a person again from the chosen rotation though the routed one paged them already', () => {
    const w = world();
    w.rotations = [{ ...search, members: [ana, dan, eve] }];
    declare(w); // checkout pages Ana at 10:00
    w.hub.advance(1).ok('page.choose_rotation', { rotationId: search.id }, { actor: carol });
    run(w);
    expect(pageLog(w)).toEqual(['10:00 sent initial s0r0 Ana', '10:01 sent initial s0r0 Ana']);
    expect(new Set(w.hub.incident().pages.map((p) => p.id)).size).toBe(2);
  });

  it('falls back to the service route when the chosen rotation no longer exists', () => {
    const w = world();
    w.hub.declare({ severity: 'SEV-1', status: 'triage', service: 'checkout' });
    w.hub.ok('page.choose_rotation', { rotationId: 'rot-deleted' }, { actor: carol });
    run(w);
    expect(pageLog(w)).toEqual(['10:00 sent initial s0r0 Ana']);
  });
});
