import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../shared/domain/events.js';
import type { EngineView } from '../shared/sync/engine-view.js';
import { EngineHost } from './engine-host.js';
import { signedOutView } from '../shared/sync/engine-view.js';
import { FakeEngine, viewOf } from './test/engine-fakes.js';

const creds = { hubUrl: 'http://127.0.0.1:4380', token: 'wr_a' };

describe('EngineHost', () => {
  it('forwards the running engine views, starting with its current one', () => {
    const host = new EngineHost();
    const seen: (EngineView | null)[] = [];
    host.onChange((view) => seen.push(view));
    const engine = new FakeEngine(viewOf({ status: 'connecting' }));
    host.adopt(engine, creds);
    engine.emit({ status: 'online' });
    expect(seen.map((v) => v?.status)).toEqual(['connecting', 'online']);
    expect(host.view?.status).toBe('online');
    expect(host.credentials).toEqual(creds);
  });

  it('switches engines: the old one is stopped and no longer heard', () => {
    const host = new EngineHost();
    const seen: (string | undefined)[] = [];
    host.onChange((view) => seen.push(view?.hubUrl));
    const first = new FakeEngine(viewOf({ hubUrl: 'http://a' }));
    const second = new FakeEngine(viewOf({ hubUrl: 'http://b' }));
    host.adopt(first, creds);
    host.adopt(second, { hubUrl: 'http://b', token: 'wr_b' });
    first.emit({ status: 'offline' });
    expect(first.stopped).toBe(1);
    expect(first.listenerCount).toBe(0);
    expect(second.stopped).toBe(0);
    expect(seen).toEqual(['http://a', 'http://b']);
    expect(host.engine).toBe(second);
  });

  it('forwards confirmed events from the running engine only', () => {
    const host = new EngineHost();
    const seen: number[] = [];
    host.onEvents((events) => seen.push(...events.map((e) => e.seq)));
    const first = new FakeEngine();
    const second = new FakeEngine();
    host.adopt(first, creds);
    first.emitEvents([{ seq: 1 } as DomainEvent]);
    host.adopt(second, creds);
    first.emitEvents([{ seq: 2 } as DomainEvent]);
    second.emitEvents([{ seq: 3 } as DomainEvent, { seq: 4 } as DomainEvent]);
    expect(seen).toEqual([1, 3, 4]);
  });

  it('forwards pages and on-call changes from the running engine only, and lets go of the old one', () => {
    const host = new EngineHost();
    const pages: string[] = [];
    let changes = 0;
    host.onPage((page) => pages.push(page.pageId));
    host.onOnCallChanged(() => changes++);
    const first = new FakeEngine();
    const second = new FakeEngine();
    const page = (pageId: string) => ({
      pageId,
      at: '2026-03-25T10:00:00.000Z',
      test: true,
      incident: null,
      reason: null,
      step: null,
      round: null,
    });
    host.adopt(first, creds);
    first.emitPage(page('p1'));
    first.emitOnCallChanged();
    host.adopt(second, creds);
    first.emitPage(page('p2'));
    first.emitOnCallChanged();
    second.emitPage(page('p3'));
    second.emitOnCallChanged();
    expect(pages).toEqual(['p1', 'p3']);
    expect(changes).toBe(2);
    expect(first.listenerCount).toBe(0);
  });

  it('signs out: stops the engine and tells listeners there is no view', () => {
    const host = new EngineHost();
    const seen: (EngineView | null)[] = [];
    host.onChange((view) => seen.push(view));
    const engine = new FakeEngine();
    host.adopt(engine, creds);
    host.stop();
    host.stop();
    expect(engine.stopped).toBe(1);
    expect(seen.at(-1)).toBeNull();
    expect(seen).toHaveLength(2);
    expect(host.view).toBeNull();
    expect(host.credentials).toBeNull();
  });

  it('unsubscribes listeners', () => {
    const host = new EngineHost();
    let calls = 0;
    const off = host.onChange(() => calls++);
    off();
    host.adopt(new FakeEngine(), creds);
    expect(calls).toBe(0);
  });
});

describe('EngineHost.feed (what the window is sent)', () => {
  const event = (seq: number) => ({ seq }) as DomainEvent;

  it('sends a whole view at first, on every engine change and on resend; otherwise only what changed', () => {
    const host = new EngineHost();
    const sent: string[] = [];
    const feed = host.feed(
      (name) => void sent.push(name),
      () => signedOutView('http://hub'),
    );
    expect(sent).toEqual(['viewChanged']);
    const engine = new FakeEngine(viewOf({ status: 'connecting' }));
    host.adopt(engine, creds);
    expect(sent).toEqual(['viewChanged', 'viewChanged']);

    engine.emit({ status: 'online' });
    engine.emitEvents([event(1)]);
    engine.emit({ confirmed: { ...engine.view.confirmed, seq: 1 } });
    engine.emitPage({
      pageId: 'p1',
      at: '2026-03-25T10:00:00.000Z',
      test: true,
      incident: null,
      reason: null,
      step: null,
      round: null,
    });
    engine.emitOnCallChanged();
    engine.emitStatusPageChanged();
    expect(sent.slice(2)).toEqual([
      'connectionChanged',
      'eventsReceived',
      'pageReceived',
      'onCallChanged',
      'statusPageChanged',
    ]);

    feed.resend();
    host.stop();
    expect(sent.slice(7)).toEqual(['viewChanged', 'viewChanged']);
    feed.stop();
    host.adopt(new FakeEngine(), creds);
    expect(sent).toHaveLength(9);
  });
});

describe('signedOutView', () => {
  it('is an empty, offline view that keeps the address for the form', () => {
    const view = signedOutView('https://hub.example.com');
    expect(view).toMatchObject({ hubUrl: 'https://hub.example.com', status: 'offline', user: null, pending: [] });
    expect(Object.keys(view.state.incidents)).toHaveLength(0);
    expect(signedOutView(null).hubUrl).toBe('');
  });
});
