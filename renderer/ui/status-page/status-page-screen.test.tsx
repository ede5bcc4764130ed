// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { WAIT } from '../../testing/patience.js';
import { alice, carol, startApp } from '../../testing/app-harness.js';
import { statusPageView } from '../../testing/status-page-view.js';
import { App } from '../common/app.js';
import { StatusPageScreen } from './status-page-screen.js';

const ADMIN = { user: { ...alice, role: 'admin' as const } };
const CONFIG = { title: 'Acme status', services: [{ key: 'payments-api', name: 'Checkout' }] };

async function adminScreen(view = statusPageView({ config: CONFIG })) {
  const app = await startApp({ view: ADMIN, statusPage: { ok: true, view } });
  app.render(<StatusPageScreen />);
  await screen.findByRole('form', { name: 'Page and public services' });
  return app;
}

const formNamed = (name: string) => within(screen.getByRole('form', { name }));

describe('the Status page screen', () => {
  it('lets an admin add a public service, checked before it is sent, and keeps the edits when the hub refuses', async () => {
    const user = userEvent.setup();
    const app = await adminScreen();
    const settings = () => formNamed('Page and public services');
    await user.click(settings().getByRole('button', { name: 'Add a public service' }));
    const second = within(settings().getByRole('listitem', { name: 'Public service 2' }));
    await user.type(second.getByLabelText('Service (as incidents name it; never public)'), 'search');
    await user.click(settings().getByRole('button', { name: 'Save page and services' }));
    // The public name is missing: said in words, nothing sent.
    expect(settings().getByRole('alert').textContent).toBe('Service 2: The public name needs visible characters.');
    expect(app.statusPageChanges).toEqual([]);

    await user.type(second.getByLabelText('Public name'), 'Search');
    await user.selectOptions(second.getByLabelText('Shown state'), 'Degraded performance (override)');
    app.statusPageAnswer({ ok: false, error: { code: 'forbidden', message: 'Only admins change the status page.' } });
    await user.click(settings().getByRole('button', { name: 'Save page and services' }));
    expect(settings().getByRole('alert').textContent).toBe('Only admins change the status page.');
    expect(second.getByLabelText('Public name')).toHaveProperty('value', 'Search');

    app.statusPageAnswer({ ok: true, id: null, secret: null, sent: null });
    await user.click(settings().getByRole('button', { name: 'Save page and services' }));
    await settings().findByText('Saved.');
    const config = {
      title: 'Acme status',
      timeZone: 'UTC',
      maintenances: [],
      services: [
        { key: 'payments-api', name: 'Checkout', description: '', override: null },
        { key: 'search', name: 'Search', description: '', override: 'degraded_performance' },
      ],
    };
    expect(app.statusPageChanges).toEqual([
      { kind: 'config.save', config },
      { kind: 'config.save', config },
    ]);
  });

  it('adds a maintenance window for the public services it names', async () => {
    const user = userEvent.setup();
    const app = await adminScreen();
    const add = () => formNamed('Add a maintenance window');
    await user.type(add().getByLabelText('Title'), 'Database upgrade');
    await user.click(add().getByRole('button', { name: 'Add maintenance window' }));
    expect(screen.getByText('Give the start and the end of the maintenance window.')).toBeTruthy();
    const start = add().getByLabelText('Starts (your local time)');
    const end = add().getByLabelText('Ends (your local time)');
    await user.type(start, '2026-12-05T22:00');
    await user.type(end, '2026-12-05T21:00');
    await user.click(add().getByRole('checkbox', { name: 'Checkout' }));
    await user.click(add().getByRole('button', { name: 'Add maintenance window' }));
    expect(screen.getByRole('alert').textContent).toMatch(/must end after it starts/);
    expect(app.statusPageChanges).toEqual([]);
    await user.clear(end);
    await user.type(end, '2026-12-05T23:30');
    await user.click(add().getByRole('button', { name: 'Add maintenance window' }));
    expect(app.statusPageChanges).toEqual([
      {
        kind: 'config.save',
        config: expect.objectContaining({
          maintenances: [
            {
              id: expect.any(String),
              title: 'Database upgrade',
              text: '',
              startsAt: new Date('2026-12-05T22:00').toISOString(),
              endsAt: new Date('2026-12-05T23:30').toISOString(),
              services: ['payments-api'],
            },
          ],
        }),
      },
    ]);
  });

  it('adds a webhook subscriber and shows its signing secret once', async () => {
    const user = userEvent.setup();
    const app = await adminScreen();
    const add = () => formNamed('Add a webhook subscriber');
    await user.type(add().getByLabelText('URL'), 'javascript:alert(1)');
    await user.click(add().getByRole('button', { name: 'Add webhook subscriber' }));
    expect(app.statusPageChanges).toEqual([]);
    expect(screen.getByRole('alert').textContent).toMatch(/url/i);
    await user.clear(add().getByLabelText('URL'));
    await user.type(add().getByLabelText('URL'), 'https://hooks.example.com/status');
    await user.click(add().getByRole('checkbox', { name: 'Checkout' }));
    app.statusPageAnswer({ ok: true, id: 'wh-1', secret: 'whsec_0123456789abcdef', sent: null });
    await user.click(add().getByRole('button', { name: 'Add webhook subscriber' }));
    expect(app.statusPageChanges).toEqual([
      { kind: 'webhook.add', url: 'https://hooks.example.com/status', services: ['payments-api'] },
    ]);
    expect(await screen.findByText('whsec_0123456789abcdef')).toBeTruthy();
    expect(screen.getByText(/shown this once: copy it now/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('whsec_0123456789abcdef')).toBeNull();
  });

  it('adds a Slack app channel, sends a test message and shows what the channel answered', async () => {
    const user = userEvent.setup();
    const channel = {
      id: 'ch-1',
      name: '#incidents',
      kind: 'slack-app' as const,
      target: 'slack.com #incidents',
      severities: ['SEV-1' as const],
      events: ['declared' as const, 'resolved' as const],
      createdAt: '2026-12-01T10:00:00.000Z',
      last: { at: '2026-12-02T10:00:00.000Z', result: 'failed' as const, detail: 'channel_not_found' },
    };
    const app = await adminScreen(statusPageView({ config: CONFIG, channels: [channel] }));
    const add = () => formNamed('Add an announcement channel');
    await user.type(add().getByLabelText('Name'), '#war-room');
    await user.selectOptions(add().getByLabelText('Kind'), 'Slack (app with a bot token, threaded)');
    await user.type(add().getByLabelText('Bot token'), 'not-a-token');
    await user.type(add().getByLabelText('Slack channel'), '#war-room');
    await user.click(add().getByRole('button', { name: 'Add channel' }));
    expect(add().getByRole('alert').textContent).toMatch(/Slack bot token/);
    expect(app.statusPageChanges).toEqual([]);
    await user.clear(add().getByLabelText('Bot token'));
    await user.type(add().getByLabelText('Bot token'), 'xoxb-1234567890-abcdef');
    await user.click(add().getByRole('checkbox', { name: 'SEV-2' }));
    await user.click(add().getByRole('button', { name: 'Add channel' }));
    expect(app.statusPageChanges).toEqual([
      {
        kind: 'channel.add',
        channel: {
          name: '#war-room',
          severities: ['SEV-1'],
          events: [
            'declared',
            'severity_changed',
            'lead_changed',
            'mitigated',
            'resolved',
            'postmortem_published',
            'internal_update',
          ],
          target: { kind: 'slack-app', token: 'xoxb-1234567890-abcdef', channel: '#war-room' },
        },
      },
    ]);

    const item = within(screen.getByRole('listitem', { name: 'Channel #incidents' }));
    expect(item.getByText(/Last message .*: failed \(channel_not_found\)/)).toBeTruthy();
    app.statusPageAnswer({ ok: true, id: null, secret: null, sent: { ok: false, detail: 'HTTP 200 not_in_channel' } });
    await user.click(item.getByRole('button', { name: 'Send test message' }));
    expect((await item.findByRole('status')).textContent).toBe('The channel refused it: HTTP 200 not_in_channel');
    await user.click(item.getByRole('button', { name: 'Remove channel #incidents' }));
    expect(app.statusPageChanges.slice(1)).toEqual([
      { kind: 'channel.test', id: 'ch-1' },
      { kind: 'channel.remove', id: 'ch-1' },
    ]);
  });

  it('shows a responder who is not an admin a read-only summary with the page link', async () => {
    const user = userEvent.setup();
    const view = statusPageView({ config: CONFIG, subscribers: { confirmed: 12, pending: 3 } });
    const app = await startApp({ statusPage: { ok: true, view } });
    app.render(<StatusPageScreen />);
    const link = await screen.findByRole('link', { name: 'http://hub.test/status' });
    expect(screen.getByTestId('statuspage-subscribers').textContent).toMatch(/12 confirmed, 3 waiting/);
    expect(within(screen.getByRole('list', { name: 'Public services' })).getByText('Checkout')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
    await user.click(link);
    expect(app.openedExternal).toEqual(['http://hub.test/status']);
  });

  it('asks the hub again when it says the set-up changed', async () => {
    const app = await startApp({ view: ADMIN, statusPage: { ok: true, view: statusPageView() } });
    app.actions.showPage('statuspage');
    app.render(<App />);
    await screen.findByRole('form', { name: 'Page and public services' });
    const asked = app.statusPageRequests();
    app.statusPage({ ok: true, view: statusPageView({ config: CONFIG }) });
    act(() => app.statusPageChanged());
    await vi.waitFor(() => expect(app.statusPageRequests()).toBe(asked + 1), WAIT);
    expect(await screen.findByDisplayValue('Checkout')).toBeTruthy();
  });

  it('forgets the set-up on sign-out: the next person or hub starts from its own', async () => {
    const app = await adminScreen();
    expect(app.store.getState().statusPage).not.toBeNull();
    await act(() => app.actions.signOut());
    expect(app.store.getState().statusPage).toBeNull();
  });

  it('is not offered to viewers', async () => {
    const app = await startApp({
      view: { user: { ...carol, role: 'viewer' } },
      statusPage: { ok: true, view: statusPageView() },
    });
    app.render(<App />);
    expect(
      within(screen.getByRole('navigation', { name: 'Screens' })).queryByRole('button', { name: 'Status page' }),
    ).toBeNull();
    app.actions.showPage('statuspage');
    app.render(<StatusPageScreen />);
    expect(screen.queryByRole('heading', { name: 'Status page' })).toBeNull();
  });
});
