import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { IncidentsState } from '../shared/domain/state.js';
import { systemClock, type Clock, type Timers } from '../shared/clock.js';
import type { UserStore } from './auth/user-store.js';
import { CommandPipeline } from './commands/command-pipeline.js';
import { loadDecidePolicy } from './commands/review-gate-config.js';
import { handleHttpApi } from './http/http-api.js';
import { resolveLimits, type HubLimits } from './limits/limits.js';
import { parseRequestUrl } from './http/request-url.js';
import { sendError } from './http/respond.js';
import { createStaticHandler, defaultRendererDir } from './http/static.js';
import { silentLogger, type Logger } from './log.js';
import { createPaging, systemTimers, type Paging } from './paging/paging.js';
import { attachConnections, type Connections } from './socket/connection.js';
import type { HubServer } from './socket/types.js';
import type { EventStore } from './store/event-store.js';
import type { HubStore } from './store/hub-store.js';
import { openHubStore } from './store/open-store.js';
import { Checkpointer, rebuildState } from './store/state-from-log.js';
import { startWebhookIngest } from './webhooks/webhook-ingest.js';
import { createContact, type Contact, type ContactOptions } from './contact/contact.js';
import { secretsKeyFile } from './data-dir.js';
import { SecretsKeyFile } from './secrets/secrets-key-file.js';
import { createStatusPage, type StatusPage } from './status-page/status-page.js';

export interface HubOptions {
  /** The data folder: the SQLite file (unless databaseUrl is given) and the hub's configuration files. */
  readonly dataDir: string;
  /** postgres://… to keep everything in PostgreSQL (several nodes may share it); default: SQLite in dataDir. */
  readonly databaseUrl?: string | undefined;
  /** The key secrets at rest are sealed with (hub/secrets); default `<dataDir>/secrets.key`. Nodes share one. */
  readonly secretsKeyFile?: string | undefined;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** The built web client to serve at `/`; default dist/renderer. */
  readonly rendererDir?: string;
  /** Escalation deadlines wait on these; tests pass fake ones with a fake clock. */
  readonly timers?: Timers;
  /**
   * Per-connection command rate and connections per token (hub/limits/limits.ts has the defaults); the environment
   * (WARROOM_COMMAND_BURST, WARROOM_COMMANDS_PER_SECOND, WARROOM_MAX_CONNECTIONS_PER_TOKEN) sets them for `serve`.
   */
  readonly limits?: Partial<HubLimits>;
  /** E-mail, ntfy, the public address for links in messages (hub/contact, docs/contact.md); `serve` reads the environment. */
  readonly contact?: ContactOptions | (() => ContactOptions);
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly users: UserStore;
  readonly store: EventStore;
  /** Everything the hub keeps (SQLite or PostgreSQL). */
  readonly hubStore: HubStore;
  state(): IncidentsState;
  /** Paging (hub/paging): settled() resolves when the pages it asked for are answered. */
  readonly paging: Pick<Paging, 'settled'>;
  /** Page deliveries through contact methods (hub/contact): settled() resolves when those started are done. */
  readonly contact: Pick<Contact, 'settled'>;
  /** The public status page (hub/status-page): settled() resolves when its messages and rebuilds started are done. */
  readonly statusPage: Pick<StatusPage, 'settled'>;
  close(): Promise<void>;
  /** Which part close() is stopping now, for a stop that takes too long to say where it waits. */
  closingStep(): string;
}

/** A node further behind the log than this (it missed wake-ups, or its database connection is slow) is not ready. */
const MAX_LAG_EVENTS = 5000;

