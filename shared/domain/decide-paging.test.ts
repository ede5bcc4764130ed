/** "Nobody was paged" (page.report_unrouted, hub only) and a chosen rotation (page.choose_rotation): decide + reducer. */
import { describe, expect, it } from 'vitest';
import type { Person } from './primitives.js';
import { INC, T0, TestHub, bob, minutesAfter } from './test-support.js';

const WARROOM: Person = { id: 'warroom', name: 'Warroom' };
const NO_SEARCH = { severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' } as const;

function triaged(): TestHub {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-1', status: 'triage', service: 'search' });
  return hub;
}

const page = (heldUntil: string | null = null) => ({
  pageId: 'p1',
  person: bob,
  reason: 'initial' as const,
  step: 0,
  round: 0,
  rotationId: 'search',
  heldUntil,
});

describe('page.report_unrouted', () => {
  it('records why nobody was paged on the incident', () => {
    const hub = triaged();
    hub.advance(1);
    expect(hub.ok('page.report_unrouted', NO_SEARCH, { actor: WARROOM })).toMatchObject([
      { type: 'page.unrouted', incidentId: INC, payload: NO_SEARCH, actor: WARROOM },
    ]);
    expect(hub.incident().unrouted).toEqual({ at: minutesAfter(T0, 1), ...NO_SEARCH });
  });

  it('records each cause once: the same one again changes nothing, a new severity or reason is recorded', () => {
    const hub = triaged();
    hub.ok('page.report_unrouted', NO_SEARCH, { actor: WARROOM });
    expect(hub.send('page.report_unrouted', NO_SEARCH, { actor: WARROOM })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'INC-1 is already marked as paging nobody.' },
    });
    hub.ok('page.report_unrouted', { ...NO_SEARCH, severity: 'SEV-2' }, { actor: WARROOM });
    hub.ok('page.report_unrouted', { ...NO_SEARCH, reason: 'nobody is on call in Search' }, { actor: WARROOM });
    expect(hub.log.filter((e) => e.type === 'page.unrouted')).toHaveLength(3);
    expect(hub.incident().unrouted?.reason).toBe('nobody is on call in Search');
  });

  it('is refused once the incident no longer needs paging', () => {
    const hub = triaged();
    hub.ok('incident.change_status', { status: 'investigating' });
    hub.ok('incident.change_status', { status: 'resolved' });
    expect(hub.send('page.report_unrouted', NO_SEARCH, { actor: WARROOM })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'INC-1 is resolved; nobody needs paging.' },
    });
  });

  it('is cleared by the next page, sent or held', () => {
    const sent = triaged();
    sent.ok('page.report_unrouted', NO_SEARCH, { actor: WARROOM });
    sent.ok('page.record', page(), { actor: WARROOM });
    expect(sent.incident().unrouted).toBeNull();

    const held = triaged();
    held.ok('page.report_unrouted', NO_SEARCH, { actor: WARROOM });
    held.ok('page.record', page(minutesAfter(T0, 60)), { actor: WARROOM });
    expect(held.incident().unrouted).toBeNull();
  });
});

describe('page.choose_rotation', () => {
  it('sets the rotation that pages the incident and clears "nobody was paged"', () => {
    const hub = triaged();
    hub.ok('page.report_unrouted', NO_SEARCH, { actor: WARROOM });
    expect(hub.ok('page.choose_rotation', { rotationId: 'search' }, { actor: bob })).toMatchObject([
      { type: 'page.rotation_chosen', payload: { rotationId: 'search' }, actor: bob },
    ]);
    expect(hub.incident()).toMatchObject({ rotationId: 'search', unrouted: null });
  });

  it('refuses the rotation already chosen, and lets another replace it', () => {
    const hub = triaged();
    hub.ok('page.choose_rotation', { rotationId: 'search' });
    expect(hub.send('page.choose_rotation', { rotationId: 'search' })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'INC-1 already pages that rotation.' },
    });
    hub.ok('page.choose_rotation', { rotationId: 'platform' });
    expect(hub.incident().rotationId).toBe('platform');
  });

  it('is refused on an incident that no longer needs paging', () => {
    const hub = triaged();
    hub.ok('incident.change_status', { status: 'investigating' });
    hub.ok('incident.change_status', { status: 'resolved' });
    expect(hub.send('page.choose_rotation', { rotationId: 'search' })).toEqual({
      ok: false,
      error: { code: 'no_change', message: 'INC-1 is resolved; nobody needs paging.' },
    });
  });

  it('starts with no rotation chosen and nothing unrouted', () => {
    expect(triaged().incident()).toMatchObject({ rotationId: null, unrouted: null });
  });
});
