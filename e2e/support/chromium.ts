import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (no downloaded browsers), as the e2e tests drive it: the same binary
 * and flags (e2e/support/browser.ts re-exports these), so the benchmark measures the browser the tests run in.
 */
export const CHROMIUM = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
