import type { Logger } from 'pino';
import { PendingWork } from '../work/pending-work.js';
import { isoNow, type Clock, type Timers } from '../../shared/clock.js';
import type { Command } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import type { Incident } from '../../shared/domain/incident.js';
import { findIncident, type IncidentsState } from '../../shared/domain/state.js';
import { isActive } from '../../shared/domain/status.js';
import { escalationPlan } from '../../shared/oncall/escalation.js';
import {
  PAGING_ACTOR,
  isPersonActivity,
  lastPersonActivity,
  nextPagingAction,
  type PageRecordPayload,
  type PagingContext,
  type UnroutedReport,
  type PagingDeadline,
} from '../../shared/oncall/paging.js';
import { DEFAULT_ESCALATION_POLICY } from '../../shared/oncall/policy.js';
import { defaultProfile } from '../../shared/oncall/profile.js';
import type { CommandAck } from '../../shared/protocol/wire.js';
import type { FollowUp } from '../commands/command-pipeline.js';
import type { EventStore } from '../store/event-store.js';
import { rotationForIncident, type OncallConfig, type OncallStore } from './oncall-store.js';

export interface SchedulerDeps {
  readonly pipeline: {
    readonly state: IncidentsState;
    submit(command: Command, actor: typeof PAGING_ACTOR): Promise<CommandAck>;
  };
  readonly store: Pick<EventStore, 'readIncident'>;
  readonly oncall: OncallStore;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly logger: Logger;
}

interface DeadlineRow {
  readonly kind: PagingDeadline['kind'];
  readonly dueAt: string;
  readonly step: number;
  readonly round: number;
}

/** Until start() loads the real one: nobody to page. */
const EMPTY_CONFIG: OncallConfig = {
  rotations: [],
  overrides: [],
  services: [],
  defaultRotationId: null,
  policy: DEFAULT_ESCALATION_POLICY,
  profiles: new Map(),
};

/** After a page could not be saved (the store was out of reach), look at its incident again this much later. */
const STORE_RETRY_MS = 5000;

/** After a failure, look at the incident again this much later. */
const RETRY_MS = 60 * 1000;

/** Real timers cannot wait longer than ~24.8 days; the scheduler simply looks again after a day. */
const MAX_TIMER_MS = 24 * 60 * 60 * 1000;

/**
 * Runs paging: after every committed batch and when the earliest deadline comes, it asks the pure
 * `nextPagingAction` what each touched incident needs and submits `page.record` commands through the pipeline
 * as the hub's own actor, with ids derived from the page (never random). When an incident should page but nobody
 * can be paged, it submits `page.report_unrouted` (once per cause) and the hub log warns "Nobody was paged".
 *
 * Restart safety comes from the log, not from memory: what was paged is in the incidents' pages, the people and
 * policy are in SQLite, and the last person activity is read back from the log at start. A page computed twice
 * gets the same command id (the pipeline answers the duplicate with the first result) and decide refuses a page
 * already sent. The deadlines are written to `paging_deadlines` so the schedule is visible and survives restarts;
 * on start every active incident is looked at once, which catches up whatever fell due while the hub was down.
 */
