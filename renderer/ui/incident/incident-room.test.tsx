// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionUser } from '../../../shared/sync/engine-view.js';
import { alice, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { App } from '../common/app.js';
import { offersAcknowledgeAndLead } from './acknowledge-lead-button.js';

const me: SessionUser = { ...alice, role: 'responder' };
const viewer: SessionUser = { id: 'u-carol', name: 'Carol', role: 'viewer' };

/** As an alert declares it: in triage, nobody leading, nobody acknowledged. */
function fromAlert(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout 5xx above 5%', severity: 'SEV-1', status: 'triage', impact: 'Purchases fail' });
  hub.ok('role.release', { role: 'lead' });
  return hub;
}

async function room(hub: TestHub, user: SessionUser = me) {
  const app = await startApp({ view: viewOfHub(hub, { user }) });
  app.render(<App />);
  act(() => app.actions.openIncident('inc-1'));
  await screen.findByRole('heading', { level: 2, name: /Checkout 5xx above 5%/ });
  return app;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the incident room', () => {
  it('offers "Acknowledge and lead" to whoever may act while nobody leads or nobody acknowledged', () => {
    const hub = fromAlert();
    expect(offersAcknowledgeAndLead(hub.incident(), me)).toBe(true);
    expect(offersAcknowledgeAndLead(hub.incident(), viewer)).toBe(false);
    expect(offersAcknowledgeAndLead(hub.incident(), null)).toBe(false);
    hub.ok('incident.acknowledge', { lead: true });
    expect(hub.incident().roles.lead?.id).toBe(alice.id);
    expect(hub.incident().status).toBe('investigating');
    expect(offersAcknowledgeAndLead(hub.incident(), me)).toBe(false); // done: acknowledged, and I lead
    hub.ok('role.release', { role: 'lead' });
    expect(offersAcknowledgeAndLead(hub.incident(), me)).toBe(true); // acknowledged, but nobody leads
    hub.ok('role.claim', { role: 'lead' }, { actor: { id: 'u-bob', name: 'Bob' } });
    expect(offersAcknowledgeAndLead(hub.incident(), me)).toBe(false); // Bob leads: the hub would refuse
  });

  it('acknowledges and leads with one press, or with A, listed in the ? overlay', async () => {
    const user = userEvent.setup();
    const app = await room(fromAlert());
    await user.click(screen.getByRole('button', { name: 'Acknowledge and lead' }));
    await user.keyboard('{Shift>}A{/Shift}');
    expect(app.sent).toEqual([
      { type: 'incident.acknowledge', incidentId: 'inc-1', payload: { lead: true } },
      { type: 'incident.acknowledge', incidentId: 'inc-1', payload: { lead: true } },
    ]);
    screen.getByRole('button', { name: /Keyboard shortcuts/ }).focus();
    await user.keyboard('?');
    const help = within(screen.getByRole('dialog', { name: 'Keyboard shortcuts' }));
    expect(help.getByText('Acknowledge and lead this incident (Shift+A)')).toBeTruthy();
    expect(help.getByText('Edit the title, summary, impact, service and impact start')).toBeTruthy();
  });

  it('opens the forms with e, s and i, with the focus in them; Escape closes a form and stays in the room', async () => {
    const user = userEvent.setup();
    const app = await room(fromAlert());
    await user.keyboard('e');
    expect(document.activeElement?.id).toBe('severity-select');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Change severity' })).toBeNull();
    expect(app.store.getState().selectedIncidentId).toBe('inc-1');

    await user.keyboard('s');
    expect(document.activeElement?.textContent).toBe('Start investigating');
    await user.keyboard('{Escape}i');
    expect(screen.queryByRole('group', { name: 'Next step' })).toBeNull();
    expect(document.activeElement?.id).toBe('edit-title');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Edit the incident' })).toBeNull();
    expect(app.store.getState().selectedIncidentId).toBe('inc-1');
    expect(app.sent).toEqual([]);
  });

  it('shows a viewer the stakeholder view: where it stands, the latest external update, no write controls', async () => {
    const hub = fromAlert();
    hub.ok('role.claim', { role: 'lead' });
    hub
      .advance(5)
      .ok('status_update.post', { updateId: 'u-1', text: 'Internal: pool exhausted', audience: 'internal' });
    hub.ok('status_update.post', {
      updateId: 'u-2',
      text: 'Some payments fail; we are on it.',
      audience: 'external',
      publicTitle: 'Some payments fail',
    });
    vi.useFakeTimers({ now: Date.parse(hub.now) + 10 * 60_000, shouldAdvanceTime: true });
    const user = userEvent.setup();
    const app = await room(hub, viewer);
    const view = within(screen.getByRole('region', { name: 'Stakeholder view' }));
    expect(view.getByText('Some payments fail; we are on it.')).toBeTruthy();
    expect(view.queryByText('Internal: pool exhausted')).toBeNull();
    expect(view.getByText('Purchases fail')).toBeTruthy();
    expect(within(view.getByRole('group', { name: 'Severity and status' })).getByText('Triage')).toBeTruthy();
    expect(document.querySelector('[data-next-update]')?.textContent).toMatch(/^at \d\d:\d\d, in 20m$/);
    // Nothing that sends a command: the only buttons in the room go back to the board.
    const article = screen.getByRole('article');
    expect(
      within(article)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['← Back to board']);
    expect(article.querySelector('form, input, textarea, select')).toBeNull();
    await user.keyboard('eisA'); // the keys find nothing to open or press
    expect(app.sent).toEqual([]);
  });
});
