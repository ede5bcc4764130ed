import { describe, expect, it } from 'vitest';
import { EngineHost } from './engine-host.js';
import type { OpenedConnection } from './hub-connect.js';
import type { HubCredentials } from './local-hub.js';
import { HubSession } from './session.js';
import { FakeEngine, viewOf } from './test/engine-fakes.js';
import { MemoryBackend, recordingLog, settingsService } from './test/settings-fakes.js';

const LOCAL = { hubUrl: 'http://127.0.0.1:4380', token: 'wr_local' };
const REMOTE = { hubUrl: 'https://hub.example.com', token: 'wr_ana' };

function setup(options: { backend?: MemoryBackend; open?: (c: HubCredentials) => Promise<OpenedConnection> } = {}) {
  const host = new EngineHost();
  const backend = options.backend ?? new MemoryBackend();
  const settings = settingsService(backend);
  const started: { credentials: HubCredentials; engine: FakeEngine }[] = [];
  const attempts: HubCredentials[] = [];
  const session = new HubSession({
    host,
    settings,
    openConnection: async (c) => {
      attempts.push(c);
      return options.open ? options.open(c) : { ok: true, hubUrl: c.hubUrl, engine: new FakeEngine(viewOf()) };
    },
    startEngine: (credentials) => {
      const engine = new FakeEngine(viewOf({ hubUrl: credentials.hubUrl, status: 'connecting' }));
      engine.start();
      started.push({ credentials, engine });
      return engine;
    },
    log: recordingLog(),
  });
  return { host, settings, session, started, attempts, backend };
}

describe('HubSession.resume', () => {
  it('connects to the local hub on first start, without saving its token', () => {
    const { session, host, started, backend } = setup();
    expect(session.resume(LOCAL)).toEqual({ ...LOCAL, source: 'local-hub' });
    expect(started.map((s) => s.credentials)).toEqual([{ ...LOCAL, source: 'local-hub' }]);
    expect(host.credentials).toEqual(LOCAL);
    expect(backend.file).not.toContain('wr_local');
    expect(backend.data).toMatchObject({ hubUrl: LOCAL.hubUrl });
  });

  it('reconnects to the saved hub after a restart', () => {
    const backend = new MemoryBackend();
    const first = setup({ backend });
    first.settings.setCredentials(REMOTE.hubUrl, REMOTE.token);
    const { session, host } = setup({ backend });
    expect(session.resume(LOCAL)?.source).toBe('saved');
    expect(host.credentials).toEqual(REMOTE);
  });

  it('waits for the person when there is nothing to connect to', () => {
    const { session, host, started } = setup();
    expect(session.resume(null)).toBeNull();
    expect(host.engine).toBeNull();
    expect(started).toHaveLength(0);
  });
});

describe('HubSession.connect', () => {
  it('switches to a hub that lets us in, and saves it', async () => {
    const { session, host, settings, started } = setup();
    session.resume(LOCAL);
    const local = started[0]?.engine;
    expect(await session.connect({ hubUrl: 'https://hub.example.com/', token: 'wr_ana' })).toEqual({ ok: true });
    expect(host.credentials).toEqual(REMOTE);
    expect(local?.stopped).toBe(1);
    expect(settings.settings.hubUrl).toBe(REMOTE.hubUrl);
    expect(settings.sessionToken).toBe('wr_ana');
    expect(settings.tokenKeeping).toBe('encrypted');
  });

  it('keeps the working connection when another hub refuses', async () => {
    const { session, host, settings, started } = setup({
      open: async () => ({ ok: false, message: 'This token is unknown or revoked.' }),
    });
    session.resume(LOCAL);
    expect(await session.connect(REMOTE)).toEqual({ ok: false, message: 'This token is unknown or revoked.' });
    expect(host.credentials).toEqual(LOCAL);
    expect(started[0]?.engine.stopped).toBe(0);
    expect(settings.settings.hubUrl).toBe(LOCAL.hubUrl);
  });

  it('never runs two engines on one outbox: reconnecting with the same token stops the running one first', async () => {
    let runningDuringAttempt: unknown = 'unset';
    const { session, host, started } = setup({
      open: async (c) => {
        runningDuringAttempt = host.engine;
        return { ok: false, message: `No Warroom hub answers at ${c.hubUrl}.` };
      },
    });
    session.resume(LOCAL);
    const result = await session.connect({ hubUrl: `${LOCAL.hubUrl}/`, token: LOCAL.token });
    expect(result.ok).toBe(false);
    expect(runningDuringAttempt).toBeNull();
    // It goes on trying the same hub as before, as it would have.
    expect(started).toHaveLength(2);
    expect(host.credentials).toEqual(LOCAL);
  });

  it('refuses a second attempt while one is running', async () => {
    let release: (result: OpenedConnection) => void = () => undefined;
    const { session } = setup({ open: () => new Promise((resolve) => (release = resolve)) });
    const first = session.connect(REMOTE);
    expect(await session.connect(REMOTE)).toEqual({
      ok: false,
      message: 'Already connecting to a hub; wait for that attempt to finish.',
    });
    release({ ok: true, hubUrl: REMOTE.hubUrl, engine: new FakeEngine() });
    expect(await first).toEqual({ ok: true });
  });

  it('refuses a malformed address before trying anything', async () => {
    const { session, attempts } = setup();
    const result = await session.connect({ hubUrl: 'https://hub.example.com/warroom', token: 'wr_x' });
    expect(result.ok).toBe(false);
    expect(attempts).toHaveLength(0);
  });
});

describe('HubSession.signOut', () => {
  it('stops the engine, forgets the token and does not pick up the local hub again', () => {
    const backend = new MemoryBackend();
    const { session, host, settings } = setup({ backend });
    session.resume(LOCAL);
    session.signOut();
    expect(host.engine).toBeNull();
    expect(settings.sessionToken).toBeNull();
    const afterRestart = setup({ backend });
    expect(afterRestart.session.resume(LOCAL)).toBeNull();
  });
});
