// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Incident, IncidentAlert, Page } from '../../../shared/domain/incident.js';
import type { IncidentsState } from '../../../shared/domain/state.js';
import { alice, bob, startApp, TestHub } from '../../testing/app-harness.js';
import { App } from '../common/app.js';
import { AlertsPanel } from './alerts-panel.js';
import { IncidentHeader } from './incident-header.js';
import { PageNotices, PagedBanner } from '../oncall/paged-banner.js';
import { PagingPanel } from './paging-panel.js';

const SENT_AT = '2025-03-01T10:01:00.000Z';

function alertOf(partial: Partial<IncidentAlert> = {}): IncidentAlert {
  return {
    key: 'checkout-gateway',
    source: 'generic',
    title: 'Payment gateway timeouts',
    description: '30% of card payments time out.',
    service: 'checkout',
    team: 'payments',
    impact: 'A third of customers cannot pay',
    cause: 'Gateway region eu-west degraded',
    runbookUrl: 'https://runbooks.example.com/checkout',
    url: 'https://alerts.example.com/a/1',
    severity: 'SEV-1',
    status: 'firing',
    count: 12,
    startsAt: '2025-03-01T09:55:00.000Z',
    firstSeenAt: '2025-03-01T09:56:00.000Z',
    lastSeenAt: '2025-03-01T10:20:00.000Z',
    resolvedAt: null,
    ...partial,
  };
}

function pageOf(partial: Partial<Page> = {}): Page {
  return {
    id: 'p-1',
    person: alice,
    reason: 'initial',
    step: 0,
    round: 0,
    rotationId: 'r-1',
    status: 'sent',
    heldUntil: null,
    sentAt: SENT_AT,
    acknowledgedAt: null,
    ...partial,
  };
}

/** A SEV-1 in triage declared by Bob (so Alice holds no role), with these alerts and pages. */
function hubWith(patch: Partial<Incident>): { hub: TestHub; state: IncidentsState } {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout down', severity: 'SEV-1', status: 'triage', service: 'checkout' }, { actor: bob });
  return { hub, state: patched(hub.state, patch) };
}

function patched(state: IncidentsState, patch: Partial<Incident>, id = 'inc-1'): IncidentsState {
  const incident = state.incidents[id];
  if (!incident) throw new Error(`no ${id}`);
  return { ...state, incidents: { ...state.incidents, [id]: { ...incident, ...patch } } };
}

const viewOf = (state: IncidentsState) => ({ state, confirmed: state });

