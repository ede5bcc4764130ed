// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { RolesPanel } from './roles-panel.js';

const role = (name: string) => within(screen.getByRole('group', { name }));

describe('the roles panel', () => {
  it('makes an empty lead role stand out, and claims it', async () => {
    const user = userEvent.setup();
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-1' });
    hub.ok('role.release', { role: 'lead' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<RolesPanel incidentId="inc-1" />);

    expect(role('Incident Lead').getByText('Nobody: this role is empty')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Incident Lead' }).className).toContain('role--empty');
    expect(role('Communication Lead').getByText('Nobody: this role is empty')).toBeTruthy();
    await user.click(role('Incident Lead').getByRole('button', { name: 'Claim Incident Lead' }));
    expect(app.sent).toEqual([{ type: 'role.claim', incidentId: 'inc-1', payload: { role: 'lead' } }]);
  });

  it('assigns a person from the hub, hands over, and releases', async () => {
    const user = userEvent.setup();
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-1' }); // Alice (me) leads
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<RolesPanel incidentId="inc-1" />);

    expect(role('Incident Lead').getByText('Alice')).toBeTruthy();
    expect(role('Incident Lead').getByText('(you)')).toBeTruthy();
    await user.selectOptions(role('Communication Lead').getByLabelText('Assign Communication Lead to'), 'Bob');
    await user.click(role('Communication Lead').getByRole('button', { name: 'Assign Communication Lead' }));
    const handOver = role('Incident Lead').getByLabelText('Hand over Incident Lead to');
    // Carol is a viewer: viewers follow incidents but hold no role, so she is not offered (the hub would refuse).
    expect(within(handOver).queryByRole('option', { name: /Carol/ })).toBeNull();
    await user.selectOptions(handOver, 'Bob');
    await user.click(role('Incident Lead').getByRole('button', { name: 'Hand over Incident Lead' }));
    await user.click(role('Incident Lead').getByRole('button', { name: 'Release Incident Lead' }));
    expect(app.sent.map((c) => c.payload)).toEqual([
      { role: 'comms', person: { id: 'u-bob', name: 'Bob' } },
      { role: 'lead', person: { id: 'u-bob', name: 'Bob' } },
      { role: 'lead' },
    ]);
    expect(app.sent.map((c) => c.type)).toEqual(['role.assign', 'role.assign', 'role.release']);
  });

  it('lists Fixers: join, add someone, remove, step back', async () => {
    const user = userEvent.setup();
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-2' });
    hub.ok('role.assign', { role: 'fixer', person: bob });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<RolesPanel incidentId="inc-1" />);

    const fixers = role('Fixers');
    expect(
      within(fixers.getByRole('list', { name: 'Fixers' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Bob Remove']);
    await user.click(fixers.getByRole('button', { name: 'Join as Fixer' }));
    await user.click(fixers.getByRole('button', { name: 'Remove Bob as Fixer' }));
    const toAdd = fixers.getByLabelText('Person to add as Fixer');
    expect(within(toAdd).queryByRole('option', { name: /Carol/ })).toBeNull(); // a viewer
    await user.selectOptions(toAdd, 'Alice');
    await user.click(fixers.getByRole('button', { name: 'Add Fixer' }));
    expect(app.sent.map((c) => [c.type, c.payload])).toEqual([
      ['role.claim', { role: 'fixer' }],
      ['role.release', { role: 'fixer', personId: 'u-bob' }],
      ['role.assign', { role: 'fixer', person: { id: 'u-alice', name: 'Alice' } }],
    ]);
  });

  it("shows the hub's refusal next to the roles, with what was asked", async () => {
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-2' });
    const app = await startApp({
      view: viewOfHub(hub, {
        rejected: [
          {
            command: {
              commandId: 'c9',
              type: 'role.claim',
              incidentId: 'inc-1',
              payload: { role: 'lead' },
              clientAt: hub.now,
            },
            error: { code: 'role_taken', message: 'Bob is Incident Lead. Ask them to hand over.' },
            at: hub.now,
          },
        ],
      }),
    });
    app.render(<RolesPanel incidentId="inc-1" />);
    const refused = within(screen.getByRole('list', { name: 'Not accepted by the hub' }));
    expect(refused.getByText('Take Incident Lead')).toBeTruthy();
    expect(refused.getByRole('alert').textContent).toBe('Bob is Incident Lead. Ask them to hand over.');
    await userEvent.click(refused.getByRole('button', { name: 'Dismiss' }));
    expect(app.dismissed).toEqual(['c9']);
  });
});
