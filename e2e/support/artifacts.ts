import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Test artifacts of the e2e run (git-ignored). */
export const ARTIFACTS = join(ROOT, 'test-artifacts');
/** Screenshots the README shows (committed): refreshed by every e2e run. */
export const DOC_SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** Saves a screenshot to test-artifacts/ and, with `docs`, copies it to docs/screenshots/ for the README. */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; docs?: boolean } = {},
): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  // From the top (the banner is sticky), with no hover effect from the last click.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
  if (options.docs) {
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(DOC_SCREENSHOTS, `${name}.png`));
  }
  return path;
}
