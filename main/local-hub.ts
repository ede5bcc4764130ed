import { posix, win32 } from 'node:path';
import { LOCAL_TOKEN_FILE_NAME, defaultHubDataDir } from '../shared/hub-data-dir.js';
import { normalizeHubUrl } from './hub-url.js';

/** Where the hub listens by default (`warroom-hub serve` without --port/--host). */
export const DEFAULT_LOCAL_HUB_URL = 'http://127.0.0.1:4380';

export interface HubCredentials {
  readonly hubUrl: string;
  readonly token: string;
}

export interface LocalHubLocation {
  readonly hubUrl: string;
  readonly tokenFile: string;
}

/**
 * Where the hub on this machine is and where it leaves its admin token. The launcher (`npm start`) says so
 * in WARROOM_HUB_URL and WARROOM_LOCAL_TOKEN_FILE; without them, the hub's defaults.
 */
export function localHubLocation(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  home: string,
): LocalHubLocation {
  const hubUrl = env.WARROOM_HUB_URL || DEFAULT_LOCAL_HUB_URL;
  if (env.WARROOM_LOCAL_TOKEN_FILE) return { hubUrl, tokenFile: env.WARROOM_LOCAL_TOKEN_FILE };
  const path = platform === 'win32' ? win32 : posix;
  const dataDir = defaultHubDataDir(env, platform, home, path.join);
  return { hubUrl, tokenFile: path.join(dataDir, LOCAL_TOKEN_FILE_NAME) };
}

/**
 * The local hub's address and token, read from its token file; null (with the reason) when there is no
 * usable file. `readFile` throws like fs.readFileSync.
 */
export function readLocalHubCredentials(
  location: LocalHubLocation,
  readFile: (path: string) => string,
): { ok: true; credentials: HubCredentials } | { ok: false; reason: string } {
  const hubUrl = normalizeHubUrl(location.hubUrl);
  if (!hubUrl.ok) return { ok: false, reason: `WARROOM_HUB_URL: ${hubUrl.message}` };
  let content: string;
  try {
    content = readFile(location.tokenFile);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      reason:
        code === 'ENOENT'
          ? `no token file at ${location.tokenFile}`
          : `cannot read ${location.tokenFile} (${String(code ?? error)})`,
    };
  }
  const token = content.trim();
  if (!/^\S{1,200}$/.test(token)) return { ok: false, reason: `${location.tokenFile} does not hold a token` };
  return { ok: true, credentials: { hubUrl: hubUrl.hubUrl, token } };
}

export type StartupConnection = (HubCredentials & { readonly source: 'saved' | 'local-hub' }) | null;

/**
 * Which hub to connect to when the app starts: the saved hub and token if there are both; otherwise the
 * local hub with the token from its file — on first start, or when the token could not be kept (no OS
 * encryption) for that same hub — unless the person signed out; otherwise none (the UI asks).
 */
export function chooseStartupConnection(
  saved: { readonly hubUrl: string | null; readonly token: string | null; readonly useLocalHub: boolean },
  local: HubCredentials | null,
): StartupConnection {
  if (saved.hubUrl && saved.token) return { hubUrl: saved.hubUrl, token: saved.token, source: 'saved' };
  if (!local || !saved.useLocalHub) return null;
  const localUrl = normalizeHubUrl(local.hubUrl);
  const savedUrl = saved.hubUrl === null ? null : normalizeHubUrl(saved.hubUrl);
  if (!localUrl.ok || (savedUrl && (!savedUrl.ok || savedUrl.hubUrl !== localUrl.hubUrl))) return null;
  return { hubUrl: localUrl.hubUrl, token: local.token, source: 'local-hub' };
}
