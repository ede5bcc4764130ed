// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { alice, bob, carol, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { charCountOf } from '../../testing/char-count.js';
import { queued } from '../../test-views.js';
import { FollowupsPanel } from './followups-panel.js';

/** A resolved SEV-2 with three follow-ups: one done (Bob's), one in progress, one open without an owner. */
function reviewedHub(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout errors', severity: 'SEV-2' });
  hub.advance(30).ok('incident.change_status', { status: 'resolved' });
  hub.advance(60).ok('followup.add', { followupId: 'f-1', text: 'Alert on pool exhaustion', owner: bob });
  hub.ok('followup.add', { followupId: 'f-2', text: 'Write a runbook for failover' }, { actor: bob });
  hub.ok('followup.add', { followupId: 'f-3', text: 'Load test the pool', owner: alice });
  hub.advance(5).ok('followup.set_state', { followupId: 'f-1', state: 'done' }, { actor: bob });
  hub.ok('followup.set_state', { followupId: 'f-3', state: 'in-progress' });
  return hub;
}

const panel = () => within(screen.getByRole('region', { name: 'Follow-up actions' }));
const rows = () => within(screen.getByRole('list', { name: 'Follow-up actions' })).getAllByRole('listitem');
const row = (text: string) => within(screen.getByRole('listitem', { name: text }));
const form = () => within(screen.getByRole('form', { name: 'Add a follow-up action' }));

