// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { Board } from './board.js';

/** Four incidents: a SEV-3 declared first, a SEV-1 with no lead, a SEV-2 Bob leads, and a resolved SEV-1. */
function hubWithIncidents(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Search is slow', severity: 'SEV-3', service: 'search' }, { incidentId: 'sev3' });
  hub.advance(5).declare({ title: 'Checkout down', severity: 'SEV-1', service: 'checkout' }, { incidentId: 'sev1' });
  hub.ok('role.release', { role: 'lead' }, { incidentId: 'sev1' });
  hub
    .advance(5)
    .declare({ title: 'Emails late', severity: 'SEV-2', service: 'email' }, { incidentId: 'sev2', actor: bob });
  hub.ok(
    'status_update.post',
    { updateId: 'u1', text: 'Looking', audience: 'internal' },
    { incidentId: 'sev2', actor: bob },
  );
  hub.advance(5).declare({ title: 'Old outage', severity: 'SEV-1', service: 'checkout' }, { incidentId: 'done' });
  hub.ok('incident.change_status', { status: 'resolved' }, { incidentId: 'done' });
  return hub;
}

const titles = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('button').textContent);

describe('the board', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each active incident, most severe first, with severity in words, status, lead, ages and service', async () => {
    const hub = hubWithIncidents();
    vi.useFakeTimers({ now: Date.parse(hub.now) + 12 * 60_000, shouldAdvanceTime: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<Board />);

    expect(titles()).toEqual(['Checkout down', 'Emails late', 'Search is slow']);
    const row = screen.getByRole('row', { name: /Checkout down/ });
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toBe('SEV-1 Critical'); // colour comes with the words
    expect(cells[2]).toBe('Investigating');
    expect(cells[3]).toBe('⚠ No lead'); // called out, not left blank
    expect(cells[4]).toMatch(/^22m ago/); // declared 22 minutes before now
    expect(cells[5]).toContain('none yet');
    expect(cells[6]).toBe('checkout');
    const emails = within(screen.getByRole('row', { name: /Emails late/ })).getAllByRole('cell');
    expect(emails[3]?.textContent).toBe('Bob');
    expect(emails[5]?.textContent).toMatch(/^17m ago/); // the last status update
  });

  it('calls out an overdue status update in words', async () => {
    const hub = hubWithIncidents();
    vi.useFakeTimers({ now: Date.parse(hub.now) + 90 * 60_000, shouldAdvanceTime: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<Board />);
    const sev1 = within(screen.getByRole('row', { name: /Checkout down/ }));
    expect(sev1.getByText(/Update overdue by/)).toBeTruthy();
  });

  it('filters by status, severity, service and "mine"', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithIncidents()) });
    app.render(<Board />);
    const filters = screen.getByRole('form', { name: 'Filter incidents' });

    await user.selectOptions(within(filters).getByLabelText('Status'), 'all');
    expect(titles()).toEqual(['Checkout down', 'Emails late', 'Search is slow', 'Old outage']);
    await user.selectOptions(within(filters).getByLabelText('Severity'), 'SEV-1');
    expect(titles()).toEqual(['Checkout down', 'Old outage']);
    await user.selectOptions(within(filters).getByLabelText('Severity'), 'all');
    await user.selectOptions(within(filters).getByLabelText('Service'), 'search');
    expect(titles()).toEqual(['Search is slow']);
    await user.selectOptions(within(filters).getByLabelText('Service'), '');
    await user.click(within(filters).getByRole('checkbox', { name: /Mine/ }));
    expect(titles()).toEqual(['Search is slow', 'Old outage']); // Alice leads these two
    await user.selectOptions(within(filters).getByLabelText('Status'), 'active');
    expect(titles()).toEqual(['Search is slow']);
    expect(screen.getByText(/3 more incidents are hidden by the filters/)).toBeTruthy();
  });

  it('marks an incident the hub has not confirmed yet, and opens one on click', async () => {
    const hub = new TestHub();
    const confirmed = hub.state;
    hub.declare({ title: 'Typed offline', severity: 'SEV-2' }, { incidentId: 'new' });
    const app = await startApp({ view: { state: hub.state, confirmed } });
    app.render(<Board />);
    const row = screen.getByRole('row', { name: /Typed offline/ });
    expect(row.dataset.pending).toBe('true');
    expect(within(row).getByText('pending')).toBeTruthy();

    await userEvent.click(within(row).getByRole('button', { name: 'Typed offline' }));
    expect(app.store.getState().selectedIncidentId).toBe('new');
    expect(app.timelineRequests).toEqual([]); // the hub has no timeline for it yet
    act(() => app.push({ confirmed: hub.state }));
    expect(app.timelineRequests).toEqual(['new']); // asked for as soon as the hub has it
  });

  it('says so when there is nothing to show', async () => {
    const app = await startApp();
    app.render(<Board />);
    expect(screen.getByText(/No incidents\./)).toBeTruthy();
  });
});
