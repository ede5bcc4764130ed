// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Incident, IncidentAlert, Page } from '../../../shared/domain/incident.js';
import type { IncidentsState } from '../../../shared/domain/state.js';
import { DEFAULT_ESCALATION_POLICY } from '../../../shared/oncall/policy.js';
import { defaultProfile } from '../../../shared/oncall/profile.js';
import type { Rotation } from '../../../shared/oncall/rotation.js';
import type { OncallReply } from '../../../shared/protocol/oncall-wire.js';
import { alice, bob, carol, startApp, TestHub } from '../../testing/app-harness.js';
import { App } from '../common/app.js';
import { AlertsPanel } from './alerts-panel.js';
import { IncidentHeader } from './incident-header.js';
import { PageNotices, PagedBanner } from '../oncall/paged-banner.js';
import { PagingPanel } from './paging-panel.js';
import { UnroutedNotice } from './unrouted-notice.js';

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
    deliveries: [],
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
    expect(items[0]?.dataset.pageState).toBe('not-answered');
    expect(items[1]?.dataset.pageStatus).toBe('held');
    expect(items[1]?.textContent).toMatch(/Bob.*step 2, round 1.*Why: escalation/);
    expect(items[1]?.textContent).toMatch(/held: goes out \w{3}, .*08:00/);
    expect(screen.getByText('Not acknowledged')).toBeTruthy();
  });

  it('shows a held page due today as "goes out 23:59" (time only)', async () => {
    const today = new Date();
    today.setHours(23, 59, 0, 0);
    const { state } = hubWith({
      pages: [pageOf({ status: 'held', sentAt: null, heldUntil: today.toISOString() })],
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    expect(screen.getByRole('listitem').textContent).toContain('held: goes out 23:59');
  });

  it('says "acknowledged by" only on the page of the person who acknowledged, and who acknowledged in the head', async () => {
    const { state } = hubWith({
      pages: [
        pageOf(), // Alice, 10:01: the escalation went on past her
        pageOf({
          id: 'p-2',
          person: bob,
          reason: 'escalation',
          step: 1,
          sentAt: '2025-03-01T10:06:00.000Z',
          acknowledgedAt: '2025-03-01T10:08:30.000Z',
        }),
      ],
      lastAcknowledgedAt: '2025-03-01T10:08:30.000Z',
      lastAcknowledgedBy: bob,
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    const items = within(screen.getByRole('list', { name: 'Pages' })).getAllByRole('listitem');
    expect(items[0]?.textContent).toMatch(/Alice.*paged at .*· superseded by escalation$/);
    expect(items[0]?.dataset.answered).toBe('false');
    expect(items[0]?.dataset.pageState).toBe('superseded');
    expect(items[1]?.textContent).toMatch(/Bob.*paged at .*· acknowledged by Bob \(after 2m\)$/);
    expect(items[1]?.dataset.answered).toBe('true');
    expect(screen.getByTestId('paging-acknowledged').textContent).toMatch(/^Acknowledged at .*\d\d:\d\d by Bob$/);
  });

  it('reads "not answered" on a page whose person never acknowledged, even when someone else did', async () => {
    const { state } = hubWith({
      pages: [pageOf()],
      lastAcknowledgedAt: '2025-03-01T10:03:00.000Z',
      lastAcknowledgedBy: bob,
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    const item = screen.getByRole('listitem');
    expect(item.dataset.answered).toBe('false');
    expect(item.textContent).toMatch(/· not answered$/);
    expect(item.textContent).not.toContain('acknowledged by');
    expect(screen.getByTestId('paging-acknowledged').textContent).toMatch(/ by Bob$/);
  });

  it('shows under each page what each contact method did with it: sent, retrying, failed (in the error style)', async () => {
    // Today, so each time shows as the clock only, as the panel's other times.
    const today = (h: number, m: number) => {
      const d = new Date();
      d.setHours(h, m, 0, 0);
      return d.toISOString();
    };
    const { state } = hubWith({
      pages: [
        pageOf({
          sentAt: today(3, 0),
          deliveries: [
            {
              methodId: 'm-mail',
              method: 'email',
              target: 'a•••@example.com',
              result: 'sent',
              attempts: 1,
              at: today(3, 1),
              detail: '250 OK',
              nextAttemptAt: null,
            },
            {
              methodId: 'm-ntfy',
              method: 'ntfy',
              target: 'ntfy.sh/ali•••',
              result: 'retrying',
              attempts: 2,
              at: today(3, 1),
              detail: 'HTTP 429',
              nextAttemptAt: today(3, 2),
            },
            {
              methodId: 'm-slack',
              method: 'slack',
              target: '',
              result: 'failed',
              attempts: 3,
              at: today(3, 2),
              detail: 'HTTP 404 no_service',
              nextAttemptAt: null,
            },
          ],
        }),
        pageOf({ id: 'p-2', person: bob, step: 1 }),
      ],
    });
    const app = await startApp({ view: viewOf(state) });
    app.render(<PagingPanel incidentId="inc-1" />);
    const messages = screen.getByRole('list', { name: 'Messages to Alice' });
    const lines = within(messages).getAllByRole('listitem');
    expect(lines.map((li) => li.textContent)).toEqual([
      'E-mail (a•••@example.com): sent 03:01 — 250 OK',
      'ntfy (ntfy.sh/ali•••): retrying (HTTP 429), next try 03:02',
      'Slack: failed — HTTP 404 no_service',
    ]);
    expect(within(lines[2]!).getByText(/failed/).className).toContain('delivery--failed');
    // A page with no deliveries (Bob has no method) shows no list.
    expect(screen.queryByRole('list', { name: 'Messages to Bob' })).toBeNull();
  });
});

describe('the "Nobody was paged" notice', () => {
  const search: Rotation = {
    id: 'r-search',
    name: 'Search',
    members: [alice, bob, carol],
    handoffTime: '09:00',
    shift: 'daily',
    timeZone: 'UTC',
    startDate: '2025-03-01',
  };
  const checkout: Rotation = { ...search, id: 'r-checkout', name: 'Checkout' };
  const oncallReply = (rotations: readonly Rotation[]): OncallReply => ({
    ok: true,
    view: {
      at: SENT_AT,
      rotations: rotations.map((rotation) => ({
        rotation,
        warnings: [],
        now: { primary: alice, backup: bob },
        schedule: [],
      })),
      overrides: [],
      services: [],
      defaultRotationId: null,
      policy: DEFAULT_ESCALATION_POLICY,
      profiles: [],
      me: { profile: defaultProfile('UTC'), saved: false, nextShift: null },
      deadlines: [],
      reachability: [],
    },
  });
  /** A SEV-1 for "search" that the hub found nobody to page for. */
  function unroutedHub(): TestHub {
    const hub = new TestHub();
    hub.declare({ title: 'Search is down', severity: 'SEV-1', service: 'search' }, { actor: bob });
    hub.ok('page.report_unrouted', { severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' });
    return hub;
  }
  const notice = () => within(screen.getByRole('region', { name: /Nobody was paged/ }));

  it('says so loudly with the reason, loads the rotations, and pages the one chosen', async () => {
    const user = userEvent.setup();
    const hub = unroutedHub();
    const app = await startApp({ view: viewOf(hub.state), oncall: oncallReply([search, checkout]) });
    app.render(<UnroutedNotice incidentId="inc-1" />);
    expect(notice().getByRole('alert').textContent).toMatch(/^SEV-1: no rotation covers search \(since \d\d:\d\d\)$/);
    const rotation = await notice().findByLabelText('Page a rotation');
    expect(app.oncallRequests).toHaveLength(1);
    expect(
      within(rotation)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Checkout', 'Search']);
    await user.selectOptions(rotation, 'Search');
    await user.click(notice().getByRole('button', { name: 'Page Search' }));
    expect(app.sent).toEqual([
      { type: 'page.choose_rotation', incidentId: 'inc-1', payload: { rotationId: 'r-search' } },
    ]);

    // The hub takes it: the incident pages that rotation, and the notice goes.
    hub.ok('page.choose_rotation', { rotationId: 'r-search' });
    act(() => app.push(viewOf(hub.state)));
    expect(screen.queryByRole('region', { name: /Nobody was paged/ })).toBeNull();
  });

  it('asks for the rotations again once the hub is reachable (a room opened from the cache asks too early)', async () => {
    const app = await startApp({
      view: { ...viewOf(unroutedHub().state), status: 'connecting' },
      oncall: new Error('The on-call schedule needs the hub, which cannot be reached now.'),
    });
    app.render(<UnroutedNotice incidentId="inc-1" />);
    expect(await notice().findByText(/^The rotations could not be loaded: /)).toBeTruthy();
    expect(app.oncallRequests).toHaveLength(1);
    app.oncall(oncallReply([search]));
    act(() => app.push({ status: 'online' }));
    expect(await notice().findByRole('button', { name: 'Page Search' })).toBeTruthy();
    expect(app.oncallRequests).toHaveLength(2);
  });

  it('asks only once while online when the hub refuses, so a refusal does not loop', async () => {
    const app = await startApp({
      view: viewOf(unroutedHub().state),
      oncall: { ok: false, error: { code: 'forbidden', message: 'Not allowed.' } },
    });
    app.render(<UnroutedNotice incidentId="inc-1" />);
    expect(await notice().findByText(/^The rotations could not be loaded: /)).toBeTruthy();
    for (let i = 0; i < 5; i++) await act(async () => {}); // a loop would have asked again by now
    expect(app.oncallRequests).toHaveLength(1);
  });

  it('says there is no rotation to page when none is set up', async () => {
    const app = await startApp({ view: viewOf(unroutedHub().state), oncall: oncallReply([]) });
    app.render(<UnroutedNotice incidentId="inc-1" />);
    expect(await notice().findByText(/There is no rotation to page yet/)).toBeTruthy();
    expect(notice().queryByRole('button')).toBeNull();
  });

  it("shows the hub's refusal beside the button", async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOf(unroutedHub().state), oncall: oncallReply([search]) });
    app.render(<UnroutedNotice incidentId="inc-1" />);
    app.answer({ ok: false, error: { code: 'not_found', message: 'There is no rotation r-search.' } });
    await user.click(await notice().findByRole('button', { name: 'Page Search' }));
    expect(
      notice()
        .getAllByRole('alert')
        .map((a) => a.textContent),
    ).toContain('There is no rotation r-search.');
  });

  it('is offered in the Paging panel of an incident a person declared (it pages nobody by itself), not to viewers', async () => {
    const user = userEvent.setup();
    const hub = new TestHub();
    hub.declare({ title: 'Checkout down', severity: 'SEV-1', service: 'checkout' }, { actor: bob });
    const app = await startApp({ view: viewOf(hub.state), oncall: oncallReply([search, checkout]) });
    const { unmount } = app.render(<PagingPanel incidentId="inc-1" />);
    const panel = within(screen.getByRole('region', { name: 'Paging' }));
    expect(panel.getByText('Nobody has been paged for this incident.')).toBeTruthy();
    await user.selectOptions(await panel.findByLabelText('Page a rotation'), 'Checkout');
    await user.click(panel.getByRole('button', { name: 'Page Checkout' }));
    expect(app.sent).toEqual([
      { type: 'page.choose_rotation', incidentId: 'inc-1', payload: { rotationId: 'r-checkout' } },
    ]);
    unmount();
    const viewer = await startApp({
      view: { ...viewOf(hub.state), user: { ...carol, role: 'viewer' } },
      oncall: oncallReply([search]),
    });
    viewer.render(<PagingPanel incidentId="inc-1" />);
    expect(screen.queryByRole('region', { name: 'Paging' })).toBeNull();
  });

  it('is hidden for viewers, and when somebody was paged', async () => {
    const viewer = await startApp({
      view: { ...viewOf(unroutedHub().state), user: { ...carol, role: 'viewer' } },
      oncall: oncallReply([search]),
    });
    const { unmount } = viewer.render(<UnroutedNotice incidentId="inc-1" />);
    expect(screen.queryByRole('region', { name: /Nobody was paged/ })).toBeNull();
    unmount();
    const { state } = hubWith({ pages: [pageOf()] });
    const app = await startApp({ view: viewOf(state) });
    app.render(<UnroutedNotice incidentId="inc-1" />);
    expect(screen.queryByRole('region', { name: /Nobody was paged/ })).toBeNull();
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
