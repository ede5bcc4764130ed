import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { EMPTY_STATE, type IncidentsState } from '../shared/domain/state.js';
import { isoNow, systemClock, type Clock, type Timers } from '../shared/clock.js';
import { applyInOrder } from '../shared/sync/ordered-events.js';
import { UserStore } from './auth/user-store.js';
import { CommandPipeline } from './commands/command-pipeline.js';
import { loadDecidePolicy } from './commands/review-gate-config.js';
import { databaseFile } from './data-dir.js';
import { handleHttpApi } from './http/http-api.js';
import { resolveLimits, type HubLimits } from './limits/limits.js';
import { sendError } from './http/respond.js';
import { createStaticHandler, defaultRendererDir } from './http/static.js';
import { silentLogger, type Logger } from './log.js';
import { createPaging, systemTimers, type Paging } from './paging/paging.js';
import { attachConnections } from './socket/connection.js';
import type { HubServer } from './socket/types.js';
import { openDatabase, type Db } from './store/database.js';
import type { EventStore } from './store/event-store.js';
import { SqliteEventStore } from './store/sqlite-event-store.js';
import { startWebhookIngest, type WebhookIngest } from './webhooks/webhook-ingest.js';

export interface HubOptions {
  readonly dataDir: string;
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
}

export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly users: UserStore;
  readonly store: EventStore;
  state(): IncidentsState;
  /** Paging (hub/paging): settled() resolves when the pages it asked for are answered. */
  readonly paging: Pick<Paging, 'settled'>;
  close(): Promise<void>;
}

/** socket.io refuses messages over this; commands have their own, smaller limit with a clear error. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Opens the data folder, rebuilds state from the log, and serves HTTP + socket.io on one port. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  // Before anything opens: a bad review-gate.json, or a limit that is not a number, stops the hub with its reason.
  const { policy, file: policyFile } = loadDecidePolicy(options.dataDir);
  if (policyFile) logger.info({ file: policyFile, reviewGate: policy.reviewGate }, 'review gate');
  const limits = resolveLimits(options.limits, process.env);
  const db = openDatabase(databaseFile(options.dataDir));
  const store = new SqliteEventStore(db);
  const users = new UserStore(db, () => isoNow(clock));
  const initialState = await rebuildState(store);
  logger.info(
    { seq: initialState.seq, incidents: Object.keys(initialState.incidents).length },
    'state rebuilt from log',
  );

  // The pipeline broadcasts through io, which needs the http server, which needs the pipeline's state.
  const broadcast: { io?: HubServer; paging?: Paging } = {};
  const pipeline = new CommandPipeline({
    store,
    clock,
    logger,
    initialState,
    policy,
    onCommitted: (events) => {
      // Paging first: a page to someone must not wait behind a broadcast to everyone (docs/benchmarks.md).
      broadcast.paging?.onCommitted(events);
      // One message per commit, not per event: a frame per socket instead of one per event per socket.
      broadcast.io?.emit('events', [...events]);
    },
  });

  const webhooks = startWebhookIngest({ db, pipeline, clock, logger, dataDir: options.dataDir });
  const serveStatic = createStaticHandler(options.rendererDir ?? defaultRendererDir());
  const http = createServer((req, res) => {
    webhooks
      .handle(req, res)
      .then((handled) => handled || handleHttpApi(req, res, { users, store, clock, state: () => pipeline.state }))
      .then(async (handled) => {
        if (!handled && !(await serveStatic(req, res))) sendError(res, 404, 'not_found', 'No such endpoint.');
      })
      .catch((error: unknown) => {
        logger.error({ err: error, url: req.url }, 'http request failed');
        if (!res.headersSent) sendError(res, 500, 'internal_error', 'The hub failed to answer.');
      });
  });
  const io: HubServer = new Server(http, { maxHttpBufferSize: MAX_MESSAGE_BYTES, serveClient: false });
  broadcast.io = io;
  const timers = options.timers ?? systemTimers;
  const paging = createPaging({ db, io, pipeline, store, users, clock, timers, logger });
  broadcast.paging = paging;
  attachConnections(io, { users, pipeline, store, logger, paging, limits, clock });
  await paging.start();

  await listen(http, options.port ?? 0, options.host ?? '127.0.0.1');
  const { port, address } = http.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ url, port, dataDir: options.dataDir, limits }, 'hub listening');

  return {
    url,
    port,
    users,
    store,
    state: () => pipeline.state,
    paging,
    close: () => {
      paging.stop();
      return close(io, pipeline, db, webhooks);
    },
  };
}

/** Folds the whole log, page by page, checking that seq has no gaps. */
async function rebuildState(store: EventStore): Promise<IncidentsState> {
  let state = EMPTY_STATE;
  for (;;) {
    const page = await store.readSince(state.seq, 10_000);
    if (page.length === 0) return state;
    const folded = applyInOrder(state, page);
    if (folded.gap) throw new Error(`event log has a gap after seq ${folded.state.seq}`);
    state = folded.state;
  }
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

async function close(io: HubServer, pipeline: CommandPipeline, db: Db, webhooks: WebhookIngest): Promise<void> {
  await webhooks.close();
  await pipeline.drained();
  await new Promise<void>((resolve) => io.close(() => resolve()));
  db.close();
}
