import { describe, expect, it } from 'vitest';
import type { Decision } from './decide.js';
import { INC, TestHub, alice, bob, carol } from './test-support.js';

function hubLedByAlice(): TestHub {
  const hub = new TestHub();
  hub.declare();
  return hub;
}

const codeOf = (decision: Decision) => (decision.ok ? 'accepted' : decision.error.code);
const checklistIds = (hub: TestHub) => hub.incident().checklists.map((c) => c.id);

describe('role.assign', () => {
  it('hands the lead over, naming who it replaced', () => {
    const hub = hubLedByAlice();
    expect(hub.send('role.assign', { role: 'lead', person: bob })).toEqual({
      ok: true,
      events: [{ type: 'role.assigned', incidentId: INC, payload: { role: 'lead', person: bob, replaced: alice } }],
    });
    expect(hub.incident().roles.lead).toEqual(bob);
    expect(checklistIds(hub)).toEqual(['tpl-sev-2', 'tpl-role-lead']);
  });

  it('adds the role checklist the first time a role is filled, and only then', () => {
    const hub = hubLedByAlice();
    const decision = hub.send('role.assign', { role: 'comms', person: bob });
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['role.assigned', 'checklist.created']);
    expect(decision.ok && decision.events[1]).toMatchObject({
      payload: { checklistId: 'tpl-role-comms', templateId: 'role-comms', title: 'Communication Lead' },
    });
    hub.ok('role.release', { role: 'comms' });
    const again = hub.ok('role.assign', { role: 'comms', person: carol });
    expect(again.map((e) => e.type)).toEqual(['role.assigned']);
    expect(checklistIds(hub)).toEqual(['tpl-sev-2', 'tpl-role-lead', 'tpl-role-comms']);
  });

  it('adds fixers beside each other, with one fixer checklist', () => {
    const hub = hubLedByAlice();
    hub.ok('role.assign', { role: 'fixer', person: bob });
    const second = hub.ok('role.assign', { role: 'fixer', person: carol });
    expect(second).toHaveLength(1);
    expect(second[0]?.payload).toEqual({ role: 'fixer', person: carol, replaced: null });
    expect(hub.incident().roles.fixers).toEqual([bob, carol]);
    expect(checklistIds(hub)).toContain('tpl-role-fixer');
  });

  it('refuses to give someone a role they hold', () => {
    const hub = hubLedByAlice();
    expect(hub.send('role.assign', { role: 'lead', person: alice })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'Alice is already Incident Lead.' },
    });
    hub.ok('role.assign', { role: 'fixer', person: bob });
    expect(codeOf(hub.send('role.assign', { role: 'fixer', person: bob }))).toBe('no_change');
  });
});

describe('role.claim', () => {
  it('refuses the lead while someone else holds it, saying how to get it', () => {
    const hub = hubLedByAlice();
    expect(hub.send('role.claim', { role: 'lead' }, { actor: bob })).toEqual({
      ok: false,
      error: {
        code: 'role_taken',
        message: 'Alice is Incident Lead. Ask them to hand over, or assign the role to yourself.',
      },
    });
  });

  it('refuses comms while someone else holds it', () => {
    const hub = hubLedByAlice();
    hub.ok('role.claim', { role: 'comms' }, { actor: bob });
    expect(codeOf(hub.send('role.claim', { role: 'comms' }, { actor: carol }))).toBe('role_taken');
  });

  it('gives a free role to whoever claims it', () => {
    const hub = hubLedByAlice();
    hub.ok('role.release', { role: 'lead' });
    const events = hub.ok('role.claim', { role: 'lead' }, { actor: bob });
    expect(events.map((e) => e.payload)).toEqual([{ role: 'lead', person: bob, replaced: null }]);
    expect(hub.incident().roles.lead).toEqual(bob);
  });

  it('lets anyone claim fixer, however many fixers there are', () => {
    const hub = hubLedByAlice();
    hub.ok('role.claim', { role: 'fixer' }, { actor: bob });
    hub.ok('role.claim', { role: 'fixer' }, { actor: carol });
    expect(hub.incident().roles.fixers).toEqual([bob, carol]);
  });

  it('refuses to claim what the actor already holds', () => {
    const hub = hubLedByAlice();
    expect(codeOf(hub.send('role.claim', { role: 'lead' }))).toBe('no_change');
  });
});

describe('role.release', () => {
  it('releases the lead from whoever holds it', () => {
    const hub = hubLedByAlice();
    expect(hub.send('role.release', { role: 'lead' }, { actor: bob })).toEqual({
      ok: true,
      events: [{ type: 'role.released', incidentId: INC, payload: { role: 'lead', person: alice } }],
    });
    expect(hub.incident().roles.lead).toBeNull();
  });

  it('refuses when the named person does not hold the role, or nobody does', () => {
    const hub = hubLedByAlice();
    expect(hub.send('role.release', { role: 'lead', personId: bob.id })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'Nobody with that id holds Incident Lead.' },
    });
    expect(hub.send('role.release', { role: 'comms' })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'Nobody holds Communication Lead.' },
    });
  });

  it('releases the actor as fixer by default, or the fixer named', () => {
    const hub = hubLedByAlice();
    hub.ok('role.claim', { role: 'fixer' }, { actor: bob });
    hub.ok('role.claim', { role: 'fixer' }, { actor: carol });
    expect(codeOf(hub.send('role.release', { role: 'fixer' }))).toBe('no_change');
    const mine = hub.ok('role.release', { role: 'fixer' }, { actor: carol });
    expect(mine[0]?.payload).toEqual({ role: 'fixer', person: carol });
    hub.ok('role.release', { role: 'fixer', personId: bob.id });
    expect(hub.incident().roles.fixers).toEqual([]);
  });
});
