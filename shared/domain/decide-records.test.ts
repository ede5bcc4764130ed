import { describe, expect, it } from 'vitest';
import type { Decision } from './decide.js';
import { INC, TestHub, bob, minutesAfter, T0 } from './test-support.js';

function hubWithIncident(): TestHub {
  const hub = new TestHub();
  hub.declare();
  return hub;
}

const codeOf = (decision: Decision) => (decision.ok ? 'accepted' : decision.error.code);

describe('checklist.create', () => {
  it('makes a checklist from a template under the id given', () => {
    const hub = hubWithIncident();
    expect(hub.send('checklist.create', { checklistId: 'extra', templateId: 'sev-3' })).toEqual({
      ok: true,
      events: [
        {
          type: 'checklist.created',
          incidentId: INC,
          payload: {
            checklistId: 'extra',
            title: 'SEV-3 follow-up',
            templateId: 'sev-3',
            items: [
              { id: 'extra-1', text: 'Confirm the owning team knows' },
              { id: 'extra-2', text: 'Decide whether this needs escalation' },
            ],
          },
        },
      ],
    });
  });

  it('makes a checklist of its own items, numbered from the checklist id', () => {
    const hub = hubWithIncident();
    const [event] = hub.ok('checklist.create', { checklistId: 'db', title: 'Database', items: ['Failover', 'Vacuum'] });
    expect(event?.payload).toEqual({
      checklistId: 'db',
      title: 'Database',
      templateId: null,
      items: [
        { id: 'db-1', text: 'Failover' },
        { id: 'db-2', text: 'Vacuum' },
      ],
    });
    expect(
      hub
        .incident()
        .checklists.at(-1)
        ?.items.map((i) => i.addedBy),
    ).toEqual([hub.incident().declaredBy, hub.incident().declaredBy]);
  });

  it('refuses an unknown template', () => {
    const hub = hubWithIncident();
    expect(hub.send('checklist.create', { checklistId: 'x', templateId: 'sev-9' })).toEqual({
      ok: false,
      error: { code: 'unknown_template', message: 'No checklist template "sev-9".' },
    });
  });

  it('refuses a checklist id that is in use', () => {
    const hub = hubWithIncident();
    expect(hub.send('checklist.create', { checklistId: 'tpl-sev-2', title: 'Mine', items: [] })).toEqual({
      ok: false,
      error: { code: 'already_exists', message: 'Checklist "SEV-2 response" already exists on this incident.' },
    });
  });
});

