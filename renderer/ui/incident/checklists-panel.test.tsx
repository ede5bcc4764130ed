// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bob, carol, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { ChecklistsPanel } from './checklists-panel.js';

/** SEV-2 declared: the SEV-2 checklist and the Incident Lead's, from templates; Bob checked one item. */
function hubWithChecklists(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'x', severity: 'SEV-2' });
  hub
    .advance(3)
    .ok('checklist.set_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1', done: true }, { actor: bob });
  return hub;
}

const checklist = (title: string) => within(screen.getByRole('region', { name: title }));

describe('the checklists panel', () => {
  it('shows each checklist with its progress, and who checked what, when', async () => {
    const app = await startApp({ view: viewOfHub(hubWithChecklists()) });
    app.render(<ChecklistsPanel incidentId="inc-1" />);
    const sev2 = checklist('SEV-2 response');
    expect(sev2.getByRole('progressbar', { name: 'SEV-2 response: 1 of 3 done' })).toBeTruthy();
    const item = sev2.getByRole('checkbox', { name: 'Page the on-call engineer for the affected service' });
    expect((item as HTMLInputElement).checked).toBe(true);
    expect(item.closest('li')?.textContent).toMatch(/Bob at \d\d:\d\d/);
    expect(checklist('Incident Lead').getByText('0 of 3 done')).toBeTruthy();
  });

  it('checks, unchecks and adds items', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithChecklists()) });
    app.render(<ChecklistsPanel incidentId="inc-1" />);
    const sev2 = checklist('SEV-2 response');
    await user.click(sev2.getByRole('checkbox', { name: 'Post the first internal status update' }));
    await user.click(sev2.getByRole('checkbox', { name: 'Page the on-call engineer for the affected service' }));
    await user.type(sev2.getByLabelText('New item for SEV-2 response'), 'Tell support{Enter}');
    expect(app.sent.map((c) => [c.type, c.payload])).toEqual([
      ['checklist.set_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-2', done: true }],
      ['checklist.set_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1', done: false }],
      ['checklist.add_item', { checklistId: 'tpl-sev-2', itemId: expect.any(String), text: 'Tell support' }],
    ]);
    expect((sev2.getByLabelText('New item for SEV-2 response') as HTMLInputElement).value).toBe('');
  });

  it('adds a checklist from a template not on the incident yet (per severity and per role)', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithChecklists()) });
    app.render(<ChecklistsPanel incidentId="inc-1" />);
    const add = within(screen.getByRole('form', { name: 'Add a checklist' }));
    const options = within(add.getByLabelText('From template'))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'SEV-1 response (5 items)',
      'SEV-3 follow-up (2 items)',
      'Communication Lead (3 items)',
      'Fixers (2 items)',
    ]);
    await user.selectOptions(add.getByLabelText('From template'), 'role-comms');
    await user.click(add.getByRole('button', { name: 'Add checklist' }));
    expect(app.sent).toEqual([
      {
        type: 'checklist.create',
        incidentId: 'inc-1',
        payload: { checklistId: 'tpl-role-comms', templateId: 'role-comms' },
      },
    ]);
  });

  it('gives an open item an owner from the people on the hub, shows the name, and takes it off again', async () => {
    const user = userEvent.setup();
    const hub = hubWithChecklists();
    hub.ok('checklist.assign_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-3', owner: bob });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<ChecklistsPanel incidentId="inc-1" />);
    const sev2 = checklist('SEV-2 response');
    const third = 'Decide whether customers need an external update';
    const owned = sev2.getByRole('checkbox', { name: third });
    expect(owned.closest('li')?.textContent).toContain('Owner: Bob');
    expect(owned.closest('li')?.dataset.owner).toBe('u-bob');

    const second = 'Post the first internal status update';
    const select = sev2.getByRole('combobox', { name: `Owner of “${second}”` });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['No owner', 'Alice', 'Bob']); // not Carol: a viewer owns no checklist item
    await user.selectOptions(select, 'u-alice');
    const thirdOwner = sev2.getByRole('combobox', { name: `Owner of “${third}”` });
    expect(thirdOwner).toHaveProperty('value', 'u-bob');
    await user.selectOptions(thirdOwner, 'No owner');
    expect(app.sent.map((c) => [c.type, c.payload])).toEqual([
      [
        'checklist.assign_item',
        { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-2', owner: { id: 'u-alice', name: 'Alice' } },
      ],
      ['checklist.assign_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-3', owner: null }],
    ]);
    // A done item needs no owner picker.
    expect(
      sev2.queryByRole('combobox', { name: 'Owner of “Page the on-call engineer for the affected service”' }),
    ).toBeNull();
  });

  it('shows owners to a viewer without the picker', async () => {
    const hub = hubWithChecklists();
    hub.ok('checklist.assign_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-2', owner: bob });
    const app = await startApp({ view: viewOfHub(hub, { user: { ...carol, role: 'viewer' } }) });
    app.render(<ChecklistsPanel incidentId="inc-1" />);
    expect(screen.queryAllByRole('combobox', { name: /^Owner of/ })).toEqual([]);
    expect(screen.getByText('Owner: Bob')).toBeTruthy();
  });

  it('counts the characters of a long item before its limit', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithChecklists()) });
    app.render(<ChecklistsPanel incidentId="inc-1" />);
    const input = checklist('SEV-2 response').getByLabelText('New item for SEV-2 response');
    await user.click(input);
    await user.paste('y'.repeat(450));
    const count = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(count?.textContent).toBe('450 / 500');
  });
});
