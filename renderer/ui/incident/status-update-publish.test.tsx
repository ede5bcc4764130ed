// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { incidentAnchor } from '../../../shared/status-page/public-status.js';
import { WAIT } from '../../testing/patience.js';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { statusPageView } from '../../testing/status-page-view.js';
import { StatusUpdatesPanel } from './status-updates-panel.js';

const form = () => within(screen.getByRole('form', { name: 'Post a status update' }));
const CONFIG = { title: 'Acme status', services: [{ key: 'payments-api', name: 'Checkout' }] };

/** Alice leads a SEV-2 on payments-api, no one holds Comms: she may publish. Never published yet. */
function declared(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'PSP timeouts on eu-west-1b', severity: 'SEV-2', service: 'payments-api' });
  return hub;
}

/** The preview's markup: the public page's HTML inside the shadow root. */
async function previewHtml(): Promise<string> {
  const host = await screen.findByRole('group', { name: 'Status page preview' });
  await vi.waitFor(() => expect(host.shadowRoot?.innerHTML).toBeTruthy(), WAIT);
  return host.shadowRoot?.innerHTML ?? '';
}

describe('publishing to the status page', () => {
  it('previews the public title and the draft in the public markup, never the internal title', async () => {
    const user = userEvent.setup();
    const app = await startApp({
      view: viewOfHub(declared()),
      statusPage: { ok: true, view: statusPageView({ config: CONFIG }) },
    });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await user.click(form().getByRole('radio', { name: 'External (customers)' }));
    const title = form().getByLabelText('Public title');
    expect(title).toHaveProperty('value', ''); // never prefilled with the internal title
    expect(form().getByText('Give it a public title to see the preview.')).toBeTruthy();
    await user.type(title, 'Some payments fail');
    await user.type(form().getByLabelText('Update'), 'We are looking into failed card payments.');
    const html = await previewHtml();
    expect(html).toContain('Some payments fail');
    expect(html).toContain('We are looking into failed card payments.');
    expect(html).toContain('Affects: Checkout');
    expect(html).toContain(`id="${incidentAnchor('inc-1')}"`);
    expect(html).not.toContain('PSP timeouts');
    expect(html).not.toContain('payments-api');
  });

  it('escapes what is typed in the preview: markup stays text', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(declared()), statusPage: { ok: true, view: statusPageView() } });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await user.click(form().getByRole('radio', { name: 'External (customers)' }));
    await user.type(form().getByLabelText('Public title'), 'Slow <b>checkout</b>');
    await user.type(form().getByLabelText('Update'), '<img src=x onerror=alert(1)>');
    const host = await screen.findByRole('group', { name: 'Status page preview' });
    await vi.waitFor(() => expect(host.shadowRoot?.querySelector('h3')?.textContent).toBe('Slow <b>checkout</b>'));
    expect(host.shadowRoot?.querySelector('img')).toBeNull();
    expect(host.shadowRoot?.querySelector('.update-body')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('sends the public title with the first external update, then links to the incident on the status page', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(declared()), statusPage: { ok: true, view: statusPageView() } });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await user.click(form().getByRole('radio', { name: 'External (customers)' }));
    await user.type(form().getByLabelText('Update'), 'Card payments fail for some customers.');
    // No public title yet: asked for before the question, nothing sent.
    await user.click(form().getByRole('button', { name: 'Post external update' }));
    expect(form().getByRole('alert').textContent).toMatch(/^Give the incident a public title first/);
    expect(document.activeElement).toBe(form().getByLabelText('Public title'));
    await user.type(form().getByLabelText('Public title'), 'Some payments fail');
    await user.click(form().getByRole('button', { name: 'Post external update' }));
    await user.click(within(form().getByRole('alertdialog')).getByRole('button', { name: 'Post' }));
    expect(app.sent).toEqual([
      {
        type: 'status_update.post',
        incidentId: 'inc-1',
        payload: {
          updateId: expect.any(String),
          audience: 'external',
          text: 'Card payments fail for some customers.',
          publicTitle: 'Some payments fail',
        },
      },
    ]);
    const link = form().getByRole('link', { name: 'See it on the status page' });
    const url = `http://hub.test/status#${incidentAnchor('inc-1')}`;
    expect(link.getAttribute('href')).toBe(url);
    await user.click(link);
    expect(app.openedExternal).toEqual([url]);
  });

  it('tells a responder who is not Comms why before they type, and keeps external out of reach', async () => {
    const user = userEvent.setup();
    const hub = declared();
    hub.ok('role.assign', { role: 'comms', person: bob });
    const app = await startApp({ view: viewOfHub(hub), statusPage: { ok: true, view: statusPageView() } });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    const external = form().getByRole('radio', { name: 'External (customers)' });
    expect(external).toHaveProperty('disabled', true);
    const reason = form().getByText(/^External updates: Only the Communication Lead \(Bob\) publishes INC-1/);
    expect(external.getAttribute('aria-describedby')).toBe(reason.id);
    expect(form().queryByLabelText('Public title')).toBeNull();
    await user.click(external);
    expect(form().getByRole('radio', { name: 'Internal' })).toHaveProperty('checked', true);
    expect(screen.queryByRole('combobox', { name: 'Status page shows its service as' })).toBeNull();
    // Internal stays available, and what is typed is kept as a draft.
    await user.type(form().getByLabelText('Update'), 'Bob, please post the next external update.');
    expect(app.store.getState().drafts['update-text:inc-1']).toBe('Bob, please post the next external update.');
    expect(form().getByRole('button', { name: 'Post internal update' })).toBeTruthy();
  });

  it('lets any responder publish when the hub says so', async () => {
    const hub = declared();
    hub.ok('role.assign', { role: 'comms', person: bob });
    const view = statusPageView({ publishers: 'any-responder' });
    const app = await startApp({ view: viewOfHub(hub), statusPage: { ok: true, view } });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    await vi.waitFor(
      () => expect(form().getByRole('radio', { name: 'External (customers)' })).toHaveProperty('disabled', false),
      WAIT,
    );
  });

  it('changes the public title and sets or clears the override with incident.set_public', async () => {
    const user = userEvent.setup();
    const hub = declared();
    hub.ok('status_update.post', {
      updateId: 'u1',
      text: 'Looking.',
      audience: 'external',
      publicTitle: 'Slow checkout',
    });
    const app = await startApp({ view: viewOfHub(hub), statusPage: { ok: true, view: statusPageView() } });
    app.render(<StatusUpdatesPanel incidentId="inc-1" />);
    expect(screen.getByText('Slow checkout')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Change public title' }));
    const field = screen.getByRole('textbox', { name: 'Public title' });
    await user.clear(field);
    await user.type(field, 'Checkout is slow');
    app.answer({ ok: false, error: { code: 'not_publisher', message: 'Only the Communication Lead publishes.' } });
    await user.click(screen.getByRole('button', { name: 'Save public title' }));
    expect(screen.getByRole('alert').textContent).toBe('Only the Communication Lead publishes.');
    expect(field).toHaveProperty('value', 'Checkout is slow'); // kept when refused
    app.answer({ ok: true, commandId: 'c' });
    await user.click(screen.getByRole('button', { name: 'Save public title' }));
    const select = screen.getByRole('combobox', { name: 'Status page shows its service as' });
    expect(select).toHaveProperty('value', 'follow');
    await user.selectOptions(select, 'Major outage (set by hand)');
    await user.selectOptions(select, 'Follow severity and status (Partial outage)');
    expect(app.sent.map((c) => [c.type, c.payload])).toEqual([
      ['incident.set_public', { title: 'Checkout is slow' }],
      ['incident.set_public', { title: 'Checkout is slow' }],
      ['incident.set_public', { override: 'major_outage' }],
      ['incident.set_public', { override: null }],
    ]);
  });
});
