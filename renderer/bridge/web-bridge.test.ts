import type { DomainEvent } from '../../shared/domain/events.js';
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../shared/clock.js';
import { TestHub } from '../../shared/domain/test-support.js';
import type { PageAlert } from '../../shared/notify/paging-alerts.js';
import { PAGING_ACTOR } from '../../shared/oncall/paging.js';
import type { OncallReply, PageNotification } from '../../shared/protocol/oncall-wire.js';
import type { EngineView } from '../../shared/sync/engine-view.js';
import { aggregateMetrics } from '../../shared/metrics/aggregate.js';
import { MemoryKeyValueStorage } from '../../shared/sync/storage.js';
import { alice, bob, viewOf } from '../test-views.js';
import { FakeEngine as SharedFakeEngine } from '../../shared/sync/test-support.js';
import { SETTINGS_KEYS, WebBridge, type WebBridgeDeps } from './web-bridge.js';
import type { Notifier } from './web-notifications.js';

/** The shared engine fake, made the way the bridge makes engines: for a hub and a token. */
class FakeEngine extends SharedFakeEngine {
  constructor(
    readonly hubUrl: string,
    readonly token: string,
    onStart: (engine: FakeEngine) => void,
  ) {
    super(viewOf({ hubUrl, status: 'connecting', user: null }), (engine) => onStart(engine as FakeEngine));
  }
}

/** Timers fired by hand: no real waiting. */
class ManualTimers implements Timers {
  private next = 0;
  readonly pending = new Map<number, () => void>();
  set(callback: () => void, _ms: number): unknown {
    this.pending.set(++this.next, callback);
    return this.next;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const callbacks = [...this.pending.values()];
    this.pending.clear();
    callbacks.forEach((callback) => callback());
  }
}

const HEALTHY: typeof fetch = async () => new Response(JSON.stringify({ ok: true, seq: 0, protocol: 1 }));

interface Setup {
  now?: () => number;
  fragment?: string;
  origin?: string;
  stored?: Record<string, string>;
  fetch?: typeof fetch;
  /** What the hub does when an engine starts: welcome it (default), refuse it, or nothing. */
  hub?: (engine: FakeEngine) => void;
  notifier?: Notifier | null;
}

const welcome = (engine: FakeEngine) => engine.emit({ status: 'online', user: { ...alice, role: 'responder' } });

function setup(options: Setup = {}) {
  const storage = new MemoryKeyValueStorage();
  for (const [key, value] of Object.entries(options.stored ?? {})) storage.write(key, value);
  const engines: FakeEngine[] = [];
  const timers = new ManualTimers();
  const opened: string[] = [];
  const downloads: Array<{ name: string; mime: string; text: string }> = [];
  let prints = 0;
  let fragmentCleared = false;
  const deps: WebBridgeDeps = {
    storage,
    origin: options.origin ?? 'http://127.0.0.1:4380',
    fragment: options.fragment ?? '',
    clearFragment: () => {
      fragmentCleared = true;
    },
    fetch: options.fetch ?? HEALTHY,
    createEngine: (hubUrl, token) => {
      const engine = new FakeEngine(hubUrl, token, options.hub ?? welcome);
      engines.push(engine);
      return engine;
    },
    timers,
    clock: { now: options.now ?? (() => Date.parse('2025-03-01T10:00:00.000Z')) },
    notifier: options.notifier ?? null,
    openWindow: (url) => opened.push(url),
    download: (name, mime, text) => downloads.push({ name, mime, text }),
    print: () => {
      prints++;
    },
  };
  const bridge = new WebBridge(deps);
  const views: EngineView[] = [];
  bridge.onViewChanged((view) => views.push(view));
  return {
    bridge,
    storage,
    engines,
    timers,
    opened,
    views,
    downloads,
    prints: () => prints,
    fragmentCleared: () => fragmentCleared,
  };
}