describe('checklist items', () => {
  it('adds an item', () => {
    const hub = hubWithIncident();
    expect(hub.send('checklist.add_item', { checklistId: 'tpl-sev-2', itemId: 'rb', text: 'Roll back' })).toEqual({
      ok: true,
      events: [
        {
          type: 'checklist.item_added',
          incidentId: INC,
          payload: { checklistId: 'tpl-sev-2', itemId: 'rb', text: 'Roll back' },
        },
      ],
    });
    expect(hub.incident().checklists[0]?.items.at(-1)).toMatchObject({ id: 'rb', text: 'Roll back' });
  });

  it('refuses an item id in use, or a checklist that does not exist', () => {
    const hub = hubWithIncident();
    expect(codeOf(hub.send('checklist.add_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1', text: 'x' }))).toBe(
      'already_exists',
    );
    expect(hub.send('checklist.add_item', { checklistId: 'nope', itemId: 'x', text: 'x' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No checklist nope on INC-1.' },
    });
  });

  it('refuses an item past the 100-item limit of a checklist', () => {
    const hub = hubWithIncident();
    const items = Array.from({ length: 100 }, (_, i) => `step ${i}`);
    expect(hub.send('checklist.create', { checklistId: 'long', title: 'Long', items }).ok).toBe(true);
    expect(codeOf(hub.send('checklist.add_item', { checklistId: 'long', itemId: 'one-more', text: 'x' }))).toBe(
      'limit_reached',
    );
  });

  it('ticks an item, with who and when, and unticks it', () => {
    const hub = hubWithIncident();
    hub.advance(3);
    const item = { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-2' };
    expect(hub.send('checklist.set_item', { ...item, done: true }, { actor: bob })).toEqual({
      ok: true,
      events: [{ type: 'checklist.item_set', incidentId: INC, payload: { ...item, done: true } }],
    });
    expect(hub.incident().checklists[0]?.items[1]).toMatchObject({ doneBy: bob, doneAt: minutesAfter(T0, 3) });
    hub.ok('checklist.set_item', { ...item, done: false });
    expect(hub.incident().checklists[0]?.items[1]).toMatchObject({ doneBy: null, doneAt: null });
  });

  it('refuses to tick a ticked item or untick an open one', () => {
    const hub = hubWithIncident();
    const item = { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1' };
    expect(hub.send('checklist.set_item', { ...item, done: false })).toEqual({
      ok: false,
      error: { code: 'no_change', message: '"Page the on-call engineer for the affected service" is already open.' },
    });
    hub.ok('checklist.set_item', { ...item, done: true });
    expect(codeOf(hub.send('checklist.set_item', { ...item, done: true }))).toBe('no_change');
  });

  it('refuses an unknown item or checklist', () => {
    const hub = hubWithIncident();
    expect(hub.send('checklist.set_item', { checklistId: 'tpl-sev-2', itemId: 'zz', done: true })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No item zz in "SEV-2 response".' },
    });
    expect(codeOf(hub.send('checklist.set_item', { checklistId: 'zz', itemId: 'zz', done: true }))).toBe('not_found');
  });
});

describe("what we've tried", () => {
  it('logs an attempt as sent', () => {
    const hub = hubWithIncident();
    expect(hub.send('tried.add', { entryId: 'e-1', what: 'Restart pods', hypothesis: 'Memory leak' })).toEqual({
      ok: true,
      events: [
        {
          type: 'tried.added',
          incidentId: INC,
          payload: { entryId: 'e-1', what: 'Restart pods', hypothesis: 'Memory leak', outcome: 'pending' },
        },
      ],
    });
    expect(codeOf(hub.send('tried.add', { entryId: 'e-1', what: 'Again' }))).toBe('already_exists');
  });

  it('records an outcome with where it came from', () => {
    const hub = hubWithIncident();
    hub.ok('tried.add', { entryId: 'e-1', what: 'Restart pods' });
    expect(hub.send('tried.set_outcome', { entryId: 'e-1', outcome: 'no-effect', note: 'Same errors' })).toEqual({
      ok: true,
      events: [
        {
          type: 'tried.outcome_set',
          incidentId: INC,
          payload: { entryId: 'e-1', from: 'pending', to: 'no-effect', note: 'Same errors' },
        },
      ],
    });
    expect(hub.incident().tried[0]).toMatchObject({ outcome: 'no-effect', outcomeNote: 'Same errors' });
  });

  it('refuses the same outcome without a note, but takes a note on its own', () => {
    const hub = hubWithIncident();
    hub.ok('tried.add', { entryId: 'e-1', what: 'Restart pods', outcome: 'helped' });
    expect(hub.send('tried.set_outcome', { entryId: 'e-1', outcome: 'helped' })).toEqual({
      ok: false,
      error: { code: 'no_change', message: '"Restart pods" is already helped.' },
    });
    const [event] = hub.ok('tried.set_outcome', { entryId: 'e-1', outcome: 'helped', note: 'For an hour' });
    expect(event?.payload).toEqual({ entryId: 'e-1', from: 'helped', to: 'helped', note: 'For an hour' });
  });

  it('refuses an outcome for an unknown entry', () => {
    const hub = hubWithIncident();
    expect(hub.send('tried.set_outcome', { entryId: 'e-9', outcome: 'helped' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No entry e-9 in "What we\'ve tried".' },
    });
  });
});

describe('status_update.post', () => {
  it('posts an update once', () => {
    const hub = hubWithIncident();
    const payload = { updateId: 'u-1', text: 'We are on it', audience: 'external' } as const;
    expect(hub.send('status_update.post', { ...payload, publicTitle: 'Checkout is slow' })).toEqual({
      ok: true,
      events: [
        { type: 'incident.public_set', incidentId: INC, payload: { title: 'Checkout is slow' } },
        { type: 'status_update.posted', incidentId: INC, payload },
      ],
    });
    expect(hub.send('status_update.post', { ...payload, text: 'Again' })).toEqual({
      ok: false,
      error: { code: 'already_exists', message: 'Status update u-1 already exists.' },
    });
  });

  it('still posts on a resolved incident', () => {
    const hub = hubWithIncident();
    hub.ok('incident.change_status', { status: 'resolved' });
    const fixed = { updateId: 'u-1', text: 'Fixed', audience: 'external', publicTitle: 'Checkout' } as const;
    expect(codeOf(hub.send('status_update.post', fixed))).toBe('accepted');
  });
});

describe('checklist.assign_item: an owner for an open item', () => {
  function withChecklist(): TestHub {
    const hub = hubWithIncident();
    hub.ok('checklist.create', { checklistId: 'db', title: 'Database', items: ['Fail over', 'Vacuum'] });
    return hub;
  }
  const carol = { id: 'u-carol', name: 'Carol' };

  it('gives an item an owner, hands it on, and takes the owner off, each event saying from whom to whom', () => {
    const hub = withChecklist();
    const assign = (owner: typeof bob | null) =>
      hub.ok('checklist.assign_item', { checklistId: 'db', itemId: 'db-1', owner })[0]?.payload;
    expect(assign(bob)).toEqual({ checklistId: 'db', itemId: 'db-1', from: null, to: bob });
    expect(assign(carol)).toEqual({ checklistId: 'db', itemId: 'db-1', from: bob, to: carol });
    expect(
      hub
        .incident()
        .checklists.at(-1)
        ?.items.map((i) => i.owner),
    ).toEqual([carol, null]);
    expect(assign(null)).toEqual({ checklistId: 'db', itemId: 'db-1', from: carol, to: null });
    expect(hub.incident().checklists.at(-1)?.items[0]?.owner).toBeNull();
  });

  it('says there is nothing to change for the same owner, or for no owner on an item without one', () => {
    const hub = withChecklist();
    hub.ok('checklist.assign_item', { checklistId: 'db', itemId: 'db-1', owner: bob });
    expect(hub.send('checklist.assign_item', { checklistId: 'db', itemId: 'db-1', owner: bob })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'Bob already owns "Fail over".' },
    });
    expect(hub.send('checklist.assign_item', { checklistId: 'db', itemId: 'db-2', owner: null })).toEqual({
      ok: false,
      error: { code: 'no_change', message: '"Vacuum" has no owner.' },
    });
  });

  it('refuses an item or checklist that is not there', () => {
    const hub = withChecklist();
    expect(codeOf(hub.send('checklist.assign_item', { checklistId: 'db', itemId: 'db-9', owner: bob }))).toBe(
      'not_found',
    );
    expect(codeOf(hub.send('checklist.assign_item', { checklistId: 'nope', itemId: 'db-1', owner: bob }))).toBe(
      'not_found',
    );
  });

  it('keeps the owner when the item is ticked', () => {
    const hub = withChecklist();
    hub.ok('checklist.assign_item', { checklistId: 'db', itemId: 'db-1', owner: bob });
    hub.ok('checklist.set_item', { checklistId: 'db', itemId: 'db-1', done: true });
    expect(hub.incident().checklists.at(-1)?.items[0]).toMatchObject({ owner: bob, doneAt: T0 });
  });
});

