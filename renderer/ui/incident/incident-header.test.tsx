// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { IncidentHeader } from './incident-header.js';

function triage(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Alert: errors up', severity: 'SEV-2', status: 'triage', service: 'api' });
  return hub;
}

const header = (hub: TestHub) => <IncidentHeader incidentId={hub.incident().id} back={null} />;

describe('the incident header', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers only the allowed next steps, and a decline needs a reason', async () => {
    const user = userEvent.setup();
    const hub = triage();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    const steps = within(screen.getByRole('group', { name: 'Next step' }));
    expect(steps.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Start investigating',
      'Decline (not an incident)',
    ]);

    await user.click(steps.getByRole('button', { name: 'Decline (not an incident)' }));
    expect(steps.getByRole('alert').textContent).toMatch(/Say why it goes from triage to declined/);
    expect(app.sent).toEqual([]); // nothing sent without the reason
    expect(document.activeElement).toBe(steps.getByLabelText(/Reason/));

    await user.click(screen.getByRole('button', { name: 'Acknowledge (stops the paging)' })); // triage: not yet acknowledged
    expect(app.sent).toEqual([{ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} }]);
    app.sent.length = 0;

    await user.type(steps.getByLabelText(/Reason/), 'A test alert');
    await user.click(steps.getByRole('button', { name: 'Decline (not an incident)' }));
    expect(app.sent).toEqual([
      { type: 'incident.change_status', incidentId: 'inc-1', payload: { status: 'declined', reason: 'A test alert' } },
    ]);
  });

  it('escalates with a reason, and names the move by its direction', async () => {
    const user = userEvent.setup();
    const hub = triage();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    const form = within(screen.getByRole('form', { name: 'Change severity' }));
    expect(form.getByRole('button').textContent).toBe('Escalate to SEV-1');
    await user.click(form.getByRole('button', { name: 'Escalate to SEV-1' }));
    expect(form.getByRole('alert').textContent).toMatch(/Say why it goes to SEV-1/);
    await user.type(form.getByLabelText('Reason for the change'), 'checkout errors at 40%{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'incident.change_severity',
        incidentId: 'inc-1',
        payload: { severity: 'SEV-1', reason: 'checkout errors at 40%' },
      },
    ]);
    await user.selectOptions(form.getByLabelText('New severity'), 'SEV-3');
    expect(form.getByRole('button').textContent).toBe('Downgrade to SEV-3');
  });

  it('shows mitigation as the first goal with its own time, then resolution', async () => {
    const hub = triage();
    hub.advance(1).ok('incident.change_status', { status: 'investigating' });
    hub.advance(24).ok('incident.change_status', { status: 'mitigated' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    const goals = within(screen.getByRole('list', { name: 'Goals' })).getAllByRole('listitem');
    expect(goals.map((g) => g.dataset.done)).toEqual(['true', 'false']);
    expect(goals[0]?.textContent).toMatch(/^✓Mitigated at \d\d:\d\d, 25m after declaring$/);
    expect(goals[1]?.textContent).toBe('2Resolved not yet: then fix the cause');
    expect(within(screen.getByRole('group', { name: 'Severity and status' })).getByText('Mitigated')).toBeTruthy();
  });

  it('runs live clocks since impact started, since declared and since the last update', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Slow', severity: 'SEV-1', impactStartedAt: '2025-03-01T09:30:00.000Z' });
    vi.useFakeTimers({ now: Date.parse(hub.now) + 5 * 60_000, shouldAdvanceTime: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(header(hub));
    const clocks = within(screen.getByLabelText('Clocks'));
    const value = (term: string) => clocks.getByText(term).nextElementSibling?.textContent ?? '';
    expect(value('Since impact started')).toMatch(/^35m /);
    expect(value('Since declared')).toMatch(/^5m /);
    expect(value('Since last update')).toMatch(/none yet.*next due at \d\d:\d\d, in 25m/);
    act(() => void vi.advanceTimersByTime(26 * 60_000));
    expect(value('Since declared')).toMatch(/^31m /);
    expect(value('Since last update')).toMatch(/Update overdue by 1m/);
  });
});