describe('the follow-ups panel', () => {
  it('says what follow-ups are for while there are none', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'x', severity: 'SEV-3' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    expect(panel().getByRole('heading', { name: 'Follow-up actions' })).toBeTruthy();
    expect(
      panel().getByText('No follow-up actions yet. Follow-ups are usually added during the post-incident review.'),
    ).toBeTruthy();
    expect(panel().queryByRole('list')).toBeNull();
    expect(form().getByLabelText('Follow-up action')).toBeTruthy(); // they can be added on an active incident too
  });

  it('lists what still needs doing first, with owner, state, who added it and when, and counts the done ones', async () => {
    const app = await startApp({ view: viewOfHub(reviewedHub()) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    expect(panel().getByText('1 of 3 done')).toBeTruthy();
    expect(rows().map((r) => r.dataset.followupId)).toEqual(['f-2', 'f-3', 'f-1']);
    const runbook = row('Write a runbook for failover');
    expect(runbook.getByText('No owner', { selector: 'span' }).className).toBe('missing');
    const meta = screen
      .getByRole('listitem', { name: 'Write a runbook for failover' })
      .querySelector('.followup__meta');
    expect(meta?.textContent).toMatch(/^⚠ No ownerAdded by Bob, .*\d\d:\d\d$/); // with the date: follow-ups outlive the day
    expect(meta?.querySelector('time')?.dateTime).toBe('2025-03-01T11:30:00.000Z');
    expect(runbook.getByLabelText('State of “Write a runbook for failover”')).toHaveProperty('value', 'open');
    const pool = row('Load test the pool');
    expect(pool.getByText('Alice', { selector: 'strong' }).parentElement?.textContent).toBe('Owner Alice');
    const state = pool.getByLabelText('State of “Load test the pool”');
    expect(state).toHaveProperty('value', 'in-progress');
    expect(
      within(state)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Open', 'In progress', 'Done', 'Won’t do']);
    expect(row('Alert on pool exhaustion').getByLabelText('Owner of “Alert on pool exhaustion”')).toHaveProperty(
      'value',
      'u-bob',
    );
  });

  it('adds a follow-up with an owner on Enter, and empties the form', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(reviewedHub()) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    const owners = within(form().getByLabelText('Owner')).getAllByRole('option');
    expect(owners.map((o) => o.textContent)).toEqual(['No owner', 'Alice', 'Bob', 'Carol (viewer)']);
    await user.selectOptions(form().getByLabelText('Owner'), 'Bob');
    await user.type(form().getByLabelText('Follow-up action'), '  Add an alert on pool exhaustion {Enter}');
    expect(app.sent).toEqual([
      {
        type: 'followup.add',
        incidentId: 'inc-1',
        payload: {
          followupId: expect.any(String),
          text: 'Add an alert on pool exhaustion',
          owner: { id: 'u-bob', name: 'Bob' },
        },
      },
    ]);
    expect(form().getByLabelText('Follow-up action')).toHaveProperty('value', '');
    expect(form().getByLabelText('Owner')).toHaveProperty('value', '');
    expect(document.activeElement).toBe(form().getByLabelText('Follow-up action'));

    await user.type(form().getByLabelText('Follow-up action'), 'Runbook{Enter}');
    expect(app.sent[1]?.payload).toEqual({ followupId: expect.any(String), text: 'Runbook', owner: null });
  });

  it('refuses an empty follow-up here, sending nothing', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(reviewedHub()) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    await user.type(form().getByLabelText('Follow-up action'), '   ');
    await user.click(form().getByRole('button', { name: 'Add follow-up' }));
    expect(form().getByRole('alert').textContent).toBe(
      'Write the follow-up action first: what should be done so this does not happen again?',
    );
    expect(app.sent).toEqual([]);
    expect(document.activeElement).toBe(form().getByLabelText('Follow-up action'));
  });

  it('changes the state and the owner, and keeps the keyboard on the state when the item moves', async () => {
    const user = userEvent.setup();
    const hub = reviewedHub();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    const runbook = 'Write a runbook for failover';
    await user.selectOptions(row(runbook).getByLabelText(`Owner of “${runbook}”`), 'Carol (viewer)');
    await user.selectOptions(row('Load test the pool').getByLabelText('Owner of “Load test the pool”'), 'No owner');
    await user.selectOptions(row(runbook).getByLabelText(`State of “${runbook}”`), 'Done');
    expect(app.sent.map((c) => [c.type, c.payload])).toEqual([
      ['followup.assign', { followupId: 'f-2', owner: { id: 'u-carol', name: 'Carol' } }],
      ['followup.assign', { followupId: 'f-3', owner: null }],
      ['followup.set_state', { followupId: 'f-2', state: 'done' }],
    ]);

    // Browsers drop the focus of a node React moves (jsdom keeps it): drop it here as they would.
    const stateControl = row(runbook).getByLabelText(`State of “${runbook}”`);
    expect(document.activeElement).toBe(stateControl);
    stateControl.blur();
    hub.ok('followup.set_state', { followupId: 'f-2', state: 'done' });
    app.push(viewOfHub(hub));
    expect(await screen.findByText('2 of 3 done')).toBeTruthy();
    expect(rows().map((r) => r.dataset.followupId)).toEqual(['f-3', 'f-1', 'f-2']);
    expect(document.activeElement).toBe(stateControl);
  });

  it('shows a refusal beside the form and keeps what was typed, also after leaving and coming back', async () => {
    const user = userEvent.setup();
    const hub = reviewedHub();
    const app = await startApp({ view: viewOfHub(hub) });
    const view = app.render(<FollowupsPanel incidentId="inc-1" />);
    app.answer({ ok: false, error: { code: 'invalid_command', message: 'payload.text: too long' } });
    await user.type(form().getByLabelText('Follow-up action'), 'Alert on pool exhaustion{Enter}');
    expect(form().getByRole('alert').textContent).toBe('Text: too long');
    expect(form().getByLabelText('Follow-up action')).toHaveProperty('value', 'Alert on pool exhaustion');

    view.unmount(); // to another screen and back: the text is in the store's drafts
    app.render(<FollowupsPanel incidentId="inc-1" />);
    expect(form().getByLabelText('Follow-up action')).toHaveProperty('value', 'Alert on pool exhaustion');

    const command = queued({
      commandId: 'c9',
      type: 'followup.add',
      incidentId: 'inc-1',
      payload: { followupId: 'f-9', text: 'Track pool size', owner: null },
      clientAt: hub.now,
    });
    app.push({
      rejected: [{ command, error: { code: 'limit_reached', message: 'INC-1 has 200 follow-ups.' }, at: hub.now }],
    });
    const refused = within(await panel().findByRole('list', { name: 'Not accepted by the hub' }));
    expect(refused.getByText('Add follow-up “Track pool size”')).toBeTruthy();
    expect(refused.getByRole('alert').textContent).toBe('INC-1 has 200 follow-ups.');
    await user.click(refused.getByRole('button', { name: 'Dismiss' }));
    expect(app.dismissed).toEqual(['c9']);
  });

  it('is read-only for viewers', async () => {
    const app = await startApp({ view: viewOfHub(reviewedHub(), { user: { ...carol, role: 'viewer' } }) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    expect(panel().queryByRole('combobox')).toBeNull();
    expect(panel().queryByRole('form')).toBeNull();
    expect(panel().queryByRole('button')).toBeNull();
    expect(row('Load test the pool').getByText('In progress')).toBeTruthy();
    expect(row('Alert on pool exhaustion').getByText('Done')).toBeTruthy();
    expect(panel().getByText(/you can read follow-ups but not change them/)).toBeTruthy();
  });

  it('counts the characters of a long follow-up before its limit instead of cutting it', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(reviewedHub()) });
    app.render(<FollowupsPanel incidentId="inc-1" />);
    const text = form().getByLabelText('Follow-up action');
    await user.click(text);
    await user.paste('z'.repeat(950));
    expect(charCountOf(text)).toBe('950 / 1,000');
  });
});
