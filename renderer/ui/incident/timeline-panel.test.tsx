// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { withPending } from '../../../shared/sync/optimistic.js';
import { eventOf } from '../../../shared/domain/test-support.js';
import { alice, bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { queued } from '../../test-views.js';
import { TimelinePanel } from './timeline-panel.js';

function hubWithStory(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout errors', severity: 'SEV-2' }, { actor: { id: 'u-ana', name: 'Ana' } });
  hub.advance(3).ok('tried.add', { entryId: 'e1', what: 'Rolled back 142' }, { actor: bob });
  hub.advance(3).ok(
    'incident.change_severity',
    { severity: 'SEV-1', reason: 'checkout errors at 40%' },
    {
      actor: { id: 'u-ana', name: 'Ana' },
    },
  );
  return hub;
}

const lines = () =>
  within(screen.getByRole('list', { name: 'Timeline' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.timeline__text')?.textContent);

describe('the timeline', () => {
  it('tells every event in plain words, newest first, once loaded from the hub', async () => {
    const hub = hubWithStory();
    const app = await startApp({ view: viewOfHub(hub), timeline: hub.log });
    app.actions.openIncident('inc-1');
    app.render(<TimelinePanel incidentId="inc-1" />);
    const first = await screen.findByText(/Ana escalated to SEV-1: checkout errors at 40%/);
    expect(first).toBeTruthy();
    expect(lines()).toEqual([
      'Severity Ana escalated to SEV-1: checkout errors at 40%',
      'What we’ve tried Bob tried: Rolled back 142',
      'Checklists Ana added checklist “Incident Lead” (3 items)',
      'Checklists Ana added checklist “SEV-2 response” (3 items)',
      'Roles Ana took Incident Lead',
      'Status Ana declared SEV-2: Checkout errors',
    ]);
    expect(app.timelineRequests).toEqual(['inc-1']);
  });

  it('adds live events once each (by seq), and filters by kind', async () => {
    const user = userEvent.setup();
    const hub = hubWithStory();
    const app = await startApp({ view: viewOfHub(hub), timeline: hub.log });
    app.actions.openIncident('inc-1');
    app.render(<TimelinePanel incidentId="inc-1" />);
    await screen.findByText(/Ana escalated/);
    const more = hub.advance(1).ok('incident.change_status', { status: 'mitigated' });
    act(() => {
      app.events(more);
      app.events([...more, ...hub.log.slice(0, 2)]); // duplicates and old ones change nothing
    });
    expect(lines()[0]).toBe('Status Alice moved it from investigating to mitigated');
    expect(lines()).toHaveLength(7);

    await user.selectOptions(screen.getByLabelText('Show'), 'status');
    expect(lines()).toEqual([
      'Status Alice moved it from investigating to mitigated',
      'Status Ana declared SEV-2: Checkout errors',
    ]);
    expect(within(screen.getByLabelText('Show')).getByRole('option', { name: 'Status (2)' })).toBeTruthy();
  });

  it('shows our changes the hub has not confirmed yet on top, marked pending', async () => {
    const hub = hubWithStory();
    const command = queued({
      commandId: 'q1',
      incidentId: 'inc-1',
      payload: { entryId: 'e2', what: 'Drained node 4' },
    });
    const { state } = withPending(hub.state, [command], alice, hub.now);
    const app = await startApp({
      view: { state, confirmed: hub.state, pending: [{ ...command, shown: true }] },
      timeline: hub.log,
    });
    app.actions.openIncident('inc-1');
    app.render(<TimelinePanel incidentId="inc-1" />);
    const waiting = within(screen.getByRole('list', { name: 'Not yet confirmed by the hub' }));
    expect(waiting.getByRole('listitem').textContent).toBe("pending Add “Drained node 4” to what we've tried");
  });

  it('says when the timeline could not be loaded, keeps live events, and tries again', async () => {
    const user = userEvent.setup();
    const hub = hubWithStory();
    const app = await startApp({ view: viewOfHub(hub), timeline: new Error('The timeline needs the hub.') });
    app.actions.openIncident('inc-1');
    app.render(<TimelinePanel incidentId="inc-1" />);
    expect((await screen.findByText(/could not be loaded/)).textContent).toContain('The timeline needs the hub.');
    act(() => app.events(hub.log.slice(-1)));
    expect(lines()).toEqual(['Severity Ana escalated to SEV-1: checkout errors at 40%']);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(app.timelineRequests).toEqual(['inc-1', 'inc-1']);
  });

  it('renders only the visible part of 10,000 events', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Long', severity: 'SEV-1' });
    const first = hub.state.seq;
    const many = Array.from({ length: 10_000 }, (_, i) =>
      eventOf(
        'tried.added',
        { entryId: `e${i}`, what: `Attempt ${i}`, hypothesis: '', outcome: 'pending' },
        {
          seq: first + i + 1,
          actor: bob,
        },
      ),
    );
    const app = await startApp({ view: viewOfHub(hub), timeline: [...hub.log, ...many] });
    app.actions.openIncident('inc-1');
    app.render(<TimelinePanel incidentId="inc-1" />);
    await screen.findByText('Bob tried: Attempt 9999');
    const rows = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe(String(10_000 + hub.log.length));
  });
});
