import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where the Electron binary is, if it was downloaded. The `electron` npm package exports the binary's
 * path and throws when its install step could not download it (offline, behind a proxy, CI).
 * Only the path is used here: the hub never loads Electron's APIs.
 */
export function locateElectron(resolveFrom: string = import.meta.url): ElectronBinary {
  try {
    const path: unknown = createRequire(resolveFrom)('electron');
    if (typeof path !== 'string') return { found: false, reason: 'the electron package did not give a binary path' };
    if (!existsSync(path)) return { found: false, reason: `the Electron binary is missing at ${path}` };
    return { found: true, path };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { found: false, reason: message ?? 'the electron package is not installed' };
  }
}
