/**
 * Records the golden event logs in ./fixtures (one JSON file per incident) from stories played through the domain's
 * TestHub, as the real hub would record them. The golden test (golden.test.ts) reads those files only.
 *
 * Re-record (only when a story changes; review the diff):
 *   WARROOM_WRITE_METRICS_FIXTURES=1 npx vitest run shared/metrics/golden-fixtures.test.ts
 * Without the variable this test checks that the stories, played through today's domain, still give the same
 * metrics as the recorded logs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import type { NormalizedAlert } from '../alerts/alert.js';
import type { DomainEvent } from '../domain/events.js';
import { TestHub, bob, carol } from '../domain/test-support.js';
import { incidentMetrics } from './incident-metrics.js';
import { GOLDEN_FIXTURES, readFixture, type GoldenFixture } from './fixtures/test-support.js';

/** Sets the hub's clock (UTC) before a step. */
class Hub extends TestHub {
  at(iso: string): this {
    this.now = iso;
    return this;
  }
}

const alert = (overrides: Partial<NormalizedAlert>): NormalizedAlert => ({
  source: 'alertmanager',
  key: 'k',
  status: 'firing',
  title: 'Alert',
  description: '',
  service: '',
  team: '',
  impact: '',
  cause: '',
  runbookUrl: '',
  url: '',
  severity: 'SEV-3',
  startsAt: '2025-01-01T00:00:00.000Z',
  endsAt: null,
  labels: {},
  ...overrides,
});

