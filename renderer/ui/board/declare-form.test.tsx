// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEVERITY_GUIDANCE, SEVERITY_ADVICE } from '../../../shared/domain/severity.js';
import { startApp } from '../../testing/app-harness.js';
import { DeclareForm } from './declare-form.js';

const form = () => screen.getByRole('form', { name: 'Declare an incident' });

describe('declaring an incident', () => {
  it('shows our process guidance for each severity, and the advice to choose the higher one', async () => {
    const app = await startApp();
    app.render(<DeclareForm />);
    for (const severity of ['SEV-1', 'SEV-2', 'SEV-3'] as const) {
      const radio = within(form()).getByRole('radio', {
        name: `${severity} ${DEFAULT_SEVERITY_GUIDANCE[severity].label}`,
      });
      expect(radio.getAttribute('aria-describedby')).toBeTruthy();
      expect(screen.getByText(new RegExp(DEFAULT_SEVERITY_GUIDANCE[severity].meaning.slice(0, 20)))).toBeTruthy();
    }
    expect(screen.getByText(SEVERITY_ADVICE)).toBeTruthy();
  });

  it('sends title, severity, impact and service; I lead unless I hand it on', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    await user.type(f.getByLabelText('Title'), 'Checkout down');
    await user.click(f.getByRole('radio', { name: 'SEV-1 Critical' }));
    await user.type(f.getByLabelText('Impact'), 'Nobody can pay');
    await user.type(f.getByLabelText('Service'), 'checkout{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'incident.declare',
        incidentId: expect.any(String),
        payload: { title: 'Checkout down', severity: 'SEV-1', service: 'checkout', impact: 'Nobody can pay' },
      },
    ]);
    expect(app.store.getState().selectedIncidentId).toBe(app.sent[0]?.incidentId); // it opens
    expect((f.getByLabelText('Title') as HTMLInputElement).value).toBe(''); // ready for the next one

    await user.type(f.getByLabelText('Title'), 'Search down');
    await user.selectOptions(f.getByLabelText('Incident Lead'), 'Bob');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(app.sent[1]?.payload).toEqual({
      title: 'Search down',
      severity: 'SEV-2',
      service: '',
      lead: { id: 'u-bob', name: 'Bob' },
    });
  });

  it('keeps what was typed when the change is refused, and says why', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.answer({ ok: false, error: { code: 'invalid_command', message: 'payload.service: unknown service' } });
    app.render(<DeclareForm />);
    const f = within(form());
    await user.type(f.getByLabelText('Title'), 'Payments fail');
    await user.type(f.getByLabelText('Impact'), 'Half the payments fail');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe('Service: unknown service');
    expect((f.getByLabelText('Impact') as HTMLInputElement).value).toBe('Half the payments fail');
    expect(app.store.getState().selectedIncidentId).toBeNull();
  });

  it('asks for a title before sending anything', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe('The title needs visible characters.');
    expect(app.sent).toEqual([]);
  });

  it('refuses a title of only invisible characters, says why, and keeps it in the form', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    await user.type(f.getByLabelText('Title'), '\u200B\u200D\u2060');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe(
      'The title needs visible characters: it holds only spaces or invisible characters.',
    );
    expect(app.sent).toEqual([]);
    expect((f.getByLabelText('Title') as HTMLInputElement).value).toBe('\u200B\u200D\u2060');
  });

  it('refuses a title with a text-direction override, naming the character and where it is', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    // Shown as "Invoice exe.pdf": the override turns "fdp.exe" around.
    await user.type(f.getByLabelText('Title'), 'Invoice \u202Efdp.exe');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe(
      'Remove the text-direction control character U+202E (RIGHT-TO-LEFT OVERRIDE) from the title (at character 9): it can make text read differently from what it says.',
    );
    expect(app.sent).toEqual([]);
    expect(app.store.getState().selectedIncidentId).toBeNull();
  });
});
