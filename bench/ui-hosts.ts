import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DesktopHost } from './ui-desktop-host.js';
import { boardButton, signedInContext, VIEWPORT } from './ui-page.js';
import { installBenchHooks } from './ui-page-hooks.js';

/**
 * The two hosts the renderer runs on: the web client (the page runs the sync engine itself, ui-page.ts) and the
 * desktop app (the engine in main, here ui-desktop-host.ts, the page fed through the preload's API).
 */
export type HostKind = 'web' | 'desktop';
export const HOST_KINDS: readonly HostKind[] = ['web', 'desktop'];

/** One person's hub: where it is and their token. */
export interface HubLogin {
  readonly url: string;
  readonly token: string;
}

/** A running app on one hub: its browser context, its window, and on the desktop the host behind it. */
export interface AppSession {
  readonly kind: HostKind;
  readonly context: BrowserContext;
  page: Page | null;
  readonly desktop: DesktopHost | null;
  close(): Promise<void>;
}

/** A context with the benchmark's hooks (and on the desktop, the preload), but no page yet. */
export async function hostContext(
  kind: HostKind,
  browser: Browser,
  hub: HubLogin,
  boardTitle: string,
  options: { serviceWorkers?: 'block' } = {},
): Promise<{ context: BrowserContext; desktop: DesktopHost | null }> {
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark', ...options });
  await context.addInitScript(installBenchHooks, { boardTitle });
  if (kind === 'web') return { context, desktop: null };
  const desktop = await DesktopHost.open(hub.url, hub.token);
  await desktop.install(context);
  return { context, desktop };
}

/** Where a new window goes: the web client signs in with the hub's link; the desktop app's page needs no token. */
export function startUrl(kind: HostKind, hub: HubLogin): string {
  return kind === 'web' ? `${hub.url}/#token=${encodeURIComponent(hub.token)}` : `${hub.url}/`;
}

/** The app signed in and showing the board with `boardTitle` on it, ready for opens. */
export async function openApp(
  kind: HostKind,
  browser: Browser,
  hub: HubLogin,
  boardTitle: string,
  timeoutMs: number,
): Promise<AppSession> {
  if (kind === 'web') {
    const { context, page } = await signedInContext(browser, hub.url, hub.token, boardTitle, timeoutMs);
    return { kind, context, page, desktop: null, close: () => context.close() };
  }
  const { context, desktop } = await hostContext(kind, browser, hub, boardTitle);
  const session: AppSession = {
    kind,
    context,
    page: null,
    desktop,
    close: async () => {
      await desktop?.stop();
      await context.close();
    },
  };
  try {
    const page = await context.newPage();
    session.page = page;
    page.setDefaultTimeout(timeoutMs);
    desktop?.startEngine();
    await page.goto(startUrl(kind, hub));
    await page.locator('[data-testid="connection-banner"][data-connection="online"]').waitFor();
    await boardButton(page, boardTitle).waitFor();
    return session;
  } catch (error) {
    await session.close().catch(() => undefined);
    throw error;
  }
}
