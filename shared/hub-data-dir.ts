/**
 * The hub's default data folder (its SQLite file and local admin token), per platform. Shared because the
 * hub writes there and the desktop app on the same machine reads the token from there. `join` is the
 * host's path joiner (shared/ has no Node).
 */
export function defaultHubDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
  home: string,
  join: (...parts: string[]) => string,
): string {
  if (env.WARROOM_DATA) return env.WARROOM_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Warroom Hub');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Warroom Hub');
  return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'warroom-hub');
}

export const LOCAL_TOKEN_FILE_NAME = 'local-admin.token';
