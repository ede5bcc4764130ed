// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { DEFAULT_SEVERITY_GUIDANCE, SEVERITY_ADVICE } from '../../../shared/domain/severity.js';
import { draftKeys } from '../../store/draft-keys.js';
import { startApp } from '../../testing/app-harness.js';
import { DeclareForm, SEVERITY_REQUIRED } from './declare-form.js';

const form = () => screen.getByRole('form', { name: 'Declare an incident' });

describe('declaring an incident', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

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
        payload: {
          title: 'Checkout down',
          severity: 'SEV-1',
          service: 'checkout',
          impact: 'Nobody can pay',
          impactStartedAt: expect.any(String),
        },
      },
    ]);
    expect(app.store.getState().selectedIncidentId).toBe(app.sent[0]?.incidentId); // it opens
    expect((f.getByLabelText('Title') as HTMLInputElement).value).toBe(''); // ready for the next one

    await user.type(f.getByLabelText('Title'), 'Search down');
    expect(f.getByRole('radio', { name: 'SEV-1 Critical' })).toHaveProperty('checked', false); // chosen anew
    await user.click(f.getByRole('radio', { name: 'SEV-2 Degraded' }));
    await user.selectOptions(f.getByLabelText('Incident Lead'), 'Bob');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(app.sent[1]?.payload).toEqual({
      title: 'Search down',
      severity: 'SEV-2',
      service: '',
      impactStartedAt: expect.any(String),
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
    await user.click(f.getByRole('radio', { name: 'SEV-3 Early warning' }));
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
    await user.click(f.getByRole('radio', { name: 'SEV-2 Degraded' }));
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
    await user.click(f.getByRole('radio', { name: 'SEV-3 Early warning' }));
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
    await user.click(f.getByRole('radio', { name: 'SEV-3 Early warning' }));
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe(
      'Remove the text-direction control character U+202E (RIGHT-TO-LEFT OVERRIDE) from the title (at character 9): it can make text read differently from what it says.',
    );
    expect(app.sent).toEqual([]);
    expect(app.store.getState().selectedIncidentId).toBeNull();
  });

  it('has no default severity: it suggests the highest, and asks for a choice before sending anything', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    const radios = f.getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).checked)).toEqual([false, false, false]);
    const sev1 = f.getByRole('radio', { name: 'SEV-1 Critical' });
    const suggested = f.getByText('Suggested');
    expect(sev1.getAttribute('aria-describedby')?.split(' ')).toContain(suggested.id); // said to screen readers too
    expect(suggested.closest('label')).toBe(sev1.closest('label'));
    expect(f.getByText(SEVERITY_ADVICE)).toBeTruthy();

    await user.type(f.getByLabelText('Title'), 'Checkout down');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe(SEVERITY_REQUIRED);
    expect(f.getByRole('group', { name: /Severity/ }).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(sev1); // the person lands on the choice to make
    expect(app.sent).toEqual([]);
    expect(f.getByLabelText('Title')).toHaveProperty('value', 'Checkout down');

    await user.click(sev1);
    expect(f.queryByRole('alert')).toBeNull();
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(app.sent[0]?.payload).toMatchObject({ title: 'Checkout down', severity: 'SEV-1' });
  });

  it('asks when the impact started (just now unless told) and sends it, to the minute', async () => {
    const now = Date.parse('2026-03-10T14:07:30.000Z');
    vi.useFakeTimers({ now, toFake: ['Date'] }); // Date only: the form's own timers run as usual
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    const declare = async (title: string) => {
      await user.type(f.getByLabelText('Title'), title);
      await user.click(f.getByRole('radio', { name: 'SEV-2 Degraded' }));
      await user.click(f.getByRole('button', { name: 'Declare incident' }));
    };

    expect(f.getByLabelText('Impact started')).toHaveProperty('value', 'now');
    await declare('Just now');
    expect(app.sent.at(-1)?.payload).toMatchObject({ impactStartedAt: '2026-03-10T14:07:00.000Z' });

    await user.selectOptions(f.getByLabelText('Impact started'), 'Minutes ago…');
    await user.type(f.getByLabelText('Minutes ago'), '25');
    await declare('Twenty-five minutes ago');
    expect(app.sent.at(-1)?.payload).toMatchObject({ impactStartedAt: '2026-03-10T13:42:00.000Z' });
    expect(f.getByLabelText('Impact started')).toHaveProperty('value', 'now'); // a new declaration starts afresh

    await user.selectOptions(f.getByLabelText('Impact started'), 'At a date and time…');
    const at = f.getByLabelText('Impact started at');
    expect(isoOf((at as HTMLInputElement).value)).toBe('2026-03-10T14:07:00.000Z'); // starts from now, to edit
    fireEvent.change(at, { target: { value: '2026-03-10T09:15' } });
    await declare('This morning');
    expect(app.sent.at(-1)?.payload).toMatchObject({ impactStartedAt: isoOf('2026-03-10T09:15') });
    expect(app.sent).toHaveLength(3);
  });

  it('refuses an impact start that is not a time, or in the future, and says so next to it', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-10T14:07:30.000Z'), toFake: ['Date'] });
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<DeclareForm />);
    const f = within(form());
    await user.type(f.getByLabelText('Title'), 'Checkout down');
    await user.click(f.getByRole('radio', { name: 'SEV-1 Critical' }));

    await user.selectOptions(f.getByLabelText('Impact started'), 'Minutes ago…');
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe(
      'Say how many minutes ago the impact started: a whole number, 0 or more.',
    );

    await user.selectOptions(f.getByLabelText('Impact started'), 'At a date and time…');
    fireEvent.change(f.getByLabelText('Impact started at'), { target: { value: '2026-03-11T09:00' } });
    await user.click(f.getByRole('button', { name: 'Declare incident' }));
    expect(f.getByRole('alert').textContent).toBe('The impact cannot start in the future.');
    expect(app.sent).toEqual([]);
    expect(f.getByLabelText('Title')).toHaveProperty('value', 'Checkout down');
  });

  it('counts characters beside the title, service and impact near their limits, which come from the schema', async () => {
    const app = await startApp();
    act(() => {
      app.store.getState().setDraft(draftKeys.declareTitle, 'x'.repeat(170));
      app.store.getState().setDraft(draftKeys.declareService, 's'.repeat(LIMITS.title));
      app.store.getState().setDraft(draftKeys.declareImpact, 'i'.repeat(10));
    });
    app.render(<DeclareForm />);
    const f = within(form());
    const counter = (label: string) => {
      const id = f.getByLabelText(label).getAttribute('aria-describedby') ?? '';
      return document.getElementById(id)?.textContent ?? null;
    };
    expect(counter('Title')).toBe('170 / 200');
    expect(counter('Service')).toBe('200 / 200 (the limit)');
    expect(counter('Impact')).toBeNull(); // quiet for an ordinary text
    expect(f.getByLabelText('Title').getAttribute('maxlength')).toBe(String(LIMITS.title));
    expect(f.getByLabelText('Service').getAttribute('maxlength')).toBe(String(LIMITS.title));
    expect(f.getByLabelText('Impact').getAttribute('maxlength')).toBe(String(LIMITS.longText));
    act(() => app.store.getState().setDraft(draftKeys.declareImpact, 'i'.repeat(3300)));
    expect(counter('Impact')).toBe('3,300 / 4,000');
  });
});

/** A datetime-local value (local time) as the instant it names. */
function isoOf(local: string): string {
  return new Date(local).toISOString();
}
