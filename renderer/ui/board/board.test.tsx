// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { draftKeys } from '../../store/draft-keys.js';
import { bob, carol, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { App } from '../common/app.js';
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

  it('puts SEV-1s nobody acknowledged or leads on top, with their age, and counts by severity and "no lead"', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Emails late', severity: 'SEV-2' }, { incidentId: 'sev2' });
    hub.advance(1).declare({ title: 'Payments slow', severity: 'SEV-1' }, { incidentId: 'led' });
    hub.advance(1).declare({ title: 'Search stale', severity: 'SEV-3' }, { incidentId: 'sev3' });
    hub.ok('role.release', { role: 'lead' }, { incidentId: 'sev3' });
    // From monitors: in triage, so not acknowledged yet.
    hub.advance(1).declare({ title: 'Logins fail', severity: 'SEV-1', status: 'triage' }, { incidentId: 'unacked' });
    hub.advance(1).declare({ title: 'Checkout down', severity: 'SEV-1', status: 'triage' }, { incidentId: 'both' });
    hub.ok('role.release', { role: 'lead' }, { incidentId: 'both' });
    hub.advance(1).declare({ title: 'API errors', severity: 'SEV-1' }, { incidentId: 'unled' });
    hub.ok('role.release', { role: 'lead' }, { incidentId: 'unled' });
    hub.advance(1).declare({ title: 'Old outage', severity: 'SEV-1', status: 'triage' }, { incidentId: 'done' });
    hub.ok('role.release', { role: 'lead' }, { incidentId: 'done' });
    hub.ok('incident.change_status', { status: 'declined', reason: 'a false alarm' }, { incidentId: 'done' });
    vi.useFakeTimers({ now: Date.parse(hub.now) + 4 * 60_000, toFake: ['Date'] });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<Board />);

    expect(titles()).toEqual([
      'Checkout down', // unacknowledged and unled
      'Logins fail', // unacknowledged (older than the next)
      'API errors', // unled
      'Payments slow',
      'Emails late',
      'Search stale',
    ]);
    const top = screen.getByRole('row', { name: /Checkout down/ });
    expect(top.dataset.attention).toBe('true');
    expect(within(top).getByText('unacknowledged 6m')).toBeTruthy(); // declared 6 minutes ago
    expect(within(screen.getByRole('row', { name: /Logins fail/ })).getByText('unacknowledged 7m')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /API errors/ })).queryByText(/unacknowledged/)).toBeNull();
    expect(screen.getByRole('row', { name: /Payments slow/ }).dataset.attention).toBeUndefined();

    const counts = within(screen.getByRole('list', { name: 'Active incidents' }));
    expect(counts.getByRole('listitem', { name: 'SEV-1: 4' })).toBeTruthy(); // the declined one is not counted
    expect(counts.getByRole('listitem', { name: 'SEV-2: 1' })).toBeTruthy();
    expect(counts.getByRole('listitem', { name: 'SEV-3: 1' })).toBeTruthy();
    expect(counts.getByRole('listitem', { name: 'No lead: 3' })).toBeTruthy();
  });

  it('says loudly when nobody was paged for an incident', async () => {
    const hub = hubWithIncidents();
    hub.ok(
      'page.report_unrouted',
      { severity: 'SEV-1', service: 'checkout', reason: 'no rotation covers checkout' },
      { incidentId: 'sev1' },
    );
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<Board />);
    const badge = within(screen.getByRole('row', { name: /Checkout down/ })).getByText('Nobody paged');
    expect(badge.closest('[title]')?.getAttribute('title')).toBe(
      'Nobody was paged for this SEV-1: no rotation covers checkout',
    );
    expect(within(screen.getByRole('row', { name: /Emails late/ })).queryByText('Nobody paged')).toBeNull();
  });

  it('opens the declare form on demand; Escape closes it, keeps what was typed and gives the focus back', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithIncidents()) });
    app.render(<Board />);
    expect(screen.queryByRole('form', { name: 'Declare an incident' })).toBeNull();
    const open = screen.getByRole('button', { name: 'Declare an incident' });

    await user.click(open);
    const form = within(screen.getByRole('form', { name: 'Declare an incident' }));
    expect(document.activeElement).toBe(form.getByLabelText('Title'));
    await user.type(form.getByLabelText('Title'), 'Half typed');
    await user.click(form.getByRole('radio', { name: 'SEV-1 Critical' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Declare an incident' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Declare an incident' }));
    expect(app.sent).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Declare an incident' }));
    const again = within(screen.getByRole('form', { name: 'Declare an incident' }));
    expect(again.getByLabelText('Title')).toHaveProperty('value', 'Half typed');
    expect(again.getByRole('radio', { name: 'SEV-1 Critical' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('button', { name: /^Close/ }));
    expect(screen.queryByRole('form', { name: 'Declare an incident' })).toBeNull();
  });

  it('opens with a declaration left unfinished, and with n from the keyboard', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithIncidents()) });
    act(() => app.store.getState().setDraft(draftKeys.declareTitle, 'Typed before'));
    app.render(<App />);
    const form = within(screen.getByRole('form', { name: 'Declare an incident' }));
    expect(form.getByLabelText('Title')).toHaveProperty('value', 'Typed before');
    await user.click(form.getByLabelText('Title'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Declare an incident' })).toBeNull();

    await user.keyboard('n');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Title' }));
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'Typed before');
  });

  it('does not offer a viewer to declare, by button or by key', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithIncidents(), { user: { ...carol, role: 'viewer' } }) });
    app.render(<App />);
    expect(titles()).toEqual(['Checkout down', 'Emails late', 'Search is slow']); // the board itself is the same
    expect(screen.queryByRole('button', { name: 'Declare an incident' })).toBeNull();
    await user.keyboard('n');
    expect(screen.queryByRole('form', { name: 'Declare an incident' })).toBeNull();
  });
});