describe('WebBridge: starting', () => {
  it('signs in from a link: keeps the token, takes the page origin as hub, clears the address bar', async () => {
    const t = setup({ fragment: '#token=wr_from-link' });
    expect(t.storage.read(SETTINGS_KEYS.token)).toBe('wr_from-link');
    expect(t.storage.read(SETTINGS_KEYS.hubUrl)).toBe('http://127.0.0.1:4380');
    expect(t.fragmentCleared()).toBe(true);
    expect(t.engines.map((e) => [e.hubUrl, e.token, e.started])).toEqual([
      ['http://127.0.0.1:4380', 'wr_from-link', 1],
    ]);
    expect(await t.bridge.getSettings()).toMatchObject({ hubUrl: 'http://127.0.0.1:4380', signedIn: true });
  });

  it('a link replaces the token stored before (another person on this browser)', () => {
    const t = setup({
      fragment: '#token=wr_new',
      stored: { [SETTINGS_KEYS.token]: 'wr_old', [SETTINGS_KEYS.hubUrl]: 'http://elsewhere:4380' },
    });
    expect(t.engines.map((e) => [e.hubUrl, e.token])).toEqual([['http://127.0.0.1:4380', 'wr_new']]);
  });

  it('starts from stored settings without asking /healthz, so it opens offline on the saved copy', () => {
    let fetched = false;
    const t = setup({
      stored: { [SETTINGS_KEYS.token]: 'wr_saved', [SETTINGS_KEYS.hubUrl]: 'http://hub.test' },
      fetch: async () => {
        fetched = true;
        throw new Error('offline');
      },
      hub: () => undefined,
    });
    expect(t.engines.map((e) => [e.hubUrl, e.token, e.started])).toEqual([['http://hub.test', 'wr_saved', 1]]);
    expect(fetched).toBe(false);
    expect(t.fragmentCleared()).toBe(false);
  });

  it('saves the engine’s copy of the state when the page is hidden (a reload with the hub down opens on it)', () => {
    const t = setup({
      stored: { [SETTINGS_KEYS.token]: 'wr_saved', [SETTINGS_KEYS.hubUrl]: 'http://hub.test' },
      hub: () => undefined,
    });
    t.bridge.pageHidden();
    expect(t.engines.map((e) => e.cacheSaves)).toEqual([1]);
  });

  it('without a token: no engine, a signed-out view, the page origin offered as hub', async () => {
    const t = setup();
    expect(t.engines).toEqual([]);
    expect(await t.bridge.getSettings()).toEqual({
      hubUrl: 'http://127.0.0.1:4380',
      signedIn: false,
      notifications: expect.objectContaining({ minSeverity: 'SEV-3' }),
      availability: 'available',
    });
    expect(await t.bridge.getView()).toMatchObject({ status: 'offline', user: null, pending: [] });
    const payload = { entryId: 'e1', what: 'Restarted' };
    expect(await t.bridge.sendCommand({ type: 'tried.add', incidentId: 'i', payload })).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Connect to a hub first.' },
    });
  });

  it('offers no hub URL when the page is a file (Electron without its preload)', async () => {
    const t = setup({ origin: 'null' });
    expect((await t.bridge.getSettings()).hubUrl).toBeNull();
  });
});

