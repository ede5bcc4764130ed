/**
 * The incidents behind the postmortem golden tests, played through the hub-in-a-test. Their logs were recorded
 * once into fixtures/<name>.json (UPDATE_POSTMORTEM_FIXTURES=1 records them again, with the expected Markdown);
 * the tests read the recorded logs, as a postmortem is written from a log that already happened.
 */
import type { DomainEvent } from '../domain/events.js';
import type { Person } from '../domain/primitives.js';
import {
  TestHub,
  alice,
  bob,
  carol,
  minutesAfter,
  type PayloadInputs,
  type SendOptions,
} from '../domain/test-support.js';
import type { CommandType } from '../domain/commands.js';

const START = '2025-03-01T10:00:00.000Z';
const at = (minutes: number) => minutesAfter(START, minutes);

const integration: Person = { id: 'integration-generic', name: 'Monitoring' };

/** A test hub whose steps happen at START + minutes, with command ids named after the scenario. */
class Recorder {
  private readonly hub = new TestHub(START);
  private count = 0;

  constructor(
    private readonly name: string,
    private readonly incidentId: string,
  ) {}

  do<T extends CommandType>(minutes: number, actor: Person, type: T, payload: PayloadInputs[T]): this {
    this.hub.now = at(minutes);
    this.count += 1;
    const options: SendOptions = { actor, incidentId: this.incidentId, commandId: `${this.name}-${this.count}` };
    this.hub.ok(type, payload, options);
    return this;
  }

  get log(): DomainEvent[] {
    return this.hub.log;
  }
}

/** A SEV-2 escalated to SEV-1 and downgraded once mitigated; two attempts fail before a rollback helps. */
function sev1Escalation(): DomainEvent[] {
  return new Recorder('sev1', 'inc-checkout')
    .do(0, alice, 'incident.declare', {
      title: 'Card payments failing at checkout',
      severity: 'SEV-2',
      summary: 'Card payments failed for about 40% of checkout attempts after deploy 142 of the payment client.',
      impact: 'Customers in every region could not pay by card for 40 minutes; PayPal kept working.',
      service: 'checkout',
      team: 'payments',
      impactStartedAt: at(-12),
      detectedAt: at(-4),
    })
    .do(3, bob, 'role.claim', { role: 'fixer' })
    .do(5, alice, 'role.assign', { role: 'comms', person: carol })
    .do(8, bob, 'incident.change_severity', { severity: 'SEV-1', reason: 'Card payments failing in every region' })
    .do(10, bob, 'tried.add', {
      entryId: 'try-restart',
      what: 'Restarted the checkout pods',
      hypothesis: 'Workers stuck after the 09:40 deploy',
    })
    .do(14, bob, 'tried.set_outcome', { entryId: 'try-restart', outcome: 'no-effect', note: 'Errors stayed at 40%' })
    .do(15, carol, 'status_update.post', {
      updateId: 'upd-1',
      text: 'Some card payments are failing. We are investigating and will update within 30 minutes.',
      audience: 'external',
    })
    .do(16, bob, 'tried.add', {
      entryId: 'try-pool',
      what: 'Doubled the DB connection pool',
      hypothesis: 'Pool exhaustion under the retry storm',
    })
    .do(19, bob, 'tried.set_outcome', {
      entryId: 'try-pool',
      outcome: 'made-worse',
      note: 'DB CPU hit 100% | reverted',
    })
    .do(22, alice, 'tried.add', {
      entryId: 'try-rollback',
      what: 'Rolled back deploy 142',
      hypothesis: 'The new payment client leaks connections',
    })
    .do(24, alice, 'checklist.set_item', { checklistId: 'tpl-sev-2', itemId: 'tpl-sev-2-1', done: true })
    .do(27, alice, 'tried.set_outcome', { entryId: 'try-rollback', outcome: 'helped', note: 'Errors under 1%' })
    .do(28, bob, 'incident.change_status', { status: 'mitigated', reason: 'Rolled back deploy 142; errors under 1%' })
    .do(30, alice, 'role.assign', { role: 'lead', person: bob })
    .do(33, bob, 'incident.change_severity', { severity: 'SEV-2', reason: 'Mitigated; watching the error rate' })
    .do(40, bob, 'tried.add', {
      entryId: 'try-timeout',
      what: 'Raised the payment client timeout to 5 s',
      hypothesis: 'Slow card networks time out first',
    })
    .do(90, bob, 'incident.change_status', {
      status: 'resolved',
      reason: 'Fixed the connection leak in payment client 2.4.1 and deployed it',
    })
    .do(95, alice, 'followup.add', {
      followupId: 'fu-alert',
      text: 'Alert on DB connection pool saturation',
      owner: carol,
    })
    .do(96, alice, 'followup.add', { followupId: 'fu-loadtest', text: 'Load-test payment client upgrades' })
    .do(97, bob, 'followup.add', {
      followupId: 'fu-runbook',
      text: 'Write a runbook for checkout rollbacks',
      owner: bob,
    })
    .do(98, bob, 'followup.set_state', { followupId: 'fu-runbook', state: 'in-progress' }).log;
}

