import { describe, expect, it } from 'vitest';
import { TestHub, alice, bob, carol } from '../domain/test-support.js';
import { buildPublicStatus, incidentAnchor, publicId, publicParagraphs } from './public-status.js';
import { statusPageConfigSchema, type StatusPageConfigInput } from './status-page-config.js';

const CONFIG: StatusPageConfigInput = {
  title: 'Acme status',
  services: [
    { key: 'payments-api', name: 'Checkout' },
    { key: 'search', name: 'Search', description: 'Finding products' },
  ],
};

function statusOf(hub: TestHub, config: StatusPageConfigInput = CONFIG) {
  return buildPublicStatus(hub.state, statusPageConfigSchema.parse(config), Date.parse(hub.now));
}

function serviceState(hub: TestHub, name: string, config?: StatusPageConfigInput) {
  return statusOf(hub, config).services.find((s) => s.name === name)?.state;
}

/** SEV-2 on payments-api, Bob takes Comms and publishes. */
function publishedIncident(): TestHub {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-2', service: 'Payments-API ', title: 'PSP timeouts on eu-west-1b' });
  hub.advance(2).ok('role.assign', { role: 'comms', person: bob });
  hub
    .advance(1)
    .ok(
      'status_update.post',
      { updateId: 'u-1', text: 'Some payments fail.', audience: 'external', publicTitle: 'Payments are failing' },
      { actor: bob },
    );
  return hub;
}

describe('the state of each service over a scripted incident', () => {
  it('follows severity and mitigation, and only once published', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-2', service: 'payments-api' });
    // Not published: the page knows nothing of it.
    expect(serviceState(hub, 'Checkout')).toBe('operational');
    expect(statusOf(hub).activeIncidents).toEqual([]);

    hub.advance(1).ok('status_update.post', {
      updateId: 'u-1',
      text: 'Investigating failed payments.',
      audience: 'external',
      publicTitle: 'Payments are failing',
    });
    expect(serviceState(hub, 'Checkout')).toBe('partial_outage');
    expect(serviceState(hub, 'Search')).toBe('operational');
    expect(statusOf(hub)).toMatchObject({ indicator: 'major', description: 'Partial System Outage' });

    hub.advance(5).ok('incident.change_severity', { severity: 'SEV-1', reason: 'all regions' });
    expect(serviceState(hub, 'Checkout')).toBe('major_outage');
    expect(statusOf(hub).indicator).toBe('critical');

    hub.advance(10).ok('incident.change_status', { status: 'mitigated' });
    expect(serviceState(hub, 'Checkout')).toBe('degraded_performance');
    expect(statusOf(hub).activeIncidents[0]?.status).toBe('monitoring');

    hub.advance(3).ok('incident.change_status', { status: 'investigating', reason: 'errors are back' });
    expect(serviceState(hub, 'Checkout')).toBe('major_outage');

    hub.advance(20).ok('incident.change_status', { status: 'resolved' });
    const resolved = statusOf(hub);
    expect(resolved.services.map((s) => s.state)).toEqual(['operational', 'operational']);
    expect(resolved).toMatchObject({ indicator: 'none', description: 'All Systems Operational' });
    expect(resolved.activeIncidents).toEqual([]);
    expect(resolved.pastIncidents.map((i) => [i.title, i.status, i.resolvedAt])).toEqual([
      ['Payments are failing', 'resolved', hub.now],
    ]);
    // The incident's logged states, one per change, at the moments the people acted.
    expect(hub.incident().public.states.map((s) => s.state)).toEqual([
      'partial_outage',
      'major_outage',
      'degraded_performance',
      'major_outage',
      'operational',
    ]);
  });

  it('labels each external update with the status the incident had when it was posted, newest first', () => {
    const hub = publishedIncident();
    hub.advance(5).ok('incident.change_status', { status: 'mitigated' });
    hub.advance(1).ok(
      'status_update.post',
      { updateId: 'u-2', text: 'A fix is in place.', audience: 'external' },
      {
        actor: bob,
      },
    );
    hub.advance(1).ok('status_update.post', { updateId: 'u-3', text: 'internal only', audience: 'internal' });
    const [incident] = statusOf(hub).activeIncidents;
    expect(incident?.updates.map((u) => [u.body, u.status])).toEqual([
      ['A fix is in place.', 'monitoring'],
      ['Some payments fail.', 'investigating'],
    ]);
    expect(incident?.title).toBe('Payments are failing');
    expect(incident?.services).toEqual(['checkout']);
    expect(incident?.id).toBe(publicId('inc-1'));
    expect(incidentAnchor('inc-1')).toBe(`incident-${publicId('inc-1')}`);
  });

  it("shows the Communication Lead's override, and follows the incident again once it is cleared", () => {
    const hub = publishedIncident();
    hub.ok('incident.set_public', { override: 'major_outage' }, { actor: bob });
    expect(serviceState(hub, 'Checkout')).toBe('major_outage');
    hub.ok('incident.set_public', { override: null }, { actor: bob });
    expect(serviceState(hub, 'Checkout')).toBe('partial_outage');
  });

  it("shows an admin's override on the service whatever the incidents say", () => {
    const hub = publishedIncident();
    const overridden = {
      ...CONFIG,
      services: [
        { key: 'payments-api', name: 'Checkout', override: 'operational' as const },
        { key: 'search', name: 'Search', override: 'degraded_performance' as const },
      ],
    };
    const status = statusOf(hub, overridden);
    expect(status.services.map((s) => [s.name, s.state, s.overridden])).toEqual([
      ['Checkout', 'operational', true],
      ['Search', 'degraded_performance', true],
    ]);
    // The incident is still listed: an override changes the service's state, not what was published.
    expect(status.activeIncidents).toHaveLength(1);
  });

  it('lists an incident whose service is not public without naming any service', () => {
    const hub = new TestHub();
    hub.declare({ severity: 'SEV-3', service: 'internal-batch' });
    hub.ok('status_update.post', { updateId: 'u-1', text: 'Slow exports.', audience: 'external', publicTitle: 'Slow' });
    const status = statusOf(hub);
    expect(status.activeIncidents[0]?.services).toEqual([]);
    expect(status.services.map((s) => s.state)).toEqual(['operational', 'operational']);
    expect(status.indicator).toBe('minor');
  });
});