describe('WebBridge: connect', () => {
  it('connects: checks /healthz, waits for the welcome, keeps URL and token, forwards views', async () => {
    const asked: string[] = [];
    const t = setup({
      fetch: async (url) => {
        asked.push(String(url));
        return HEALTHY(url);
      },
    });
    expect(await t.bridge.connect({ hubUrl: 'http://hub.test:4380/', token: ' wr_good ' })).toEqual({ ok: true });
    expect(asked).toEqual(['http://hub.test:4380/healthz']);
    expect(t.storage.read(SETTINGS_KEYS.hubUrl)).toBe('http://hub.test:4380');
    expect(t.storage.read(SETTINGS_KEYS.token)).toBe('wr_good');
    expect((await t.bridge.getView()).status).toBe('online');

    t.engines[0]?.emit({ pending: [], stale: true });
    expect(t.views.at(-1)?.stale).toBe(true);
    expect(t.timers.pending.size).toBe(0); // the connect timeout was cleared
  });

  it('refuses a malformed URL or an empty token before touching the network', async () => {
    const t = setup({
      fetch: async () => {
        throw new Error('must not be called');
      },
    });
    expect(await t.bridge.connect({ hubUrl: 'hub.test', token: 'wr_x' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Hub URL: must be a URL/),
    });
    expect(await t.bridge.connect({ hubUrl: 'http://hub.test', token: '  ' })).toEqual({
      ok: false,
      message: 'Token: paste the token you were given',
    });
    expect(t.engines).toEqual([]);
  });

  it('says when nothing answers at the address, and starts no engine', async () => {
    const t = setup({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    const result = await t.bridge.connect({ hubUrl: 'http://hub.test:1', token: 'wr_x' });
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('Could not reach a hub at http://hub.test:1'),
    });
    expect(t.engines).toEqual([]);
  });

  it("gives the hub's reason for a wrong token, and keeps nothing", async () => {
    const t = setup({
      hub: (engine) =>
        engine.emit({
          status: 'offline',
          refusal: { code: 'unauthorized', message: 'This token is unknown or revoked.' },
        }),
    });
    expect(await t.bridge.connect({ hubUrl: 'http://hub.test', token: 'wr_wrong' })).toEqual({
      ok: false,
      message: 'The hub did not accept this token. This token is unknown or revoked.',
    });
    expect(t.storage.read(SETTINGS_KEYS.token)).toBeNull();
    expect(t.engines.every((e) => e.stopped > 0)).toBe(true);
    expect((await t.bridge.getSettings()).signedIn).toBe(false);
  });

  it('gives up after the timeout when the live connection never opens', async () => {
    const t = setup({ hub: () => undefined });
    const result = t.bridge.connect({ hubUrl: 'http://hub.test', token: 'wr_x' });
    await Promise.resolve(); // let /healthz answer
    await new Promise((resolve) => setTimeout(resolve, 0));
    t.timers.fireAll();
    expect(await result).toEqual({ ok: false, message: expect.stringContaining('no live connection opened in time') });
    expect(t.engines[0]?.stopped).toBe(1);
  });

  it('goes back to the previous sign-in when a new one fails', async () => {
    let refuse = false;
    const t = setup({
      stored: { [SETTINGS_KEYS.token]: 'wr_saved', [SETTINGS_KEYS.hubUrl]: 'http://hub.test' },
      hub: (engine) =>
        refuse ? engine.emit({ refusal: { code: 'unauthorized', message: 'no' } }) : engine.emit({ status: 'online' }),
    });
    refuse = true;
    await t.bridge.connect({ hubUrl: 'http://hub.test', token: 'wr_typo' });
    expect(t.engines.map((e) => [e.token, e.stopped])).toEqual([
      ['wr_saved', 1],
      ['wr_typo', 1],
      ['wr_saved', 0],
    ]);
    expect(t.storage.read(SETTINGS_KEYS.token)).toBe('wr_saved');
  });
});

describe('WebBridge: while signed in', () => {
  const signedIn = () => setup({ fragment: '#token=wr_ana' });

  it('queues known commands on the engine and refuses unknown types', async () => {
    const t = signedIn();
    const payload = { entryId: 'e1', what: 'Restarted' };
    expect(await t.bridge.sendCommand({ type: 'tried.add', incidentId: 'inc-1', payload })).toEqual({
      ok: true,
      commandId: 'cmd-1',
    });
    expect(t.engines[0]?.sent).toEqual([{ type: 'tried.add', incidentId: 'inc-1', payload }]);
    // @ts-expect-error no such command type: a compile error, and refused at run time for a caller in plain JS
    expect(await t.bridge.sendCommand({ type: 'incident.delete', incidentId: 'inc-1', payload: {} })).toMatchObject({
      ok: false,
      error: { code: 'unknown_command' },
    });
    await t.bridge.dismissRejection('c9');
    expect(t.engines[0]?.dismissed).toEqual(['c9']);
  });

  it('passes the timeline and the stream of confirmed events through, and stops streaming on sign-out', async () => {
    const t = signedIn();
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    const declared = { seq: 1, incidentId: 'inc-1' } as DomainEvent;
    engine.timelines.set('inc-1', [declared]);
    expect(await t.bridge.getTimeline('inc-1')).toEqual([declared]);
    await expect(t.bridge.getTimeline('nope')).rejects.toThrow(/No incident/);
    const streamed: number[] = [];
    t.bridge.onEvents((events) => streamed.push(...events.map((e) => e.seq)));
    engine.emitEvents([{ seq: 2 } as DomainEvent]);
    await t.bridge.signOut();
    engine.emitEvents([{ seq: 3 } as DomainEvent]);
    expect(streamed).toEqual([2]);
    await expect(t.bridge.getTimeline('inc-1')).rejects.toThrow(/Connect to a hub first/);
  });

  it('signs out: forgets the token, stops the engine, shows the signed-out view', async () => {
    const t = signedIn();
    await t.bridge.signOut();
    expect(t.storage.read(SETTINGS_KEYS.token)).toBeNull();
    expect(t.engines[0]?.stopped).toBe(1);
    expect(t.views.at(-1)).toMatchObject({ status: 'offline', user: null });
    expect((await t.bridge.getSettings()).signedIn).toBe(false);
  });

  it('keeps notification and availability settings, and falls back on defaults for bad stored ones', async () => {
    const t = signedIn();
    await t.bridge.setNotificationPrefs({
      newIncident: false,
      escalation: true,
      roleAssigned: true,
      minSeverity: 'SEV-1',
    });
    await t.bridge.setAvailability('unavailable');
    expect(await t.bridge.getSettings()).toMatchObject({
      notifications: { newIncident: false, minSeverity: 'SEV-1' },
      availability: 'unavailable',
    });
    t.storage.write(SETTINGS_KEYS.notifications, '{not json');
    t.storage.write(SETTINGS_KEYS.availability, 'on-holiday');
    expect(await t.bridge.getSettings()).toMatchObject({
      notifications: { newIncident: true, minSeverity: 'SEV-3' },
      availability: 'available',
    });
  });

  it('opens only http(s) links, in a new window', async () => {
    const t = signedIn();
    await t.bridge.openExternal('https://status.example.com/incidents/1');
    await expect(t.bridge.openExternal('javascript:alert(1)')).rejects.toThrow('Only http and https');
    expect(t.opened).toEqual(['https://status.example.com/incidents/1']);
  });
});

