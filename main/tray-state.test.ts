import { describe, expect, it } from 'vitest';
import { TestHub, T0, alice, bob } from '../shared/domain/test-support.js';
import { PAGING_ACTOR } from '../shared/oncall/paging.js';
import { MAX_TOOLTIP, MAX_TRAY_INCIDENTS, trayState, type TrayItem } from './tray-state.js';
import { queuedCommandOf } from '../shared/sync/test-support.js';
import { viewOf } from './test/engine-fakes.js';

function hubWith(...incidents: { id: string; severity: 'SEV-1' | 'SEV-2' | 'SEV-3'; title?: string }[]): TestHub {
  const hub = new TestHub();
  for (const { id, severity, title } of incidents) {
    hub.declare({ severity, title: title ?? `Incident ${id}` }, { incidentId: id });
    hub.advance(1);
  }
  return hub;
}

const labels = (items: readonly TrayItem[]) => items.map((item) => ('label' in item ? item.label : '---'));
const pendingCommand = (id: string) => ({
  ...queuedCommandOf({ commandId: id, type: 'incident.acknowledge', incidentId: 'inc-a', payload: {}, clientAt: T0 }),
  shown: true,
});

describe('trayState', () => {
  it('shows a calm icon when nothing is active', () => {
    const state = trayState(viewOf(), 'available');
    expect(state.icon).toBe('none');
    expect(state.tooltip).toBe('Warroom — no active incidents');
    expect(labels(state.items)).toEqual([
      'No active incidents',
      '---',
      'Available for on-call',
      'Unavailable',
      '---',
      'Open Warroom',
      'Quit Warroom',
    ]);
  });

  it('shows the highest active severity and lists incidents most severe first, then oldest', () => {
    const hub = hubWith(
      { id: 'inc-a', severity: 'SEV-3' },
      { id: 'inc-b', severity: 'SEV-1' },
      { id: 'inc-c', severity: 'SEV-2' },
      { id: 'inc-d', severity: 'SEV-1' },
    );
    const state = trayState(viewOf({ state: hub.state, confirmed: hub.state }), 'available');
    expect(state.icon).toBe('sev1');
    expect(state.tooltip).toBe('Warroom — 4 active (highest SEV-1)');
    expect(state.items.filter((i) => i.kind === 'incident')).toEqual([
      { kind: 'incident', incidentId: 'inc-b', label: 'SEV-1 · INC-2 Incident inc-b' },
      { kind: 'incident', incidentId: 'inc-d', label: 'SEV-1 · INC-4 Incident inc-d' },
      { kind: 'incident', incidentId: 'inc-c', label: 'SEV-2 · INC-3 Incident inc-c' },
      { kind: 'incident', incidentId: 'inc-a', label: 'SEV-3 · INC-1 Incident inc-a' },
    ]);
  });

  it('ignores incidents that are over, and names a status other than investigating', () => {
    const hub = hubWith({ id: 'inc-a', severity: 'SEV-1' }, { id: 'inc-b', severity: 'SEV-2' });
    hub.ok('incident.change_status', { status: 'resolved' }, { incidentId: 'inc-a' });
    hub.ok('incident.change_status', { status: 'mitigated' }, { incidentId: 'inc-b' });
    const state = trayState(viewOf({ state: hub.state }), 'available');
    expect(state.icon).toBe('sev2');
    expect(state.tooltip).toBe('Warroom — 1 active (highest SEV-2)');
    expect(state.items.filter((i) => i.kind === 'incident').map((i) => ('label' in i ? i.label : ''))).toEqual([
      'SEV-2 · INC-2 Incident inc-b (mitigated)',
    ]);
  });

  it('says when it is offline and how many changes wait', () => {
    const hub = hubWith({ id: 'inc-a', severity: 'SEV-1' }, { id: 'inc-b', severity: 'SEV-3' });
    const view = viewOf({
      state: hub.state,
      status: 'offline',
      pending: [pendingCommand('c1'), pendingCommand('c2'), pendingCommand('c3')],
    });
    const state = trayState(view, 'available');
    expect(state.tooltip).toBe('Warroom — 2 active (highest SEV-1) · offline, 3 changes waiting');
    expect(state.items[0]).toEqual({ kind: 'label', label: '2 active (highest SEV-1) · offline, 3 changes waiting' });
  });

  it('says when the hub refused us and when changes were refused', () => {
    const refused = viewOf({ status: 'offline', refusal: { code: 'unauthorized', message: 'Unknown token.' } });
    expect(trayState(refused, 'available').tooltip).toBe('Warroom — no active incidents · refused by the hub');
    const rejected = viewOf({
      status: 'connecting',
      pending: [pendingCommand('c1')],
      rejected: [
        {
          command: pendingCommand('c2'),
          error: { code: 'incident_closed', message: 'closed' },
          at: T0,
        },
      ],
    });
    expect(trayState(rejected, 'available').tooltip).toBe(
      'Warroom — no active incidents · connecting, 1 change waiting, 1 change refused',
    );
  });

  it('says when it is not connected at all', () => {
    const state = trayState(null, 'unavailable');
    expect(state.icon).toBe('none');
    expect(state.tooltip).toBe('Warroom — not connected to a hub');
    expect(state.items[0]).toEqual({ kind: 'label', label: 'Not connected to a hub' });
  });

  it('shows availability as a choice of two', () => {
    const items = trayState(viewOf(), 'unavailable').items.filter((i) => i.kind === 'availability');
    expect(items).toEqual([
      { kind: 'availability', value: 'available', label: 'Available for on-call', checked: false },
      { kind: 'availability', value: 'unavailable', label: 'Unavailable', checked: true },
    ]);
  });

  it('lists a bounded number of incidents and points to the rest', () => {
    const many = Array.from({ length: MAX_TRAY_INCIDENTS + 3 }, (_, i) => ({
      id: `inc-${i}`,
      severity: 'SEV-2' as const,
    }));
    const state = trayState(viewOf({ state: hubWith(...many).state }), 'available');
    expect(state.items.filter((i) => i.kind === 'incident')).toHaveLength(MAX_TRAY_INCIDENTS);
    expect(state.items).toContainEqual({ kind: 'more', label: '3 more…' });
  });

  it('keeps titles short and their ampersands visible in menus', () => {
    const long = 'Payments & refunds fail for every customer in the EU region since the deploy at noon';
    const state = trayState(
      viewOf({ state: hubWith({ id: 'inc-a', severity: 'SEV-2', title: long }).state }),
      'available',
    );
    const line = state.items.find((i) => i.kind === 'incident');
    expect(line && 'label' in line ? line.label : '').toBe(
      'SEV-2 · INC-1 Payments && refunds fail for every customer in the EU region…',
    );
  });

  it('uses the shown state, so an incident declared offline is in the tray at once', () => {
    const hub = hubWith({ id: 'inc-a', severity: 'SEV-1' });
    const state = trayState(
      viewOf({ state: hub.state, confirmed: new TestHub().state, status: 'offline' }),
      'available',
    );
    expect(state.icon).toBe('sev1');
  });
});

