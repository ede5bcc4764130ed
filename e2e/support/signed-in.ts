import type { Browser } from 'playwright-core';
import { openClient, type WebClient } from './browser.js';
import type { E2eHub } from './hub-process.js';
import { signInByLink } from './warroom-page.js';

/** A person's own browser (fresh context), signed in to the hub with their sign-in link and online. */
export async function openSignedIn(browser: Browser, hub: E2eHub, user: string): Promise<WebClient> {
  const client = await openClient(browser, 'about:blank');
  await signInByLink(client.page, hub.url, hub.token(user));
  return client;
}
