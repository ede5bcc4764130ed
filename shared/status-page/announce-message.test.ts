import { describe, expect, it } from 'vitest';
import { applyAll } from '../domain/apply.js';
import type { Command } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { stampEvents, type DomainEvent } from '../domain/events.js';
import type { Person } from '../domain/primitives.js';
import { EMPTY_STATE, type IncidentsState } from '../domain/state.js';
import { alice, bob, command, INC, minutesAfter, T0 } from '../domain/test-support.js';
import { announcementsOf, channelTakes, testAnnounceMessage, type Announcement } from './announce-message.js';
import { ANNOUNCE_EVENTS } from './announcements.js';

const url = (id: string): string => `https://warroom.example/#/incident/${id}`;

/** A hub in a test: decides, stamps, applies; returns the committed events and the state after them. */
function commit(
  state: IncidentsState,
  cmd: Command,
  actor: Person = alice,
  minute = 1,
): { state: IncidentsState; events: DomainEvent[] } {
  const decision = decide(state, cmd, actor, minutesAfter(T0, minute));
  if (!decision.ok) throw new Error(`refused: ${decision.error.message}`);
  const events = stampEvents(decision.events, {
    firstSeq: state.seq + 1,
    at: minutesAfter(T0, minute),
    clientAt: cmd.clientAt,
    actor,
    commandId: cmd.commandId,
  });
  return { state: applyAll(state, events), events };
}

function declared(severity: 'SEV-1' | 'SEV-2' | 'SEV-3' = 'SEV-1'): { state: IncidentsState; events: DomainEvent[] } {
  return commit(
    EMPTY_STATE,
    command('incident.declare', { title: 'Checkout <down> & out', severity, service: 'payments-api' }),
  );
}

function announce(step: { state: IncidentsState; events: DomainEvent[] }): Announcement[] {
  return announcementsOf(step.events, step.state, url);
}