describe('trayState while I am paged', () => {
  const me = { ...alice, role: 'responder' as const };

  /** INC-n declared in triage (as from an alert) and paged to `person` by the hub. */
  function pagedIncident(hub: TestHub, id: string, severity: 'SEV-1' | 'SEV-2', title: string, person = alice) {
    hub.declare({ title, severity, status: 'triage', service: 'checkout' }, { incidentId: id, actor: bob });
    hub.ok(
      'page.record',
      {
        pageId: `${id}-s0-r0-${person.id}`,
        person,
        reason: 'initial',
        step: 0,
        round: 0,
        rotationId: 'r',
        heldUntil: null,
      },
      { incidentId: id, actor: PAGING_ACTOR },
    );
    hub.advance(1);
  }

  it('shows the alert bell, says so first, and offers Acknowledge', () => {
    const hub = new TestHub();
    pagedIncident(hub, 'inc-a', 'SEV-1', 'Checkout down');
    const state = trayState(viewOf({ state: hub.state, user: me }), 'available');
    expect(state.icon).toBe('alert');
    expect(state.tooltip).toBe('Warroom — Paged: INC-1 SEV-1 Checkout down — Acknowledge · 1 active (highest SEV-1)');
    expect(state.items.slice(0, 4)).toEqual([
      { kind: 'label', label: 'Paged: INC-1 SEV-1 Checkout down — Acknowledge' },
      { kind: 'acknowledge', incidentId: 'inc-a', label: 'Acknowledge INC-1' },
      { kind: 'separator' },
      { kind: 'label', label: '1 active (highest SEV-1)' },
    ]);
  });

  it('lists every open page, most severe first, and counts the others in the first line', () => {
    const hub = new TestHub();
    pagedIncident(hub, 'inc-a', 'SEV-2', 'Search is slow');
    pagedIncident(hub, 'inc-b', 'SEV-1', 'Checkout down');
    const state = trayState(viewOf({ state: hub.state, user: me }), 'available');
    expect(state.items[0]).toEqual({
      kind: 'label',
      label: 'Paged: INC-2 SEV-1 Checkout down (+1 more) — Acknowledge',
    });
    expect(state.items.filter((i) => i.kind === 'acknowledge').map((i) => ('label' in i ? i.label : ''))).toEqual([
      'Acknowledge INC-2',
      'Acknowledge INC-1',
    ]);
  });

  it('goes back to the severity icon once acknowledged, even while the acknowledgement waits to be sent', () => {
    const hub = new TestHub();
    pagedIncident(hub, 'inc-a', 'SEV-1', 'Checkout down');
    const confirmed = hub.state;
    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-a' });
    const state = trayState(viewOf({ state: hub.state, confirmed, user: me, status: 'offline' }), 'available');
    expect(state.icon).toBe('sev1');
    expect(state.items.some((i) => i.kind === 'acknowledge')).toBe(false);
  });

  it('is not alarmed by pages to other people, or when nobody is signed in', () => {
    const hub = new TestHub();
    pagedIncident(hub, 'inc-a', 'SEV-1', 'Checkout down', bob);
    expect(trayState(viewOf({ state: hub.state, user: me }), 'available').icon).toBe('sev1');
    expect(trayState(viewOf({ state: hub.state, user: null }), 'available').icon).toBe('sev1');
  });

  it('keeps menu ampersands visible and the tooltip within what Windows shows', () => {
    const hub = new TestHub();
    const long = 'Payments & refunds fail for every customer in the EU region since the deploy at noon today';
    pagedIncident(hub, 'inc-a', 'SEV-1', long);
    const state = trayState(viewOf({ state: hub.state, user: me, status: 'offline' }), 'available');
    expect(state.items[0]).toEqual({
      kind: 'label',
      label: 'Paged: INC-1 SEV-1 Payments && refunds fail for every customer in the EU region… — Acknowledge',
    });
    expect(state.tooltip.length).toBeLessThanOrEqual(MAX_TOOLTIP);
    expect(state.tooltip).toMatch(/^Warroom — Paged: INC-1 SEV-1 Payments & refunds .*…$/);
  });
});
