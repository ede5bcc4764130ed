import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium with the flags this machine needs: one definition, shared with the UI benchmark. */
export { CHROMIUM, launchChromium } from './chromium.js';

/** One person's browser: a fresh context (its own localStorage), one page, and what went wrong in it. */
export interface WebClient {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught exceptions in the page. */
  readonly pageErrors: string[];
  /** Console errors, e.g. CSP violations. */
  readonly consoleErrors: string[];
  /** How many times the page loaded: live updates must not need a reload. */
  loads(): number;
  close(): Promise<void>;
}

export async function openClient(browser: Browser, url: string): Promise<WebClient> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'dark' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  let loads = 0;
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('load', () => loads++);
  await page.goto(url);
  return { context, page, pageErrors, consoleErrors, loads: () => loads, close: () => context.close() };
}

/** Console errors a test did not cause on purpose: CSP violations and the like (not a hub that is down). */
export function unexpectedConsoleErrors(client: WebClient): string[] {
  return client.consoleErrors.filter((text) => !/WebSocket connection to .* failed|ERR_CONNECTION_REFUSED/.test(text));
}