describe('the alerts panel', () => {
  it('shows the five facts, how often and when it fired, and opens the runbook through the host', async () => {
    const user = userEvent.setup();
    const { state } = hubWith({ alerts: [alertOf()] });
    const app = await startApp({ view: viewOf(state) });
    app.render(<AlertsPanel incidentId="inc-1" />);
    const panel = screen.getByRole('region', { name: 'Alerts' });
    const item = within(panel).getByRole('listitem');
    expect(item.textContent).toContain('Payment gateway timeouts');
    expect(item.textContent).toContain('Firing');
    expect(item.textContent).toContain('checkout / payments');
    expect(item.textContent).toContain('A third of customers cannot pay');
    expect(item.textContent).toContain('Gateway region eu-west degraded');
    expect(item.textContent).toMatch(/fired 12 times · first seen .+ · last seen /);
    expect(within(panel).queryByText(/All alerts resolved/)).toBeNull();

    await user.click(within(item).getByRole('link', { name: 'Open the runbook for “Payment gateway timeouts”' }));
    expect(app.openedExternal).toEqual(['https://runbooks.example.com/checkout']);
  });

  it('never links anything but http(s)', async () => {
    const { state } = hubWith({ alerts: [alertOf({ runbookUrl: 'javascript:alert(1)', url: 'file:///etc' })] });
    const app = await startApp({ view: viewOf(state) });
    app.render(<AlertsPanel incidentId="inc-1" />);
    expect(screen.queryAllByRole('link')).toEqual([]);
    expect(screen.getByText('javascript:alert(1)')).toBeTruthy();
  });

  it('cues "All alerts resolved — mitigate?" and moves the incident to mitigated only when asked', async () => {
    const user = userEvent.setup();
    const { hub } = hubWith({});
    hub.ok('incident.change_status', { status: 'investigating' });
    const state = patched(hub.state, {
      alerts: [alertOf({ status: 'resolved', resolvedAt: '2025-03-01T10:30:00.000Z', count: 1 })],
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<AlertsPanel incidentId="inc-1" />);
    expect(screen.getByText(/fired once/)).toBeTruthy();
    const cue = screen.getByTestId('mitigate-cue');
    expect(cue.textContent).toContain('All alerts resolved — mitigate?');
    expect(app.sent).toEqual([]); // never automatic
    await user.click(within(cue).getByRole('button', { name: 'Mark mitigated' }));
    expect(app.sent).toEqual([
      {
        type: 'incident.change_status',
        incidentId: 'inc-1',
        payload: { status: 'mitigated', reason: 'All alerts resolved' },
      },
    ]);
  });
});

describe('the paging panel', () => {
  it('says who was paged, when, why, at which step and round, whether answered, and when a held page goes out', async () => {
    const heldUntil = new Date();
    heldUntil.setHours(8, 0, 0, 0);
    heldUntil.setDate(heldUntil.getDate() + 1); // tomorrow 08:00: shown with its date
    const { state } = hubWith({
      pages: [
        pageOf(),
        pageOf({
          id: 'p-2',
          person: bob,
          reason: 'escalation',
          step: 1,
          status: 'held',
          sentAt: null,
          heldUntil: heldUntil.toISOString(),
        }),
      ],
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    const items = within(screen.getByRole('list', { name: 'Pages' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toMatch(
      /Alice.*step 1, round 1.*Why: first page.*paged at .*\d\d:\d\d · not answered/,
    );
    expect(items[0]?.dataset.answered).toBe('false');
    expect(items[1]?.dataset.pageStatus).toBe('held');
    expect(items[1]?.textContent).toMatch(/Bob.*step 2, round 1.*Why: escalation/);
    expect(items[1]?.textContent).toMatch(/scheduled for \w{3}, .*08:00/);
    expect(screen.getByText('Not acknowledged')).toBeTruthy();
  });

  it('shows a held page due today as "scheduled for 08:00" (time only)', async () => {
    const today = new Date();
    today.setHours(23, 59, 0, 0);
    const { state } = hubWith({
      pages: [pageOf({ status: 'held', sentAt: null, heldUntil: today.toISOString() })],
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    expect(screen.getByRole('listitem').textContent).toContain('scheduled for 23:59');
  });

  it('marks a page answered once the incident is acknowledged after it went out', async () => {
    const { state } = hubWith({ pages: [pageOf()], lastAcknowledgedAt: '2025-03-01T10:03:00.000Z' });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    expect(screen.getByRole('listitem').dataset.answered).toBe('true');
    expect(screen.getByRole('listitem').textContent).toContain('answered');
  });
});

describe('the paged banner', () => {
  it('appears while a page for me is open, acknowledges, and goes when acknowledged', async () => {
    const user = userEvent.setup();
    const { state } = hubWith({ pages: [pageOf()] });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagedBanner />);
    const banner = screen.getByTestId('paged-banner');
    expect(within(banner).getByRole('alert').textContent).toContain('You are paged: INC-1 SEV-1 Checkout down');
    await user.click(within(banner).getByRole('button', { name: 'Acknowledge INC-1' }));
    expect(app.sent).toEqual([{ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} }]);

    act(() => app.push(viewOf(patched(state, { lastAcknowledgedAt: '2025-03-01T10:02:00.000Z' }))));
    expect(screen.queryByTestId('paged-banner')).toBeNull();
  });

  it('goes when the escalation has moved past me, and never shows for someone else’s page', async () => {
    const { state } = hubWith({ pages: [pageOf()] });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagedBanner />);
    expect(screen.getByTestId('paged-banner')).toBeTruthy();
    const escalated = patched(state, {
      pages: [pageOf(), pageOf({ id: 'p-2', person: bob, reason: 'escalation', step: 1 })],
    });
    act(() => app.push(viewOf(escalated)));
    expect(screen.queryByTestId('paged-banner')).toBeNull();
  });

  it('brings back Acknowledge in the room for a re-page after an earlier acknowledgement', async () => {
    const { state } = hubWith({
      moments: { ...hubWith({}).state.incidents['inc-1']!.moments, acknowledgedAt: '2025-03-01T10:02:00.000Z' },
      lastAcknowledgedAt: '2025-03-01T10:02:00.000Z',
      pages: [pageOf(), pageOf({ id: 'p-3', reason: 'ack-timeout', round: 1, sentAt: '2025-03-01T10:40:00.000Z' })],
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<IncidentHeader incidentId="inc-1" back={null} />);
    expect(screen.getByRole('button', { name: 'Acknowledge (stops the paging)' })).toBeTruthy();

    act(() => app.push(viewOf(patched(state, { lastAcknowledgedAt: '2025-03-01T10:41:00.000Z' }))));
    expect(screen.queryByRole('button', { name: 'Acknowledge (stops the paging)' })).toBeNull();
  });

  it('shows a pushed page (a test page too) as a notice that can be dismissed', async () => {
    const user = userEvent.setup();
    const app = await startApp();
    app.render(<PageNotices />);
    act(() =>
      app.page({ pageId: 't-1', at: SENT_AT, test: true, incident: null, reason: null, step: null, round: null }),
    );
    expect(screen.getByRole('status', { name: 'Pages received' }).textContent).toContain('Test page from Warroom');
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status', { name: 'Pages received' })).toBeNull();
  });

  it('is on every screen of the app, and the `a` key acknowledges', async () => {
    const user = userEvent.setup();
    const { state } = hubWith({ pages: [pageOf()] });
    const app = await startApp({ view: viewOf(state) });
    app.render(<App />);
    expect(await screen.findByTestId('paged-banner')).toBeTruthy();
    await user.keyboard('a');
    expect(app.sent).toEqual([{ type: 'incident.acknowledge', incidentId: 'inc-1', payload: {} }]);
  });
});
