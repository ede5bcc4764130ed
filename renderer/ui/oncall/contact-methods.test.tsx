// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ContactMethodView } from '../../../shared/contact/contact-method.js';
import type { ContactChange, ContactReply, ContactView } from '../../../shared/protocol/contact-wire.js';
import { startApp, type WebPushHost } from '../../testing/app-harness.js';
import { ContactMethods } from './contact-methods.js';

const CREATED = '2025-03-01T09:00:00.000Z';

function method(partial: Partial<ContactMethodView> & Pick<ContactMethodView, 'id' | 'kind'>): ContactMethodView {
  return {
    userId: 'u-alice',
    label: '',
    target: 'a•••@example.com',
    verifiedAt: CREATED,
    createdAt: CREATED,
    lastDelivery: null,
    ...partial,
  };
}

const MAIL = method({
  id: 'm-mail',
  kind: 'email',
  label: 'Work',
  lastDelivery: { at: '2025-03-01T03:01:00.000Z', result: 'sent', detail: '250 OK' },
});
const SLACK = method({
  id: 'm-slack',
  kind: 'slack',
  target: 'hooks.slack.com',
  lastDelivery: { at: '2025-03-01T03:02:00.000Z', result: 'failed', detail: 'HTTP 404 no_service' },
});
const NTFY = method({ id: 'm-ntfy', kind: 'ntfy', target: 'ntfy.sh/ali•••', verifiedAt: null });

function contactView(partial: Partial<ContactView> = {}): ContactView {
  return {
    userId: 'u-alice',
    methods: [MAIL, SLACK, NTFY],
    rules: [
      { methodId: 'm-mail', afterMinutes: 0 },
      { methodId: 'm-slack', afterMinutes: 0 },
    ],
    rulesSaved: false,
    channels: { email: true, webPushKey: null, ntfyServer: 'https://ntfy.example.com' },
    ...partial,
  };
}

const reply = (partial: Partial<ContactView> = {}): ContactReply => ({ ok: true, view: contactView(partial) });

async function showContact(options: Parameters<typeof startApp>[0] = {}) {
  const app = await startApp({ contact: reply(), ...options });
  app.render(<ContactMethods />);
  await waitFor(() => expect(document.querySelector('[data-method-id]')).not.toBeNull());
  const list = screen.getByRole('list', { name: 'Contact methods' });
  return { app, list, user: userEvent.setup() };
}

const item = (id: string) => {
  const li = document.querySelector<HTMLElement>(`[data-method-id="${id}"]`);
  if (!li) throw new Error(`no method ${id}`);
  return li;
};