describe('maintenance windows', () => {
  const window = {
    id: 'mw-1',
    title: 'Database upgrade',
    text: 'Search may be slow.',
    startsAt: '2025-03-01T12:00:00.000Z',
    endsAt: '2025-03-01T13:00:00.000Z',
    services: ['search'],
  };
  const config = { ...CONFIG, maintenances: [window] };

  it('is announced ahead, shows while it runs, and leaves the page when over', () => {
    const hub = new TestHub('2025-03-01T10:00:00.000Z');
    const before = statusOf(hub, config);
    expect(before.maintenances.map((m) => [m.title, m.status, m.services])).toEqual([
      ['Database upgrade', 'scheduled', ['search']],
    ]);
    expect(before.services.find((s) => s.name === 'Search')?.state).toBe('operational');
    // The page changes by itself when the window starts: the hub rebuilds it then.
    expect(before.nextChangeAt).toBe('2025-03-01T12:00:00.000Z');

    hub.advance(150);
    const during = statusOf(hub, config);
    expect(during.maintenances[0]?.status).toBe('in_progress');
    expect(during.services.find((s) => s.name === 'Search')?.state).toBe('under_maintenance');
    expect(during.indicator).toBe('maintenance');
    expect(during.nextChangeAt).toBe('2025-03-01T13:00:00.000Z');

    hub.advance(60);
    const after = statusOf(hub, config);
    expect(after.maintenances).toEqual([]);
    expect(after.services.find((s) => s.name === 'Search')?.history.at(-1)).toEqual({
      date: '2025-03-01',
      state: 'under_maintenance',
      refs: ['mw-1'],
    });
  });

  it('loses to an incident that is worse', () => {
    const hub = new TestHub('2025-03-01T12:30:00.000Z');
    hub.declare({ severity: 'SEV-1', service: 'search' });
    hub.ok('status_update.post', {
      updateId: 'u-1',
      text: 'Search is down.',
      audience: 'external',
      publicTitle: 'Down',
    });
    expect(serviceState(hub, 'Search', config)).toBe('major_outage');
  });

  it('refuses a window that ends before it starts, or names a service that is not public', () => {
    const bad = statusPageConfigSchema.safeParse({
      ...CONFIG,
      maintenances: [{ ...window, endsAt: window.startsAt, services: ['nope'] }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message).sort()).toEqual([
      '"nope" is not a public service',
      'the maintenance must end after it starts',
    ]);
  });
});

describe('what is never on the page', () => {
  it('keeps the internal title, names, tried entries and internal updates out of the public status', () => {
    const hub = publishedIncident();
    hub.ok('tried.add', { entryId: 't-1', what: 'Restarted psp-gateway-7' }, { actor: carol });
    hub.ok('status_update.post', { updateId: 'u-9', text: 'Carol suspects the PSP', audience: 'internal' });
    const text = JSON.stringify(statusOf(hub));
    for (const secret of ['PSP timeouts', 'psp-gateway', 'Carol', 'Bob', alice.name, 'payments-api', 'inc-1'])
      expect(text).not.toContain(secret);
    expect(text).toContain('Payments are failing');
    expect(text).toContain('Some payments fail.');
  });
});

describe('publicParagraphs', () => {
  it('splits at blank lines and keeps single line breaks inside a paragraph', () => {
    expect(publicParagraphs('One\ntwo\n\n  \nThree\n')).toEqual([
      ['One', 'two'],
      ['Three', ''],
    ]);
  });
});
