/** "Nobody was paged" (page.report_unrouted, hub only) and a chosen rotation (page.choose_rotation): decide + reducer. */
import { describe, expect, it } from 'vitest';
import { HUB_ONLY_COMMANDS } from './commands.js';
import type { PageDeliveryPayload } from './incident.js';
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

describe('page.record_delivery', () => {
  const delivery = (over: Partial<PageDeliveryPayload> = {}): PageDeliveryPayload => ({
    pageId: 'p1',
    methodId: 'm-mail',
    method: 'email',
    target: 'b•••@example.com',
    result: 'retrying',
    attempt: 1,
    detail: '421 try later',
    nextAttemptAt: minutesAfter(T0, 1),
    ...over,
  });

  it('keeps the latest result per method on the page, in first-try order', () => {
    const hub = triaged();
    hub.ok('page.record', page(), { actor: WARROOM });
    hub.advance(1);
    hub.ok('page.record_delivery', delivery(), { actor: WARROOM });
    hub.ok(
      'page.record_delivery',
      delivery({ methodId: 'm-ntfy', method: 'ntfy', result: 'sent', detail: 'HTTP 200', nextAttemptAt: null }),
      { actor: WARROOM },
    );
    hub.advance(1);
    hub.ok('page.record_delivery', delivery({ result: 'sent', attempt: 2, detail: '250 OK', nextAttemptAt: null }), {
      actor: WARROOM,
    });
    expect(hub.incident().pages[0]?.deliveries).toEqual([
      {
        methodId: 'm-mail',
        method: 'email',
        target: 'b•••@example.com',
        result: 'sent',
        attempts: 2,
        at: minutesAfter(T0, 2),
        detail: '250 OK',
        nextAttemptAt: null,
      },
      {
        methodId: 'm-ntfy',
        method: 'ntfy',
        target: 'b•••@example.com',
        result: 'sent',
        attempts: 1,
        at: minutesAfter(T0, 1),
        detail: 'HTTP 200',
        nextAttemptAt: null,
      },
    ]);
  });

  it('refuses a page that was not sent, and an attempt already recorded or older', () => {
    const hub = triaged();
    expect(hub.send('page.record_delivery', delivery(), { actor: WARROOM })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'INC-1 has no sent page p1.' },
    });
    hub.ok('page.record', page(minutesAfter(T0, 60)), { actor: WARROOM });
    expect(hub.send('page.record_delivery', delivery(), { actor: WARROOM })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    hub.ok('page.record', page(), { actor: WARROOM });
    hub.ok('page.record_delivery', delivery({ attempt: 2 }), { actor: WARROOM });
    expect(hub.send('page.record_delivery', delivery({ attempt: 2 }), { actor: WARROOM })).toMatchObject({
      ok: false,
      error: { code: 'no_change' },
    });
    expect(
      hub.send('page.record_delivery', delivery({ attempt: 1, result: 'sent' }), { actor: WARROOM }),
    ).toMatchObject({ ok: false, error: { code: 'no_change' } });
    hub.ok('page.record_delivery', delivery({ attempt: 2, result: 'failed', nextAttemptAt: null }), { actor: WARROOM });
  });

  it('is refused to clients: only the hub records deliveries', () => {
    expect(HUB_ONLY_COMMANDS).toContain('page.record_delivery');
  });
});
