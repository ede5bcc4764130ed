/**
 * Property-style test without a library: seeded random command streams run through the hub-in-a-test.
 * Whatever decide accepts must apply, every event must pass the wire schema, a refusal must leave the
 * state alone, and every incident must stay consistent. A failure names its seed and step to replay.
 */
import { describe, expect, it } from 'vitest';
import { applyAll } from './apply.js';
import { TEMPLATE_IDS } from './checklist-templates.js';
import { COMMAND_TYPES, HUB_ONLY_COMMANDS, type CommandType } from './commands.js';
import type { Decision } from './decide.js';
import { ERROR_CODES } from './errors.js';
import { domainEventSchema } from './events.js';
import { FOLLOWUP_STATES, type Incident } from './incident.js';
import { DEFAULT_POLICY } from './decide-policy.js';
import { SEVERITIES, isMoreSevere } from './severity.js';
import { incidentServiceState } from '../status-page/service-state.js';
import { EMPTY_STATE, incidentsStateSchema, type IncidentsState } from './state.js';
import { ROLES } from './roles.js';
import { STATUSES } from './status.js';
import { SeededRandom, TestHub, alice, bob, carol, minutesAfter } from './test-support.js';

const PEOPLE = [alice, bob, carol];
const INCIDENT_IDS = ['inc-1', 'inc-2', 'inc-3'];
const DOMAIN_CODES = new Set(ERROR_CODES.slice(ERROR_CODES.indexOf('not_found')));

