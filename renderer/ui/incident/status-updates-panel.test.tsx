// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WAIT } from '../../testing/patience.js';
import { draftStatusUpdate } from '../../../shared/timeline/draft-update.js';
import { alice, bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { charCountOf } from '../../testing/char-count.js';
import { StatusUpdatesPanel } from './status-updates-panel.js';

/** Bob (Comms) published the incident; then Alice (the app's user) took Comms over. */
function hubWithUpdate(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout errors', severity: 'SEV-1', impact: 'Card payments fail' });
  hub.ok('role.assign', { role: 'comms', person: bob });
  hub
    .advance(10)
    .ok(
      'status_update.post',
      { updateId: 'u1', text: 'We are on it.', audience: 'external', publicTitle: 'Payments are failing' },
      { actor: bob },
    );
  hub.ok('role.assign', { role: 'comms', person: alice });
  hub.advance(5).ok('tried.add', { entryId: 'e1', what: 'Rolled back 142', outcome: 'helped' });
  return hub;
}

const form = () => within(screen.getByRole('form', { name: 'Post a status update' }));

describe('status updates', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the cadence for the severity, and an overdue warning in words once it has passed', async () => {
    const hub = hubWithUpdate();
    vi.useFakeTimers({ now: Date.parse(hub.now) + 10 * 60_000, shouldAdvanceTime: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    expect(screen.getByText('SEV-1: an update every 30 minutes')).toBeTruthy();
    const cadence = () => screen.getByText('Last update:').parentElement?.textContent;
    expect(cadence()).toMatch(/^Last update: 15m agonext due at \d\d:\d\d, in 15m$/);
    act(() => void vi.advanceTimersByTime(20 * 60_000));
    expect(cadence()).toBe('Last update: 35m ago⏰ Update overdue by 5m');
  });

  it('lists posted updates newest first, internal or external, with who and when', async () => {
    const hub = hubWithUpdate();
    hub.ok('status_update.post', { updateId: 'u2', text: 'Rollback helped.', audience: 'internal' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    const posted = within(screen.getByRole('list', { name: 'Posted updates' })).getAllByRole('listitem');
    expect(posted.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^internal Alice at \d\d:\d\d *Rollback helped\.$/),
      expect.stringMatching(/^external Bob at \d\d:\d\d *We are on it\.$/),
    ]);
  });

  it('drafts from what happened since the last update, then posts it (Ctrl+Enter)', async () => {
    const user = userEvent.setup();
    const hub = hubWithUpdate();
    const app = await startApp({ view: viewOfHub(hub), timeline: hub.log });
    app.actions.openIncident('inc-1');
    await vi.waitFor(() => expect(app.store.getState().timelineStatus).toBe('ready'), WAIT);
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await user.click(form().getByRole('button', { name: 'Draft from timeline' }));
    const expected = draftStatusUpdate(hub.incident(), hub.log, 'internal');
    expect(expected).toContain('Rolled back 142');
    expect(form().getByLabelText('Update')).toHaveProperty('value', expected);
    expect(document.activeElement).toBe(form().getByLabelText('Update'));

    await user.click(form().getByRole('radio', { name: 'External (customers)' }));
    await user.click(form().getByLabelText('Update'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    // An external update asks first; the question has the focus, so Enter posts.
    const ask = form().getByRole('alertdialog', { name: 'This goes to customers: post?' });
    expect(app.sent).toEqual([]);
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Post' }));
    await user.keyboard('{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'status_update.post',
        incidentId: 'inc-1',
        payload: { updateId: expect.any(String), audience: 'external', text: expected },
      },
    ]);
    expect(form().getByLabelText('Update')).toHaveProperty('value', '');
    // The audience is Internal again, so the next quick note stays in the team.
    expect(form().getByRole('radio', { name: 'Internal' })).toHaveProperty('checked', true);
    expect(form().queryByRole('alertdialog')).toBeNull();
  });

  it('sends nothing to customers on Cancel or Escape, keeping the text and the audience', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithUpdate()) });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await user.click(form().getByRole('radio', { name: 'External (customers)' }));
    await user.type(form().getByLabelText('Update'), 'Payments are failing; a fix is on its way.');
    await user.click(form().getByRole('button', { name: 'Post external update' }));
    const ask = () => form().getByRole('alertdialog', { name: 'This goes to customers: post?' });
    await user.click(within(ask()).getByRole('button', { name: 'Cancel' }));
    expect(form().queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(form().getByLabelText('Update'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(ask()).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(form().queryByRole('alertdialog')).toBeNull();
    expect(app.sent).toEqual([]);
    expect(form().getByLabelText('Update')).toHaveProperty('value', 'Payments are failing; a fix is on its way.');
    expect(form().getByRole('radio', { name: 'External (customers)' })).toHaveProperty('checked', true);

    // An internal update goes at once, without the question.
    await user.click(form().getByRole('radio', { name: 'Internal' }));
    await user.click(form().getByRole('button', { name: 'Post internal update' }));
    expect(form().queryByRole('alertdialog')).toBeNull();
    expect(app.sent.map((c) => c.payload)).toEqual([
      { updateId: expect.any(String), audience: 'internal', text: 'Payments are failing; a fix is on its way.' },
    ]);
  });

  it('counts the characters of a long update before its limit instead of cutting it', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithUpdate()) });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    const text = form().getByLabelText('Update');
    await user.click(text);
    await user.paste('x'.repeat(3199));
    expect(charCountOf(text)).toBeNull();
    await user.paste('x'.repeat(801));
    expect(charCountOf(text)).toBe('4,000 / 4,000 (the limit)');
  });

  it('never replaces what was typed with a draft, and keeps the text when the change is refused', async () => {
    const user = userEvent.setup();
    const hub = hubWithUpdate();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await user.type(form().getByLabelText('Update'), 'My own words');
    await user.click(form().getByRole('button', { name: 'Draft from timeline' }));
    expect((form().getByLabelText('Update') as HTMLTextAreaElement).value).toMatch(/^My own words\n\n/);
    app.answer({ ok: false, error: { code: 'invalid_command', message: 'payload.text: too long' } });
    await user.click(form().getByRole('button', { name: 'Post internal update' }));
    expect(form().getByRole('alert').textContent).toBe('Text: too long');
    expect((form().getByLabelText('Update') as HTMLTextAreaElement).value).toMatch(/^My own words/);
  });
});
