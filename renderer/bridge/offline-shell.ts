/** The parts of the page the offline shell needs, so it can be tested without a browser. */
export interface ShellWindow {
  readonly location: Pick<Location, 'protocol' | 'pathname' | 'href'>;
  readonly document: Pick<Document, 'querySelectorAll'>;
  readonly navigator: { readonly serviceWorker?: Pick<ServiceWorkerContainer, 'register' | 'ready'> };
}

/**
 * The files this page loaded (the page itself, its scripts, style sheets and icons), as absolute URLs: what the
 * service worker must keep so the page opens again with the hub down.
 */
export function shellUrls(win: ShellWindow): string[] {
  const urls = new Set<string>([new URL(win.location.pathname, win.location.href).href]);
  for (const element of win.document.querySelectorAll(
    'script[src], link[rel="stylesheet"][href], link[rel="icon"][href]',
  )) {
    const value = element.getAttribute('src') ?? element.getAttribute('href');
    if (value) urls.add(new URL(value, win.location.href).href);
  }
  return [...urls];
}

/**
 * Registers the offline shell (renderer/public/sw.js) for the web client served by a hub, then hands it the files
 * this page already loaded. Not on file:// pages (the desktop app has its files on disk). Failing to register only
 * means no offline start: it is logged, never fatal.
 */
export async function registerOfflineShell(win: ShellWindow, log: (message: string) => void): Promise<boolean> {
  const container = win.navigator.serviceWorker;
  if (!container || (win.location.protocol !== 'http:' && win.location.protocol !== 'https:')) return false;
  try {
    await container.register('/sw.js', { scope: '/' });
    const registration = await container.ready;
    registration.active?.postMessage({ type: 'cache-shell', urls: shellUrls(win) });
    return true;
  } catch (error) {
    log(`The offline shell could not be installed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
