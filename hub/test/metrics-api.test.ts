import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandInputOf, CommandType } from '../../shared/domain/commands.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import { aggregateMetrics, declaredIn, type MetricsSummary } from '../../shared/metrics/aggregate.js';
import { metricsCsv } from '../../shared/metrics/csv.js';
import { metricsOfLog, type IncidentMetrics } from '../../shared/metrics/incident-metrics.js';
import type { EventStore } from '../store/event-store.js';
import { uid, type TestClient } from './support/test-client.js';
import { useTestHub } from './support/test-hub.js';

type MetricsBody = MetricsSummary & { seq: number; incidents: IncidentMetrics[] };

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** The whole log, page by page: what the metrics are defined on (and what the routes used to read per request). */
async function wholeLog(store: EventStore): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for (;;) {
    const page = await store.readSince(events.at(-1)?.seq ?? 0, 1000);
    if (page.length === 0) return events;
    events.push(...page);
  }
}

describe('GET /api/metrics and /api/metrics.csv', () => {
  const fixture = useTestHub();
  let ana: TestClient;
  // Three days ago, to the minute: every moment below is in the past, so the hub keeps each person's time as sent.
  const base = Math.floor((Date.now() - 3 * DAY) / MIN) * MIN;
  const iso = (minutes: number) => new Date(base + minutes * MIN).toISOString();
  const ids = { sev3: uid(), sev1: uid(), declined: uid(), old: uid() };

  /** Sends a command as if made at `minutes` after base; fails the test if the hub refuses it. */
  async function act<T extends CommandType>(
    minutes: number,
    type: T,
    incidentId: string,
    payload: CommandInputOf<T>['payload'],
  ): Promise<void> {
    const ack = await ana.sendRaw({ commandId: uid(), type, incidentId, payload, clientAt: iso(minutes) });
    if (!ack.ok) throw new Error(`${type} refused: ${ack.error.message}`);
  }

  // A fresh hub for each test (useTestHub), with the same story recorded in it.
  beforeEach(async () => {
    ana = await fixture.connect(fixture.t.tokens.responder);
    // 40 days before base: outside the default 30 days, inside the previous 30.
    await act(-40 * 24 * 60, 'incident.declare', ids.old, { title: 'Old search outage', severity: 'SEV-2' });
    // A SEV-3 caught early and resolved in 20 minutes.
    await act(0, 'incident.declare', ids.sev3, {
      title: 'Disk filling on db-2',
      severity: 'SEV-3',
      impactStartedAt: iso(-10),
      detectedAt: iso(-5),
    });
    await act(15, 'incident.change_status', ids.sev3, { status: 'resolved' });
    // A SEV-2 escalated to SEV-1, resolved, reopened, resolved again.
    await act(60, 'incident.declare', ids.sev1, { title: 'Checkout down', severity: 'SEV-2', detectedAt: iso(55) });
    await act(70, 'incident.change_severity', ids.sev1, { severity: 'SEV-1', reason: 'Every region' });
    await act(100, 'incident.change_status', ids.sev1, { status: 'mitigated' });
    await act(120, 'incident.change_status', ids.sev1, { status: 'resolved' });
    await act(180, 'incident.change_status', ids.sev1, { status: 'investigating', reason: 'Back again' });
    await act(210, 'incident.change_status', ids.sev1, { status: 'resolved' });
    // Triage, declined as noise.
    await act(240, 'incident.declare', ids.declined, { title: 'CPU spike', severity: 'SEV-2', status: 'triage' });
    await act(250, 'incident.change_status', ids.declined, { status: 'declined', reason: 'Expected batch job' });
  });
  const get = (path: string, token?: string, method = 'GET') =>
    fetch(`${fixture.t.hub.url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('answers the last 30 days by default, per highest severity, with declined apart', async () => {
    const before = Date.now();
    const res = await get('/api/metrics', fixture.t.tokens.viewer);
    expect(res.status).toBe(200);
    const body = (await res.json()) as MetricsBody;
    const to = Date.parse(body.period.to);
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to - Date.parse(body.period.from)).toBe(30 * DAY);
    expect(body.seq).toBe(fixture.t.hub.state().seq);
    expect(body).toMatchObject({ total: 2, declined: 1 });
    expect(body.bySeverity['SEV-1']).toEqual({
      count: 1,
      reopened: 1,
      ttd: { samples: 0, medianSeconds: null, p90Seconds: null },
      tta: { samples: 1, medianSeconds: 300, p90Seconds: 300 },
      ttm: { samples: 1, medianSeconds: 2700, p90Seconds: 2700 },
      ttr: { samples: 1, medianSeconds: 3900, p90Seconds: 3900 },
    });
    expect(body.bySeverity['SEV-2'].count).toBe(0);
    expect(body.bySeverity['SEV-3']).toMatchObject({
      count: 1,
      ttd: { samples: 1, medianSeconds: 300 },
      ttr: { samples: 1, medianSeconds: 1200 },
    });
    const weekly = body.weeks.reduce(
      (sum, w) => sum + w.bySeverity['SEV-1'] + w.bySeverity['SEV-2'] + w.bySeverity['SEV-3'],
      0,
    );
    expect(weekly).toBe(2);
    expect(body.weeks.reduce((sum, w) => sum + w.declined, 0)).toBe(1);
    expect(body.sev3Trend).toMatchObject({
      direction: 'up',
      current: { sev3: 1, total: 2 },
      previous: { sev3: 0, total: 1 },
    });
    expect(body.incidents.map((m) => [m.incidentId, m.severity, m.reopenCount, m.declined, m.ttfrSeconds])).toEqual([
      [ids.sev3, 'SEV-3', 0, false, 1200],
      [ids.sev1, 'SEV-1', 1, false, 155 * 60],
      [ids.declined, 'SEV-2', 0, true, null],
    ]);
  });

  it('takes from and to as dates or ISO times, to excluded', async () => {
    const from = new Date(base - 41 * DAY).toISOString().slice(0, 10);
    const wide = (await (await get(`/api/metrics?from=${from}`, fixture.t.tokens.viewer)).json()) as MetricsBody;
    expect(wide.period.from).toBe(`${from}T00:00:00.000Z`);
    expect(wide.incidents.map((m) => m.incidentId)).toEqual([ids.old, ids.sev3, ids.sev1, ids.declined]);

    const narrow = (await (
      await get(
        `/api/metrics?from=${encodeURIComponent(iso(0))}&to=${encodeURIComponent(iso(60))}`,
        fixture.t.tokens.viewer,
      )
    ).json()) as MetricsBody;
    expect(narrow.incidents.map((m) => m.incidentId)).toEqual([ids.sev3]);
  });

  it('writes one CSV row per incident', async () => {
    const res = await get(`/api/metrics.csv?from=${encodeURIComponent(iso(-1))}`, fixture.t.tokens.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="warroom-metrics-.+\.csv"$/);
    const label = (id: string) => `INC-${fixture.t.hub.state().incidents[id]?.number}`;
    expect(await res.text()).toBe(
      [
        'id,label,severity,declaredAt,ttd_s,tta_s,ttm_s,ttr_s,reopened,declined',
        `${ids.sev3},${label(ids.sev3)},SEV-3,${iso(0)},300,300,1200,1200,0,false`,
        `${ids.sev1},${label(ids.sev1)},SEV-1,${iso(60)},,300,2700,3900,1,false`,
        `${ids.declined},${label(ids.declined)},SEV-2,${iso(240)},,,,,0,true`,
        '',
      ].join('\r\n'),
    );
  });

  it.each([
    ['/api/metrics?from=2025-13-01', 'from'],
    ['/api/metrics?to=yesterday', 'to'],
    ['/api/metrics.csv?from=2025-03-01T10:00', 'from'],
    ['/api/metrics?from=2025-03-02&to=2025-03-01', 'before'],
    ['/api/metrics?from=2025-03-01&to=2025-03-01', 'before'],
  ])('refuses %s with 400', async (path, says) => {
    const res = await get(path, fixture.t.tokens.viewer);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toContain(says);
  });

  it('reads nothing from the event log per request, and equals the figures folded from the log', async () => {
    const store = fixture.t.hub.store;
    const readSince = vi.spyOn(store, 'readSince');
    const readIncident = vi.spyOn(store, 'readIncident');
    const from = new Date(base - 41 * DAY).toISOString().slice(0, 10);
    const paths = ['/api/metrics', `/api/metrics?from=${from}`, `/api/metrics.csv?from=${from}`, '/api/metrics.csv'];
    // Several at once, as a few people opening the Metrics screen together.
    const replies = await Promise.all([...paths, ...paths].map((path) => get(path, fixture.t.tokens.viewer)));
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    const [byDefault, wide, wideCsv] = [
      (await replies[0]?.json()) as MetricsBody,
      (await replies[1]?.json()) as MetricsBody,
      await replies[2]?.text(),
    ];
    expect(readSince).not.toHaveBeenCalled();
    expect(readIncident).not.toHaveBeenCalled();
    readSince.mockRestore();
    readIncident.mockRestore();

    const log = await wholeLog(store);
    expect(log.at(-1)?.seq).toBe(byDefault.seq);
    const defined = metricsOfLog(log);
    for (const body of [byDefault, wide]) {
      const { seq: _seq, incidents, ...summary } = body;
      expect(summary).toEqual(aggregateMetrics(defined, body.period));
      expect(incidents).toEqual(
        defined
          .filter((m) => declaredIn(m, body.period))
          .sort((a, b) => a.moments.declaredAt.localeCompare(b.moments.declaredAt)),
      );
    }
    expect(wide.incidents).toHaveLength(4);
    expect(wideCsv).toBe(metricsCsv(wide.incidents));
  });

  it('follows each committed event, and gives the same figures after a restart (state rebuilt from the log)', async () => {
    // A fixed period: the default one ends now, which moves between the requests.
    const period = `from=${encodeURIComponent(iso(-60))}&to=${encodeURIComponent(iso(600))}`;
    const metrics = async () =>
      (await (await get(`/api/metrics?${period}`, fixture.t.tokens.viewer)).json()) as MetricsBody;
    const row = (body: MetricsBody) => body.incidents.find((m) => m.incidentId === ids.sev3);
    expect(row(await metrics())?.status).toBe('resolved');
    await act(30, 'incident.change_status', ids.sev3, { status: 'investigating', reason: 'Disk filling again' });
    const reopened = await metrics();
    // Reopened: counted, the first resolution kept, no final one while it is open again.
    expect(row(reopened)).toMatchObject({
      status: 'investigating',
      reopenCount: 1,
      ttrSeconds: 1200,
      ttfrSeconds: null,
    });
    expect(reopened.seq).toBe(fixture.t.hub.state().seq);

    await fixture.restart();
    const after = await metrics();
    expect(after).toEqual(reopened);
  });

  it('needs a token, and is read-only', async () => {
    expect((await get('/api/metrics')).status).toBe(401);
    expect((await get('/api/metrics.csv', 'wr_wrong')).status).toBe(401);
    expect((await get('/api/metrics', fixture.t.tokens.admin, 'POST')).status).toBe(405);
  });
});
