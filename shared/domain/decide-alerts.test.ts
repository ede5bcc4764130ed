import { describe, expect, it } from 'vitest';
import type { NormalizedAlert } from '../alerts/alert.js';
import { applyAll } from './apply.js';
import { commandSchema, type CommandOf } from './commands.js';
import { decide } from './decide.js';
import { stampEvents } from './events.js';
import { EMPTY_STATE, type IncidentsState } from './state.js';

const hub = { id: 'integration-alertmanager', name: 'Alertmanager' };
const now = '2026-11-27T03:10:00.000Z';

const alert = (overrides: Partial<NormalizedAlert> = {}): NormalizedAlert => ({
  source: 'alertmanager',
  key: 'checkout-5xx',
  status: 'firing',
  title: 'Checkout 5xx above 5%',
  description: 'Error rate on /pay',
  service: 'checkout',
  team: 'payments',
  impact: 'Customers cannot pay',
  cause: 'Deploy 4812?',
  runbookUrl: 'https://runbooks.example/checkout-5xx',
  url: 'http://alertmanager/#/alerts',
  severity: 'SEV-1',
  startsAt: '2026-11-27T03:02:00.000Z',
  endsAt: null,
  labels: { alertname: 'Checkout5xx' },
  ...overrides,
});

let n = 0;
/** Runs alert.receive through decide and the reducer, as the hub does. */
function receive(state: IncidentsState, a: NormalizedAlert, incidentId = `inc-${++n}`) {
  const command = commandSchema.parse({
    commandId: `c-${++n}`,
    type: 'alert.receive',
    incidentId,
    payload: { alert: a },
    clientAt: now,
  }) as CommandOf<'alert.receive'>;
  const decision = decide(state, command, hub, now);
  if (!decision.ok) return { state, decision };
  const events = stampEvents(decision.events, {
    firstSeq: state.seq + 1,
    at: now,
    clientAt: now,
    actor: hub,
    commandId: command.commandId,
  });
  return { state: applyAll(state, events), decision };
}

describe('alert.receive', () => {
  it('declares an incident in triage from a new alert, with its context and honest moments', () => {
    const { state, decision } = receive(EMPTY_STATE, alert(), 'inc-a');
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual([
      'incident.declared',
      'alert.attached',
      'checklist.created',
    ]);
    const incident = state.incidents['inc-a'];
    expect(incident).toMatchObject({
      status: 'triage',
      severity: 'SEV-1',
      service: 'checkout',
      team: 'payments',
      title: 'Checkout 5xx above 5%',
    });
    expect(incident?.moments).toMatchObject({
      impactStartedAt: '2026-11-27T03:02:00.000Z',
      detectedAt: now,
      acknowledgedAt: null,
    });
    expect(incident?.roles.lead).toBeNull();
    expect(incident?.alerts[0]).toMatchObject({
      key: 'checkout-5xx',
      count: 1,
      runbookUrl: 'https://runbooks.example/checkout-5xx',
      cause: 'Deploy 4812?',
    });
  });

  it('groups a repeat into the open incident: one noisy monitor, one incident', () => {
    let state = receive(EMPTY_STATE, alert(), 'inc-a').state;
    for (let i = 0; i < 49; i++) state = receive(state, alert({ description: `series ${i}` })).state;
    expect(Object.keys(state.incidents)).toEqual(['inc-a']);
    expect(state.incidents['inc-a']?.alerts[0]).toMatchObject({ count: 50, description: 'series 48' });
  });

  it('marks a resolved alert on its incident without closing it, and refuses an unknown one', () => {
    let state = receive(EMPTY_STATE, alert(), 'inc-a').state;
    const resolved = receive(state, alert({ status: 'resolved', endsAt: '2026-11-27T03:09:00.000Z' }));
    state = resolved.state;
    expect(state.incidents['inc-a']?.alerts[0]).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-27T03:09:00.000Z',
    });
    expect(state.incidents['inc-a']?.status).toBe('triage');
    expect(receive(state, alert({ status: 'resolved' })).decision).toMatchObject({
      ok: false,
      error: { code: 'no_change' },
    });
    expect(receive(state, alert({ key: 'never-seen', status: 'resolved' })).decision).toMatchObject({ ok: false });
  });

  it('opens a new incident when the earlier one for the same key is no longer active', () => {
    const first = receive(EMPTY_STATE, alert(), 'inc-a').state;
    const incident = first.incidents['inc-a'];
    if (!incident) throw new Error('missing');
    const closed = { ...first, incidents: { 'inc-a': { ...incident, status: 'resolved' as const } } };
    expect(Object.keys(receive(closed, alert(), 'inc-b').state.incidents)).toEqual(['inc-a', 'inc-b']);
  });

  it('takes detection from when the hub received the alert (clientAt), not from when it was processed', () => {
    const command = commandSchema.parse({
      commandId: 'late-1',
      type: 'alert.receive',
      incidentId: 'inc-late',
      payload: { alert: alert() },
      clientAt: '2026-11-27T03:05:00.000Z',
    }) as CommandOf<'alert.receive'>;
    const decision = decide(EMPTY_STATE, command, hub, now);
    expect(decision.ok && decision.events[0]?.payload).toMatchObject({ detectedAt: '2026-11-27T03:05:00.000Z' });
  });

  it('never starts impact in the future when the monitor clock runs ahead', () => {
    const { state } = receive(EMPTY_STATE, alert({ startsAt: '2026-11-27T04:00:00.000Z' }), 'inc-a');
    expect(state.incidents['inc-a']?.moments.impactStartedAt).toBe(now);
  });
});

