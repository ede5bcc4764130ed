/** The reducer on the records an incident collects: roles, checklists, tried entries and status updates. */
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from './apply.js';
import type { EventPayload } from './events.js';
import type { IncidentsState } from './state.js';
import { T0, alice, applyNext, bob, carol, declaredState, incidentIn, minutesAfter } from './test-support.js';

const T1 = minutesAfter(T0, 1);
const T2 = minutesAfter(T0, 2);
const T3 = minutesAfter(T0, 3);
const inc = (state: IncidentsState) => incidentIn(state);

describe('role.assigned and role.released', () => {
  const assign = (state: IncidentsState, role: 'lead' | 'comms' | 'fixer', person = alice) =>
    applyNext(state, 'role.assigned', { role, person, replaced: null });

  it('sets the lead, and hands it over', () => {
    let state = assign(declaredState(), 'lead', alice);
    expect(inc(state).roles.lead).toEqual(alice);
    state = applyNext(state, 'role.assigned', { role: 'lead', person: bob, replaced: alice });
    expect(inc(state).roles).toEqual({ lead: bob, comms: null, fixers: [] });
  });

  it('sets comms beside the lead', () => {
    const state = assign(assign(declaredState(), 'lead', alice), 'comms', bob);
    expect(inc(state).roles).toEqual({ lead: alice, comms: bob, fixers: [] });
  });

  it('adds fixers in order, each once', () => {
    let state = assign(assign(declaredState(), 'fixer', alice), 'fixer', bob);
    const roles = inc(state).roles;
    state = assign(state, 'fixer', { id: alice.id, name: 'Alice again' });
    expect(inc(state).roles.fixers).toEqual([alice, bob]);
    expect(inc(state).roles).toBe(roles);
  });

  it('releases the lead when the holder is named', () => {
    let state = assign(assign(declaredState(), 'lead', alice), 'comms', bob);
    state = applyNext(state, 'role.released', { role: 'lead', person: alice });
    expect(inc(state).roles).toEqual({ lead: null, comms: bob, fixers: [] });
  });

  it('rejects a release naming someone who does not hold the role', () => {
    const state = assign(declaredState(), 'lead', alice);
    expect(() => applyNext(state, 'role.released', { role: 'lead', person: bob })).toThrow(InvalidEventError);
    const fixers = assign(state, 'fixer', carol);
    expect(() => applyNext(fixers, 'role.released', { role: 'fixer', person: bob })).toThrow(/does not hold fixer/);
  });

  it('removes one fixer and keeps the others', () => {
    let state = assign(assign(assign(declaredState(), 'fixer', alice), 'fixer', bob), 'fixer', carol);
    state = applyNext(state, 'role.released', { role: 'fixer', person: bob });
    expect(inc(state).roles.fixers).toEqual([alice, carol]);
  });
});

