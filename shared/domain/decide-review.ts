import type { CommandOf } from './commands.js';
import type { DecidePolicy } from './decide-policy.js';
import { accept, refuse, type Decision } from './decision.js';
import { FOLLOWUP_STATE_WORDS, incidentLabel, type Incident } from './incident.js';
import { LIMITS, type Person } from './primitives.js';
import { POSTMORTEM_REVISIONS_PER_MINUTE, nextRevisionAllowedAt } from './revision-cap.js';

/** Post-incident review: the postmortem, its follow-up actions, and the gate before closing. */

/** Statuses in which the postmortem may be published: the story has an end (a reopen reopens the story too). */
const PUBLISHABLE = ['resolved', 'closed'] as const;

export function decidePostmortem(
  incident: Incident,
  command: CommandOf<'postmortem.publish'>,
  now: string,
  policy: DecidePolicy,
): Decision {
  const { revision, baseRevision, markdown } = command.payload;
  const label = incidentLabel(incident);
  if (!(PUBLISHABLE as readonly string[]).includes(incident.status))
    return refuse(
      'not_resolved',
      `${label} is ${incident.status}; publish its postmortem once it is resolved (the draft can wait until then).`,
    );
  const current = incident.postmortem;
  if (current?.revision === revision)
    return refuse('already_exists', `Revision ${revision} of the postmortem is already published.`);
  if ((current?.revision ?? null) !== baseRevision) {
    if (!current)
      return refuse(
        'conflict',
        `No postmortem of ${label} is published yet, so there is no revision ${baseRevision} to build on; publish it as the first revision.`,
      );
    const when = `${current.publishedBy.name} published revision ${current.revision} of the postmortem of ${label} at ${utcMinute(current.publishedAt)}`;
    const yours = baseRevision
      ? `, after revision ${baseRevision} that yours is based on`
      : ' while you were writing yours';
    return refuse(
      'conflict',
      `${when}${yours}. Compare both versions, merge them, and publish again on top of revision ${current.revision}.`,
    );
  }
  if (current && current.markdown === markdown)
    return refuse('no_change', `The postmortem of ${label} already says exactly this.`);
  const capped = revisionCapRefusal(incident, now, policy);
  if (capped) return capped;
  return accept({
    type: 'postmortem.published',
    incidentId: incident.id,
    payload: { revision, baseRevision, markdown },
  });
}

/**
 * The cap on revisions per minute (revision-cap.ts), asked last: a publish refused for another reason costs
 * nothing, and its author learns first what needs their attention. Final for this command (`limit_reached`, as for
 * the other limits): the client shows it and keeps the draft; re-sending it by itself would re-send the whole text.
 */
function revisionCapRefusal(incident: Incident, now: string, policy: DecidePolicy): Decision | null {
  const perMinute = policy.postmortemRevisionsPerMinute ?? POSTMORTEM_REVISIONS_PER_MINUTE;
  const next = nextRevisionAllowedAt(incident.postmortem?.recentAt, now, perMinute);
  if (next === null) return null;
  const seconds = Math.max(1, Math.ceil((Date.parse(next) - Date.parse(now)) / 1000));
  return refuse(
    'limit_reached',
    `The postmortem of ${incidentLabel(incident)} was published ${times(perMinute)} in the last minute, the most it takes; nothing was changed. Publish again from ${utcSecond(next)} (in ${seconds} s).`,
  );
}

export function decideFollowup(
  incident: Incident,
  command: CommandOf<'followup.add' | 'followup.set_state' | 'followup.assign'>,
): Decision {
  const followup = incident.followups.find((f) => f.id === command.payload.followupId);
  if (command.type === 'followup.add') {
    if (followup) return refuse('already_exists', `Follow-up ${followup.id} already exists.`);
    if (incident.followups.length >= LIMITS.followups)
      return refuse('limit_reached', `${incidentLabel(incident)} has ${LIMITS.followups} follow-up actions already.`);
    return accept({ type: 'followup.added', incidentId: incident.id, payload: command.payload });
  }
  if (!followup)
    return refuse('not_found', `No follow-up ${command.payload.followupId} on ${incidentLabel(incident)}.`);
  if (command.type === 'followup.set_state') {
    const to = command.payload.state;
    if (followup.state === to) return refuse('no_change', `“${followup.text}” is already ${FOLLOWUP_STATE_WORDS[to]}.`);
    return accept({
      type: 'followup.state_set',
      incidentId: incident.id,
      payload: { followupId: followup.id, from: followup.state, to },
    });
  }
  const to = command.payload.owner;
  if (samePerson(followup.owner, to))
    return refuse('no_change', to ? `${to.name} already owns “${followup.text}”.` : `“${followup.text}” has no owner.`);
  return accept({
    type: 'followup.assigned',
    incidentId: incident.id,
    payload: { followupId: followup.id, from: followup.owner, to },
  });
}

/**
 * The review gate: closing an incident that reached a gated severity needs a published postmortem. Any published
 * revision counts, also one written before a reopen (its author is expected to revise it). Null: no objection.
 */
export function reviewGateRefusal(incident: Incident, policy: DecidePolicy): Decision | null {
  if (incident.postmortem !== null || !policy.reviewGate.includes(incident.highestSeverity)) return null;
  const reached =
    incident.highestSeverity === incident.severity
      ? `is ${incident.severity}`
      : `reached ${incident.highestSeverity} (now ${incident.severity})`;
  return refuse(
    'review_required',
    `${incidentLabel(incident)} ${reached}, so it needs a post-incident review: publish its postmortem, then close it.`,
  );
}

function samePerson(a: Person | null, b: Person | null): boolean {
  return (a?.id ?? null) === (b?.id ?? null);
}

/** "14:05:32 UTC" */
function utcSecond(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 19)} UTC`;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** "2025-03-01 14:05 UTC" */
function utcMinute(iso: string): string {
  const time = new Date(iso).toISOString();
  return `${time.slice(0, 10)} ${time.slice(11, 16)} UTC`;
}
