import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCAL_HUB_URL,
  chooseStartupConnection,
  localHubLocation,
  readLocalHubCredentials,
} from './local-hub.js';

describe('localHubLocation', () => {
  it('takes what the launcher says', () => {
    const env = { WARROOM_HUB_URL: 'http://127.0.0.1:5555', WARROOM_LOCAL_TOKEN_FILE: '/tmp/data/local-admin.token' };
    expect(localHubLocation(env, 'linux', '/home/ana')).toEqual({
      hubUrl: 'http://127.0.0.1:5555',
      tokenFile: '/tmp/data/local-admin.token',
    });
  });

  it("falls back to the hub's own defaults on each platform", () => {
    expect(localHubLocation({}, 'linux', '/home/ana')).toEqual({
      hubUrl: DEFAULT_LOCAL_HUB_URL,
      tokenFile: '/home/ana/.local/share/warroom-hub/local-admin.token',
    });
    expect(localHubLocation({ XDG_DATA_HOME: '/data' }, 'linux', '/home/ana').tokenFile).toBe(
      '/data/warroom-hub/local-admin.token',
    );
    expect(localHubLocation({}, 'darwin', '/Users/ana').tokenFile).toBe(
      '/Users/ana/Library/Application Support/Warroom Hub/local-admin.token',
    );
    expect(localHubLocation({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana').tokenFile).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Warroom Hub\\local-admin.token',
    );
    expect(localHubLocation({ WARROOM_DATA: '/srv/warroom' }, 'linux', '/home/ana').tokenFile).toBe(
      '/srv/warroom/local-admin.token',
    );
  });
});

describe('readLocalHubCredentials', () => {
  const location = { hubUrl: 'http://127.0.0.1:4380/', tokenFile: '/data/local-admin.token' };

  it('reads the token, without its newline, and the canonical address', () => {
    expect(readLocalHubCredentials(location, () => 'wr_localtoken\n')).toEqual({
      ok: true,
      credentials: { hubUrl: 'http://127.0.0.1:4380', token: 'wr_localtoken' },
    });
  });

  it('says why there is nothing to pick up', () => {
    const missing = () => {
      throw Object.assign(new Error('nope'), { code: 'ENOENT' });
    };
    expect(readLocalHubCredentials(location, missing)).toEqual({
      ok: false,
      reason: 'no token file at /data/local-admin.token',
    });
    const denied = () => {
      throw Object.assign(new Error('nope'), { code: 'EACCES' });
    };
    expect(readLocalHubCredentials(location, denied)).toEqual({
      ok: false,
      reason: 'cannot read /data/local-admin.token (EACCES)',
    });
    expect(readLocalHubCredentials(location, () => '  \n')).toEqual({
      ok: false,
      reason: '/data/local-admin.token does not hold a token',
    });
    expect(readLocalHubCredentials({ ...location, hubUrl: 'localhost' }, () => 'wr_x').ok).toBe(false);
  });
});

describe('chooseStartupConnection', () => {
  const local = { hubUrl: 'http://127.0.0.1:4380', token: 'wr_local' };

  it('connects to the local hub on first start', () => {
    expect(chooseStartupConnection({ hubUrl: null, token: null, useLocalHub: true }, local)).toEqual({
      ...local,
      source: 'local-hub',
    });
  });

  it('prefers the saved hub and token', () => {
    const saved = { hubUrl: 'https://hub.example.com', token: 'wr_ana', useLocalHub: true };
    expect(chooseStartupConnection(saved, local)).toEqual({
      hubUrl: 'https://hub.example.com',
      token: 'wr_ana',
      source: 'saved',
    });
  });

  it('uses the local token again for the local hub when no token could be kept', () => {
    expect(
      chooseStartupConnection({ hubUrl: 'http://127.0.0.1:4380/', token: null, useLocalHub: true }, local),
    ).toEqual({ ...local, source: 'local-hub' });
  });

  it('does not hand the local token to another hub', () => {
    expect(
      chooseStartupConnection({ hubUrl: 'https://hub.example.com', token: null, useLocalHub: true }, local),
    ).toBeNull();
  });

  it('does not sign someone in again after they signed out', () => {
    expect(
      chooseStartupConnection({ hubUrl: 'http://127.0.0.1:4380', token: null, useLocalHub: false }, local),
    ).toBeNull();
  });

  it('waits for the person when there is nothing to connect to', () => {
    expect(chooseStartupConnection({ hubUrl: null, token: null, useLocalHub: true }, null)).toBeNull();
  });
});
