import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import type { z } from 'zod';
import { commandError } from '../shared/domain/errors.js';
import {
  HOST_EVENT_LISTENERS,
  requestSchemas,
  type HostEventName,
  type HostEvents,
  type RequestName,
  type RequestResults,
} from '../shared/ipc/contract.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import { signedOutView } from '../shared/sync/engine-view.js';
import { MemoryKeyValueStorage } from '../shared/sync/storage.js';
import { SyncEngine } from '../shared/sync/sync-engine.js';
import { EngineHost, type HostFeed } from '../main/engine-host.js';
import { DesktopChannel } from './ui-desktop-channel.js';
import { installDesktopPreload, type Delivery, type PreloadPlan } from './ui-desktop-preload.js';

type Handlers = {
  [K in RequestName]?: (
    ...args: z.output<(typeof requestSchemas)[K]>
  ) => Promise<RequestResults[K]> | RequestResults[K];
};

const STATS_GLOBAL = '__benchDesktopDeliveries';

/** The page's deliveries so far (host events and replies, with their costs there), emptied for the next reading. */
export async function takeDeliveries(page: Page): Promise<Delivery[]> {
  return page.evaluate((name) => {
    const list = (globalThis as unknown as Record<string, Delivery[] | undefined>)[name];
    return list ? list.splice(0) : [];
  }, STATS_GLOBAL);
}

/**
 * The desktop app's main process as far as the renderer sees it: the real SyncEngine (shared/sync) and EngineHost
 * (main/engine-host.ts) in this Node process, on the benchmark's hub, answering the page's requests and sending it
 * the host events EngineHost.feed makes, as main/main.ts feeds its window. A fresh engine with empty storage is a
 * first sign-in.
 * Requests main answers from the desktop itself (settings, drafts, files) get fixed answers: the renderer's start
 * needs only getSettings of them.
 */
export class DesktopHost {
  private readonly host = new EngineHost();
  private readonly feed: HostFeed;
  private channel: DesktopChannel | null = null;
  /** Host events sent, by name (a page between documents misses some: its deliveries say what arrived). */
  readonly sent = new Map<HostEventName, number>();

  private constructor(
    private readonly hubUrl: string,
    private readonly token: string,
  ) {
    // As main/main.ts feeds its window: host events go to it whatever its state; a page not listening misses them.
    this.feed = this.host.feed(
      (name, payload) => this.send(name, payload),
      () => signedOutView(hubUrl),
    );
  }

  /** A host with its channel open, no engine yet. */
  static async open(hubUrl: string, token: string): Promise<DesktopHost> {
    const host = new DesktopHost(hubUrl, token);
    host.channel = await DesktopChannel.open(
      (name, args) => host.invoke(name, args),
      // A page connected is a page loaded: main starts it from a whole view then (did-finish-load).
      () => host.feed.resend(),
    );
    return host;
  }

  /** Installs the preload in every page of `context` (call before opening a page). */
  async install(context: BrowserContext): Promise<void> {
    const plan: PreloadPlan = {
      requests: Object.keys(requestSchemas),
      // The preload's subscriptions, from the contract: every host event main sends.
      listeners: HOST_EVENT_LISTENERS,
      url: (this.channel as DesktopChannel).url,
      statsGlobal: STATS_GLOBAL,
    };
    await context.addInitScript(installDesktopPreload, plan);
  }

  /** Starts a fresh engine (empty storage: no cache, no outbox), as the app does at start with a stored token. */
  startEngine(): void {
    const engine = new SyncEngine({
      hubUrl: this.hubUrl,
      token: this.token,
      storage: new MemoryKeyValueStorage(),
      timers: { set: setTimeout, clear: clearTimeout },
      newId: () => randomUUID(),
    });
    engine.start();
    this.host.adopt(engine, { hubUrl: this.hubUrl, token: this.token });
  }

  async stop(): Promise<void> {
    this.feed.stop();
    this.host.stop();
    await this.channel?.close();
    this.channel = null;
  }

  private send<K extends HostEventName>(name: K, payload: HostEvents[K]): void {
    this.sent.set(name, (this.sent.get(name) ?? 0) + 1);
    this.channel?.send(name, payload);
  }

  private async invoke(name: string, args: unknown[]): Promise<unknown> {
    if (!Object.hasOwn(requestSchemas, name)) throw new Error(`no such request: ${name}`);
    const request = name as RequestName;
    // main checks every message against the request's schema first (main/ipc-validation.ts).
    const parsed = requestSchemas[request].parse(args) as unknown[];
    const handler = this.handlers()[request] as ((...args: unknown[]) => unknown) | undefined;
    if (!handler) throw new Error(`${name} is not offered by the benchmark's desktop host`);
    return handler(...parsed);
  }

  private handlers(): Handlers {
    const host = this.host;
    const engine = () => {
      if (!host.engine) throw new Error('Not connected to a hub: connect first.');
      return host.engine;
    };
    return {
      getView: () => host.view ?? signedOutView(this.hubUrl),
      sendCommand: (request) =>
        host.engine
          ? host.engine.submit(request)
          : { ok: false, error: commandError('unauthorized', 'Not connected to a hub: connect first.') },
      dismissRejection: (commandId) => host.engine?.dismissRejection(commandId),
      getSettings: () => ({
        hubUrl: this.hubUrl,
        signedIn: host.engine !== null,
        notifications: DEFAULT_NOTIFICATION_PREFS,
        availability: 'available',
      }),
      setNotificationPrefs: () => undefined,
      setAvailability: () => undefined,
      getTimeline: (incidentId) => engine().getTimeline(incidentId),
      getOnCall: (days) => engine().getOnCall(days),
      changeOnCall: (change) => engine().changeOnCall(change),
      sendTestPage: () => engine().sendTestPage(),
      listDrafts: () => [],
      saveDraft: () => undefined,
      removeDraft: () => undefined,
    };
  }
}