/** A SEV-3 nobody had to page for: one attempt helped and it was resolved within minutes. */
function sev3Quick(): DomainEvent[] {
  return new Recorder('sev3', 'inc-search')
    .do(0, carol, 'incident.declare', { title: 'Search suggestions slow', severity: 'SEV-3', service: 'search' })
    .do(6, carol, 'tried.add', { entryId: 'try-cache', what: 'Cleared the suggestion cache', outcome: 'helped' })
    .do(12, carol, 'incident.change_status', { status: 'resolved', reason: 'Cache cleared; p95 back under 200 ms' })
    .do(20, carol, 'incident.change_status', { status: 'closed' }).log;
}

/** From an alert, in triage; mitigated and resolved, then it came back; fixed for good, reviewed and closed. */
function reopened(): DomainEvent[] {
  return new Recorder('reopened', 'inc-gateway')
    .do(0, integration, 'alert.receive', {
      alert: {
        source: 'generic',
        key: 'gateway-5xx',
        status: 'firing',
        title: 'High 5xx rate on the API gateway',
        description: '5xx above 5% on eu-central gateway nodes',
        service: 'api-gateway',
        team: 'edge',
        impact: 'API clients in Europe get errors',
        cause: '',
        runbookUrl: '',
        url: '',
        severity: 'SEV-2',
        startsAt: at(-6),
        endsAt: null,
        labels: {},
      },
    })
    .do(4, bob, 'incident.acknowledge', {})
    .do(5, bob, 'role.claim', { role: 'lead' })
    .do(6, bob, 'incident.change_status', { status: 'investigating' })
    .do(15, bob, 'tried.add', {
      entryId: 'try-shift',
      what: 'Shifted traffic to eu-west',
      hypothesis: 'Only eu-central nodes are bad',
      outcome: 'helped',
    })
    .do(18, bob, 'incident.change_status', { status: 'mitigated', reason: 'Traffic shifted away from eu-central' })
    .do(40, bob, 'incident.change_status', { status: 'resolved', reason: 'Replaced the eu-central gateway nodes' })
    .do(70, alice, 'incident.change_status', {
      status: 'investigating',
      reason: '5xx back at 20% on the new nodes',
    })
    .do(71, alice, 'role.claim', { role: 'fixer' })
    .do(75, alice, 'tried.add', {
      entryId: 'try-config',
      what: 'Rolled the gateway config back to v41',
      hypothesis: 'The TLS setting in v42 breaks the new nodes',
    })
    .do(80, alice, 'tried.set_outcome', { entryId: 'try-config', outcome: 'helped' })
    .do(82, bob, 'incident.change_status', { status: 'mitigated', reason: 'Gateway config v41 restored' })
    .do(24 * 60 + 5, bob, 'incident.change_status', {
      status: 'resolved',
      reason: 'Fixed the TLS setting in config v43',
    })
    .do(24 * 60 + 30, alice, 'followup.add', {
      followupId: 'fu-ci',
      text: 'Validate gateway config in CI',
      owner: alice,
    })
    .do(24 * 60 + 31, alice, 'followup.set_state', { followupId: 'fu-ci', state: 'done' })
    .do(24 * 60 + 35, bob, 'postmortem.publish', {
      revision: 'rev-1',
      baseRevision: null,
      markdown: '# Postmortem: INC-1\n\nThe gateway config broke TLS on the new nodes.\n',
    })
    .do(24 * 60 + 40, bob, 'incident.change_status', { status: 'closed' }).log;
}

export const POSTMORTEM_SCENARIOS: Readonly<Record<string, () => DomainEvent[]>> = {
  'sev1-escalation': sev1Escalation,
  'sev3-quick': sev3Quick,
  reopened,
};
