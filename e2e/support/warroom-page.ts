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

/** The board's declare form, opened with its button when it is closed (it opens on demand). */
export async function openDeclareForm(page: Page): Promise<Locator> {
  const form = page.getByRole('form', { name: 'Declare an incident' });
  const open = page.getByRole('button', { name: 'Declare an incident', exact: true });
  await form.or(open).first().waitFor();
  if (!(await form.isVisible())) await open.click();
  await form.waitFor();
  return form;
}

export async function declareIncident(
  page: Page,
  incident: { title: string; severity: 'SEV-1' | 'SEV-2' | 'SEV-3'; service?: string; impact?: string; lead?: string },
): Promise<void> {
  const form = await openDeclareForm(page);
  await form.getByLabel('Title', { exact: true }).fill(incident.title);
  await form.getByRole('radio', { name: new RegExp(`^${incident.severity} `) }).check();
  await form.getByLabel('Service', { exact: true }).fill(incident.service ?? '');
  if (incident.impact !== undefined) await form.getByLabel('Impact', { exact: true }).fill(incident.impact);
  if (incident.lead !== undefined) await form.getByLabel('Incident Lead').selectOption({ label: incident.lead });
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

/** An entry of the open incident's timeline. */
export function timelineEntry(page: Page, text: string | RegExp): Locator {
  return page.getByRole('list', { name: 'Timeline', exact: true }).getByRole('listitem').filter({ hasText: text });
}

/** A role's box in the incident room: "Incident Lead", "Communication Lead" or "Fixers". */
export function roleBox(page: Page, role: 'Incident Lead' | 'Communication Lead' | 'Fixers'): Locator {
  return page.getByRole('region', { name: 'Roles' }).getByRole('group', { name: role, exact: true });
}

/** Gives a role to a person with the roles panel (assign, hand over, or add a Fixer). */
export async function giveRole(
  page: Page,
  role: 'Incident Lead' | 'Communication Lead' | 'Fixers',
  person: string,
): Promise<void> {
  const box = roleBox(page, role);
  await box.getByRole('combobox').selectOption({ label: person });
  await box.getByRole('button', { name: /^(Assign|Hand over) |^Add Fixer$/ }).click();
}

export async function setOutcome(
  page: Page,
  what: string,
  outcome: 'Pending' | 'Helped' | 'No effect' | 'Made it worse',
): Promise<void> {
  const entry = triedEntry(page, what);
  await entry.getByRole('combobox', { name: `Outcome of “${what}”` }).selectOption({ label: outcome });
  await entry.getByRole('button', { name: 'Save outcome' }).click();
}

/**
 * Posts a status update. The incident's first external update needs a public title (the status page never shows
 * the internal one): `publicTitle`, or a plain one, goes in when the form asks for it.
 */
export async function postUpdate(
  page: Page,
  audience: 'Internal' | 'External',
  text?: string,
  publicTitle = 'Service disruption',
): Promise<void> {
  const form = page.getByRole('form', { name: 'Post a status update' });
  await form.getByRole('radio', { name: new RegExp(`^${audience}`) }).check();
  const title = form.getByLabel('Public title');
  if (audience === 'External' && (await title.isVisible())) await title.fill(publicTitle);
  if (text === undefined) await form.getByRole('button', { name: 'Draft from timeline' }).click();
  else await form.getByLabel('Update').fill(text);
  await form.getByRole('button', { name: /^Post (internal|external) update$/ }).click();
  // An external update asks first: "This goes to customers: post?"
  if (audience === 'External')
    await form
      .getByRole('alertdialog', { name: 'This goes to customers: post?' })
      .getByRole('button', { name: 'Post' })
      .click();
}

/** Opens one of the room's on-demand forms with its header button, unless it is open already. */
async function openRoomForm(page: Page, opener: RegExp, form: Locator): Promise<Locator> {
  if (!(await form.isVisible())) await page.getByRole('button', { name: opener }).click();
  await form.waitFor();
  return form;
}

export async function changeSeverity(page: Page, severity: 'SEV-1' | 'SEV-2' | 'SEV-3', reason: string): Promise<void> {
  const form = await openRoomForm(page, /^Change severity/, page.getByRole('form', { name: 'Change severity' }));
  await form.getByLabel('New severity').selectOption({ value: severity });
  await form.getByLabel('Reason for the change').fill(reason);
  await form.getByRole('button', { name: new RegExp(`^(Escalate|Downgrade) to ${severity}$`) }).click();
}

/**
 * Clicks a next step ("Mark mitigated", "Mark resolved", …) with an optional reason. Resolving with checklist items
 * or attempts still open asks once: this confirms it (a test about that question looks at it itself).
 */
export async function moveStatus(page: Page, step: string, reason?: string): Promise<void> {
  const group = await openRoomForm(page, /^Change status/, page.getByRole('group', { name: 'Next step' }));
  if (reason !== undefined) await group.getByLabel(/^Reason/).fill(reason);
  await group.getByRole('button', { name: step }).click();
  const confirm = group.getByRole('button', { name: 'Resolve anyway' });
  await confirm.or(page.locator('#status-open[aria-expanded="false"]')).first().waitFor();
  if (await confirm.isVisible()) await confirm.click();
}

/** The incident room's severity and status, e.g. `severityAndStatus(page, 'SEV-1')`. */
export function severityAndStatus(page: Page, text: string | RegExp): Locator {
  return page.getByRole('group', { name: 'Severity and status' }).filter({ hasText: text });
}

/** Whether the element has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}

/** What has the keyboard focus: its role-ish tag and accessible text, for assertions and failure messages. */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    type Focused = { tagName: string; textContent: string | null; getAttribute(name: string): string | null };
    const element = (globalThis as unknown as { document: { activeElement: Focused | null } }).document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()}: ${element.getAttribute('aria-label') ?? element.textContent ?? ''}`
      : '';
  });
}

/** Opens a screen from the header's nav ("Board", "On-call", "Profile") and waits for it. */
export async function openScreen(page: Page, name: 'Board' | 'On-call' | 'Profile'): Promise<void> {
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
  const screen = name === 'Board' ? 'board' : name === 'On-call' ? 'oncall' : 'profile';
  await page.locator(`.app[data-screen="${screen}"]`).waitFor();
  if (screen !== 'board') await page.locator(`.${screen}[data-loaded="true"]`).waitFor();
}

/** Creates a rotation with the On-call screen's admin form (people by name, in order). */
export async function createRotation(
  page: Page,
  rotation: {
    name: string;
    people: readonly string[];
    handoffTime: string;
    shift: 'Daily' | 'Weekly';
    timeZone: string;
    firstHandoff: string;
  },
): Promise<void> {
  const form = page.getByRole('form', { name: 'New rotation' });
  await form.getByLabel('Name', { exact: true }).fill(rotation.name);
  await form.getByLabel('Handoff time').fill(rotation.handoffTime);
  await form.getByLabel('Shift').selectOption({ label: rotation.shift });
  await form.getByLabel('Time zone').selectOption({ value: rotation.timeZone });
  await form.getByLabel('First handoff').fill(rotation.firstHandoff);
  for (const person of rotation.people) {
    await form.getByLabel('Add a person').selectOption({ label: person });
    await form.getByRole('button', { name: 'Add to rotation' }).click();
    await form.getByRole('list', { name: 'People in the rotation' }).getByText(person, { exact: true }).waitFor();
  }
  await form.getByRole('button', { name: 'Save rotation' }).click();
  await page.getByRole('region', { name: rotation.name, exact: true }).waitFor();
}

/** Routes a service to a rotation with the On-call screen's admin form. */
export async function routeService(page: Page, service: string, rotation: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Route a service' });
  await form.getByLabel('Service', { exact: true }).fill(service);
  await form.getByLabel('Pages rotation').selectOption({ label: rotation });
  await form.getByRole('button', { name: 'Route service' }).click();
  await page.locator(`tr[data-service="${service}"]`).waitFor();
}

/** The paged banner ("You are paged: INC-1 SEV-1 …"), shown on every screen while a page for me is open. */
export function pagedBanner(page: Page): Locator {
  return page.getByTestId('paged-banner');
}

/** A page in the open incident's Paging panel, by the paged person's name. */
export function pageEntry(page: Page, person: string): Locator {
  return page
    .getByRole('region', { name: 'Paging' })
    .getByRole('listitem')
    .filter({ has: page.getByText(person, { exact: true }) });
}