/** Sends one random command, mostly naming things that exist so that many are accepted. */
function sendRandom(hub: TestHub, r: SeededRandom): { type: CommandType; decision: Decision } {
  const incidentId = r.pick(INCIDENT_IDS);
  const incident = hub.state.incidents[incidentId];
  const checklists = incident?.checklists ?? [];
  const checklistId = checklists.length && r.chance(0.8) ? r.pick(checklists).id : r.pick(['c-1', 'tpl-sev-1']);
  const items = checklists.find((c) => c.id === checklistId)?.items ?? [];
  const itemId = items.length && r.chance(0.8) ? r.pick(items).id : r.pick(['i-1', `${checklistId}-1`]);
  const past = (max: number) => minutesAfter(hub.now, -r.int(max));
  const options = { incidentId, actor: r.pick(PEOPLE), clientAt: minutesAfter(hub.now, r.int(40) - 30) };
  const type = r.pick(COMMAND_TYPES);
  const send = (decision: Decision) => ({ type, decision });
  switch (type) {
    case 'incident.declare':
      return send(
        hub.send(
          type,
          {
            title: `Incident ${r.int(100)}`,
            severity: r.pick(SEVERITIES),
            status: r.pick(['triage', 'investigating'] as const),
            lead: r.chance(0.3) ? r.pick(PEOPLE) : null,
            impactStartedAt: r.chance(0.5) ? past(120) : null,
            detectedAt: r.chance(0.3) ? past(60) : null,
          },
          options,
        ),
      );
    case 'incident.update':
      return send(
        hub.send(
          type,
          r.pick([
            { title: r.pick(['A', 'B']) },
            { team: 'core' },
            { detectedAt: past(60) },
            { impactStartedAt: null },
          ]),
          options,
        ),
      );
    case 'incident.change_severity':
      return send(hub.send(type, { severity: r.pick(SEVERITIES), reason: 'r' }, options));
    case 'incident.change_status':
      // Resolved more often than the rest: postmortems (and closing) need resolved incidents to be reached at all.
      return send(
        hub.send(
          type,
          { status: r.chance(0.25) ? 'resolved' : r.pick(STATUSES), reason: r.pick(['', 'why']) },
          options,
        ),
      );
    case 'incident.acknowledge':
      return send(hub.send(type, {}, options));
    case 'role.assign':
      return send(hub.send(type, { role: r.pick(ROLES), person: r.pick(PEOPLE) }, options));
    case 'role.claim':
      return send(hub.send(type, { role: r.pick(ROLES) }, options));
    case 'role.release':
      return send(
        hub.send(type, { role: r.pick(ROLES), personId: r.chance(0.5) ? r.pick(PEOPLE).id : undefined }, options),
      );
    case 'checklist.create': {
      const id = r.pick(['c-1', 'c-2', 'tpl-role-comms']);
      const payload = r.chance(0.5)
        ? { checklistId: id, templateId: r.pick([...TEMPLATE_IDS, 'bogus']) }
        : { checklistId: id, title: 'Mine', items: ['a', 'b'].slice(0, r.int(3)) };
      return send(hub.send(type, payload, options));
    }
    case 'checklist.add_item':
      return send(hub.send(type, { checklistId, itemId, text: 'x' }, options));
    case 'checklist.set_item':
      return send(hub.send(type, { checklistId, itemId, done: r.chance(0.5) }, options));
    case 'checklist.assign_item':
      return send(hub.send(type, { checklistId, itemId, owner: r.chance(0.3) ? null : r.pick(PEOPLE) }, options));
    case 'tried.strike':
      return send(hub.send(type, { entryId: r.pick(['e-1', 'e-2']), reason: 'mistake' }, options));
    case 'page.choose_rotation':
      return send(hub.send(type, { rotationId: r.pick(['checkout', 'search']) }, options));
    case 'tried.add':
      return send(
        hub.send(
          type,
          { entryId: r.pick(['e-1', 'e-2']), what: 'w', outcome: r.pick(['pending', 'helped'] as const) },
          options,
        ),
      );
    case 'tried.set_outcome':
      return send(
        hub.send(
          type,
          {
            entryId: r.pick(['e-1', 'e-2']),
            outcome: r.pick(['helped', 'no-effect'] as const),
            note: r.pick(['', 'n']),
          },
          options,
        ),
      );
    case 'status_update.post': {
      const external = r.chance(0.3);
      const payload = {
        updateId: r.pick(['u-1', 'u-2', 'u-3']),
        text: 't',
        audience: external ? ('external' as const) : ('internal' as const),
        ...(external && r.chance(0.5) ? { publicTitle: r.pick(['Slow checkout', 'Errors']) } : {}),
      };
      return send(hub.send(type, payload, options));
    }
    case 'incident.set_public':
      return send(
        hub.send(
          type,
          r.pick([
            { title: r.pick(['Slow checkout', 'Errors']) },
            { override: r.pick([null, 'major_outage'] as const) },
          ]),
          options,
        ),
      );
    case 'postmortem.publish': {
      // Mostly on top of the current revision, sometimes on a stale or made-up one (a conflict).
      const current = incident?.postmortem?.revision ?? null;
      const baseRevision = r.chance(0.8) ? current : r.pick([null, 'r-old']);
      const payload = { revision: `r-${r.int(1000)}`, baseRevision, markdown: `# Postmortem ${r.int(3)}` };
      return send(hub.send(type, payload, options));
    }
    case 'followup.add':
      return send(
        hub.send(
          type,
          { followupId: r.pick(['f-1', 'f-2']), text: 'Do better', owner: r.chance(0.5) ? r.pick(PEOPLE) : null },
          options,
        ),
      );
    case 'followup.set_state':
      return send(hub.send(type, { followupId: r.pick(['f-1', 'f-2']), state: r.pick(FOLLOWUP_STATES) }, options));
    case 'followup.assign':
      return send(
        hub.send(type, { followupId: r.pick(['f-1', 'f-2']), owner: r.chance(0.7) ? r.pick(PEOPLE) : null }, options),
      );
    case 'alert.receive':
    case 'page.record':
    case 'page.report_unrouted':
    case 'page.record_delivery':
      // Hub-only commands have their own tests (decide-alerts.test.ts); the random walk covers what people send.
      return send(hub.send('incident.acknowledge', {}, options));
  }
}

const unique = (ids: readonly string[]) => new Set(ids).size === ids.length;

