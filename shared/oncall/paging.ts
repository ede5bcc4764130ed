import type { CommandOf } from '../domain/commands.js';
import type { DomainEvent, EventType } from '../domain/events.js';
import type { Incident, Page, PageReason } from '../domain/incident.js';
import type { Person } from '../domain/primitives.js';
import type { EscalationPlan } from './escalation.js';
import { pageCommandId, pageIdFor, unroutedCommandId } from './page-ids.js';
import type { EscalationPolicy, ResponseWindow } from './policy.js';
import type { Profile } from './profile.js';
import { nextOpening } from './response-window.js';
import { MINUTE_MS } from './zoned-time.js';

/** Pages are recorded by the hub itself, as this actor. */
export const PAGING_ACTOR: Person = { id: 'warroom', name: 'Warroom' };

export type PageRecordPayload = CommandOf<'page.record'>['payload'];

/** One `page.record` command to submit: a new page (sent or held), or a held page released. */
export interface PageRecord {
  readonly commandId: string;
  readonly payload: PageRecordPayload;
}

export const DEADLINE_KINDS = ['escalation', 'release', 'ack-timeout'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** When the hub must look at the incident again, and what it expects to do then. */
export interface PagingDeadline {
  readonly kind: DeadlineKind;
  readonly dueAt: number;
  readonly step: number;
  readonly round: number;
}

export type UnroutedPayload = CommandOf<'page.report_unrouted'>['payload'];

/** A `page.report_unrouted` command to submit: the incident should page but there is nobody to page. */
export interface UnroutedReport {
  readonly commandId: string;
  readonly payload: UnroutedPayload;
}

export interface PagingAction {
  readonly records: readonly PageRecord[];
  /** Nobody to page, and why; null when there is someone, or when this very cause is already recorded. */
  readonly unrouted: UnroutedReport | null;
  /** At most one per kind, the earliest; sorted by dueAt. Empty: nothing more will happen by itself. */
  readonly deadlines: readonly PagingDeadline[];
}

export interface PagingContext {
  readonly policy: EscalationPolicy;
  /**
   * The rotation that pages the incident: the one a person chose (page.choose_rotation) if it still exists, else its
   * service's route, else the default rotation; null when there is none.
   */
  readonly rotation: { readonly id: string; readonly name: string } | null;
  /** The chain with the people on call at an instant; null when the incident's service has no rotation. */
  planAt(instantMs: number): EscalationPlan | null;
  /** A person's time zone and hours (a default when they have none). */
  profileOf(person: Person): Profile;
  /** The last time a person acted on the incident (hub time, ms); null when unknown. */
  readonly lastActivityAt: number | null;
}

/** Events that are not a person attending to the incident: pages and monitors. */
const NOT_ATTENTION: readonly EventType[] = [
  'page.sent',
  'page.held',
  'page.delivery',
  'alert.attached',
  'alert.resolved',
];

/** Whether an event shows a person attending to its incident (what resets the acknowledgement timeout). */
export function isPersonActivity(event: DomainEvent): boolean {
  return event.actor.id !== PAGING_ACTOR.id && !NOT_ATTENTION.includes(event.type);
}

/** The latest person activity (hub time, ms) among an incident's events; null if none. */
export function lastPersonActivity(events: readonly DomainEvent[]): number | null {
  let latest: number | null = null;
  for (const event of events) {
    if (!isPersonActivity(event)) continue;
    const at = Date.parse(event.at);
    if (latest === null || at > latest) latest = at;
  }
  return latest;
}

/**
 * What paging an incident needs at `now`: pages to record (new ones, sent or held until the person's response
 * window opens, and held ones whose window has opened), and when to look again. Pure and derived only from the
 * incident's recorded pages, so running it twice, or again after a restart, asks for nothing already recorded.
 *
 * - Not acknowledged (triage, investigating): the chain. Step 0 of round 0 is due at declaration; each later step
 *   is due `stepTimeout` after the previous step was delivered (sent, or the time it is held until), so a held
 *   page pauses the chain rather than skipping to the backup. After the last round nothing more is paged.
 * - Not acknowledged and nobody to page (no rotation covers the service, or nobody is on call in it): "nobody was
 *   paged", with the reason, once per cause (a new severity, service or reason is a new cause).
 * - A rotation a person chose (page.choose_rotation): its own chain, from its primary, even on an acknowledged
 *   incident, until someone acknowledges after its first page went out.
 * - Acknowledged and still triage or investigating: the acknowledgement timeout. `ackTimeout` after the later of
 *   the acknowledgement, the last person activity and the last ack-timeout page, the chain's next step is paged:
 *   the primary first, then the backup, then everyone, one more each time nobody has acted in between.
 * - Mitigated, resolved, closed, declined: nothing; held pages stay unsent.
 */
export function nextPagingAction(incident: Incident, ctx: PagingContext, now: number): PagingAction {
  const out = new Collector();
  if (incident.status !== 'triage' && incident.status !== 'investigating') return out.done();
  const chosen = chosenRotation(incident, ctx);
  if (incident.moments.acknowledgedAt === null || (chosen !== null && !chosenAnswered(incident, chosen))) {
    const reason = nobodyToPage(incident, ctx, now);
    if (reason === null) escalate(incident, ctx, now, out, chosen);
    else out.unrouted = unroutedReport(incident, reason);
  } else ackTimeout(incident, Date.parse(incident.moments.acknowledgedAt), ctx, now, out);
  return out.done();
}

/** The rotation a person chose for the incident, when it is the one paging it (it may have been deleted since). */
function chosenRotation(incident: Incident, ctx: PagingContext): string | null {
  return incident.rotationId !== null && ctx.rotation?.id === incident.rotationId ? incident.rotationId : null;
}

/** Someone acknowledged after the chosen rotation's first page went out: its chain has done its job. */
function chosenAnswered(incident: Incident, rotationId: string): boolean {
  const sent = incident.pages.flatMap((p) =>
    p.rotationId === rotationId && p.reason !== 'ack-timeout' && p.sentAt ? [Date.parse(p.sentAt)] : [],
  );
  const acked = incident.lastAcknowledgedAt;
  return sent.length > 0 && acked !== null && Date.parse(acked) >= Math.min(...sent);
}

/** Why nobody can be paged for the incident now, in words for its timeline; null when someone can. */
export function nobodyToPage(incident: Incident, ctx: PagingContext, now: number): string | null {
  if (ctx.rotation === null) {
    const service = incident.service.trim();
    return service ? `no rotation covers ${service}` : 'the incident names no service and there is no default rotation';
  }
  const plan = ctx.planAt(now);
  return plan && plan.steps.some((s) => s.people.length > 0) ? null : `nobody is on call in ${ctx.rotation.name}`;
}

/** The report to submit, unless the incident already records this very cause. */
function unroutedReport(incident: Incident, reason: string): UnroutedReport | null {
  const payload: UnroutedPayload = { severity: incident.severity, service: incident.service.trim(), reason };
  const known = incident.unrouted;
  if (known && known.severity === payload.severity && known.service === payload.service && known.reason === reason)
    return null;
  return { commandId: unroutedCommandId(incident.id, payload), payload };
}

class Collector {
  readonly records: PageRecord[] = [];
  unrouted: UnroutedReport | null = null;
  private readonly deadlines = new Map<DeadlineKind, PagingDeadline>();

  deadline(deadline: PagingDeadline): void {
    const known = this.deadlines.get(deadline.kind);
    if (!known || deadline.dueAt < known.dueAt) this.deadlines.set(deadline.kind, deadline);
  }

  done(): PagingAction {
    return {
      records: this.records,
      unrouted: this.unrouted,
      deadlines: [...this.deadlines.values()].sort((a, b) => a.dueAt - b.dueAt),
    };
  }
}

/** When a page to this person could go out from `now` on: `now` if their window is open. */
function openingFor(person: Person, window: ResponseWindow, ctx: PagingContext, now: number): number {
  const opens = nextOpening(window, ctx.profileOf(person), now);
  return opens === null ? now : Math.max(opens, now);
}

/** Records a new page (held when the person's window is closed) and returns when it is delivered. */
function newPage(
  incident: Incident,
  ctx: PagingContext,
  now: number,
  out: Collector,
  page: { person: Person; reason: PageReason; step: number; round: number; rotationId: string; slot: string },
): number {
  const deliverAt = openingFor(page.person, ctx.policy[incident.severity].window, ctx, now);
  const pageId = pageIdFor(incident.id, page.slot, page.person.id);
  const held = deliverAt > now;
  out.records.push({
    commandId: pageCommandId(pageId, held ? 'held' : 'sent'),
    payload: {
      pageId,
      person: page.person,
      reason: page.reason,
      step: page.step,
      round: page.round,
      rotationId: page.rotationId,
      heldUntil: held ? new Date(deliverAt).toISOString() : null,
    },
  });
  if (held) out.deadline({ kind: 'release', dueAt: deliverAt, step: page.step, round: page.round });
  return deliverAt;
}

/** Sends a held page now if the person's window is open (for the current severity), else sets a release deadline. */
function releaseOrWait(
  incident: Incident,
  page: Page,
  ctx: PagingContext,
  now: number,
  out: Collector,
  notBefore = now,
): boolean {
  const opens = openingFor(page.person, ctx.policy[incident.severity].window, ctx, notBefore);
  if (opens <= now) {
    const { id: pageId, person, reason, step, round, rotationId } = page;
    out.records.push({
      commandId: pageCommandId(pageId, 'sent'),
      payload: { pageId, person, reason, step, round, rotationId, heldUntil: null },
    });
    return true;
  }
  out.deadline({ kind: 'release', dueAt: opens, step: page.step, round: page.round });
  return false;
}

function chainReason(step: number, round: number): PageReason {
  return round > 0 ? 'repeat' : step > 0 ? 'escalation' : 'initial';
}

/**
 * The chain. For a chosen rotation only its own pages count (a chain another rotation ran does not answer for it),
 * and its pages get ids of their own, so a person on both rotations is paged again by the one chosen.
 */
function escalate(incident: Incident, ctx: PagingContext, now: number, out: Collector, chosen: string | null): void {
  const rules = ctx.policy[incident.severity];
  const chain = incident.pages.filter(
    (p) => p.reason !== 'ack-timeout' && (chosen === null || p.rotationId === chosen),
  );
  const releasedNow = new Set<string>();
  for (const page of chain) {
    if (page.status === 'held' && releaseOrWait(incident, page, ctx, now, out)) releasedNow.add(page.id);
  }
  const deliveredAt = (p: Page) =>
    releasedNow.has(p.id) ? now : Date.parse((p.status === 'sent' ? p.sentAt : p.heldUntil) ?? '') || now;

  const rounds = rules.repeat + 1;
  const timeout = rules.stepTimeoutMinutes * MINUTE_MS;
  let due = Date.parse(incident.moments.declaredAt);
  let round = 0;
  let step = 0;
  while (round < rounds) {
    const plan = ctx.planAt(due);
    if (!plan) return;
    const target = plan.steps[step];
    if (!target) {
      round += 1;
      step = 0;
      continue;
    }
    let deliveries = chain.filter((p) => p.step === step && p.round === round).map(deliveredAt);
    if (deliveries.length === 0) {
      if (due > now) {
        out.deadline({ kind: 'escalation', dueAt: due, step, round });
        return;
      }
      const reason = chainReason(step, round);
      deliveries = target.people.map((person) =>
        newPage(incident, ctx, now, out, {
          person,
          reason,
          step,
          round,
          rotationId: plan.rotationId,
          slot: chosen === null ? `s${step}-r${round}` : `c-${chosen}-s${step}-r${round}`,
        }),
      );
    }
    due = Math.min(...deliveries) + timeout;
    step += 1;
  }
}

function ackTimeout(incident: Incident, ackedAt: number, ctx: PagingContext, now: number, out: Collector): void {
  const minutes = ctx.policy[incident.severity].ackTimeoutMinutes;
  if (minutes === null) return;
  const timeout = minutes * MINUTE_MS;
  const attended = Math.max(ackedAt, ctx.lastActivityAt ?? ackedAt);
  const pages = incident.pages.filter((p) => p.reason === 'ack-timeout');
  const latestRound = pages.reduce((max, p) => Math.max(max, p.round), -1);
  const sentTimes = pages.flatMap((p) => (p.status === 'sent' && p.sentAt ? [Date.parse(p.sentAt)] : []));
  let lastSent = Math.max(-Infinity, ...sentTimes);

  // A held ack-timeout page goes out when its window opens, if the incident is still left alone by then (pages of
  // its own round sent to people in other zones do not count as attention).
  const latest = pages.filter((p) => p.round === latestRound);
  const held = latest.filter((p) => p.status === 'held');
  const sentBefore = pages.flatMap((p) =>
    p.round !== latestRound && p.status === 'sent' && p.sentAt ? [Date.parse(p.sentAt)] : [],
  );
  const overdueAt = Math.max(attended, ...sentBefore) + timeout;
  let releasedAny = false;
  for (const page of held) {
    const released = now >= overdueAt && releaseOrWait(incident, page, ctx, now, out);
    if (released) releasedAny = true;
    else if (now < overdueAt) {
      const opens = openingFor(page.person, ctx.policy[incident.severity].window, ctx, overdueAt);
      out.deadline({ kind: 'release', dueAt: opens, step: page.step, round: page.round });
    }
  }
  if (releasedAny) lastSent = now;
  // While the latest round is wholly held, it stands for the next re-page: no new round on top of it.
  if (latest.length > 0 && !releasedAny && latest.every((p) => p.status === 'held')) return;

  const round = latestRound + 1;
  const due = Math.max(attended, lastSent) + timeout;
  const plan = ctx.planAt(due);
  if (!plan || plan.steps.length === 0) return;
  // Rounds delivered since the last activity: each one left unanswered reaches one step further down the chain.
  const unanswered = new Set(
    pages.filter((p) => p.status === 'sent' && p.sentAt && Date.parse(p.sentAt) > attended).map((p) => p.round),
  ).size;
  const stepAfter = (extra: number) =>
    plan.steps[Math.min(unanswered + extra, plan.steps.length - 1)] ?? (plan.steps[0] as EscalationPlan['steps'][0]);
  const target = stepAfter(0);
  if (due > now) {
    out.deadline({ kind: 'ack-timeout', dueAt: due, step: target.step, round });
    return;
  }
  const deliveries = target.people.map((person) =>
    newPage(incident, ctx, now, out, {
      person,
      reason: 'ack-timeout',
      step: target.step,
      round,
      rotationId: plan.rotationId,
      slot: `a${round}`,
    }),
  );
  // Wholly held: the release deadlines stand for the next look. Otherwise the next re-page is a timeout away.
  if (deliveries.some((at) => at <= now))
    out.deadline({ kind: 'ack-timeout', dueAt: now + timeout, step: stepAfter(1).step, round: round + 1 });
}