describe('WebBridge: notifications', () => {
  it('shows a notification for an incident someone else declares, and opens it on click', () => {
    const shown: Array<{ title: string; click: () => void }> = [];
    const notifier: Notifier = {
      canAsk: () => false,
      ask: async () => undefined,
      show: (notification, onClick) => shown.push({ title: notification.title, click: onClick }),
      showPage: () => undefined,
      closePage: () => undefined,
    };
    const t = setup({ fragment: '#token=wr_ana', notifier });
    const opened: string[] = [];
    t.bridge.onOpenIncident((id) => opened.push(id));
    const hub = new TestHub();
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    engine.emit({ status: 'online', confirmed: hub.state });
    expect(shown).toEqual([]);
    engine.emitEvents(
      hub.declare({ title: 'Card payments failing', severity: 'SEV-1' }, { actor: bob, incidentId: 'inc-9' }),
    );
    engine.emit({ confirmed: hub.state, state: hub.state });
    expect(shown).toEqual([]); // gathered for the grouping window first
    t.timers.fireAll();
    expect(shown.map((s) => s.title)).toEqual(['INC-1 SEV-1: Card payments failing']);
    shown[0]?.click();
    expect(opened).toEqual(['inc-9']);
  });

  it('asks for permission only when told to (from a click)', async () => {
    let asked = 0;
    const notifier: Notifier = {
      canAsk: () => asked === 0,
      ask: async () => {
        asked++;
      },
      show: () => undefined,
      showPage: () => undefined,
      closePage: () => undefined,
    };
    const t = setup({ notifier });
    expect(asked).toBe(0);
    expect(t.bridge.canAskNotificationPermission()).toBe(true);
    await t.bridge.askNotificationPermission();
    expect(asked).toBe(1);
    expect(t.bridge.canAskNotificationPermission()).toBe(false);
  });
});

/** Records what the bridge shows; `click` plays a click on a notification. */
function recordingNotifier() {
  const pages: Array<{ alert: PageAlert; click: () => void }> = [];
  const closed: string[] = [];
  const notifier: Notifier = {
    canAsk: () => false,
    ask: async () => undefined,
    show: () => undefined,
    showPage: (alert, onClick) => pages.push({ alert, click: onClick }),
    closePage: (pageId) => closed.push(pageId),
  };
  return { notifier, pages, closed };
}

/** INC-1 (SEV-1, from an alert) paged to Alice, as the hub records it. */
function pagedToAlice(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout down', severity: 'SEV-1', status: 'triage' }, { incidentId: 'inc-1', actor: bob });
  hub.ok(
    'page.record',
    {
      pageId: 'inc-1-s0-r0-u-alice',
      person: alice,
      reason: 'initial',
      step: 0,
      round: 0,
      rotationId: 'checkout',
      heldUntil: null,
    },
    { incidentId: 'inc-1', actor: PAGING_ACTOR },
  );
  return hub;
}