describe('How pages reach me: the methods', () => {
  it('lists the app first, then each method with its kind, label, masked target, state and last page', async () => {
    const { app, list } = await showContact();
    expect(app.contactRequests).toEqual([undefined]);
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toBe('Desktop app and open browser tabs: at once, always');
    expect(item('m-mail').textContent).toMatch(/^E-mailWorka•••@example\.comVerified/);
    expect(item('m-mail').textContent).toMatch(/Last page: sent (\w{3}, .*)?\d\d:\d\d — 250 OK/);
    const failed = within(item('m-slack')).getByText(/failed/);
    expect(failed.textContent).toBe('failed — HTTP 404 no_service');
    expect(failed.className).toContain('delivery--failed');
    expect(item('m-ntfy').textContent).toContain('Not verified: type the code we sent');
    expect(within(item('m-ntfy')).getByRole('textbox', { name: 'Code' })).toBeTruthy();
    expect(within(item('m-mail')).queryByRole('textbox', { name: 'Code' })).toBeNull();
  });

  it('says why when the hub cannot be asked', async () => {
    const app = await startApp({ contact: new Error('Offline: the hub is not reachable') });
    app.render(<ContactMethods />);
    expect(await screen.findByText(/Could not load your contact methods: Offline/)).toBeTruthy();
    expect(screen.getByText('Desktop app and open browser tabs:')).toBeTruthy();
  });

  it('verifies with the code, refusing a malformed one before sending, and sends a new code on request', async () => {
    const { app, user } = await showContact();
    const form = within(item('m-ntfy')).getByRole('form', { name: 'Verify ntfy ntfy.sh/ali•••' });
    const code = within(form).getByRole('textbox', { name: 'Code' });
    await user.type(code, '12345');
    await user.click(within(form).getByRole('button', { name: 'Verify' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'The code must be the six digits the verification message gave.',
    );
    expect(app.contactChanges).toEqual([]);

    app.contactAnswer({ ok: false, error: { code: 'invalid_command', message: 'That code is wrong or used up.' } });
    await user.type(code, '6');
    await user.click(within(form).getByRole('button', { name: 'Verify' }));
    expect(await within(form).findByText('That code is wrong or used up.')).toBeTruthy();
    expect((code as HTMLInputElement).value).toBe('123456');

    const sent = { methodId: 'm-ntfy', kind: 'ntfy' as const, target: 'ntfy.sh/ali•••', ok: true, detail: 'HTTP 200' };
    app.contactAnswer({ ok: true, methodId: null, sent });
    await user.click(within(form).getByRole('button', { name: 'Send a new code' }));
    expect((await within(item('m-ntfy')).findByRole('status')).textContent).toBe('The code went out: HTTP 200');

    app.contactAnswer({ ok: true, methodId: null, sent: null });
    await user.type(within(form).getByRole('textbox', { name: 'Code' }), '654321');
    await user.click(within(form).getByRole('button', { name: 'Verify' }));
    expect(app.contactChanges).toEqual([
      { kind: 'method.verify', methodId: 'm-ntfy', code: '123456' },
      { kind: 'method.resend', methodId: 'm-ntfy' },
      { kind: 'method.verify', methodId: 'm-ntfy', code: '654321' },
    ]);
    // Each change the hub took reloads the view.
    await waitFor(() => expect(app.contactRequests.length).toBeGreaterThanOrEqual(3));
  });

  it('removes a method only once confirmed, and keeps it when the person changes their mind', async () => {
    const { app, user } = await showContact();
    await user.click(screen.getByRole('button', { name: 'Remove Slack hooks.slack.com' }));
    const ask = screen.getByRole('group', { name: 'Remove Slack hooks.slack.com?' });
    expect(document.activeElement?.textContent).toBe('Yes, remove Slack');
    await user.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(app.contactChanges).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Remove Slack hooks.slack.com' }));
    await user.keyboard('{Enter}');
    expect(app.contactChanges).toEqual([{ kind: 'method.remove', methodId: 'm-slack' }]);
  });
});

describe('How pages reach me: adding a method', () => {
  it('offers only the kinds the hub can send through (no e-mail without SMTP)', async () => {
    await showContact({
      contact: reply({ channels: { email: false, webPushKey: null, ntfyServer: 'https://ntfy.sh' } }),
    });
    const kinds = within(screen.getByRole('combobox', { name: 'Kind' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(kinds).toEqual(['ntfy', 'Slack', 'Mattermost', 'Microsoft Teams', 'Signed webhook']);
  });

  it('sends the fields of the chosen kind and the label, then shows what the method answered and the code field', async () => {
    const { app, user } = await showContact();
    const form = screen.getByRole('form', { name: 'Add a method' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'ntfy');
    const server = within(form).getByRole('textbox', { name: 'ntfy server (optional)' });
    expect((server as HTMLInputElement).placeholder).toBe('https://ntfy.example.com');
    await user.type(within(form).getByRole('textbox', { name: 'ntfy topic' }), 'alice-pages-7f3k');
    await user.type(within(form).getByLabelText('Access token (optional)'), 'tk_secret');
    await user.type(within(form).getByRole('textbox', { name: 'Label (optional)' }), 'Phone');

    const sent = {
      methodId: 'm-new',
      kind: 'ntfy' as const,
      target: 'ntfy.sh/ali•••',
      ok: false,
      detail: 'HTTP 403 Forbidden',
    };
    const added = method({
      id: 'm-new',
      kind: 'ntfy',
      label: 'Phone',
      target: 'ntfy.example.com/ali•••',
      verifiedAt: null,
    });
    app.contactAnswer((change: ContactChange) => {
      app.contact(reply({ methods: [MAIL, SLACK, NTFY, added] }));
      return { ok: true, methodId: change.kind === 'method.add' ? 'm-new' : null, sent };
    });
    await user.click(within(form).getByRole('button', { name: 'Add ntfy' }));
    expect(app.contactChanges).toEqual([
      { kind: 'method.add', label: 'Phone', target: { kind: 'ntfy', topic: 'alice-pages-7f3k', token: 'tk_secret' } },
    ]);
    await waitFor(() => expect(document.querySelector('[data-method-id="m-new"]')).not.toBeNull());
    expect(within(item('m-new')).getByRole('alert').textContent).toBe('The code could not be sent: HTTP 403 Forbidden');
    await waitFor(() =>
      expect(document.activeElement).toBe(within(item('m-new')).getByRole('textbox', { name: 'Code' })),
    );
    // The form is empty again for the next one.
    expect((within(form).getByRole('textbox', { name: 'ntfy topic' }) as HTMLInputElement).value).toBe('');
  });

  it('shows a problem next to its field before sending, and the hub’s refusal under the form, keeping what was typed', async () => {
    const { app, user } = await showContact();
    const form = screen.getByRole('form', { name: 'Add a method' });
    const address = within(form).getByRole('textbox', { name: 'E-mail address' });
    await user.type(address, 'alice@');
    await user.click(within(form).getByRole('button', { name: 'Add E-mail' }));
    expect(within(form).getByRole('alert').textContent).toBe('E-mail address: must be an e-mail address');
    expect(address.getAttribute('aria-invalid')).toBe('true');
    expect(app.contactChanges).toEqual([]);

    app.contactAnswer({ ok: false, error: { code: 'conflict', message: 'You have this address already.' } });
    await user.type(address, 'example.com');
    await user.type(within(form).getByRole('textbox', { name: 'Label (optional)' }), 'Work');
    await user.click(within(form).getByRole('button', { name: 'Add E-mail' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('You have this address already.');
    expect((address as HTMLInputElement).value).toBe('alice@example.com');
    expect((within(form).getByRole('textbox', { name: 'Label (optional)' }) as HTMLInputElement).value).toBe('Work');
    expect(app.contactChanges).toEqual([
      { kind: 'method.add', label: 'Work', target: { kind: 'email', address: 'alice@example.com' } },
    ]);
  });

  it('asks a signed webhook for its URL and a secret of at least 16 characters', async () => {
    const { app, user } = await showContact();
    const form = screen.getByRole('form', { name: 'Add a method' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'Signed webhook');
    await user.type(within(form).getByRole('textbox', { name: 'Webhook URL' }), 'https://hooks.example.com/pager');
    await user.type(within(form).getByLabelText('Signing secret'), 'short');
    await user.click(within(form).getByRole('button', { name: 'Add Signed webhook' }));
    expect(within(form).getByRole('alert').textContent).toBe('Signing secret: must be at least 16 characters');
    await user.type(within(form).getByLabelText('Signing secret'), '-and-now-longer');
    await user.click(within(form).getByRole('button', { name: 'Add Signed webhook' }));
    expect(app.contactChanges).toEqual([
      {
        kind: 'method.add',
        target: { kind: 'webhook', url: 'https://hooks.example.com/pager', secret: 'short-and-now-longer' },
      },
    ]);
  });
});

describe('How pages reach me: notification rules', () => {
  it('says the default applies until saved, and saves the steps as edited', async () => {
    const { app, user } = await showContact();
    const form = screen.getByRole('form', { name: 'Notification rules' });
    expect(within(form).getByText('Default: every verified method at once.')).toBeTruthy();
    const steps = () => within(within(form).getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps().map((s) => s.dataset.stepMethod)).toEqual(['m-mail', 'm-slack']);

    await user.click(within(form).getByRole('button', { name: 'Remove the step Slack (hooks.slack.com)' }));
    const minutes = within(form).getByRole('spinbutton', { name: 'Minutes before E-mail “Work” (a•••@example.com)' });
    await user.clear(minutes);
    await user.type(minutes, '3');
    // Only methods not in a step are offered; an unverified one says it is skipped until verified.
    const choices = within(within(form).getByRole('combobox', { name: 'Add a step' })).getAllByRole('option');
    expect(choices.map((o) => o.textContent)).toEqual([
      'Slack (hooks.slack.com)',
      'ntfy (ntfy.sh/ali•••) — not verified: skipped until verified',
    ]);
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Add a step' }), 'm-ntfy');
    await user.click(within(form).getByRole('button', { name: 'Add step' }));
    expect(steps()[1]?.textContent).toContain('skipped until verified');
    await user.click(within(form).getByRole('button', { name: 'Save rules' }));
    expect(app.contactChanges).toEqual([
      {
        kind: 'rules.save',
        rules: [
          { methodId: 'm-mail', afterMinutes: 3 },
          { methodId: 'm-ntfy', afterMinutes: 3 },
        ],
      },
    ]);
    expect((await within(form).findByRole('status')).textContent).toBe('Saved your notification rules.');
  });

  it('follows the hub’s default rules while untouched, and keeps edits when they change underneath', async () => {
    const { app, user } = await showContact();
    const form = screen.getByRole('form', { name: 'Notification rules' });
    const steps = () => within(within(form).getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    const verifyNtfy = async (code: string) => {
      const verify = within(item('m-ntfy')).queryByRole('form', { name: 'Verify ntfy ntfy.sh/ali•••' });
      if (!verify) return;
      await user.type(within(verify).getByRole('textbox', { name: 'Code' }), code);
      await user.click(within(verify).getByRole('button', { name: 'Verify' }));
    };
    // ntfy verified elsewhere: the default now has three steps, and the untouched form shows them.
    const three = reply({
      methods: [MAIL, SLACK, { ...NTFY, verifiedAt: CREATED }],
      rules: [
        { methodId: 'm-mail', afterMinutes: 0 },
        { methodId: 'm-slack', afterMinutes: 0 },
        { methodId: 'm-ntfy', afterMinutes: 0 },
      ],
    });
    app.contact(three);
    await verifyNtfy('123456');
    await waitFor(() => expect(steps().map((s) => s.dataset.stepMethod)).toEqual(['m-mail', 'm-slack', 'm-ntfy']));

    // Edited, then the hub's rules change again (Slack removed in another tab): the edit stays.
    const minutes = within(form).getByRole('spinbutton', { name: 'Minutes before E-mail “Work” (a•••@example.com)' });
    await user.clear(minutes);
    await user.type(minutes, '7');
    app.contact(
      reply({
        methods: [MAIL, { ...NTFY, verifiedAt: CREATED }],
        rules: [
          { methodId: 'm-mail', afterMinutes: 0 },
          { methodId: 'm-ntfy', afterMinutes: 0 },
        ],
      }),
    );
    const asked = app.contactRequests.length;
    await user.click(screen.getByRole('button', { name: 'Remove Slack hooks.slack.com' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(app.contactRequests.length).toBeGreaterThan(asked));
    await waitFor(() => expect(document.querySelector('[data-method-id="m-slack"]')).toBeNull());
    expect((minutes as HTMLInputElement).value).toBe('7');
    expect(steps()).toHaveLength(3);
  });

  it('refuses minutes out of range before sending, and keeps the steps on the hub’s refusal', async () => {
    const { app, user } = await showContact({ contact: reply({ rulesSaved: true }) });
    const form = screen.getByRole('form', { name: 'Notification rules' });
    expect(within(form).queryByText('Default: every verified method at once.')).toBeNull();
    const minutes = within(form).getByRole('spinbutton', { name: 'Minutes before Slack (hooks.slack.com)' });
    await user.clear(minutes);
    await user.type(minutes, '2000');
    await user.click(within(form).getByRole('button', { name: 'Save rules' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Slack (hooks.slack.com): the minutes must be a whole number from 0 to 1440.',
    );
    expect(app.contactChanges).toEqual([]);

    app.contactAnswer({ ok: false, error: { code: 'not_found', message: 'No such method: m-slack.' } });
    await user.clear(minutes);
    await user.type(minutes, '10');
    await user.click(within(form).getByRole('button', { name: 'Save rules' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('No such method: m-slack.');
    expect((minutes as HTMLInputElement).value).toBe('10');
  });
});

describe('How pages reach me: test page', () => {
  it('lists what each method answered, or why nothing was sent', async () => {
    const { app, user } = await showContact();
    app.contactTestAnswer({
      ok: true,
      results: [
        { methodId: 'm-mail', kind: 'email', target: 'a•••@example.com', ok: true, detail: '250 2.0.0 OK' },
        { methodId: 'm-slack', kind: 'slack', target: 'hooks.slack.com', ok: false, detail: 'HTTP 404 no_service' },
      ],
    });
    await user.click(screen.getByRole('button', { name: 'Test my contact methods' }));
    const results = await screen.findByRole('list', { name: 'Test page results' });
    expect(
      within(results)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'E-mail (a•••@example.com): ok — 250 2.0.0 OK',
      'Slack (hooks.slack.com): failed — HTTP 404 no_service',
    ]);

    app.contactTestAnswer(new Error('Offline: the hub is not reachable'));
    await user.click(screen.getByRole('button', { name: 'Test my contact methods' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No test page: Offline: the hub is not reachable');
  });
});

/** A browser's push as the test says: what subscribe answers, and the keys it was asked with. */
function fakePush(answer: Awaited<ReturnType<WebPushHost['subscribe']>>, supported = true) {
  const keys: string[] = [];
  const push: WebPushHost = {
    supported,
    permission: () => 'default',
    subscribe: async (key) => {
      keys.push(key);
      return answer;
    },
  };
  return { push, keys };
}

const SUBSCRIPTION = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
  expirationTime: null,
  keys: { p256dh: 'B'.repeat(87), auth: 'A'.repeat(22) },
};
const PUSH_CHANNELS = { email: true, webPushKey: 'BPubKey_base64url', ntfyServer: 'https://ntfy.sh' };

describe('How pages reach me: browser push', () => {
  it('subscribes this browser with the hub’s key and adds it as a method', async () => {
    const { push, keys } = fakePush({ ok: true, subscription: SUBSCRIPTION });
    const { app, user } = await showContact({ contact: reply({ channels: PUSH_CHANNELS }), web: { push } });
    await user.click(screen.getByRole('button', { name: 'Get pages in this browser' }));
    expect(keys).toEqual(['BPubKey_base64url']);
    await waitFor(() => expect(app.contactChanges).toHaveLength(1));
    expect(app.contactChanges[0]).toMatchObject({
      kind: 'method.add',
      target: { kind: 'webpush', subscription: SUBSCRIPTION },
    });
    expect(app.contactChanges[0]).toHaveProperty('label');
  });

  it('says why subscribing failed, and sends nothing', async () => {
    const { push } = fakePush({
      ok: false,
      message: 'Notifications were not allowed: pages cannot reach this browser until they are.',
    });
    const { app, user } = await showContact({ contact: reply({ channels: PUSH_CHANNELS }), web: { push } });
    await user.click(screen.getByRole('button', { name: 'Get pages in this browser' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Notifications were not allowed/);
    expect(app.contactChanges).toEqual([]);
  });

  it('is not offered in the desktop app, which is paged through itself', async () => {
    await showContact({ contact: reply({ channels: PUSH_CHANNELS }) });
    expect(screen.queryByRole('button', { name: 'Get pages in this browser' })).toBeNull();
    expect(screen.queryByText(/Browser push/)).toBeNull();
  });

  it('says the hub has it off', async () => {
    const { push } = fakePush({ ok: true, subscription: SUBSCRIPTION });
    await showContact({ contact: reply(), web: { push } });
    expect(screen.queryByRole('button', { name: 'Get pages in this browser' })).toBeNull();
    expect(screen.getByText('Browser push is off on this hub.')).toBeTruthy();
  });

  it('says this browser cannot', async () => {
    const { push } = fakePush({ ok: true, subscription: SUBSCRIPTION }, false);
    await showContact({ contact: reply({ channels: PUSH_CHANNELS }), web: { push } });
    expect(screen.queryByRole('button', { name: 'Get pages in this browser' })).toBeNull();
    expect(screen.getByText(/This browser cannot take push messages here/)).toBeTruthy();
  });
});