export class PagingScheduler {
  private config: OncallConfig;
  private readonly lastActivity = new Map<string, number>();
  private readonly nextDue = new Map<string, number>();
  private readonly storedDeadlines = new Map<string, string>();
  private readonly inFlight = new Set<string>();
  private readonly work = new PendingWork();
  private timer: { handle: unknown; at: number } | null = null;
  private running = false;
  private deadlineWrites: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SchedulerDeps) {
    this.config = EMPTY_CONFIG;
  }

  /** Reads what the log says about attention, looks at every active incident, and waits for the pages it asked for. */
  async start(): Promise<void> {
    this.config = await this.deps.oncall.load();
    const stored = new Map<string, DeadlineRow[]>();
    for (const { incidentId, ...row } of await this.deps.oncall.deadlines()) {
      stored.set(incidentId, [...(stored.get(incidentId) ?? []), row]);
      this.nextDue.set(incidentId, Math.min(this.nextDue.get(incidentId) ?? Infinity, Date.parse(row.dueAt)));
    }
    for (const [incidentId, rows] of stored) this.storedDeadlines.set(incidentId, JSON.stringify(rows));
    const active = this.activeIncidents();
    for (const incident of active) {
      if (incident.moments.acknowledgedAt === null) continue;
      const at = lastPersonActivity(await this.deps.store.readIncident(incident.id));
      if (at !== null) this.lastActivity.set(incident.id, Math.max(at, this.lastActivity.get(incident.id) ?? at));
    }
    this.running = true;
    // Active again, not `active`: a webhook may have declared an incident while the log was being read.
    this.evaluate([...this.activeIncidents().map((i) => i.id), ...this.nextDue.keys()]);
    await this.settled();
  }

  /** Stops the timer and ignores what comes after; submitted pages still finish (the pipeline drains them). */
  stop(): void {
    this.running = false;
    if (this.timer) this.deps.timers.clear(this.timer.handle);
    this.timer = null;
  }

  /** Resolves when every page submitted so far has been answered. */
  settled(): Promise<void> {
    return this.work.settled();
  }

  /** Called with each committed batch (after the acks): notes who attended what, and looks at the incidents touched. */
  onCommitted(events: readonly DomainEvent[]): void {
    const touched = new Set<string>();
    for (const event of events) {
      touched.add(event.incidentId);
      if (event.type === 'page.unrouted') {
        const { severity, service, reason } = event.payload;
        this.deps.logger.warn({ incidentId: event.incidentId, service, severity }, `Nobody was paged: ${reason}`);
      }
      if (isPersonActivity(event)) {
        const at = Date.parse(event.at);
        this.lastActivity.set(event.incidentId, Math.max(at, this.lastActivity.get(event.incidentId) ?? at));
      }
    }
    if (this.running) this.evaluate([...touched]);
  }

  /**
   * The pages owed at once by incidents that `events` declare (the first step of the chain), or the report that
   * nobody can be paged, decided on `state` at `now` by the pure nextPagingAction, as commands for the pipeline to
   * commit with the declaration itself. Later steps and deadlines stay with evaluate, which runs after the commit and
   * finds these recorded.
   */
  firstPages(state: IncidentsState, events: readonly DomainEvent[], now: string): FollowUp[] {
    if (!this.running) return [];
    const pages: FollowUp[] = [];
    for (const event of events) {
      if (event.type !== 'incident.declared') continue;
      const incident = findIncident(state.incidents, event.incidentId);
      if (!incident || !isActive(incident.status)) continue;
      const action = nextPagingAction(incident, this.context(incident), Date.parse(now));
      for (const record of action.records)
        pages.push({ command: pageCommand(incident.id, record.commandId, record.payload, now), actor: PAGING_ACTOR });
      if (action.unrouted)
        pages.push({ command: unroutedCommand(incident.id, action.unrouted, now), actor: PAGING_ACTOR });
    }
    return pages;
  }

  /** The on-call set-up changed: reload it and look at every active incident again. */
  async reconfigured(): Promise<void> {
    this.config = await this.deps.oncall.load();
    if (this.running) this.evaluate(this.activeIncidents().map((i) => i.id));
  }

  get currentConfig(): OncallConfig {
    return this.config;
  }

  private activeIncidents(): Incident[] {
    return Object.values(this.deps.pipeline.state.incidents).filter((i) => isActive(i.status));
  }

  private context(incident: Incident): PagingContext {
    const config = this.config;
    const rotation = rotationForIncident(config, incident);
    return {
      policy: config.policy,
      rotation: rotation ? { id: rotation.id, name: rotation.name } : null,
      planAt: (ms) =>
        rotation ? escalationPlan(config.policy, incident.severity, rotation, config.overrides, ms) : null,
      profileOf: (person) => config.profiles.get(person.id) ?? defaultProfile(rotation?.timeZone ?? 'UTC'),
      lastActivityAt: this.lastActivity.get(incident.id) ?? null,
    };
  }

  private evaluate(incidentIds: readonly string[]): void {
    const now = this.deps.clock.now();
    const changed = new Map<string, DeadlineRow[]>();
    for (const id of new Set(incidentIds)) {
      const incident = findIncident(this.deps.pipeline.state.incidents, id);
      let deadlines: readonly PagingDeadline[] = [];
      if (incident && isActive(incident.status)) {
        try {
          const action = nextPagingAction(incident, this.context(incident), now);
          for (const record of action.records)
            this.submit(
              pageCommand(incident.id, record.commandId, record.payload, isoNow(this.deps.clock)),
              record.payload,
            );
          if (action.unrouted)
            this.submit(unroutedCommand(incident.id, action.unrouted, isoNow(this.deps.clock)), null);
          deadlines = action.deadlines;
        } catch (error) {
          // A bug or a corrupt set-up must not take the pipeline down with it; the incident is looked at again
          // at its next event or a minute from now.
          this.deps.logger.error({ err: error, incidentId: id }, 'deciding pages failed');
          deadlines = [{ kind: 'escalation', dueAt: now + RETRY_MS, step: 0, round: 0 }];
        }
      } else {
        this.lastActivity.delete(id);
      }
      const rows: DeadlineRow[] = deadlines.map((d) => ({
        kind: d.kind,
        dueAt: new Date(d.dueAt).toISOString(),
        step: d.step,
        round: d.round,
      }));
      // Written only when they change: most batches (a checklist tick) move no deadline and cost no extra fsync.
      if ((this.storedDeadlines.get(id) ?? '[]') !== JSON.stringify(rows)) changed.set(id, rows);
      const earliest = deadlines[0]?.dueAt;
      if (earliest === undefined) this.nextDue.delete(id);
      else this.nextDue.set(id, earliest);
    }
    if (changed.size > 0) this.storeDeadlines(changed);
    this.arm();
  }

  /** Written after the decision, in order (one write at a time); a failure only means the next look writes them. */
  private storeDeadlines(changed: ReadonlyMap<string, DeadlineRow[]>): void {
    for (const [id, rows] of changed) {
      if (rows.length > 0) this.storedDeadlines.set(id, JSON.stringify(rows));
      else this.storedDeadlines.delete(id);
    }
    const write = this.deadlineWrites.then(() => this.deps.oncall.replaceDeadlines(changed));
    this.deadlineWrites = write.catch((error: unknown) => {
      for (const id of changed.keys()) this.storedDeadlines.set(id, 'unknown: the write failed');
      this.deps.logger.error({ err: error }, 'storing paging deadlines failed; the next look recomputes them');
    });
    this.work.track(this.deadlineWrites);
  }

  /** Submits a page (its payload, for the log) or the report that nobody could be paged (null). */
  private submit(command: Command, page: PageRecordPayload | null): void {
    const { commandId, incidentId } = command;
    if (this.inFlight.has(commandId)) return;
    this.inFlight.add(commandId);
    const done = this.deps.pipeline
      .submit(command, PAGING_ACTOR)
      .then((ack) => {
        const log = page
          ? { commandId, incidentId, person: page.person.id, reason: page.reason }
          : { commandId, incidentId, type: command.type };
        const what = page ? 'page' : 'unrouted report';
        if (ack.ok) {
          if (page) this.deps.logger.info({ ...log, seq: ack.seq, held: page.heldUntil }, 'page recorded');
        } else {
          this.deps.logger.warn({ ...log, error: ack.error.code }, `${what} not recorded: ${ack.error.message}`);
          // The store was out of reach: look at the incident again soon, not only at its next event or deadline.
          if (ack.error.code === 'storage_failed') this.lookAgainSoon(incidentId);
        }
      })
      .finally(() => this.inFlight.delete(commandId));
    this.work.track(done);
  }

  private lookAgainSoon(incidentId: string): void {
    const at = this.deps.clock.now() + STORE_RETRY_MS;
    this.nextDue.set(incidentId, Math.min(this.nextDue.get(incidentId) ?? Infinity, at));
    this.arm();
  }

  private arm(): void {
    if (!this.running) return;
    let earliest = Infinity;
    for (const due of this.nextDue.values()) earliest = Math.min(earliest, due);
    if (this.timer && this.timer.at === earliest) return;
    if (this.timer) this.deps.timers.clear(this.timer.handle);
    this.timer = null;
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(earliest - this.deps.clock.now(), 0), MAX_TIMER_MS);
    this.timer = { at: earliest, handle: this.deps.timers.set(() => this.onTimer(), delay) };
  }

  private onTimer(): void {
    this.timer = null;
    if (!this.running) return;
    const now = this.deps.clock.now();
    const due = [...this.nextDue].filter(([, at]) => at <= now).map(([id]) => id);
    if (due.length > 0) this.evaluate(due);
    else this.arm();
  }
}

function pageCommand(incidentId: string, commandId: string, payload: PageRecordPayload, clientAt: string): Command {
  return { commandId, type: 'page.record', incidentId, clientAt, payload };
}

function unroutedCommand(incidentId: string, report: UnroutedReport, clientAt: string): Command {
  return { commandId: report.commandId, type: 'page.report_unrouted', incidentId, clientAt, payload: report.payload };
}