describe('announcementsOf', () => {
  it('a declaration is one message: headline, facts with the lead it was declared with, the incident link', () => {
    const list = announce(declared());
    expect(list).toHaveLength(1);
    const [a] = list;
    expect(a?.wantedBy).toEqual(['declared']);
    expect(a?.severities).toEqual(['SEV-1']);
    expect(a?.incidentId).toBe(INC);
    expect(a?.message).toEqual({
      what: 'declared',
      headline: 'INC-1 declared: SEV-1 Checkout <down> & out',
      facts: [
        { label: 'Severity', value: 'SEV-1' },
        { label: 'Status', value: 'Investigating' },
        { label: 'Lead', value: 'Alice' },
        { label: 'Service', value: 'payments-api' },
      ],
      text: '',
      link: { label: 'Open INC-1 in Warroom', url: url(INC) },
      severity: 'SEV-1',
      broadcast: false,
    });
  });

  it('a severity change reaches channels of the old and of the new severity, with its reason', () => {
    const start = declared('SEV-1');
    const step = commit(start.state, command('incident.change_severity', { severity: 'SEV-2', reason: 'contained' }));
    const [a] = announce(step);
    expect(a?.message.what).toBe('severity_changed');
    expect(a?.message.headline).toBe('INC-1 lowered to SEV-2 (was SEV-1): Checkout <down> & out');
    expect(a?.message.text).toBe('contained');
    expect(a?.message.severity).toBe('SEV-2');
    expect(a?.severities).toEqual(['SEV-1', 'SEV-2']);
    const sev1Only = { severities: ['SEV-1'], events: [...ANNOUNCE_EVENTS] };
    const sev3Only = { severities: ['SEV-3'], events: [...ANNOUNCE_EVENTS] };
    expect(a && channelTakes(sev1Only, a)).toBe(true);
    expect(a && channelTakes(sev3Only, a)).toBe(false);
  });

  it('a new lead is announced with who led before; the lead named at declaration is not a message of its own', () => {
    const start = declared();
    expect(announce(start).map((a) => a.message.what)).toEqual(['declared']);
    const step = commit(start.state, command('role.assign', { role: 'lead', person: bob }));
    const [a] = announce(step);
    expect(a?.message.headline).toBe('INC-1 lead: Bob (was Alice): Checkout <down> & out');
    expect(a?.message.facts).toContainEqual({ label: 'Lead', value: 'Bob' });
    expect(a?.wantedBy).toEqual(['lead_changed']);
    // The declaration's events cut apart (a catch-up page ending between them): still no lead message.
    const [declaredEvent, leadEvent] = start.events;
    expect(declaredEvent?.type).toBe('incident.declared');
    expect(leadEvent && announcementsOf([leadEvent], start.state, url)).toEqual([]);
  });

  it('other roles are not announced', () => {
    const start = declared();
    expect(announce(commit(start.state, command('role.assign', { role: 'comms', person: bob })))).toEqual([]);
  });

  it('mitigated, resolved (seen by the whole channel when threaded), reopened; acknowledging and closing say nothing', () => {
    let step = declared();
    step = commit(step.state, command('incident.change_status', { status: 'mitigated', reason: 'rolled back' }));
    expect(
      announce(step).map((a) => [a.message.what, a.message.headline, a.message.text, a.message.broadcast]),
    ).toEqual([['mitigated', 'INC-1 mitigated: SEV-1 Checkout <down> & out', 'rolled back', false]]);
    step = commit(step.state, command('incident.change_status', { status: 'resolved' }));
    expect(announce(step).map((a) => [a.message.what, a.message.broadcast, a.wantedBy])).toEqual([
      ['resolved', true, ['resolved']],
    ]);
    step = commit(
      step.state,
      command('incident.change_status', { status: 'investigating', reason: 'errors are back' }),
    );
    expect(announce(step).map((a) => [a.message.what, a.message.headline, a.message.text, a.wantedBy])).toEqual([
      [
        'reopened',
        'INC-1 reopened: SEV-1 Checkout <down> & out',
        'errors are back',
        ['declared', 'mitigated', 'resolved'],
      ],
    ]);
    step = commit(step.state, command('incident.change_status', { status: 'resolved' }));
    step = commit(step.state, command('postmortem.publish', { revision: 'r1', baseRevision: null, markdown: '# PM' }));
    step = commit(step.state, command('incident.change_status', { status: 'closed' }));
    expect(announce(step)).toEqual([]);
    const triage = commit(
      EMPTY_STATE,
      command('incident.declare', { title: 'Disk', severity: 'SEV-3', status: 'triage' }),
    );
    expect(announce(commit(triage.state, command('incident.change_status', { status: 'investigating' })))).toEqual([]);
  });

  it('a triage incident that is declined reaches channels that hear declarations or resolutions', () => {
    let step = commit(
      EMPTY_STATE,
      command('incident.declare', { title: 'Disk alarm', severity: 'SEV-3', status: 'triage' }),
    );
    step = commit(step.state, command('incident.change_status', { status: 'declined', reason: 'flapping monitor' }));
    const [a] = announce(step);
    expect(a?.message.headline).toBe('INC-1 declined (not an incident): Disk alarm');
    expect(a?.wantedBy).toEqual(['declared', 'resolved']);
    expect(a?.message.facts).toContainEqual({ label: 'Service', value: 'not named' });
  });

  it('internal updates carry their text; external ones are left to the status page', () => {
    const start = declared();
    const internal = commit(
      start.state,
      command('status_update.post', { updateId: 'u1', text: 'DB failover\nin progress', audience: 'internal' }),
    );
    expect(announce(internal).map((a) => [a.message.what, a.message.headline, a.message.text])).toEqual([
      ['internal_update', 'INC-1 update: SEV-1 Checkout <down> & out', 'DB failover\nin progress'],
    ]);
    const external = commit(
      internal.state,
      command('status_update.post', {
        updateId: 'u2',
        text: 'We are looking into it',
        audience: 'external',
        publicTitle: 'Checkout problems',
      }),
    );
    expect(external.events.some((e) => e.type === 'status_update.posted')).toBe(true);
    expect(announce(external)).toEqual([]);
  });

  it('the first publication of a postmortem is announced, its revisions are not', () => {
    let step = declared();
    step = commit(step.state, command('incident.change_status', { status: 'resolved' }));
    step = commit(step.state, command('postmortem.publish', { revision: 'r1', baseRevision: null, markdown: '# PM' }));
    expect(announce(step).map((a) => [a.message.what, a.message.headline])).toEqual([
      ['postmortem_published', 'INC-1 postmortem published: Checkout <down> & out'],
    ]);
    step = commit(
      step.state,
      command('postmortem.publish', { revision: 'r2', baseRevision: 'r1', markdown: '# PM 2' }),
    );
    expect(announce(step)).toEqual([]);
  });

  it('channelTakes: the severity and the kind must both be picked', () => {
    const [a] = announce(declared('SEV-1'));
    if (!a) throw new Error('no announcement');
    expect(channelTakes({ severities: ['SEV-1'], events: ['declared'] }, a)).toBe(true);
    expect(channelTakes({ severities: ['SEV-1'], events: ['resolved'] }, a)).toBe(false);
    expect(channelTakes({ severities: ['SEV-2', 'SEV-3'], events: ['declared'] }, a)).toBe(false);
  });

  it('the test message names the page', () => {
    expect(testAnnounceMessage('Acme status', 'https://warroom.example')).toMatchObject({
      what: 'test',
      headline: 'Warroom test message from Acme status',
      link: { label: 'Open Warroom', url: 'https://warroom.example' },
      severity: null,
    });
  });
});