describe('page.record', () => {
  const page = (incidentId: string, heldUntil: string | null) =>
    commandSchema.parse({
      commandId: `c-${++n}`,
      type: 'page.record',
      incidentId,
      payload: {
        pageId: 'p1',
        person: { id: 'u-ana', name: 'Ana' },
        reason: 'initial',
        step: 0,
        round: 0,
        rotationId: 'r1',
        heldUntil,
      },
      clientAt: now,
    });

  it('holds a page until the window opens, then sends it under the same id, once', () => {
    let state = receive(EMPTY_STATE, alert({ severity: 'SEV-3' }), 'inc-a').state;
    const held = decide(state, page('inc-a', '2026-11-27T09:00:00.000Z'), hub, now);
    expect(held).toMatchObject({
      ok: true,
      events: [{ type: 'page.held', payload: { until: '2026-11-27T09:00:00.000Z' } }],
    });
    if (!held.ok) return;
    state = applyAll(
      state,
      stampEvents(held.events, { firstSeq: state.seq + 1, at: now, clientAt: now, actor: hub, commandId: 'x1' }),
    );
    expect(state.incidents['inc-a']?.pages).toEqual([
      expect.objectContaining({ id: 'p1', status: 'held', sentAt: null }),
    ]);
    const sent = decide(state, page('inc-a', null), hub, now);
    if (!sent.ok) throw new Error('refused');
    state = applyAll(
      state,
      stampEvents(sent.events, { firstSeq: state.seq + 1, at: now, clientAt: now, actor: hub, commandId: 'x2' }),
    );
    expect(state.incidents['inc-a']?.pages).toEqual([
      expect.objectContaining({ id: 'p1', status: 'sent', sentAt: now, heldUntil: null }),
    ]);
    expect(decide(state, page('inc-a', null), hub, now)).toMatchObject({ ok: false, error: { code: 'no_change' } });
  });
});

describe('acknowledging again answers a re-page', () => {
  const apply = (state: IncidentsState, type: string, payload: object, commandId: string, at = now) => {
    const command = commandSchema.parse({ commandId, type, incidentId: 'inc-a', payload, clientAt: at });
    const decision = decide(state, command, { id: 'u-ana', name: 'Ana' }, at);
    if (!decision.ok) return { state, decision };
    const events = stampEvents(decision.events, {
      firstSeq: state.seq + 1,
      at,
      clientAt: at,
      actor: hub,
      commandId,
    });
    return { state: applyAll(state, events), decision };
  };

  it('refuses a second acknowledgement until an ack-timeout page comes, then takes it', () => {
    let state = receive(EMPTY_STATE, alert(), 'inc-a').state;
    state = apply(state, 'incident.acknowledge', {}, 'ack-1').state;
    expect(apply(state, 'incident.acknowledge', {}, 'ack-2').decision).toMatchObject({
      ok: false,
      error: { code: 'no_change' },
    });
    state = apply(
      state,
      'page.record',
      {
        pageId: 'p-ack',
        person: { id: 'u-ana', name: 'Ana' },
        reason: 'ack-timeout',
        step: 0,
        round: 0,
        rotationId: null,
        heldUntil: null,
      },
      'page-1',
      '2026-11-27T03:40:00.000Z',
    ).state;
    const again = apply(state, 'incident.acknowledge', {}, 'ack-3', '2026-11-27T03:41:00.000Z');
    expect(again.decision.ok).toBe(true);
    expect(again.state.incidents['inc-a']?.lastAcknowledgedAt).toBe('2026-11-27T03:41:00.000Z');
    expect(again.state.incidents['inc-a']?.moments.acknowledgedAt).toBe(now);
  });
});
