import type { Locator, Page } from 'playwright-core';

/**
 * The web client as a person uses it, by role and accessible name. Every wait is on app state (the banner's
 * data-connection / data-pending, elements appearing), never a sleep.
 */

export function banner(page: Page): Locator {
  return page.getByTestId('connection-banner');
}

/** Waits until the banner shows this connection status and/or this many changes waiting. */
export async function waitForConnection(
  page: Page,
  expected: { connection?: 'online' | 'connecting' | 'offline'; pending?: number },
): Promise<void> {
  const attrs = [
    expected.connection !== undefined ? `[data-connection="${expected.connection}"]` : '',
    expected.pending !== undefined ? `[data-pending="${expected.pending}"]` : '',
  ].join('');
  await page.locator(`[data-testid="connection-banner"]${attrs}`).waitFor();
}

export async function waitForScreen(page: Page, screen: 'connect' | 'board' | 'incident'): Promise<void> {
  await page.locator(`.app[data-screen="${screen}"]`).waitFor();
}

/** Opens the sign-in link `http://hub/#token=…` and waits until the client is online. */
export async function signInByLink(page: Page, hubUrl: string, token: string): Promise<void> {
  await page.goto(`${hubUrl}/#token=${encodeURIComponent(token)}`);
  await waitForConnection(page, { connection: 'online' });
}

export async function declareIncident(
  page: Page,
  incident: { title: string; severity: 'SEV-1' | 'SEV-2' | 'SEV-3'; service?: string },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Declare an incident' });
  await form.getByLabel('Title').fill(incident.title);
  await form.getByLabel('Severity').selectOption(incident.severity);
  await form.getByLabel('Service').fill(incident.service ?? '');
  await form.getByRole('button', { name: 'Declare incident' }).click();
  // Declaring opens the new incident.
  await page.getByRole('heading', { level: 2, name: incident.title }).waitFor();
}

export async function addTried(page: Page, what: string, hypothesis: string): Promise<void> {
  const form = page.getByRole('form', { name: "Add to what we've tried" });
  await form.getByLabel('What', { exact: true }).fill(what);
  await form.getByLabel('Hypothesis').fill(hypothesis);
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await triedEntry(page, what).waitFor();
}

/** The row of an incident on the board. */
export function boardRow(page: Page, title: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('button', { name: title, exact: true }) });
}

export async function openIncident(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 2, name: title }).waitFor();
}

export async function backToBoard(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Back to board' }).click();
  await waitForScreen(page, 'board');
}

/** An entry of the open incident's "What we've tried" log. */
export function triedEntry(page: Page, what: string): Locator {
  return page.getByRole('list', { name: "What we've tried" }).getByRole('listitem').filter({ hasText: what });
}