/** Everything that must hold of an incident whatever happened to it; returns what does not. */
function problems(incident: Incident): string[] {
  const m = incident.moments;
  const set = (v: string | null) => v !== null;
  const expected: Record<Incident['status'], [boolean, boolean, boolean]> = {
    triage: [false, false, false],
    investigating: [false, false, false],
    mitigated: [true, false, false],
    resolved: [true, true, false],
    closed: [true, true, true],
    declined: [false, false, true],
  };
  const found: string[] = [];
  const moments = [set(m.mitigatedAt), set(m.resolvedAt), set(m.closedAt)];
  if (JSON.stringify(moments) !== JSON.stringify(expected[incident.status]))
    found.push(`moments ${JSON.stringify(moments)} do not fit ${incident.status}`);
  if (['investigating', 'mitigated', 'resolved', 'closed'].includes(incident.status) && !m.acknowledgedAt)
    found.push(`${incident.status} but not acknowledged`);
  if (!unique(incident.checklists.map((c) => c.id))) found.push('duplicate checklist ids');
  for (const c of incident.checklists) {
    if (!unique(c.items.map((i) => i.id))) found.push(`duplicate items in ${c.id}`);
    for (const i of c.items) if ((i.doneAt === null) !== (i.doneBy === null)) found.push(`item ${i.id} half done`);
  }
  if (!incident.checklists.some((c) => c.id === 'tpl-role-lead')) found.push('no lead checklist');
  if (!unique(incident.roles.fixers.map((f) => f.id))) found.push('duplicate fixers');
  if (!unique(incident.tried.map((e) => e.id))) found.push('duplicate tried entries');
  if (!unique(incident.statusUpdates.map((u) => u.id))) found.push('duplicate status updates');
  if (!unique(incident.followups.map((f) => f.id))) found.push('duplicate follow-ups');
  if (isMoreSevere(incident.severity, incident.highestSeverity)) found.push('severity above the highest reached');
  // The status page's log of service states: in time order, one entry per change, ending where the incident is.
  const states = incident.public.states;
  if (states.some((s, i) => i > 0 && (s.at < (states[i - 1]?.at ?? '') || s.state === states[i - 1]?.state)))
    found.push('public states out of order or repeated');
  if (states.at(-1)?.state !== incidentServiceState(incident, incident.public.override))
    found.push('public state does not follow the incident');
  if ((incident.public.publishedAt !== null) !== incident.statusUpdates.some((u) => u.audience === 'external'))
    found.push('published without an external update, or the other way round');
  if (incident.public.publishedAt !== null && incident.public.title === null) found.push('published without a title');
  // The review gate: nothing the gate covers gets closed without a published postmortem.
  if (
    incident.status === 'closed' &&
    DEFAULT_POLICY.reviewGate.includes(incident.highestSeverity) &&
    incident.postmortem === null
  )
    found.push(`closed ${incident.highestSeverity} without a postmortem`);
  return found;
}

function stateProblems(state: IncidentsState): string[] {
  const incidents = Object.values(state.incidents);
  const numbers = incidents.map((i) => i.number);
  const found = incidents.flatMap((i) => problems(i).map((p) => `${i.id}: ${p}`));
  if (new Set(numbers).size !== numbers.length) found.push('duplicate incident numbers');
  if (numbers.some((n) => n >= state.nextNumber)) found.push('nextNumber is taken');
  if (incidents.some((i) => i.lastSeq > state.seq)) found.push('an incident is ahead of the state');
  if (!incidentsStateSchema.safeParse(state).success) found.push('state does not match its schema');
  return found;
}

describe('random command streams', () => {
  it('keep decide and apply in agreement and every incident consistent', () => {
    const accepted = new Map<string, number>();
    const statuses = new Set<string>();
    for (let seed = 1; seed <= 150; seed += 1) {
      const r = new SeededRandom(seed);
      const hub = new TestHub();
      for (let step = 0; step < 100; step += 1) {
        const where = `seed ${seed}, step ${step}`;
        hub.advance(r.int(10));
        const before = hub.state;
        const logLength = hub.log.length;
        const { type, decision } = sendRandom(hub, r);
        if (decision.ok) {
          accepted.set(type, (accepted.get(type) ?? 0) + 1);
          expect(decision.events.length, where).toBeGreaterThan(0);
          for (const event of hub.log.slice(logLength))
            expect(domainEventSchema.safeParse(event).success, `${where}: ${event.type} on the wire`).toBe(true);
        } else {
          expect(DOMAIN_CODES.has(decision.error.code), `${where}: ${decision.error.code}`).toBe(true);
          expect(decision.error.message, where).not.toBe('');
          // A refusal is read by a person: no programming word leaks into it.
          expect(decision.error.message, where).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\[object /);
          expect(hub.state, where).toBe(before);
        }
        expect(hub.state.seq, where).toBe(hub.log.length);
        expect(stateProblems(hub.state), where).toEqual([]);
        for (const incident of Object.values(hub.state.incidents)) statuses.add(incident.status);
      }
      expect(applyAll(EMPTY_STATE, hub.log), `seed ${seed}: replay`).toEqual(hub.state);
    }
    // The streams are only worth something if they reach every command.
    for (const type of COMMAND_TYPES.filter((t) => !HUB_ONLY_COMMANDS.includes(t)))
      expect(accepted.get(type) ?? 0, type).toBeGreaterThan(5);
    expect([...statuses].sort()).toEqual([...STATUSES].sort());
  });
});
