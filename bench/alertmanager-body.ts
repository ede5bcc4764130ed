/**
 * An Alertmanager webhook notification (payload version 4, as in hub/webhooks/fixtures/alertmanager-firing.json)
 * for one firing alert. Each sample gets its own group key, so it declares its own incident and pages the person on
 * call for `service`; its summary (the incident's title) identifies the page that comes back.
 */
export function alertmanagerNotification(title: string, service: string): string {
  const labels = {
    alertname: title.replace(/\W+/g, '_'),
    env: 'prod',
    service,
    severity: 'critical',
    team: 'payments',
  };
  const annotations = {
    summary: title,
    description: '12% of POST /checkout requests failed in the last 5 minutes.',
    impact: 'Customers cannot complete purchases',
    cause: 'Payment gateway timeouts since the last deploy',
    runbook_url: 'https://runbooks.example.com/checkout/5xx',
  };
  return JSON.stringify({
    receiver: 'warroom',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations,
        startsAt: new Date().toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example.com:9090/graph?g0.expr=job%3Acheckout_5xx%3Aratio5m+%3E+0.05',
        fingerprint: '7cbcf9fd4402c5d9',
      },
    ],
    groupLabels: { alertname: labels.alertname },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: 'http://alertmanager.example.com:9093',
    version: '4',
    groupKey: `{}:{alertname="${labels.alertname}"}`,
    truncatedAlerts: 0,
  });
}
