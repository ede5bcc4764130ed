import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aggregateMetrics } from '../shared/metrics/aggregate.js';
import type { HttpGet } from '../shared/metrics/fetch-metrics.js';
import type { MetricsReport } from '../shared/metrics/report.js';
import { DraftsStore } from './drafts-store.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import { EngineHost } from './engine-host.js';
import { createRequestHandlers, withExtension } from './request-handlers.js';
import { HubSession } from './session.js';
import { FakeEngine, viewOf } from './test/engine-fakes.js';
import { recordingLog, settingsService } from './test/settings-fakes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-handlers-'));
  dirs.push(dir);
  return dir;
}

interface FileSetup {
  /** What the save dialog answers: a path (joined to a temp folder) or null (cancelled). */
  choose?: string | null;
  httpGet?: HttpGet;
}

function setup(files: FileSetup = {}) {
  const dir = tempDir();
  const dialogs: Array<{ name: string; kind: string }> = [];
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
    drafts: new DraftsStore(join(dir, 'drafts')),
    httpGet:
      files.httpGet ??
      (async () => {
        throw new Error('no network in this test');
      }),
    chooseSavePath: async (name, kind) => {
      dialogs.push({ name, kind });
      const choice = files.choose === undefined ? name : files.choose;
      return choice === null ? null : join(dir, choice);
    },
    printWindowToPdf: async () => new TextEncoder().encode('%PDF-1.7 fake'),
  });
  return { host, settings, handlers, opened, changes: () => settingsChanges, dir, dialogs };
}