describe('tried.strike: a mistaken entry struck out with a reason', () => {
  function withEntry(): TestHub {
    const hub = hubWithIncident();
    hub.ok('tried.add', { entryId: 'e1', what: 'Restarted the workers' });
    return hub;
  }

  it('strikes the entry out, keeping it, with the reason, who and when', () => {
    const hub = withEntry();
    hub.advance(3);
    const [event] = hub.ok('tried.strike', { entryId: 'e1', reason: 'Logged on the wrong incident' }, { actor: bob });
    expect(event).toMatchObject({
      type: 'tried.struck',
      payload: { entryId: 'e1', reason: 'Logged on the wrong incident' },
    });
    expect(hub.incident().tried).toHaveLength(1);
    expect(hub.incident().tried[0]?.struck).toEqual({
      reason: 'Logged on the wrong incident',
      by: bob,
      at: minutesAfter(T0, 3),
    });
  });

  it('refuses striking twice, and an outcome for a struck entry', () => {
    const hub = withEntry();
    hub.ok('tried.strike', { entryId: 'e1', reason: 'Duplicate of e0' });
    expect(hub.send('tried.strike', { entryId: 'e1', reason: 'Again' })).toEqual({
      ok: false,
      error: { code: 'no_change', message: '"Restarted the workers" is already struck out.' },
    });
    expect(hub.send('tried.set_outcome', { entryId: 'e1', outcome: 'helped' })).toEqual({
      ok: false,
      error: { code: 'no_change', message: '"Restarted the workers" was struck out; add a new entry instead.' },
    });
  });

  it('refuses an entry that is not there, and a strike-out without a reason', () => {
    const hub = withEntry();
    expect(codeOf(hub.send('tried.strike', { entryId: 'e9', reason: 'Wrong' }))).toBe('not_found');
    expect(() => hub.send('tried.strike', { entryId: 'e1', reason: '' })).toThrow(/reason/);
  });
});
