import { describe, expect, it } from 'vitest';
import { TestHub, alice, bob } from '../../shared/domain/test-support.js';
import { withPending } from '../../shared/sync/optimistic.js';
import { queued, stateWith, viewOf } from '../test-views.js';
import {
  bannerText,
  boardIncidentIds,
  filteredBoardIds,
  selectIncidentMark,
  selectScreen,
  selectTriedPending,
  type BannerInput,
} from './selectors.js';
import { createAppStore } from './store.js';

describe('selectScreen', () => {
  it('goes loading → connect → board → incident, and back to connect on a refusal that needs a person', () => {
    const store = createAppStore();
    expect(selectScreen(store.getState())).toBe('loading');
    store.getState().setSignedIn(false, null);
    expect(selectScreen(store.getState())).toBe('connect');
    store.getState().setSignedIn(true, null);
    expect(selectScreen(store.getState())).toBe('board');
    store.getState().selectIncident('inc-1');
    expect(selectScreen(store.getState())).toBe('incident');
    store.getState().receiveConnection(viewOf({ refusal: { code: 'too_many_connections', message: 'later' } }));
    expect(selectScreen(store.getState())).toBe('incident'); // fixes itself: the app stays, the banner says why
    store.getState().receiveConnection(viewOf({ refusal: { code: 'unauthorized', message: 'revoked' } }));
    expect(selectScreen(store.getState())).toBe('connect');
  });
});

describe('boardIncidentIds', () => {
  it('puts active incidents first, most severe then oldest, and finished ones last', () => {
    const hub = new TestHub();
    stateWith(
      [
        { id: 'sev3-old', title: 'a', severity: 'SEV-3' },
        { id: 'sev1', title: 'b', severity: 'SEV-1' },
        { id: 'sev3-new', title: 'c', severity: 'SEV-3' },
        { id: 'done', title: 'd', severity: 'SEV-1' },
      ],
      hub,
    );
    hub.ok('incident.change_status', { status: 'resolved' }, { incidentId: 'done' });
    expect(boardIncidentIds(hub.state)).toEqual(['sev1', 'sev3-old', 'sev3-new', 'done']);
  });

  it('returns the same array for the same state', () => {
    const state = stateWith([{ id: 'x', title: 'x', severity: 'SEV-2' }]);
    expect(boardIncidentIds(state)).toBe(boardIncidentIds(state));
  });
});

describe('pending marks', () => {
  const hub = new TestHub();
  const confirmed = stateWith([{ id: 'inc-1', title: 'Confirmed', severity: 'SEV-2' }], hub);
  const commands = [
    queued({
      commandId: 'declare',
      type: 'incident.declare',
      incidentId: 'inc-new',
      payload: { title: 'Typed offline', severity: 'SEV-1' },
    }),
    queued({ commandId: 'try', incidentId: 'inc-1', payload: { entryId: 'e-new', what: 'Restarted' } }),
  ];
  const { state } = withPending(confirmed, commands, alice, hub.now);
  const store = createAppStore();
  store
    .getState()
    .receiveIncidents(viewOf({ state, confirmed, pending: commands.map((c) => ({ ...c, shown: true })) }));
  const s = store.getState();

  it('marks an incident the hub has not confirmed as pending, and one with unconfirmed changes', () => {
    expect(selectIncidentMark('inc-new')(s)).toBe('pending');
    expect(selectIncidentMark('inc-1')(s)).toBe('changes-pending');
  });

  it('marks a tried entry the hub has not confirmed', () => {
    expect(selectTriedPending('inc-1', 'e-new')(s)).toBe(true);
    const entry = hub.ok('tried.add', { entryId: 'e-old', what: 'Checked dashboards' }, { incidentId: 'inc-1' });
    expect(entry).toHaveLength(1);
    store.getState().receiveIncidents(viewOf({ state: hub.state, confirmed: hub.state, pending: [] }));
    expect(selectTriedPending('inc-1', 'e-old')(store.getState())).toBe(false);
    expect(selectIncidentMark('inc-1')(store.getState())).toBeNull();
  });
});

describe('bannerText', () => {
  const base: BannerInput = { signedIn: true, status: 'online', pendingCount: 0, stale: false, refusal: null };

  it.each<[Partial<BannerInput>, string]>([
    [{}, 'Online'],
    [{ pendingCount: 2 }, 'Online — sending 2 changes'],
    [{ status: 'connecting' }, 'Connecting…'],
    [{ status: 'connecting', pendingCount: 1 }, 'Connecting… — 1 change waiting'],
    [{ status: 'connecting', wasOnline: true }, 'Reconnecting…'],
    [{ status: 'offline' }, 'Offline'],
    [{ status: 'offline', pendingCount: 3 }, 'Offline — 3 changes waiting'],
    [{ status: 'offline', pendingCount: 1, stale: true }, 'Offline — 1 change waiting (showing the last saved copy)'],
    [{ status: 'offline', refusal: { code: 'unauthorized', message: 'x' } }, 'Offline — the hub refused this sign-in'],
    [{ status: 'offline', refusal: { code: 'revoked', message: 'x' } }, 'Offline — your access was revoked'],
    [
      { status: 'offline', refusal: { code: 'too_many_connections', message: 'x' } },
      'Offline — this token has too many open connections; trying again',
    ],
    [{ signedIn: false, status: 'offline' }, 'Not connected to a hub'],
  ])('%o reads "%s"', (input, text) => {
    expect(bannerText({ ...base, ...input })).toBe(text);
  });
});

describe('filteredBoardIds', () => {
  const hub = new TestHub();
  stateWith(
    [
      { id: 'a', title: 'a', severity: 'SEV-1' },
      { id: 'b', title: 'b', severity: 'SEV-2', by: bob },
    ],
    hub,
  );
  hub.ok('role.assign', { role: 'fixer', person: alice }, { incidentId: 'b' });

  it('filters by severity, status and "mine", and returns the same array for the same state and filter', () => {
    const all = { status: 'all', severity: 'all', service: '', mine: false } as const;
    expect(filteredBoardIds(hub.state, { ...all, severity: 'SEV-2' }, null)).toEqual(['b']);
    expect(filteredBoardIds(hub.state, { ...all, mine: true }, bob.id)).toEqual(['b']);
    expect(filteredBoardIds(hub.state, { ...all, mine: true }, alice.id)).toEqual(['a', 'b']); // a Fixer on b
    expect(filteredBoardIds(hub.state, { ...all, mine: true }, null)).toEqual([]);
    expect(filteredBoardIds(hub.state, { ...all, status: 'mitigated' }, null)).toEqual([]);
    expect(filteredBoardIds(hub.state, all, null)).toBe(filteredBoardIds(hub.state, { ...all }, null));
  });
});