describe('WebBridge: on-call and paging', () => {
  const testPage: PageNotification = {
    pageId: 'test-1',
    at: '2025-03-01T10:00:00.000Z',
    test: true,
    incident: null,
    reason: null,
    step: null,
    round: null,
  };

  it('passes on-call requests to the engine, and refuses them while signed out', async () => {
    const t = setup({ fragment: '#token=wr_ana' });
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    const reply: OncallReply = { ok: false, error: { code: 'internal_error', message: 'set by the test' } };
    engine.onCallAnswers.getOnCall = reply;
    expect(await t.bridge.getOnCall(3)).toEqual(reply);
    const change = { kind: 'rotation.delete' as const, rotationId: 'checkout' };
    expect(await t.bridge.changeOnCall(change)).toEqual({ ok: true, warnings: [] });
    await expect(t.bridge.sendTestPage()).rejects.toThrow('A test page needs the hub');
    // Besides these, the notifier read my notification choices and the rotations once, at the first live view.
    const notifierRead = (call: unknown[]) => call[0] === 'getOnCall' && call[1] === 1;
    expect(engine.onCallCalls.filter(notifierRead)).toHaveLength(1);
    expect(engine.onCallCalls.filter((call) => !notifierRead(call))).toEqual([
      ['getOnCall', 3],
      ['changeOnCall', change],
      ['sendTestPage'],
    ]);
    await t.bridge.signOut();
    await expect(t.bridge.getOnCall()).rejects.toThrow('Connect to a hub first.');
    await expect(t.bridge.changeOnCall(change)).rejects.toThrow('Connect to a hub first.');
    await expect(t.bridge.sendTestPage()).rejects.toThrow('Connect to a hub first.');
  });

  it('passes contact requests to the engine, and refuses them while signed out', async () => {
    const t = setup({ fragment: '#token=wr_ana' });
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    await expect(t.bridge.getContact()).rejects.toThrow('Reading contact methods needs the hub');
    const change = { kind: 'method.remove' as const, methodId: 'm-1' };
    expect(await t.bridge.changeContact(change)).toEqual({ ok: true, methodId: null, sent: null });
    engine.contactAnswers.testContact = { ok: true, results: [] };
    expect(await t.bridge.testContact()).toEqual({ ok: true, results: [] });
    await expect(t.bridge.getContact('u-bo')).rejects.toThrow('needs the hub');
    expect(engine.contactCalls).toEqual([
      ['getContact', undefined],
      ['changeContact', change],
      ['testContact'],
      ['getContact', 'u-bo'],
    ]);
    await t.bridge.signOut();
    await expect(t.bridge.getContact()).rejects.toThrow('Connect to a hub first.');
    await expect(t.bridge.changeContact(change)).rejects.toThrow('Connect to a hub first.');
    await expect(t.bridge.testContact()).rejects.toThrow('Connect to a hub first.');
  });

  it('forwards pages and on-call changes from the current engine only, and shows a test page', async () => {
    const { notifier, pages } = recordingNotifier();
    const t = setup({ fragment: '#token=wr_ana', notifier });
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    const received: string[] = [];
    let changes = 0;
    t.bridge.onPage((page) => received.push(page.pageId));
    t.bridge.onOnCallChanged(() => changes++);
    engine.emitPage(testPage);
    engine.emitOnCallChanged();
    expect(received).toEqual(['test-1']);
    expect(changes).toBe(1);
    expect(pages.map((p) => [p.alert.title, p.alert.incidentId])).toEqual([
      ['Test page from Warroom — notifications reach you.', null],
    ]);
    await t.bridge.signOut();
    engine.emitPage(testPage);
    engine.emitOnCallChanged();
    expect(received).toEqual(['test-1']);
    expect(changes).toBe(1);
  });

  it('passes status page requests to the engine, forwards its changes, and says when it is not connected', async () => {
    const t = setup({ fragment: '#token=wr_ana' });
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    let changes = 0;
    t.bridge.onStatusPageChanged(() => changes++);
    engine.emitStatusPageChanged();
    expect(changes).toBe(1);
    await expect(t.bridge.getStatusPage()).rejects.toThrow('The status page set-up needs the hub');
    const change = { kind: 'webhook.remove' as const, id: 'wh-1' };
    expect(await t.bridge.changeStatusPage(change)).toEqual({ ok: true, id: null, secret: null, sent: null });
    expect(engine.statusPageCalls).toEqual([['getStatusPage'], ['changeStatusPage', change]]);
    await t.bridge.signOut();
    engine.emitStatusPageChanged();
    expect(changes).toBe(1);
    await expect(t.bridge.getStatusPage()).rejects.toThrow('Connect to a hub first.');
    await expect(t.bridge.changeStatusPage(change)).rejects.toThrow('Connect to a hub first.');
  });

  it('shows a page for me until answered: reminders every two minutes, a click opens the incident', () => {
    let now = Date.parse('2025-03-01T10:00:00.000Z');
    const { notifier, pages, closed } = recordingNotifier();
    const t = setup({ fragment: '#token=wr_ana', notifier, now: () => now });
    const opened: string[] = [];
    t.bridge.onOpenIncident((id) => opened.push(id));
    const engine = t.engines[0];
    if (!engine) throw new Error('no engine');
    const hub = pagedToAlice();
    engine.emit({ status: 'online', state: hub.state, confirmed: hub.state });
    expect(pages.map((p) => p.alert.title)).toEqual(['Paged: INC-1 SEV-1 Checkout down']);
    pages[0]?.click();
    expect(opened).toEqual(['inc-1']);

    now += 2 * 60_000;
    t.timers.fireAll();
    expect(pages.map((p) => p.alert.repeat)).toEqual([0, 1]);

    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-1' });
    engine.emit({ state: hub.state });
    expect(closed).toEqual(['inc-1-s0-r0-u-alice']);
    expect(t.timers.pending.size).toBe(0);
  });

  it('does not page from a cached view before the hub confirmed it', () => {
    const { notifier, pages } = recordingNotifier();
    const t = setup({ fragment: '#token=wr_ana', notifier, hub: () => undefined });
    const hub = pagedToAlice();
    t.engines[0]?.emit({
      status: 'connecting',
      stale: true,
      user: { ...alice, role: 'responder' },
      state: hub.state,
    });
    expect(pages).toEqual([]);
  });
});

