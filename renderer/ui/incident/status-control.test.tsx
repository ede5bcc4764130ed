// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { startHashRouting } from '../../routing/hash-router.js';
import { reviewNeed, StatusControl } from './status-control.js';

const NOTE = 'Closing needs a published postmortem (post-incident review for SEV-1)';

/** An incident declared at `severity`, then moved through `statuses`. */
function hubWith(severity: 'SEV-1' | 'SEV-2', ...statuses: Array<'mitigated' | 'resolved' | 'closed'>): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout errors', severity });
  for (const status of statuses) hub.advance(10).ok('incident.change_status', { status });
  return hub;
}

function publish(hub: TestHub): TestHub {
  hub.advance(60).ok('postmortem.publish', { revision: 'r1', baseRevision: null, markdown: '# What happened' });
  return hub;
}

const steps = () => within(screen.getByRole('group', { name: 'Next step' }));

describe('the review cue beside closing', () => {
  it('says before closing that a SEV-1 needs its postmortem, and opens the editor', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWith('SEV-1', 'resolved')) });
    const stopRouting = startHashRouting(window, app.store, app.actions);
    try {
      app.render(<StatusControl incidentId="inc-1" />);
      expect(steps().getByText(NOTE)).toBeTruthy();
      const close = steps().getByRole('button', { name: 'Close' });
      expect(close.getAttribute('aria-describedby')).toBe('status-review-note');
      expect(document.getElementById('status-review-note')?.textContent).toBe(`⚠ ${NOTE}`);

      await user.click(steps().getByRole('button', { name: 'Write the postmortem' }));
      expect(app.sent).toEqual([]);
      expect(app.store.getState()).toMatchObject({ selectedIncidentId: 'inc-1', incidentView: 'postmortem' });
      expect(window.location.hash).toBe('#/incident/inc-1/postmortem');
    } finally {
      stopRouting();
    }
  });

  it('still lets the person close: the hub decides (its review gate may differ)', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWith('SEV-1', 'resolved')) });
    app.render(<StatusControl incidentId="inc-1" />);
    const close = steps().getByRole('button', { name: 'Close' });
    expect(close).toHaveProperty('disabled', false);
    await user.click(close);
    expect(app.sent).toEqual([
      { type: 'incident.change_status', incidentId: 'inc-1', payload: { status: 'closed', reason: '' } },
    ]);
  });

  it('counts the highest severity reached: a SEV-1 downgraded to SEV-2 still needs its review', async () => {
    const hub = hubWith('SEV-1');
    hub.advance(5).ok('incident.change_severity', { severity: 'SEV-2', reason: 'Contained to one region' });
    hub.advance(5).ok('incident.change_status', { status: 'resolved' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<StatusControl incidentId="inc-1" />);
    expect(steps().getByText(NOTE)).toBeTruthy();
  });

  it('offers the postmortem quietly on any other resolved or closed incident', async () => {
    const app = await startApp({ view: viewOfHub(hubWith('SEV-2', 'resolved')) });
    const view = app.render(<StatusControl incidentId="inc-1" />);
    expect(steps().queryByText(NOTE)).toBeNull();
    expect(steps().getByRole('button', { name: 'Close' }).getAttribute('aria-describedby')).toBeNull();
    expect(steps().getByRole('button', { name: 'Write the postmortem' }).className).toMatch(/button--quiet/);
    view.unmount();

    app.push(viewOfHub(hubWith('SEV-2', 'resolved', 'closed')));
    app.render(<StatusControl incidentId="inc-1" />);
    expect(screen.getByText('This incident is closed: its status cannot change any more.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Write the postmortem' }));
    expect(app.store.getState().incidentView).toBe('postmortem');
  });

  it('shows no cue once a postmortem is published, nor before the incident can close', async () => {
    const app = await startApp({ view: viewOfHub(publish(hubWith('SEV-1', 'resolved'))) });
    const view = app.render(<StatusControl incidentId="inc-1" />);
    expect(
      steps()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Close', 'Reopen (investigate again)']);
    expect(screen.queryByText(NOTE)).toBeNull();
    view.unmount();

    app.push(viewOfHub(hubWith('SEV-1', 'mitigated')));
    app.render(<StatusControl incidentId="inc-1" />);
    expect(steps().queryByText(NOTE)).toBeNull();
    expect(steps().queryByRole('button', { name: 'Write the postmortem' })).toBeNull();
  });

  it('decides the need from the incident alone', () => {
    expect(reviewNeed(hubWith('SEV-1', 'resolved').incident())).toBe('required');
    expect(reviewNeed(hubWith('SEV-2', 'resolved').incident())).toBe('optional');
    expect(reviewNeed(publish(hubWith('SEV-1', 'resolved')).incident())).toBe('none');
    expect(reviewNeed(null)).toBe('none');
  });
});

describe('resolving with work left undone', () => {
  it('asks once, listing the open items and pending attempts; confirming sends the change', async () => {
    const user = userEvent.setup();
    const hub = hubWith('SEV-2');
    hub.ok('checklist.create', { checklistId: 'cl-1', title: 'Payments', items: ['Tell support'] });
    hub.ok('tried.add', { entryId: 't-1', what: 'Restarted the gateway pods' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<StatusControl incidentId="inc-1" />);
    await user.click(steps().getByRole('button', { name: 'Mark resolved' }));
    expect(app.sent).toEqual([]);
    const ask = within(screen.getByRole('group', { name: 'Resolve with this still undone?' }));
    const listed = ask.getAllByRole('listitem').map((li) => li.textContent);
    expect(listed).toContain('Open item: Tell support (Payments)');
    expect(listed).toContain('No outcome yet: Restarted the gateway pods (Alice)');
    expect(document.activeElement).toBe(ask.getByRole('button', { name: 'Resolve anyway' }));

    await user.click(ask.getByRole('button', { name: 'Not yet' }));
    expect(screen.queryByRole('group', { name: 'Resolve with this still undone?' })).toBeNull();
    expect(app.sent).toEqual([]);

    await user.click(steps().getByRole('button', { name: 'Mark resolved' }));
    await user.click(screen.getByRole('button', { name: 'Resolve anyway' }));
    expect(app.sent).toEqual([
      { type: 'incident.change_status', incidentId: 'inc-1', payload: { status: 'resolved', reason: '' } },
    ]);
  });

  it('resolves at once when nothing is left open', async () => {
    const user = userEvent.setup();
    const hub = new TestHub();
    hub.declare({ title: 'Checkout errors', severity: 'SEV-2' });
    hub.ok('role.release', { role: 'lead' }); // the lead's checklist stays: tick its items off
    for (const checklist of hub.incident().checklists)
      for (const item of checklist.items)
        hub.ok('checklist.set_item', { checklistId: checklist.id, itemId: item.id, done: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<StatusControl incidentId="inc-1" />);
    await user.click(steps().getByRole('button', { name: 'Mark resolved' }));
    expect(app.sent.map((c) => c.payload)).toEqual([{ status: 'resolved', reason: '' }]);
  });
});