/** socket.io refuses messages over this; commands have their own, smaller limit with a clear error. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Opens the data folder, rebuilds state from the log, and serves HTTP + socket.io on one port. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  // Before anything opens: a bad review-gate.json, or a limit that is not a number, stops the hub with its reason.
  const { policy, file: policyFile, publishPolicyFile } = loadDecidePolicy(options.dataDir);
  if (policyFile) logger.info({ file: policyFile, reviewGate: policy.reviewGate }, 'review gate');
  if (publishPolicyFile) logger.info({ file: publishPolicyFile, publishers: policy.publishers }, 'publish policy');
  const limits = resolveLimits(options.limits, process.env);
  const hubStore = await openHubStore(options, () => clock.now(), logger);
  const { events: store, users } = hubStore;
  let initialState: IncidentsState;
  try {
    initialState = await rebuildState(store, hubStore.checkpoints, logger);
  } catch (error) {
    await hubStore.close();
    throw error;
  }
  const checkpointer = new Checkpointer(hubStore.checkpoints, initialState.seq, logger);

  /** /healthz: the store is reachable and current, and this node is not far behind the log (it would serve old state). */
  const readiness = async (): Promise<{ ok: boolean; reason?: string }> => {
    const health = await hubStore.health();
    if (!health.ok) return health;
    const behind = (await store.head().catch(() => pipeline.state.seq)) - pipeline.state.seq;
    return behind > MAX_LAG_EVENTS
      ? { ok: false, reason: `catching up: ${behind} events behind the log` }
      : { ok: true };
  };

  // The pipeline broadcasts through io, which needs the http server, which needs the pipeline's state.
  const broadcast: {
    io?: HubServer;
    paging?: Paging;
    contact?: Contact;
    statusPage?: StatusPage;
    connections?: Connections;
  } = {};
  const pipeline = new CommandPipeline({
    store,
    clock,
    logger,
    initialState,
    policy,
    // An incident's first page is decided with its declaration and commits with it: no second commit to wait for.
    followUps: (state, events, now) => broadcast.paging?.firstPages(state, events, now) ?? [],
    onCommitted: (events) => {
      // Paging first: a page to someone must not wait behind a broadcast to everyone (docs/benchmarks.md).
      broadcast.paging?.onCommitted(events);
      // Then the messages beyond the app: pages sent now get their deliveries (e-mail, ntfy, chat…).
      broadcast.contact?.onCommitted(events);
      // The public page, its subscribers and the team's chat announcements.
      broadcast.statusPage?.onCommitted(events);
      // One message per commit, not per event: a frame per socket instead of one per event per socket.
      broadcast.io?.emit('events', [...events]);
      // A client that does not read is dropped before what waits for it exhausts the hub.
      broadcast.connections?.afterBroadcast();
      checkpointer.after(pipeline.state);
    },
  });

  const timers = options.timers ?? systemTimers;
  // Read once: contact and the status page share the SMTP settings and the public address.
  const contactOptions = typeof options.contact === 'function' ? options.contact() : (options.contact ?? {});
  const secrets = new SecretsKeyFile(options.secretsKeyFile ?? secretsKeyFile(options.dataDir));
  let contact: Contact;
  let statusPage: StatusPage;
  try {
    contact = await createContact({
      store: hubStore.contact,
      storeKind: hubStore.kind,
      secrets,
      users,
      pipeline,
      clock,
      timers,
      logger,
      options: contactOptions,
      // The on-call screen and the log name people whose last delivery failed: look again.
      onDeliveryFailed: () => {
        broadcast.io?.emit('oncall.changed');
        broadcast.paging?.contactChanged();
      },
    });
    statusPage = await createStatusPage({
      store: hubStore.statusPage,
      settings: hubStore.contact,
      storeKind: hubStore.kind,
      secrets,
      users,
      pipeline,
      publishers: policy.publishers ?? 'comms-or-lead',
      smtp: contactOptions.smtp ?? null,
      sendTimeoutMs: contactOptions.sendTimeoutMs,
      baseUrl: () => contact.publicUrl(),
      // The same rule as contact's keys: always on SQLite, on PostgreSQL only when asked.
      renewKeys: hubStore.kind === 'sqlite' || contactOptions.renewKeys === true,
      clock,
      timers,
      logger,
      emitChanged: () => broadcast.io?.emit('statuspage.changed'),
      announce: () => hubStore.announce('statuspage'),
    });
  } catch (error) {
    await hubStore.close();
    throw error;
  }
  broadcast.contact = contact;
  broadcast.statusPage = statusPage;

  const webhooks = startWebhookIngest({ store: hubStore, pipeline, clock, logger, dataDir: options.dataDir });
  const serveStatic = createStaticHandler(options.rendererDir ?? defaultRendererDir());
  const http = createServer((req, res) => {
    const url = parseRequestUrl(req.url);
    if (!url) {
      // Never the URL itself in the log: it may carry ?token=.
      logger.info({ method: req.method }, 'http request refused: malformed URL');
      sendError(res, 400, 'bad_url', 'That address is not a valid URL.');
      return;
    }
    webhooks
      .handle(req, res)
      .then(async (handled) => handled || (await contact.handleHttp(req, res)))
      .then(async (handled) => handled || (await statusPage.handleHttp(req, res)))
      .then(
        (handled) =>
          handled ||
          handleHttpApi(req, res, {
            users,
            store,
            clock,
            state: () => pipeline.state,
            health: readiness,
            contactHealth: () => contact.health(),
          }),
      )
      .then(async (handled) => {
        if (!handled && !(await serveStatic(req, res))) sendError(res, 404, 'not_found', 'No such endpoint.');
      })
      .catch((error: unknown) => {
        logger.error({ err: error, method: req.method, path: url.pathname }, 'http request failed');
        if (!res.headersSent) sendError(res, 500, 'internal_error', 'The hub failed to answer.');
      });
  });
  const io: HubServer = new Server(http, { maxHttpBufferSize: MAX_MESSAGE_BYTES, serveClient: false });
  broadcast.io = io;
  const paging = createPaging({
    hubStore,
    io,
    pipeline,
    clock,
    timers,
    logger,
    unreachable: (config) => contact.unreachable(config),
  });
  broadcast.paging = paging;
  const connections = attachConnections(io, {
    users,
    pipeline,
    store,
    logger,
    paging: {
      attach: (socket) => {
        paging.attach(socket);
        statusPage.attach(socket);
        contact.attach(socket, () => {
          // The on-call screen names who cannot be reached: every client looks again, here and on other nodes.
          io.emit('oncall.changed');
          paging.contactChanged();
          hubStore.announce('oncall').catch((error: unknown) => {
            logger.warn({ err: error }, 'telling other nodes about a contact change failed');
          });
        });
      },
      rotationExists: (id) => paging.rotationExists(id),
    },
    limits,
    clock,
  });
  broadcast.connections = connections;
  await paging.start();
  // Other nodes' changes (PostgreSQL): fold their events, reload the on-call set-up, take webhook requests.
  const unwatch = hubStore.watch((change) => {
    if (change === 'log' || change === 'reconnected') pipeline.catchUp();
    if (change === 'oncall' || change === 'reconnected') paging.reconfigured();
    if (change === 'inbox' || change === 'reconnected') webhooks.notify();
    // A revoked token stops reading at once, on every node; a new role is taken up by open connections.
    if (change === 'tokens' || change === 'reconnected') connections.accessChanged();
    // The status page's set-up, channels or subscribers changed on another node: read again, tell clients here.
    if (change === 'statuspage' || change === 'reconnected') {
      statusPage.storeChanged();
      if (change === 'statuspage') io.emit('statuspage.changed');
    }
  });

  await listen(http, options.port ?? 0, options.host ?? '127.0.0.1');
  const { port, address } = http.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  await contact.start(url);
  statusPage.start();
  logger.info(
    { url, port, dataDir: options.dataDir, store: hubStore.kind, where: hubStore.where, limits },
    'hub listening',
  );

  const closing = { step: 'running' };
  return {
    url,
    port,
    users,
    store,
    hubStore,
    state: () => pipeline.state,
    paging,
    contact,
    statusPage,
    close: async () => {
      unwatch();
      paging.stop();
      contact.stop();
      statusPage.stop();
      const step = (name: string) => {
        closing.step = name;
      };
      step('webhook inbox');
      await webhooks.close();
      step('page deliveries');
      await contact.settled();
      step('status page messages');
      await statusPage.settled();
      step('command pipeline');
      await pipeline.drained();
      step('connections');
      await new Promise<void>((resolve) => {
        // Requests still open a second later (a balancer's health check, a slow API read) must not hold the stop.
        const force = setTimeout(() => http.closeAllConnections(), 1000);
        io.close(() => {
          clearTimeout(force);
          resolve();
        });
      });
      await connections.idle();
      step('checkpoint');
      await checkpointer.idle();
      step('store');
      await hubStore.close();
      step('closed');
    },
    closingStep: () => closing.step,
  };
}

function listen(http: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
}