describe('checklists', () => {
  const created = (
    items = [
      { id: 'c-1-1', text: 'Page on-call' },
      { id: 'c-1-2', text: 'Post update' },
    ],
  ) =>
    applyNext(
      declaredState(),
      'checklist.created',
      { checklistId: 'c-1', title: 'Response', templateId: 'sev-2', items },
      {
        actor: bob,
      },
    );

  it('creates a checklist with open items added by the actor', () => {
    expect(inc(created()).checklists).toEqual([
      {
        id: 'c-1',
        title: 'Response',
        templateId: 'sev-2',
        items: [
          { id: 'c-1-1', text: 'Page on-call', addedBy: bob, doneBy: null, doneAt: null, owner: null },
          { id: 'c-1-2', text: 'Post update', addedBy: bob, doneBy: null, doneAt: null, owner: null },
        ],
      },
    ]);
  });

  it('appends checklists and refuses a duplicate id', () => {
    const state = applyNext(created(), 'checklist.created', {
      checklistId: 'c-2',
      title: 'Mine',
      templateId: null,
      items: [],
    });
    expect(inc(state).checklists.map((c) => c.id)).toEqual(['c-1', 'c-2']);
    expect(() =>
      applyNext(state, 'checklist.created', { checklistId: 'c-1', title: 'Again', templateId: null, items: [] }),
    ).toThrow(/checklist c-1 exists/);
  });

  it('adds an item at the end', () => {
    const state = applyNext(
      created([]),
      'checklist.item_added',
      { checklistId: 'c-1', itemId: 'x', text: 'Roll back' },
      {
        actor: carol,
      },
    );
    expect(inc(state).checklists[0]?.items).toEqual([
      { id: 'x', text: 'Roll back', addedBy: carol, doneBy: null, doneAt: null, owner: null },
    ]);
  });

  it('refuses an item for an unknown checklist or with a used id', () => {
    const state = created();
    expect(() => applyNext(state, 'checklist.item_added', { checklistId: 'nope', itemId: 'x', text: 't' })).toThrow(
      /no checklist nope/,
    );
    expect(() => applyNext(state, 'checklist.item_added', { checklistId: 'c-1', itemId: 'c-1-1', text: 't' })).toThrow(
      /item c-1-1 exists/,
    );
  });

  it('ticks an item with who and when, and unticks it', () => {
    const before = created();
    const done = applyNext(
      before,
      'checklist.item_set',
      { checklistId: 'c-1', itemId: 'c-1-2', done: true },
      {
        actor: carol,
        clientAt: T2,
        at: T3,
      },
    );
    const [first, second] = inc(done).checklists[0]?.items ?? [];
    expect(second).toMatchObject({ id: 'c-1-2', doneBy: carol, doneAt: T2 });
    expect(first).toBe(inc(before).checklists[0]?.items[0]);
    const undone = applyNext(done, 'checklist.item_set', { checklistId: 'c-1', itemId: 'c-1-2', done: false });
    expect(inc(undone).checklists[0]?.items[1]).toEqual({
      id: 'c-1-2',
      text: 'Post update',
      addedBy: bob,
      doneBy: null,
      doneAt: null,
      owner: null,
    });
  });

  it('refuses to tick an unknown item or an item of an unknown checklist', () => {
    const state = created();
    expect(() => applyNext(state, 'checklist.item_set', { checklistId: 'c-1', itemId: 'c-1-9', done: true })).toThrow(
      /no item c-1-9/,
    );
    expect(() => applyNext(state, 'checklist.item_set', { checklistId: 'c-9', itemId: 'c-1-1', done: true })).toThrow(
      /no checklist c-9/,
    );
  });
});

describe("what we've tried", () => {
  const added = (outcome: EventPayload<'tried.added'>['outcome'] = 'pending') =>
    applyNext(
      declaredState(),
      'tried.added',
      { entryId: 'e-1', what: 'Restart pods', hypothesis: 'Leak', outcome },
      {
        actor: bob,
        clientAt: T1,
      },
    );

  it('adds a pending entry with no outcome author', () => {
    expect(inc(added()).tried).toEqual([
      {
        id: 'e-1',
        what: 'Restart pods',
        hypothesis: 'Leak',
        by: bob,
        at: T1,
        outcome: 'pending',
        outcomeBy: null,
        outcomeAt: null,
        outcomeNote: '',
        struck: null,
      },
    ]);
  });

  it('credits the outcome to the author when it is known at once', () => {
    expect(inc(added('helped')).tried[0]).toMatchObject({ outcome: 'helped', outcomeBy: bob, outcomeAt: T1 });
  });

  it('refuses a duplicate entry', () => {
    const state = added();
    expect(() =>
      applyNext(state, 'tried.added', { entryId: 'e-1', what: 'x', hypothesis: '', outcome: 'pending' }),
    ).toThrow(/entry e-1 exists/);
  });

  it('sets the outcome with who, when and a note', () => {
    const state = applyNext(
      added(),
      'tried.outcome_set',
      { entryId: 'e-1', from: 'pending', to: 'made-worse', note: 'oops' },
      {
        actor: carol,
        clientAt: T2,
      },
    );
    expect(inc(state).tried[0]).toMatchObject({
      by: bob,
      at: T1,
      outcome: 'made-worse',
      outcomeBy: carol,
      outcomeAt: T2,
      outcomeNote: 'oops',
    });
  });

  it('clears who and when when an outcome goes back to pending', () => {
    const helped = added('helped');
    const state = applyNext(helped, 'tried.outcome_set', { entryId: 'e-1', from: 'helped', to: 'pending', note: '' });
    expect(inc(state).tried[0]).toMatchObject({ outcome: 'pending', outcomeBy: null, outcomeAt: null });
  });

  it('rejects an outcome change whose "from" is not the current outcome', () => {
    expect(() =>
      applyNext(added(), 'tried.outcome_set', { entryId: 'e-1', from: 'helped', to: 'no-effect', note: '' }),
    ).toThrow(/outcome is pending, not helped/);
  });

  it('refuses an outcome for an unknown entry', () => {
    expect(() =>
      applyNext(added(), 'tried.outcome_set', { entryId: 'e-2', from: 'pending', to: 'helped', note: '' }),
    ).toThrow(/no entry e-2/);
  });
});

