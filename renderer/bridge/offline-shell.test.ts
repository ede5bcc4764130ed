// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { registerOfflineShell, shellUrls, type ShellWindow } from './offline-shell.js';

function page(protocol: string, serviceWorker?: ShellWindow['navigator']['serviceWorker']): ShellWindow {
  document.head.innerHTML = `
    <script type="module" src="/assets/index-abc.js"></script>
    <link rel="stylesheet" href="./assets/index-def.css" />
    <link rel="icon" href="/favicon.svg" />
    <link rel="preload" href="/assets/not-this.js" />`;
  return {
    location: { protocol, pathname: '/', href: `${protocol}//127.0.0.1:4380/#/incident/inc-1` },
    document,
    navigator: { serviceWorker },
  };
}

describe('the offline shell', () => {
  it('names the page and the scripts, styles and icon it loaded, as absolute URLs', () => {
    expect(shellUrls(page('http:'))).toEqual([
      'http://127.0.0.1:4380/',
      'http://127.0.0.1:4380/assets/index-abc.js',
      'http://127.0.0.1:4380/assets/index-def.css',
      'http://127.0.0.1:4380/favicon.svg',
    ]);
  });

  it('registers the worker and hands it those files; not on file:// pages', async () => {
    const registered: string[] = [];
    const messages: unknown[] = [];
    const container = {
      register: async (url: string | URL) => {
        registered.push(String(url));
        return {} as ServiceWorkerRegistration;
      },
      ready: Promise.resolve({
        active: { postMessage: (message: unknown) => messages.push(message) },
      } as unknown as ServiceWorkerRegistration),
    };
    expect(await registerOfflineShell(page('file:', container), () => undefined)).toBe(false);
    expect(registered).toEqual([]);
    expect(await registerOfflineShell(page('http:', container), () => undefined)).toBe(true);
    expect(registered).toEqual(['/sw.js']);
    expect(messages).toEqual([{ type: 'cache-shell', urls: shellUrls(page('http:')) }]);
  });

  it('says so when registering fails, and goes on', async () => {
    const logged: string[] = [];
    const container = {
      register: async () => {
        throw new Error('denied');
      },
      ready: new Promise<ServiceWorkerRegistration>(() => undefined),
    };
    expect(await registerOfflineShell(page('http:', container), (m) => logged.push(m))).toBe(false);
    expect(logged).toEqual(['The offline shell could not be installed: denied']);
  });
});
