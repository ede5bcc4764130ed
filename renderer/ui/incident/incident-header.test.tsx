// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { IncidentHeader } from './incident-header.js';

/** As an alert declares it: in triage, nobody leading, nobody acknowledged. */
function triage(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Alert: errors up', severity: 'SEV-2', status: 'triage', service: 'api' });
  hub.ok('role.release', { role: 'lead' });
  return hub;
}

const header = (hub: TestHub) => <IncidentHeader incidentId={hub.incident().id} back={null} />;
const term = (name: string) => screen.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent ?? '';

describe('the incident header', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says who leads, the Comms Lead and the Fixers, or loudly that nobody does', async () => {
    const hub = triage();
    vi.useFakeTimers({ now: Date.parse(hub.now), shouldAdvanceTime: true }); // the next update is not due yet
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    expect(term('Incident Lead')).toBe('⚠ No lead');
    expect(term('Comms Lead')).toBe('No Comms Lead');
    expect(term('Fixers')).toBe('No fixers');
    expect(screen.getByText('Next: assign a lead')).toBeTruthy();
    // No lead, no Comms Lead, no fixers, and the open checklist items.
    const items = hub.incident().checklists.flatMap((c) => c.items.filter((i) => i.doneAt === null)).length;
    expect(items).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: /^Undone: / }).textContent).toBe(`Undone: ${3 + items}`);

    hub.ok('role.claim', { role: 'lead' });
    hub.ok('role.assign', { role: 'comms', person: bob });
    hub.ok('role.assign', { role: 'fixer', person: bob });
    act(() => app.push(viewOfHub(hub)));
    expect(term('Incident Lead')).toBe('Alice');
    expect(term('Comms Lead')).toBe('Bob');
    expect(term('Fixers')).toBe('Bob');
    expect(screen.getByText('Next: investigate or decline')).toBeTruthy();
  });

  it('opens the status form on demand: the allowed next steps only, and a decline needs a reason', async () => {
    const user = userEvent.setup();
    const hub = triage();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    expect(screen.queryByRole('group', { name: 'Next step' })).toBeNull(); // not a permanent panel
    const open = screen.getByRole('button', { name: /^Change status/ });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await user.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const steps = within(screen.getByRole('group', { name: 'Next step' }));
    expect(steps.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Start investigating',
      'Decline (not an incident)',
    ]);
    expect(document.activeElement).toBe(steps.getByRole('button', { name: 'Start investigating' }));

    await user.click(steps.getByRole('button', { name: 'Decline (not an incident)' }));
    expect(steps.getByRole('alert').textContent).toMatch(/Say why it goes from triage to declined/);
    expect(app.sent).toEqual([]); // nothing sent without the reason
    expect(document.activeElement).toBe(steps.getByLabelText(/Reason/));

    await user.type(steps.getByLabelText(/Reason/), 'A test alert');
    await user.click(steps.getByRole('button', { name: 'Decline (not an incident)' }));
    expect(app.sent).toEqual([
      { type: 'incident.change_status', incidentId: 'inc-1', payload: { status: 'declined', reason: 'A test alert' } },
    ]);
    // Sent: the form closes and the focus goes back to its button.
    expect(screen.queryByRole('group', { name: 'Next step' })).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('keeps Acknowledge beside Acknowledge and lead', async () => {
    const user = userEvent.setup();
    const hub = triage();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    await user.click(screen.getByRole('button', { name: 'Acknowledge (stops the paging)' }));
    await user.click(screen.getByRole('button', { name: 'Acknowledge and lead' }));
    expect(app.sent).toEqual([
      { type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} },
      { type: 'incident.acknowledge', incidentId: 'inc-1', payload: { lead: true } },
    ]);
  });

  it('opens the severity form on demand, escalates with a reason, and Escape closes it', async () => {
    const user = userEvent.setup();
    const hub = triage();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    expect(screen.queryByRole('form', { name: 'Change severity' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Change severity/ }));
    const form = within(screen.getByRole('form', { name: 'Change severity' }));
    expect(document.activeElement).toBe(form.getByLabelText('New severity'));
    expect(form.getByRole('button').textContent).toBe('Escalate to SEV-1');
    await user.click(form.getByRole('button', { name: 'Escalate to SEV-1' }));
    expect(form.getByRole('alert').textContent).toMatch(/Say why it goes to SEV-1/);
    await user.selectOptions(form.getByLabelText('New severity'), 'SEV-3');
    expect(form.getByRole('button').textContent).toBe('Downgrade to SEV-3');
    await user.selectOptions(form.getByLabelText('New severity'), 'SEV-1');

    // Escape closes it, keeping the reason typed so far.
    await user.type(form.getByLabelText('Reason for the change'), 'checkout errors');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Change severity' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Change severity/ }));
    const again = within(screen.getByRole('form', { name: 'Change severity' }));
    expect(again.getByLabelText<HTMLInputElement>('Reason for the change').value).toBe('checkout errors');
    await user.type(again.getByLabelText('Reason for the change'), ' at 40%{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'incident.change_severity',
        incidentId: 'inc-1',
        payload: { severity: 'SEV-1', reason: 'checkout errors at 40%' },
      },
    ]);
    expect(screen.queryByRole('form', { name: 'Change severity' })).toBeNull();
  });

  it('says whether the impact is mitigated, what helped, and the next step', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Checkout errors', severity: 'SEV-2' });
    hub.ok('tried.add', { entryId: 't-1', what: 'Restarted the gateway' });
    hub.ok('tried.set_outcome', { entryId: 't-1', outcome: 'helped' });
    hub.ok('tried.add', { entryId: 't-2', what: 'Raised the pool' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    const progress = within(screen.getByRole('group', { name: 'Progress' }));
    expect(progress.getByText('Not mitigated')).toBeTruthy();
    expect(progress.getByText('Next: mitigate')).toBeTruthy();
    expect(progress.getByText('Restarted the gateway')).toBeTruthy();

    hub.advance(24).ok('incident.change_status', { status: 'mitigated' });
    vi.useFakeTimers({ now: Date.parse(hub.now) + 12 * 60_000, shouldAdvanceTime: true });
    act(() => app.push(viewOfHub(hub)));
    act(() => void vi.advanceTimersByTime(10_000));
    expect(progress.getByText('Mitigated 12m ago')).toBeTruthy();
    expect(progress.getByText('Next: resolve')).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'Severity and status' })).getByText('Mitigated')).toBeTruthy();
  });

  it('runs live clocks since impact started, since declared, since the last update, and the next update due', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Slow', severity: 'SEV-1', impactStartedAt: '2025-03-01T09:30:00.000Z' });
    vi.useFakeTimers({ now: Date.parse(hub.now) + 5 * 60_000, shouldAdvanceTime: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    const clocks = within(screen.getByLabelText('Clocks'));
    const value = (name: string) => clocks.getByText(name).nextElementSibling?.textContent ?? '';
    expect(value('Since impact started')).toMatch(/^35m /);
    expect(value('Since declared')).toMatch(/^5m /);
    expect(value('Since last update')).toBe('none yet');
    expect(value('Next update due')).toMatch(/^in 25m \(\d\d:\d\d\)$/);
    const undone = () => Number(screen.getByRole('button', { name: /^Undone: / }).textContent?.slice(8));
    const before = undone();
    act(() => void vi.advanceTimersByTime(26 * 60_000));
    expect(value('Since declared')).toMatch(/^31m /);
    expect(value('Next update due')).toMatch(/Overdue by 1m/);
    expect(undone()).toBe(before + 1); // an overdue update is undone work
  });

  it('shows viewers no control that changes the incident', async () => {
    const hub = triage();
    const app = await startApp({ view: viewOfHub(hub, { user: { id: 'u-carol', name: 'Carol', role: 'viewer' } }) });
    app.render(header(hub));
    expect(
      screen
        .getAllByRole('button')
        .map((b) => b.textContent)
        .filter((t) => !t?.startsWith('Undone')),
    ).toEqual([]);
  });
});
