// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { queued } from '../../test-views.js';
import { startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { App } from './app.js';

function oneIncident(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout down', severity: 'SEV-1', service: 'checkout' });
  return hub;
}

const banner = () => screen.getByTestId('connection-banner');

describe('the app', () => {
  it('always shows the connection: online, reconnecting, offline with the changes waiting', async () => {
    const app = await startApp({ view: viewOfHub(oneIncident()) });
    app.render(<App />);
    expect(banner().textContent).toBe('Online');
    const waiting = [queued({ commandId: 'a' }), queued({ commandId: 'b' })].map((c) => ({ ...c, shown: true }));
    act(() => app.push({ status: 'connecting', pending: waiting }));
    expect(banner().textContent).toBe('Reconnecting… — 2 changes waiting');
    act(() => app.push({ status: 'offline' }));
    expect(banner().textContent).toBe('Offline — 2 changes waiting');
    expect(banner().dataset).toMatchObject({ connection: 'offline', pending: '2' });
  });

  it("shows the hub's note about a dropped connection, and a revoked access on the connect screen", async () => {
    const app = await startApp({ view: viewOfHub(oneIncident()) });
    app.render(<App />);
    const note = "The hub dropped this app's previous connection: it had fallen 9.0 MiB behind.";
    act(() => app.push({ notice: note }));
    expect(screen.getByTestId('connection-notice').textContent).toContain(note);
    act(() => app.push({ notice: null }));
    expect(screen.queryByTestId('connection-notice')).toBeNull();
    act(() => app.push({ status: 'offline', refusal: { code: 'revoked', message: 'An admin revoked the token.' } }));
    expect(banner().textContent).toBe('Offline — your access was revoked');
    expect(screen.getByText(/Your access was revoked\. An admin revoked the token\./)).toBeTruthy();
  });

  it('lists the shortcuts in a ? overlay, closed with Escape, focus given back', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(oneIncident()) });
    app.render(<App />);
    const shortcuts = screen.getByRole('button', { name: /Keyboard shortcuts/ });
    shortcuts.focus();
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Declare an incident')).toBeTruthy();
    expect(within(dialog).getByText("Add to what we've tried")).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(shortcuts);
  });

  it('works from the keyboard: n declares, Enter opens, t adds an attempt, b goes back to the row', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(oneIncident()) });
    app.render(<App />);
    await user.keyboard('n');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Title' }));
    await user.keyboard('t'); // typed into the title, not a shortcut
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 't');
    await user.keyboard('{Escape}j');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Checkout down' }));
    await user.keyboard('{Enter}');
    const heading = screen.getByRole('heading', { level: 2, name: /Checkout down/ });
    expect(document.activeElement).toBe(heading);
    await screen.findByRole('form', { name: "Add to what we've tried" }); // the panels come right after the title
    await user.keyboard('t');
    expect(document.activeElement?.id).toBe('tried-what');
    await user.keyboard('Restarted pods{Enter}');
    expect(app.sent.map((c) => c.type)).toEqual(['tried.add']);
    await user.keyboard('{Escape}b');
    expect(app.store.getState().selectedIncidentId).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Checkout down' }));
  });

  it('switches between the dark and the light theme, and says which is on', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(oneIncident()) });
    app.render(<App />);
    const toggle = screen.getByRole('button', { name: 'Light theme' });
    const before = app.store.getState().theme;
    await user.click(toggle);
    const after = before === 'dark' ? 'light' : 'dark';
    expect(document.documentElement.classList.contains(`theme-${after}`)).toBe(true);
    expect(toggle.getAttribute('aria-pressed')).toBe(String(after === 'light'));
    expect(JSON.parse(window.localStorage.getItem('warroom:ui-preferences') ?? '{}')).toMatchObject({
      state: { theme: after },
    });
    await user.keyboard('d');
    expect(document.documentElement.classList.contains(`theme-${before}`)).toBe(true);
  });

  it('shows a refused declaration with its reason on the board, and "Edit again" puts the title back', async () => {
    const user = userEvent.setup();
    const hub = oneIncident();
    const command = queued({
      commandId: 'd1',
      type: 'incident.declare',
      incidentId: 'x',
      payload: { title: 'DB down', severity: 'SEV-1' },
    });
    const app = await startApp({
      view: viewOfHub(hub, {
        rejected: [{ command, error: { code: 'forbidden', message: 'Viewers cannot.' }, at: hub.now }],
      }),
    });
    app.render(<App />);
    const refused = within(screen.getByRole('region', { name: 'Not accepted by the hub' }));
    expect(refused.getByText('Declare “DB down”')).toBeTruthy();
    expect(refused.getByRole('alert').textContent).toBe('Viewers cannot.');
    await user.click(refused.getByRole('button', { name: 'Edit again' }));
    expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'DB down');
    expect(app.dismissed).toEqual(['d1']);
  });

  it('opens the incident named in the address, and keeps the address in step', async () => {
    const app = await startApp({ view: viewOfHub(oneIncident()) });
    const { startHashRouting } = await import('../../routing/hash-router.js');
    window.history.replaceState(null, '', '/#/incident/inc-1');
    const stop = startHashRouting(window, app.store, app.actions);
    app.render(<App />);
    expect(screen.getByRole('heading', { level: 2, name: /Checkout down/ })).toBeTruthy();
    act(() => app.actions.showBoard());
    expect(window.location.hash).toBe('');
    act(() => app.actions.openIncident('inc-1'));
    expect(window.location.hash).toBe('#/incident/inc-1');
    stop();
  });
});
