import { io } from 'socket.io-client';
import type { PageNotification } from '../shared/protocol/oncall-wire.js';
import { alertmanagerNotification } from './alertmanager-body.js';
import { startBareServer } from './bare-process.js';
import { connectHubClient, type HubClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs, sleep } from './clock.js';
import { samplesFor, type BenchContext } from './context.js';
import { sampleLoop } from './deadline.js';
import { latencyFigures } from './figures.js';
import { ClientFleet } from './fleet.js';
import { startBenchHub, viewers, type BenchUser } from './hub-under-test.js';
import { summarize, warmUpCount, type LatencySummary } from './stats.js';

export const SERVICE = 'checkout';
/** Between samples: lets the hub finish what a page sets off (deadline rows, the inbox delete) before the next. */
export const PAUSE_MS = 20;

export interface Sample {
  /** POST sent → page event on the on-call person's socket. */
  readonly page: number;
  /** POST sent → its HTTP answer (the hub answers 202 once the request is durable in its inbox). */
  readonly answered: number;
}

/**
 * 1. Alert to page: an Alertmanager webhook POST until the `page` push reaches the on-call person's socket, with
 * `clients` other clients connected. Baseline: a bare socket.io server relaying the same POST to one socket.
 */
export async function runAlertToPage(context: BenchContext): Promise<BenchOutcome> {
  const { options, log } = context;
  const samples = samplesFor(context, 200, 50);
  const warmUp = warmUpCount(samples);
  const runId = Date.now().toString(36);
  return withCleanup(async (cleanup) => {
    const fleet = ClientFleet.start(options.workers);
    cleanup.add(() => fleet.close());

    log(`alert-to-page: baseline, bare socket.io with ${options.clients} other clients`);
    const bare = await measureBare(context, fleet, samples + warmUp, runId);
    log(`alert-to-page: hub with ${options.clients} other clients`);
    const hub = await measureHub(context, fleet, samples + warmUp, runId);

    const hubPages = summarize(hub.slice(warmUp).map((s) => s.page));
    const hubAnswers = summarize(hub.slice(warmUp).map((s) => s.answered));
    const barePages = summarize(bare.slice(warmUp).map((s) => s.page));
    return {
      id: 'alert-to-page',
      title: '1. Alert to page',
      settings: { clients: options.clients, samples, warmUp, workers: options.workers },
      figures: latencyFigures('alert-to-page', hubPages, barePages, 'bare socket.io relaying the POST to one socket', {
        text: '< 15 ms and <= 2x baseline',
        met: (p99, ratio) => p99 < 15 && ratio !== null && ratio <= 2,
      }),
      notes: [
        `hub: the webhook's 202 (request durable in the inbox) came after ${ms(hubAnswers, 'p50')} p50 / ${ms(hubAnswers, 'p99')} p99; the page after ${ms(hubPages, 'p50')} / ${ms(hubPages, 'p99')}`,
        `path in the hub: inbox insert (fsync) -> 202; alert.receive decided with its first page (page.record, decided on the same state) and both appended in one commit (fsync); the page pushed to the person, then the incident's events and page.sent broadcast in one message to all ${options.clients + 2} clients`,
        `each sample is a new alert group (a new SEV-1 incident paging the one-person rotation for "${SERVICE}"), acknowledged after it is timed`,
      ],
    };
  });
}

function ms(summary: LatencySummary, key: 'p50' | 'p99'): string {
  return `${summary[key].toFixed(2)} ms`;
}

async function measureHub(context: BenchContext, fleet: ClientFleet, count: number, runId: string): Promise<Sample[]> {
  const others = viewers(context.options.clients);
  return withCleanup(async (cleanup) => {
    const hub = await startBenchHub(
      [{ name: 'bench-admin', role: 'admin' }, { name: 'on-call', role: 'responder' }, ...others],
      context.hubNodeArgs,
    );
    cleanup.add(() => hub.dispose());
    return measurePages(context, fleet, count, runId, {
      others: others.map((u) => ({ url: hub.url, token: hub.token(u.name) })),
      admin: { url: hub.url, token: hub.token('bench-admin') },
      person: { url: hub.url, token: hub.token('on-call') },
      webhookUrl: hub.url,
      alertmanagerToken: hub.alertmanagerToken,
    });
  });
}

/** Where the clients of an alert-to-page measurement connect: one hub, or several nodes on one database. */
export interface PageSetup {
  /** The fleet's clients (the people not on call). */
  readonly others: ReadonlyArray<{ readonly url: string; readonly token: string }>;
  /** Sets up the rotation (an admin's token). */
  readonly admin: { readonly url: string; readonly token: string };
  /** The on-call person, whose `page` push ends a sample. */
  readonly person: { readonly url: string; readonly token: string };
  /** The hub (or node) the webhook is POSTed to. */
  readonly webhookUrl: string;
  readonly alertmanagerToken: string;
}

/** Users of an alert-to-page hub: an admin, the on-call person and `clients` viewers. */
export function pageUsers(clients: number): BenchUser[] {
  return [{ name: 'bench-admin', role: 'admin' }, { name: 'on-call', role: 'responder' }, ...viewers(clients)];
}

