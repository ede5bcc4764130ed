import { describe, expect, it } from 'vitest';
import { checkHubHealth, openHubConnection, waitForWelcome, type HealthFetch } from './hub-connect.js';
import { FakeEngine, ManualTimers, viewOf } from './test/engine-fakes.js';

const HUB = 'http://127.0.0.1:4380';

const answering =
  (status: number, body: unknown): HealthFetch =>
  async () => ({ ok: status >= 200 && status < 300, status, json: async () => body });

const refusing: HealthFetch = async () => {
  throw new TypeError('fetch failed');
};

/** Never answers until aborted, like a host that drops packets. */
const hanging: HealthFetch = (_url, { signal }) =>
  new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('checkHubHealth', () => {
  it('is happy with a Warroom hub', async () => {
    const urls: string[] = [];
    const fetch: HealthFetch = async (url) => {
      urls.push(url);
      return { ok: true, status: 200, json: async () => ({ ok: true, seq: 12, protocol: 1 }) };
    };
    expect(await checkHubHealth(HUB, fetch, new ManualTimers())).toBeNull();
    expect(urls).toEqual([`${HUB}/healthz`]);
  });

  it('says no hub answers when nothing listens', async () => {
    expect(await checkHubHealth(HUB, refusing, new ManualTimers())).toBe(
      'No Warroom hub answers at http://127.0.0.1:4380. Check the address, and that the hub is running (npm start, or warroom-hub serve).',
    );
  });

  it('gives up after the timeout', async () => {
    const timers = new ManualTimers();
    const result = checkHubHealth(HUB, hanging, timers, 5000);
    timers.advance(5000);
    expect(await result).toMatch(/^No Warroom hub answers at .*\(No reply within 5 s\.\)$/);
    expect(timers.pending).toBe(0);
  });

  it('tells another server apart from a hub', async () => {
    expect(await checkHubHealth(HUB, answering(404, {}), new ManualTimers())).toBe(
      'http://127.0.0.1:4380 answered, but not as a Warroom hub (GET /healthz gave HTTP 404). Check the address.',
    );
    expect(await checkHubHealth(HUB, answering(200, { status: 'UP' }), new ManualTimers())).toMatch(
      /answered, but not as a Warroom hub/,
    );
  });
});

describe('waitForWelcome', () => {
  it('succeeds once the engine is online', async () => {
    const engine = new FakeEngine(viewOf({ status: 'connecting' }));
    const timers = new ManualTimers();
    const result = waitForWelcome(engine, HUB, timers);
    engine.emit({ status: 'online' });
    expect(await result).toEqual({ ok: true });
    expect(engine.listenerCount).toBe(0);
    expect(timers.pending).toBe(0);
  });

  it("passes on the hub's refusal", async () => {
    const engine = new FakeEngine(viewOf({ status: 'connecting' }));
    const result = waitForWelcome(engine, HUB, new ManualTimers());
    engine.emit({ status: 'offline', refusal: { code: 'unauthorized', message: 'This token is unknown or revoked.' } });
    expect(await result).toEqual({ ok: false, message: 'This token is unknown or revoked.' });
  });

  it('keeps waiting through network errors, until the timeout', async () => {
    const engine = new FakeEngine(viewOf({ status: 'connecting' }));
    const timers = new ManualTimers();
    const result = waitForWelcome(engine, HUB, timers, 15_000);
    engine.emit({ status: 'offline' });
    timers.advance(14_999);
    engine.emit({ status: 'connecting' });
    timers.advance(1);
    const outcome = await result;
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/did not open a live connection within 15 s/);
    expect(engine.listenerCount).toBe(0);
  });

  it('answers at once for an engine already in', async () => {
    const engine = new FakeEngine(viewOf({ status: 'online' }));
    expect(await waitForWelcome(engine, HUB, new ManualTimers())).toEqual({ ok: true });
    expect(engine.listenerCount).toBe(0);
  });
});

describe('openHubConnection', () => {
  it('returns the running engine that got in, for the canonical address', async () => {
    const made: { hubUrl: string; token: string }[] = [];
    const engine = new FakeEngine(viewOf({ status: 'connecting' }), (e) => e.emit({ status: 'online' }));
    const result = await openHubConnection(
      { hubUrl: `${HUB}/`, token: 'wr_a' },
      {
        fetch: answering(200, { ok: true, seq: 0, protocol: 1 }),
        timers: new ManualTimers(),
        createEngine: (c) => (made.push(c), engine),
      },
    );
    expect(result).toEqual({ ok: true, hubUrl: HUB, engine });
    expect(made).toEqual([{ hubUrl: HUB, token: 'wr_a' }]);
    expect(engine.started).toBe(1);
    expect(engine.stopped).toBe(0);
  });

  it('stops the engine the hub refused', async () => {
    const engine = new FakeEngine(viewOf({ status: 'connecting' }), (e) =>
      e.emit({ status: 'offline', refusal: { code: 'unauthorized', message: 'Unknown token.' } }),
    );
    const result = await openHubConnection(
      { hubUrl: HUB, token: 'wr_wrong' },
      {
        fetch: answering(200, { ok: true, seq: 0, protocol: 1 }),
        timers: new ManualTimers(),
        createEngine: () => engine,
      },
    );
    expect(result).toEqual({ ok: false, message: 'Unknown token.' });
    expect(engine.stopped).toBe(1);
  });

  it('makes no engine when the address is wrong or no hub answers', async () => {
    let made = 0;
    const deps = { timers: new ManualTimers(), createEngine: () => (made++, new FakeEngine()) };
    expect(await openHubConnection({ hubUrl: `${HUB}/api`, token: 'x' }, { ...deps, fetch: refusing })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/without a path/),
    });
    expect(await openHubConnection({ hubUrl: HUB, token: 'x' }, { ...deps, fetch: refusing })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^No Warroom hub answers at/),
    });
    expect(made).toBe(0);
  });
});
