// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { localInputValue } from '../oncall/time-zones.js';
import { editChanges } from './incident-edit-form.js';
import { IncidentHeader } from './incident-header.js';

function declared(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout errors', severity: 'SEV-2', service: 'checkout', impact: 'Some payments fail' });
  return hub;
}

async function openEdit(hub: TestHub) {
  const user = userEvent.setup();
  const app = await startApp({ view: viewOfHub(hub) });
  app.render(<IncidentHeader incidentId="inc-1" back={null} />);
  await user.click(screen.getByRole('button', { name: /^Edit details/ }));
  const form = within(screen.getByRole('form', { name: 'Edit the incident' }));
  return { user, app, form };
}

describe('editing the incident from the room', () => {
  it('sends only what changed, the impact start from the "Now" button', async () => {
    const { user, app, form } = await openEdit(declared());
    expect(document.activeElement).toBe(form.getByLabelText('Title'));
    expect(form.getByLabelText<HTMLInputElement>('Impact started').value).toBe(''); // not known yet
    await user.clear(form.getByLabelText('Title'));
    await user.type(form.getByLabelText('Title'), 'Card payments failing');
    await user.clear(form.getByLabelText('Impact'));
    await user.type(form.getByLabelText('Impact'), '1 in 5 card payments fail');
    const before = Date.now();
    await user.click(form.getByRole('button', { name: 'Now' }));
    const chosen = form.getByLabelText<HTMLInputElement>('Impact started').value;
    expect([localInputValue(before), localInputValue(Date.now())]).toContain(chosen);
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(app.sent).toEqual([
      {
        type: 'incident.update',
        incidentId: 'inc-1',
        payload: {
          title: 'Card payments failing',
          impact: '1 in 5 card payments fail',
          impactStartedAt: new Date(chosen).toISOString(),
        },
      },
    ]);
    expect(screen.queryByRole('form', { name: 'Edit the incident' })).toBeNull(); // sent: it closes
  });

  it('keeps the form open with everything typed when the hub refuses', async () => {
    const { user, app, form } = await openEdit(declared());
    app.answer({ ok: false, error: { code: 'invalid_command', message: 'payload.service: unknown service' } });
    await user.clear(form.getByLabelText('Service'));
    await user.type(form.getByLabelText('Service'), 'payments-gw');
    await user.type(form.getByLabelText('Summary'), 'Gateway timeouts since 14:00');
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(app.sent).toHaveLength(1);
    expect(form.getByRole('alert').textContent).toMatch(/unknown service/);
    expect(form.getByLabelText<HTMLInputElement>('Service').value).toBe('payments-gw');
    expect(form.getByLabelText<HTMLTextAreaElement>('Summary').value).toBe('Gateway timeouts since 14:00');
  });

  it('says so when nothing changed, and sends nothing', async () => {
    const { user, app, form } = await openEdit(declared());
    await user.click(form.getByRole('button', { name: 'Save changes' }));
    expect(form.getByRole('alert').textContent).toBe('Nothing changed: edit a field first.');
    expect(app.sent).toEqual([]);
  });

  it('counts characters near the limit, and Escape closes the form keeping what was typed', async () => {
    const { user, app, form } = await openEdit(declared());
    const title = form.getByLabelText<HTMLInputElement>('Title');
    await user.clear(title);
    await user.click(title);
    await user.paste('x'.repeat(LIMITS.title));
    expect(form.getByText(`${LIMITS.title} / ${LIMITS.title} (the limit)`)).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form', { name: 'Edit the incident' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Edit details/ })); // back to its opener
    expect(app.sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: /^Edit details/ }));
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('x'.repeat(LIMITS.title));
  });

  it('clears the impact start to "not known", and refuses a time it cannot read', () => {
    const hub = declared();
    hub.ok('incident.update', { impactStartedAt: '2025-03-01T09:30:00.000Z' });
    const incident = hub.incident();
    const values = {
      title: incident.title,
      summary: incident.summary,
      impact: incident.impact,
      service: incident.service,
      impactStart: '',
    };
    expect(editChanges(incident, values)).toEqual({ ok: true, changes: { impactStartedAt: null } });
    expect(editChanges(incident, { ...values, impactStart: 'soon' })).toEqual({
      ok: false,
      message: 'The impact start is not a date and time: pick one, or clear it.',
    });
  });
});