/** Connects the fleet, routes a one-person rotation to the service, then times `count` alerts until their page. */
export async function measurePages(
  context: BenchContext,
  fleet: ClientFleet,
  count: number,
  runId: string,
  setup: PageSetup,
): Promise<Sample[]> {
  const { deadline } = context;
  return withCleanup(async (cleanup) => {
    cleanup.add(() => fleet.disconnect());
    await fleet.connectAll(setup.others, deadline);
    const admin = await connectHubClient(setup.admin.url, setup.admin.token);
    cleanup.add(() => admin.close());
    const person = await connectHubClient(setup.person.url, setup.person.token);
    cleanup.add(() => person.close());

    await routeToPerson(admin, person);

    const pages = new Arrivals<PageNotification>();
    person.socket.on('page', (page) => pages.arrived(page.incident?.title ?? '', page));
    const url = `${setup.webhookUrl}/api/webhooks/alertmanager`;
    const headers = { authorization: `Bearer ${setup.alertmanagerToken}`, 'content-type': 'application/json' };
    return await sampleLoop(deadline, count, async (i) => {
      const title = `Bench alert ${runId}-${i}`;
      const body = alertmanagerNotification(title, SERVICE);
      const page = pages.waitFor(title);
      const start = nowMs();
      const response = timedFetch(url, { method: 'POST', headers, body });
      const { at, value } = await deadline.bound(page, 10_000, `page for "${title}"`);
      const answer = await deadline.bound(response, 10_000, 'webhook answer');
      if (answer.status !== 202) throw new Error(`webhook answered ${answer.status}: ${answer.text}`);
      // Stops the escalation chain, so no later page of this incident lands in another sample.
      if (value.incident)
        await person.accepted({ type: 'incident.acknowledge', incidentId: value.incident.id, payload: {} });
      await sleep(PAUSE_MS);
      return { page: at - start, answered: answer.at - start };
    });
  });
}

/** A one-person weekly rotation that started a week ago, routed to SERVICE: `person` is primary whatever the hour. */
export async function routeToPerson(admin: HubClient, person: HubClient): Promise<void> {
  const lastWeek = new Date(Date.now() - 7 * 24 * 3600_000).toISOString().slice(0, 10);
  const { id, name } = person.welcome.user;
  await admin.oncallChange({
    kind: 'rotation.save',
    rotation: {
      id: 'bench',
      name: 'Bench',
      members: [{ id, name }],
      handoffTime: '09:00',
      shift: 'weekly',
      timeZone: 'UTC',
      startDate: lastWeek,
    },
  });
  await admin.oncallChange({ kind: 'service.route', service: SERVICE, rotationId: 'bench' });
}

export async function measureBare(
  context: BenchContext,
  fleet: ClientFleet,
  count: number,
  runId: string,
): Promise<Sample[]> {
  const { options, deadline } = context;
  return withCleanup(async (cleanup) => {
    const bare = await startBareServer();
    cleanup.add(() => bare.stop());
    await fleet.connect(
      bare.url,
      Array.from({ length: options.clients }, () => ({})),
      deadline,
    );
    cleanup.add(() => fleet.disconnect());
    const target = io(bare.url, {
      auth: { target: true },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    cleanup.add(() => target.close());
    await deadline.bound(new Promise((resolve) => target.once('welcome', resolve)), 30_000, 'bare target client');

    const pages = new Arrivals<unknown>();
    target.on('page', (body: { commonAnnotations?: { summary?: string } }) =>
      pages.arrived(body.commonAnnotations?.summary ?? '', body),
    );
    const url = `${bare.url}/relay`;
    return await sampleLoop(deadline, count, async (i) => {
      const title = `Bench alert ${runId}-${i}`;
      const body = alertmanagerNotification(title, SERVICE);
      const page = pages.waitFor(title);
      const start = nowMs();
      const response = timedFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const { at } = await deadline.bound(page, 10_000, `relay of "${title}"`);
      const answer = await deadline.bound(response, 10_000, 'relay answer');
      if (answer.status !== 202) throw new Error(`bare relay answered ${answer.status}`);
      await sleep(PAUSE_MS);
      return { page: at - start, answered: answer.at - start };
    });
  });
}

/** A fetch whose answer carries the moment its headers arrived (before the body is read). */
export async function timedFetch(
  url: string,
  init: RequestInit,
): Promise<{ status: number; at: number; text: string }> {
  const response = await fetch(url, init);
  const at = nowMs();
  return { status: response.status, at, text: await response.text() };
}

/** Pairs pushes with the sample waiting for them, noting the arrival time on the runner's clock first thing. */
export class Arrivals<T> {
  private readonly waiting = new Map<string, (arrival: { at: number; value: T }) => void>();

  waitFor(key: string): Promise<{ at: number; value: T }> {
    return new Promise((resolve) => this.waiting.set(key, resolve));
  }

  arrived(key: string, value: T): void {
    const at = nowMs();
    const resolve = this.waiting.get(key);
    if (!resolve) return;
    this.waiting.delete(key);
    resolve({ at, value });
  }
}