describe('request handlers', () => {
  it('shows an empty, offline view while signed out', async () => {
    const { handlers } = setup();
    expect(await handlers.getView()).toMatchObject({ status: 'offline', user: null, pending: [] });
    expect(await handlers.getSettings()).toMatchObject({ signedIn: false, hubUrl: null });
  });

  it('refuses commands while signed out, with a reason', async () => {
    const { handlers } = setup();
    expect(
      await handlers.sendCommand({ type: 'incident.acknowledge', incidentId: 'inc-1', payload: { lead: false } }),
    ).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Not connected to a hub: connect first.' },
    });
  });

  it('connects, then hands commands and dismissals to the engine', async () => {
    const { handlers, host } = setup();
    expect(await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' })).toEqual({ ok: true });
    expect(await handlers.getSettings()).toMatchObject({ signedIn: true, hubUrl: 'http://127.0.0.1:4380' });
    const engine = host.engine as FakeEngine;
    expect(
      await handlers.sendCommand({ type: 'incident.acknowledge', incidentId: 'inc-1', payload: { lead: false } }),
    ).toEqual({
      ok: true,
      commandId: 'cmd-1',
    });
    expect(engine.sent).toEqual([{ type: 'incident.acknowledge', incidentId: 'inc-1', payload: { lead: false } }]);
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

  it('asks the hub about contact methods through the engine, and says when it cannot', async () => {
    const { handlers, host } = setup();
    await expect(handlers.getContact()).rejects.toThrow('Not connected to a hub: connect first.');
    await expect(handlers.testContact()).rejects.toThrow('Not connected to a hub: connect first.');
    await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' });
    const engine = host.engine as FakeEngine;
    await expect(handlers.getContact('u-bo')).rejects.toThrow('Reading contact methods needs the hub');
    const sent = { methodId: 'm-1', kind: 'email' as const, target: 'a•••@example.com', ok: true, detail: '250 OK' };
    engine.contactAnswers.changeContact = { ok: true, methodId: 'm-1', sent };
    const change = { kind: 'method.add' as const, target: { kind: 'email' as const, address: 'ana@example.com' } };
    expect(await handlers.changeContact(change)).toEqual({ ok: true, methodId: 'm-1', sent });
    engine.contactAnswers.testContact = { ok: true, results: [sent] };
    expect(await handlers.testContact()).toEqual({ ok: true, results: [sent] });
    expect(engine.contactCalls).toEqual([['getContact', 'u-bo'], ['changeContact', change], ['testContact']]);
  });

  it('asks the hub about the status page through the engine, and says when it cannot', async () => {
    const { handlers, host } = setup();
    await expect(handlers.getStatusPage()).rejects.toThrow('Not connected to a hub: connect first.');
    const change = { kind: 'channel.test' as const, id: 'ch-1' };
    await expect(handlers.changeStatusPage(change)).rejects.toThrow('Not connected to a hub: connect first.');
    await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' });
    const engine = host.engine as FakeEngine;
    await expect(handlers.getStatusPage()).rejects.toThrow('The status page set-up needs the hub');
    const view = {
      config: { title: 'Acme status', timeZone: 'UTC', services: [], maintenances: [] },
      pageUrl: 'http://127.0.0.1:4380/status',
      email: false,
      publishers: 'comms-or-lead' as const,
      subscribers: { confirmed: 2, pending: 1 },
      channels: [],
      webhooks: [],
    };
    engine.statusPageAnswers.getStatusPage = { ok: true, view };
    expect(await handlers.getStatusPage()).toEqual({ ok: true, view });
    const sent = { ok: false, detail: 'HTTP 404 channel_not_found' };
    engine.statusPageAnswers.changeStatusPage = { ok: true, id: null, secret: null, sent };
    expect(await handlers.changeStatusPage(change)).toEqual({ ok: true, id: null, secret: null, sent });
    expect(engine.statusPageCalls).toEqual([['getStatusPage'], ['getStatusPage'], ['changeStatusPage', change]]);
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

describe('request handlers: drafts, files and metrics', () => {
  const draft = {
    incidentId: 'inc-1',
    baseRevision: null,
    markdown: '# Postmortem\n\nWhat happened.',
    savedAt: '2025-03-01T10:00:00.000Z',
    publishedAs: null,
  };

  it('keeps drafts in the drafts folder: save, list, remove', async () => {
    const { handlers } = setup();
    await handlers.saveDraft(draft);
    await handlers.saveDraft({ ...draft, incidentId: 'inc-2', savedAt: '2025-03-02T10:00:00.000Z' });
    expect((await handlers.listDrafts()).map((d) => d.incidentId)).toEqual(['inc-2', 'inc-1']);
    await handlers.removeDraft('inc-2');
    expect(await handlers.listDrafts()).toEqual([draft]);
  });

  it('writes a saved file where the dialog said, with the right extension', async () => {
    const { handlers, dir, dialogs } = setup();
    const result = await handlers.saveFile({ suggestedName: 'postmortem-INC-1.txt', kind: 'markdown', text: '# x' });
    expect(dialogs).toEqual([{ name: 'postmortem-INC-1.md', kind: 'markdown' }]);
    expect(result).toEqual({ saved: true, where: join(dir, 'postmortem-INC-1.md') });
    expect(readFileSync(join(dir, 'postmortem-INC-1.md'), 'utf8')).toBe('# x');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { handlers } = setup({ choose: null });
    expect(await handlers.saveFile({ suggestedName: 'metrics.csv', kind: 'csv', text: 'a' })).toEqual({
      saved: false,
      where: null,
    });
    expect(await handlers.printPdf({ suggestedName: 'postmortem-INC-1.pdf' })).toEqual({ saved: false, where: null });
  });

  it('prints the page to a PDF file', async () => {
    const { handlers, dir } = setup();
    const result = await handlers.printPdf({ suggestedName: 'postmortem-INC-1.pdf' });
    expect(result).toEqual({ saved: true, where: join(dir, 'postmortem-INC-1.pdf') });
    expect(readFileSync(join(dir, 'postmortem-INC-1.pdf'), 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('asks the hub for metrics with the signed-in token, and refuses when signed out', async () => {
    const asked: Array<{ url: string; headers: Record<string, string> }> = [];
    // A real (empty) report: fetchMetrics checks the reply with metricsReportSchema.
    const report: MetricsReport = {
      seq: 3,
      ...aggregateMetrics([], { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' }),
      incidents: [],
    };
    const { handlers } = setup({
      httpGet: async (url, init) => {
        asked.push({ url, headers: init.headers });
        return { ok: true, status: 200, json: async () => report };
      },
    });
    await expect(handlers.getMetrics({})).rejects.toThrow('Not connected to a hub');
    await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' });
    expect(await handlers.getMetrics({ from: '2025-03-01', to: '2025-04-01' })).toEqual(report);
    expect(asked).toEqual([
      {
        url: 'http://127.0.0.1:4380/api/metrics?from=2025-03-01&to=2025-04-01',
        headers: { authorization: 'Bearer wr_good', accept: 'application/json' },
      },
    ]);
  });

  it('says why metrics failed: hub unreachable, token refused, bad period', async () => {
    const answers = [
      async () => {
        throw new TypeError('fetch failed');
      },
      async () => ({ ok: false, status: 401, json: async () => ({ error: { code: 'unauthorized', message: 'x' } }) }),
      async () => ({
        ok: false,
        status: 400,
        json: async () => ({ error: { code: 'invalid_query', message: 'from must be before to.' } }),
      }),
    ];
    let next = 0;
    const { handlers } = setup({ httpGet: (url, init) => (answers[next++] as HttpGet)(url, init) });
    await handlers.connect({ hubUrl: 'http://127.0.0.1:4380', token: 'wr_good' });
    await expect(handlers.getMetrics({})).rejects.toThrow('The hub cannot be reached');
    await expect(handlers.getMetrics({})).rejects.toThrow('refused this token');
    await expect(handlers.getMetrics({})).rejects.toThrow('from must be before to.');
  });

  it('gives a file the extension of its kind', () => {
    expect(withExtension('postmortem-INC-1.txt', 'md')).toBe('postmortem-INC-1.md');
    expect(withExtension('report', 'pdf')).toBe('report.pdf');
    expect(withExtension('a.b.csv', 'csv')).toBe('a.b.csv');
  });
});
