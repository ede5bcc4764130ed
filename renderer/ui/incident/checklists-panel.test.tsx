// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
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
});