describe('status_update.posted', () => {
  it('appends updates and refuses a duplicate id', () => {
    let state = applyNext(
      declaredState(),
      'status_update.posted',
      { updateId: 'u-1', text: 'Looking', audience: 'internal' },
      {
        actor: bob,
        clientAt: T1,
      },
    );
    state = applyNext(state, 'status_update.posted', { updateId: 'u-2', text: 'Fixed', audience: 'external' });
    expect(inc(state).statusUpdates).toEqual([
      { id: 'u-1', text: 'Looking', audience: 'internal', incidentStatus: 'investigating', by: bob, at: T1 },
      { id: 'u-2', text: 'Fixed', audience: 'external', incidentStatus: 'investigating', by: alice, at: T0 },
    ]);
    expect(() =>
      applyNext(state, 'status_update.posted', { updateId: 'u-1', text: 'x', audience: 'internal' }),
    ).toThrow(/update u-1 exists/);
  });
});

describe('checklist.item_assigned and tried.struck', () => {
  const withItem = () =>
    applyNext(declaredState(), 'checklist.created', {
      checklistId: 'c',
      title: 'Checks',
      templateId: null,
      items: [{ id: 'c-1', text: 'Fail over' }],
    });

  it('sets and clears an item’s owner', () => {
    let state = applyNext(withItem(), 'checklist.item_assigned', {
      checklistId: 'c',
      itemId: 'c-1',
      from: null,
      to: bob,
    });
    expect(inc(state).checklists[0]?.items[0]?.owner).toEqual(bob);
    state = applyNext(state, 'checklist.item_assigned', { checklistId: 'c', itemId: 'c-1', from: bob, to: null });
    expect(inc(state).checklists[0]?.items[0]?.owner).toBeNull();
  });

  it('rejects an owner change from someone who does not own the item, or for an unknown item', () => {
    const state = withItem();
    expect(() =>
      applyNext(state, 'checklist.item_assigned', { checklistId: 'c', itemId: 'c-1', from: carol, to: bob }),
    ).toThrow(/owned by nobody, not u-carol/);
    expect(() =>
      applyNext(state, 'checklist.item_assigned', { checklistId: 'c', itemId: 'c-9', from: null, to: bob }),
    ).toThrow(InvalidEventError);
  });

  it('strikes an entry out once, keeping its outcome and text', () => {
    let state = applyNext(declaredState(), 'tried.added', {
      entryId: 'e-1',
      what: 'Restart pods',
      hypothesis: '',
      outcome: 'pending',
    });
    state = applyNext(
      state,
      'tried.struck',
      { entryId: 'e-1', reason: 'Wrong incident' },
      { actor: carol, clientAt: T2 },
    );
    expect(inc(state).tried[0]).toMatchObject({
      what: 'Restart pods',
      outcome: 'pending',
      struck: { reason: 'Wrong incident', by: carol, at: T2 },
    });
    expect(() => applyNext(state, 'tried.struck', { entryId: 'e-1', reason: 'Again' })).toThrow(/already struck/);
    expect(() => applyNext(state, 'tried.struck', { entryId: 'e-9', reason: 'x' })).toThrow(/no entry e-9/);
  });
});
