import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../shared/domain/incident.js';
import { startAlertmanager, type AlertmanagerProcess, type PostableAlert } from './support/alertmanager-process.js';
import { startE2eHub, type E2eHub } from './support/hub-process.js';

/**
 * End to end: a real Prometheus Alertmanager (Debian's prometheus-alertmanager) delivers its webhook to a real hub
 * process. Waits are bounded polls of the hub's HTTP API, never fixed sleeps.
 */
const KEY = 'alertmanager:{}:{alertname="WarroomE2eCheckoutErrors"}';
const startsAt = new Date(Date.now() - 10 * 60_000).toISOString();

const series = (instance: string, endsAt?: string): PostableAlert => ({
  labels: {
    alertname: 'WarroomE2eCheckoutErrors',
    severity: 'critical',
    service: 'checkout',
    team: 'payments',
    instance,
  },
  annotations: {
    summary: 'Checkout 5xx rate above 5%',
    description: '12% of POST /checkout requests fail.',
    runbook_url: 'https://runbooks.example.com/checkout/5xx',
    impact: 'Customers cannot complete purchases',
    cause: 'Payment gateway timeouts',
  },
  startsAt,
  ...(endsAt ? { endsAt } : {}),
  generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=checkout_5xx_ratio+%3E+0.05',
});

describe('a real Alertmanager posting to the hub', () => {
  let hub: E2eHub;
  let alertmanager: AlertmanagerProcess | undefined;

  beforeAll(async () => {
    hub = await startE2eHub([{ name: 'vic', role: 'viewer' }]);
    alertmanager = await startAlertmanager({
      webhookUrl: `${hub.url}/api/webhooks/alertmanager`,
      token: hub.integrationToken('alertmanager'),
      // An unchanged group is notified again every 2 s: the "repeat" of a firing alert.
      repeatInterval: '2s',
    });
  });
  afterAll(async () => {
    await alertmanager?.stop();
    await hub?.dispose();
  });

  const withKey = async (): Promise<Incident[]> =>
    (await hub.api<{ incidents: Incident[] }>('/api/incidents', 'vic')).incidents.filter((i) =>
      i.alerts.some((a) => a.key === KEY),
    );
  const alertOf = async () => (await withKey())[0]?.alerts.find((a) => a.key === KEY);
  const poll = { timeout: 30_000, interval: 100 };

  it('turns a firing alert into an incident in triage with the alert’s context', async () => {
    await alertmanager?.postAlerts([series('checkout-1:8080')]);
    await expect.poll(async () => (await withKey()).length, poll).toBe(1);
    const [incident] = await withKey();
    expect(incident).toMatchObject({
      title: 'Checkout 5xx rate above 5%',
      summary: '12% of POST /checkout requests fail.',
      impact: 'Customers cannot complete purchases',
      service: 'checkout',
      team: 'payments',
      severity: 'SEV-1',
      status: 'triage',
      declaredBy: { id: 'integration-alertmanager', name: 'Alertmanager' },
    });
    // Impact starts when the alert says it did, so Time to Detect is measured honestly.
    expect(incident?.moments.impactStartedAt).toBe(startsAt);
    expect(Date.parse(incident?.moments.detectedAt ?? '')).toBeGreaterThan(Date.parse(startsAt));
    expect(incident?.alerts[0]).toMatchObject({
      runbookUrl: 'https://runbooks.example.com/checkout/5xx',
      cause: 'Payment gateway timeouts',
      status: 'firing',
    });
  });

  it('attaches repeats and a second series of the same group to that incident, never opening another', async () => {
    await expect.poll(async () => (await alertOf())?.count ?? 0, poll).toBeGreaterThanOrEqual(2);
    await alertmanager?.postAlerts([series('checkout-2:8080')]);
    await expect.poll(async () => (await alertOf())?.description ?? '', poll).toContain('instance=checkout-2:8080');
    expect(await withKey()).toHaveLength(1);
    const all = await hub.api<{ incidents: Incident[] }>('/api/incidents', 'vic');
    expect(all.incidents).toHaveLength(1);
  });

  it('marks the alert resolved when Alertmanager says it cleared, leaving the incident for people to close', async () => {
    const endsAt = new Date(Date.now() - 1000).toISOString();
    await alertmanager?.postAlerts([series('checkout-1:8080', endsAt), series('checkout-2:8080', endsAt)]);
    await expect.poll(async () => (await alertOf())?.status, poll).toBe('resolved');
    const [incident, ...others] = await withKey();
    expect(others).toEqual([]);
    expect(incident?.status).toBe('triage');
  });
});