/** The stories, in time order on one hub (so labels and seqs follow each other as in a real log). */
function record(): Record<GoldenFixture, { readonly scenario: string; readonly events: DomainEvent[] }> {
  const hub = new Hub('2025-02-18T15:00:00.000Z');
  const on = (incidentId: string) => ({ incidentId });

  // The previous period's one incident: the SEV-3 trend compares with it.
  const feb = on('inc-feb-search');
  hub.at('2025-02-18T15:00:00.000Z').declare(
    {
      title: 'Search results are stale',
      severity: 'SEV-2',
      service: 'search',
      impactStartedAt: '2025-02-18T14:30:00.000Z',
      detectedAt: '2025-02-18T14:50:00.000Z',
    },
    feb,
  );
  hub.at('2025-02-18T15:40:00.000Z').ok('incident.change_status', { status: 'mitigated' }, feb);
  hub.at('2025-02-18T16:10:00.000Z').ok('incident.change_status', { status: 'resolved' }, feb);
  hub.at('2025-02-18T16:30:00.000Z').ok('incident.change_status', { status: 'closed' }, feb);

  // SEV-1: declared as SEV-2, escalated, two attempts that did nothing, a failover that helped.
  const sev1 = on('inc-sev1-checkout');
  hub.at('2025-03-04T09:00:00.000Z').declare(
    {
      title: 'Card payments failing at checkout',
      severity: 'SEV-2',
      service: 'checkout',
      impactStartedAt: '2025-03-04T08:40:00.000Z',
      detectedAt: '2025-03-04T08:52:00.000Z',
    },
    sev1,
  );
  hub.at('2025-03-04T09:02:00.000Z').ok('role.assign', { role: 'comms', person: bob }, sev1);
  hub
    .at('2025-03-04T09:10:00.000Z')
    .ok('incident.change_severity', { severity: 'SEV-1', reason: 'Card payments fail in every region' }, sev1);
  const attempt = (id: string, what: string, start: string, end: string, outcome: 'no-effect' | 'helped') => {
    hub.at(start).ok('tried.add', { entryId: id, what }, { ...sev1, actor: carol });
    hub.at(end).ok('tried.set_outcome', { entryId: id, outcome }, { ...sev1, actor: carol });
  };
  attempt(
    'try-rollback',
    'Rolled back deploy 4411',
    '2025-03-04T09:15:00.000Z',
    '2025-03-04T09:25:00.000Z',
    'no-effect',
  );
  attempt(
    'try-restart',
    'Restarted the payment workers',
    '2025-03-04T09:30:00.000Z',
    '2025-03-04T09:40:00.000Z',
    'no-effect',
  );
  attempt(
    'try-failover',
    'Failed over to the secondary PSP',
    '2025-03-04T09:45:00.000Z',
    '2025-03-04T09:55:00.000Z',
    'helped',
  );
  hub.at('2025-03-04T09:55:00.000Z').ok('incident.change_status', { status: 'mitigated' }, sev1);
  hub.at('2025-03-04T10:00:00.000Z').ok(
    'status_update.post',
    {
      updateId: 'upd-1',
      text: 'Payments work again; we are watching.',
      audience: 'external',
      publicTitle: 'Payments failing',
    },
    { ...sev1, actor: bob },
  );
  // Resolved; it stays open for its post-incident review (closing a SEV-1 waits for the postmortem).
  hub.at('2025-03-04T11:00:00.000Z').ok('incident.change_status', { status: 'resolved' }, sev1);

  // SEV-3 from an alert, caught early and resolved quickly.
  const sev3 = on('inc-sev3-disk');
  hub.at('2025-03-05T14:00:00.000Z').ok(
    'alert.receive',
    {
      alert: alert({
        key: 'db-2-disk-85',
        title: 'Disk 85% full on db-2',
        service: 'db',
        severity: 'SEV-3',
        startsAt: '2025-03-05T13:57:00.000Z',
      }),
    },
    { ...sev3, actor: { id: 'integration-alertmanager', name: 'Alertmanager' } },
  );
  hub.at('2025-03-05T14:03:00.000Z').ok('incident.acknowledge', {}, { ...sev3, actor: bob });
  hub.at('2025-03-05T14:05:00.000Z').ok('incident.change_status', { status: 'investigating' }, { ...sev3, actor: bob });
  hub.at('2025-03-05T14:20:00.000Z').ok('incident.change_status', { status: 'resolved' }, { ...sev3, actor: bob });
  hub.at('2025-03-05T14:30:00.000Z').ok('incident.change_status', { status: 'closed' }, { ...sev3, actor: bob });

  // SEV-2 resolved, reopened when the errors came back, resolved again; the impact start was found later.
  const reopened = on('inc-sev2-login');
  hub.at('2025-03-11T10:00:00.000Z').declare(
    {
      title: 'Login fails for SSO users',
      severity: 'SEV-2',
      service: 'auth',
      detectedAt: '2025-03-11T09:55:00.000Z',
    },
    reopened,
  );
  hub.at('2025-03-11T10:30:00.000Z').ok('incident.change_status', { status: 'mitigated' }, reopened);
  hub.at('2025-03-11T11:00:00.000Z').ok('incident.change_status', { status: 'resolved' }, reopened);
  hub
    .at('2025-03-11T13:00:00.000Z')
    .ok(
      'incident.change_status',
      { status: 'investigating', reason: 'Errors are back since the token cache expired' },
      reopened,
    );
  hub.at('2025-03-11T13:10:00.000Z').ok('incident.update', { impactStartedAt: '2025-03-11T09:40:00.000Z' }, reopened);
  hub.at('2025-03-11T13:30:00.000Z').ok('incident.change_status', { status: 'mitigated' }, reopened);
  hub.at('2025-03-11T14:00:00.000Z').ok('incident.change_status', { status: 'resolved' }, reopened);

  // An alert in triage, declined as noise.
  const declined = on('inc-declined-cpu');
  hub.at('2025-03-12T03:00:00.000Z').ok(
    'alert.receive',
    {
      alert: alert({
        key: 'batch-7-cpu',
        title: 'CPU above 90% on batch-7',
        service: 'batch',
        severity: 'SEV-2',
        startsAt: '2025-03-12T02:58:00.000Z',
      }),
    },
    { ...declined, actor: { id: 'integration-alertmanager', name: 'Alertmanager' } },
  );
  hub
    .at('2025-03-12T03:20:00.000Z')
    .ok('incident.change_status', { status: 'declined', reason: 'Expected: the nightly batch' }, declined);

  const of = (incidentId: string) => hub.log.filter((e) => e.incidentId === incidentId);
  return {
    'sev2-previous-period': { scenario: 'SEV-2 in February, the period before', events: of(feb.incidentId) },
    'sev1-escalated': {
      scenario: 'SEV-2 escalated to SEV-1; two attempts with no effect, then a failover that helped',
      events: of(sev1.incidentId),
    },
    'sev3-quick': { scenario: 'SEV-3 from an alert, acknowledged and resolved quickly', events: of(sev3.incidentId) },
    'sev2-reopened': {
      scenario: 'SEV-2 resolved, reopened, resolved again; impact start given later',
      events: of(reopened.incidentId),
    },
    'declined-triage': { scenario: 'An alert in triage, declined as noise', events: of(declined.incidentId) },
  };
}

describe('the golden event logs', () => {
  const recorded = record();

  // Re-recording is a deliberate act (WARROOM_WRITE_METRICS_FIXTURES=1), not a test that is skipped otherwise.
  if (process.env.WARROOM_WRITE_METRICS_FIXTURES === '1')
    it('are written to ./fixtures', async () => {
      const options = await resolveConfig(new URL('./fixtures/x.json', import.meta.url));
      for (const name of GOLDEN_FIXTURES) {
        const json = JSON.stringify(recorded[name], null, 2);
        writeFileSync(
          new URL(`./fixtures/${name}.json`, import.meta.url),
          await format(json, { ...options, parser: 'json' }),
        );
      }
    });

  it.each(GOLDEN_FIXTURES)('%s: today’s domain gives the recorded metrics', (name) => {
    const file = readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
    expect(incidentMetrics(recorded[name].events)).toEqual(incidentMetrics(readFixture(name, file).events));
  });
});