describe('WebBridge: drafts, files and metrics', () => {
  const signedIn = { [SETTINGS_KEYS.token]: 'wr_ana', [SETTINGS_KEYS.hubUrl]: 'http://127.0.0.1:4380' };

  it('keeps postmortem drafts in browser storage, without the hub', async () => {
    const t = setup({ stored: signedIn, hub: () => undefined });
    const draft = {
      incidentId: 'inc-1',
      baseRevision: null,
      markdown: '# Draft',
      savedAt: '2025-03-01T10:00:00.000Z',
      publishedAs: null,
    };
    await t.bridge.saveDraft(draft);
    expect(await t.bridge.listDrafts()).toEqual([draft]);
    await t.bridge.removeDraft('inc-1');
    expect(await t.bridge.listDrafts()).toEqual([]);
  });

  it('downloads saved files and opens the print dialog for a PDF', async () => {
    const t = setup({ stored: signedIn });
    expect(await t.bridge.saveFile({ suggestedName: 'metrics.csv', kind: 'csv', text: 'id\r\n' })).toEqual({
      saved: true,
      where: null,
    });
    expect(t.downloads).toEqual([{ name: 'metrics.csv', mime: 'text/csv;charset=utf-8', text: 'id\r\n' }]);
    expect(await t.bridge.printPdf({ suggestedName: 'postmortem-INC-1.pdf' })).toEqual({ saved: false, where: null });
    expect(t.prints()).toBe(1);
  });

  it('asks the hub that served the page for metrics with the stored token', async () => {
    const asked: Array<{ url: string; auth: string | null }> = [];
    const report = {
      seq: 0,
      ...aggregateMetrics([], { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z' }),
      incidents: [],
    };
    const t = setup({
      stored: signedIn,
      fetch: async (input, init) => {
        const url = String(input);
        if (url.endsWith('/healthz')) return HEALTHY(input, init);
        asked.push({ url, auth: new Headers(init?.headers).get('authorization') });
        return new Response(JSON.stringify(report));
      },
    });
    expect(await t.bridge.getMetrics({ from: '2025-03-01' })).toEqual(report);
    expect(asked).toEqual([{ url: 'http://127.0.0.1:4380/api/metrics?from=2025-03-01', auth: 'Bearer wr_ana' }]);
    await t.bridge.signOut();
    await expect(t.bridge.getMetrics({})).rejects.toThrow('Connect to a hub first.');
  });
});
