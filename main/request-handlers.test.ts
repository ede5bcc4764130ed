import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import { EngineHost } from './engine-host.js';
import { createRequestHandlers } from './request-handlers.js';
import { HubSession } from './session.js';
import { FakeEngine, viewOf } from './test/engine-fakes.js';
import { recordingLog, settingsService } from './test/settings-fakes.js';

function setup() {
  const host = new EngineHost();
  const settings = settingsService();
  const opened: string[] = [];
  let settingsChanges = 0;
  const session = new HubSession({
    host,
    settings,
    openConnection: async (c) =>
      c.token === 'wr_good'
        ? { ok: true, hubUrl: c.hubUrl, engine: new FakeEngine(viewOf({ hubUrl: c.hubUrl })) }
        : { ok: false, message: 'This token is unknown or revoked.' },
    startEngine: () => new FakeEngine(),
    log: recordingLog(),
  });
  const handlers = createRequestHandlers({
    host,
    session,
    settings,
    openExternal: async (url) => void opened.push(url),
    onSettingsChanged: () => void settingsChanges++,
  });
  return { host, settings, handlers, opened, changes: () => settingsChanges };
}

describe('request handlers', () => {
  it('shows an empty, offline view while signed out', async () => {
    const { handlers } = setup();
    expect(await handlers.getView()).toMatchObject({ status: 'offline', user: null, pending: [] });
    expect(await handlers.getSettings()).toMatchObject({ signedIn: false, hubUrl: null });
  });

  it('refuses commands while signed out, with a reason', async () => {
    const { handlers } = setup();
    expect(await handlers.sendCommand({ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} })).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Not connected to a hub: connect first.' },
    });
  });

  it('connects, then hands commands and dismissals to the engine', async () => {
    const { handlers, host } = setup();
    expect(await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' })).toEqual({ ok: true });
    expect(await handlers.getSettings()).toMatchObject({ signedIn: true, hubUrl: 'http://127.0.0.1:4380' });
    const engine = host.engine as FakeEngine;
    expect(await handlers.sendCommand({ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} })).toEqual({
      ok: true,
      commandId: 'cmd-1',
    });
    expect(engine.sent).toEqual([{ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} }]);
    await handlers.dismissRejection('cmd-9');
    expect(engine.dismissed).toEqual(['cmd-9']);
    expect((await handlers.getView()).hubUrl).toBe('http://127.0.0.1:4380');
  });

  it("answers a refused connect with the hub's message", async () => {
    const { handlers } = setup();
    expect(await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_bad' })).toEqual({
      ok: false,
      message: 'This token is unknown or revoked.',
    });
  });

  it('saves preferences and availability, and tells the tray', async () => {
    const { handlers, changes } = setup();
    const prefs = { ...DEFAULT_NOTIFICATION_PREFS, minSeverity: 'SEV-1' as const };
    await handlers.setNotificationPrefs(prefs);
    await handlers.setAvailability('unavailable');
    expect(await handlers.getSettings()).toMatchObject({ notifications: prefs, availability: 'unavailable' });
    expect(changes()).toBe(2);
  });

  it('opens only web links in the browser', async () => {
    const { handlers, opened } = setup();
    await handlers.openExternal('https://status.example.com/');
    await expect(handlers.openExternal('file:///etc/passwd')).rejects.toThrow(/Only http:\/\/ and https:\/\/ links/);
    expect(opened).toEqual(['https://status.example.com/']);
  });

  it('asks the hub about on-call through the engine, and says when it cannot', async () => {
    const { handlers, host } = setup();
    await expect(handlers.getOnCall()).rejects.toThrow('Not connected to a hub: connect first.');
    await expect(handlers.sendTestPage()).rejects.toThrow('Not connected to a hub: connect first.');
    await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' });
    const engine = host.engine as FakeEngine;
    await expect(handlers.getOnCall(7)).rejects.toThrow('The on-call schedule needs the hub');
    const refused = { ok: false as const, error: { code: 'forbidden' as const, message: 'Only admins…' } };
    engine.onCallAnswers.changeOnCall = refused;
    const change = { kind: 'service.route' as const, service: 'checkout', rotationId: null };
    expect(await handlers.changeOnCall(change)).toEqual(refused);
    const page = {
      pageId: 'test-1',
      at: '2026-03-25T10:00:00.000Z',
      test: true,
      incident: null,
      reason: null,
      step: null,
      round: null,
    };
    engine.onCallAnswers.sendTestPage = { ok: true, page };
    expect(await handlers.sendTestPage()).toEqual({ ok: true, page });
    expect(engine.onCallCalls).toEqual([['getOnCall', 7], ['changeOnCall', change], ['sendTestPage']]);
  });

  it('signs out', async () => {
    const { handlers, host } = setup();
    await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' });
    const engine = host.engine as FakeEngine;
    await handlers.signOut();
    expect(engine.stopped).toBe(1);
    expect(await handlers.getSettings()).toMatchObject({ signedIn: false, hubUrl: 'http://127.0.0.1:4380' });
  });
});
