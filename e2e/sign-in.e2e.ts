import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openClient, unexpectedConsoleErrors, type WebClient } from './support/browser.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';
import { banner, openDeclareForm, waitForConnection, waitForScreen } from './support/warroom-page.js';

/** A port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('signing in to the web client', () => {
  let hub: E2eHub;
  let browser: Browser;
  const clients: WebClient[] = [];
  const open = async (path = '/') => {
    const client = await openClient(browser, `${hub.url}${path}`);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    hub = await startE2eHub([
      { name: 'cara', role: 'responder' },
      { name: 'rae', role: 'responder' },
    ]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.dispose();
  });

  it('says clearly when the token is wrong, then connects with the right one', async () => {
    const { page } = await open();
    await waitForScreen(page, 'connect');
    expect(await banner(page).textContent()).toBe('Not connected to a hub');
    const form = page.getByRole('form', { name: 'Connect to a hub' });
    expect(await form.getByLabel('Hub URL').inputValue()).toBe(hub.url);

    await form.getByLabel('Token').fill('wr_this-is-not-a-token');
    await form.getByRole('button', { name: 'Connect' }).click();
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'did not accept this token' }).waitFor();
    expect(await alert.textContent()).toContain('unknown or revoked');
    await page.screenshot({ path: '/tmp/e2e-connect-error.png' });
    await waitForScreen(page, 'connect');

    await form.getByLabel('Token').fill(hub.token('cara'));
    await form.getByRole('button', { name: 'Connect' }).click();
    await waitForScreen(page, 'board');
    await waitForConnection(page, { connection: 'online' });
  });

  it('says clearly when nothing answers at the hub URL', async () => {
    const { page } = await open();
    const form = page.getByRole('form', { name: 'Connect to a hub' });
    const wrongUrl = `http://127.0.0.1:${await closedPort()}`;
    await form.getByLabel('Hub URL').fill(wrongUrl);
    await form.getByLabel('Token').fill(hub.token('cara'));
    await form.getByRole('button', { name: 'Connect' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Could not reach a hub at ${wrongUrl}` })
      .waitFor();

    await form.getByLabel('Hub URL').fill('not a url');
    await form.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hub URL: must be a URL' }).waitFor();
  });

  it('shows the refusal when a sign-in link carries a bad token', async () => {
    const { page } = await open('/#token=wr_revoked-or-made-up');
    await page.getByRole('alert').filter({ hasText: 'did not accept this token' }).waitFor();
    await waitForScreen(page, 'connect');
    expect(page.url()).toBe(`${hub.url}/`);
  });

  it("shows a change the hub refused with the hub's reason, until dismissed", async () => {
    // Viewers are not offered to declare. So: Rae declares while the hub is down (the change waits in the outbox),
    // an admin makes her a viewer meanwhile, and the hub refuses the declaration when it arrives.
    const { page } = await open(`/#token=${hub.token('rae')}`);
    await waitForConnection(page, { connection: 'online' });
    // The lazy screens are fetched once the page is idle; stopping the hub before that would fail those fetches.
    await page.waitForFunction(() =>
      ['metrics-screen', 'postmortem-screen'].every((chunk) =>
        performance.getEntriesByType('resource').some((entry) => entry.name.includes(`/assets/${chunk}-`)),
      ),
    );
    await hub.stop();
    await page.locator('[data-testid="connection-banner"]:not([data-connection="online"])').waitFor();
    const declare = await openDeclareForm(page);
    await declare.getByLabel('Title', { exact: true }).fill('Viewers cannot declare');
    await declare.getByRole('radio', { name: /^SEV-2 / }).check();
    await declare.getByRole('button', { name: 'Declare incident' }).click();
    await waitForConnection(page, { pending: 1 });
    hub.cli(['user', 'role', '--user', 'rae', '--role', 'viewer']);
    await hub.restart();
    const refused = page.getByRole('region', { name: 'Not accepted by the hub' });
    await refused.getByText('Viewers can follow incidents but not change them.').waitFor();
    expect(await refused.innerText()).toContain('Declare “Viewers cannot declare”');
    await waitForConnection(page, { connection: 'online', pending: 0 });
    await refused.getByRole('button', { name: 'Dismiss' }).click();
    await refused.waitFor({ state: 'detached' });
    // The optimistic incident went with the refusal: the hub never had it.
    await page.getByText('This incident is not here').waitFor();
  });

  it('had no page errors and no CSP violations', () => {
    for (const client of clients) {
      expect(client.pageErrors).toEqual([]);
      expect(unexpectedConsoleErrors(client)).toEqual([]);
    }
  });
});
