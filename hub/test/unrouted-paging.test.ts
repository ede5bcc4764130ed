import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/domain/events.js';
import { eventBatchSchema } from '../../shared/protocol/wire.js';
import { FakeTime } from './support/fake-time.js';
import { captureLogs } from './support/log-capture.js';
import {
  MINUTE,
  WEDNESDAY,
  change,
  declareAt,
  pagesSeen,
  setUpCheckout,
  startPagingHub,
  type PagingHub,
} from './support/paging-hub.js';
import { uid } from './support/test-client.js';

/**
 * Nobody is silently unpaged: an unacknowledged incident with no rotation to page records "nobody was paged", and why,
 * with its declaration, and the hub log warns. Real hub, real SQLite, real socket.io, fake clock.
 */
describe('an incident that pages nobody says so', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('commits page.unrouted with the declaration of an unrouted SEV-1, and warns in the hub log', async () => {
    const logs = captureLogs('info');
    t = await startPagingHub(new FakeTime(WEDNESDAY), undefined, logs.logger);
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    await setUpCheckout(t, admin); // checkout is routed; search is not, and there is no default rotation
    const batches: DomainEvent[][] = [];
    ana.socket.on('events', (raw) => batches.push(eventBatchSchema.parse(raw)));

    const incidentId = await declareAt(admin, t.time, { service: 'search', severity: 'SEV-1' });
    await t.hub.paging.settled();
    await ana.waitForSeq(t.hub.state().seq);

    // One commit, one broadcast: the declaration and the report, with consecutive seqs.
    const batch = batches.find((b) => b.some((e) => e.type === 'incident.declared'));
    expect(batch?.map((e) => e.type).at(0)).toBe('incident.declared');
    expect(batch?.at(-1)).toMatchObject({
      type: 'page.unrouted',
      incidentId,
      actor: { id: 'warroom' },
      payload: { severity: 'SEV-1', service: 'search', reason: 'no rotation covers search' },
    });
    const seqs = batch?.map((e) => e.seq) ?? [];
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(ana.replica.state.incidents[incidentId]?.unrouted).toEqual({
      at: WEDNESDAY,
      severity: 'SEV-1',
      service: 'search',
      reason: 'no rotation covers search',
    });
    expect(logs.lines('Nobody was paged: no rotation covers search')).toEqual([
      expect.objectContaining({ level: 40, incidentId, service: 'search', severity: 'SEV-1' }),
    ]);

    // Looked at again (time passes, people act): the same cause is not recorded or logged again.
    await t.advance(30 * MINUTE);
    const tried = await admin.send('tried.add', incidentId, { entryId: 'e1', what: 'Restarted the search pods' });
    expect(tried.ok).toBe(true);
    await t.hub.paging.settled();
    const log = await t.hub.store.readIncident(incidentId);
    expect(log.filter((e) => e.type === 'page.unrouted')).toHaveLength(1);
    expect(logs.count('Nobody was paged: no rotation covers search')).toBe(1);
    expect(await pagesSeen(t, admin, incidentId)).toEqual([]);
  });

  it('says why for an incident that names no service', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const incidentId = await declareAt(admin, t.time, { service: '', severity: 'SEV-2' });
    await t.hub.paging.settled();
    const log = await t.hub.store.readIncident(incidentId);
    expect(log.find((e) => e.type === 'page.unrouted')?.payload).toEqual({
      severity: 'SEV-2',
      service: '',
      reason: 'the incident names no service and there is no default rotation',
    });
  });

  it('records a new cause when the severity is raised', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const incidentId = await declareAt(admin, t.time, { service: 'search', severity: 'SEV-2' });
    const ack = await admin.sendRaw({
      commandId: uid(),
      type: 'incident.change_severity',
      incidentId,
      clientAt: t.time.iso,
      payload: { severity: 'SEV-1', reason: 'All of search is down' },
    });
    expect(ack.ok).toBe(true);
    await t.hub.paging.settled();
    const log = await t.hub.store.readIncident(incidentId);
    expect(log.filter((e) => e.type === 'page.unrouted').map((e) => e.payload.severity)).toEqual(['SEV-2', 'SEV-1']);
  });

  it('falls back to the default rotation, paging and recording nobody as unpaged', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin, { kind: 'settings.save', defaultRotationId: 'checkout' });
    const incidentId = await declareAt(admin, t.time, { service: 'search' });
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:00 sent initial s0r0 ana']);
    const log = await t.hub.store.readIncident(incidentId);
    expect(log.some((e) => e.type === 'page.unrouted')).toBe(false);
  });

  it('pages once a route is saved, and the page clears "nobody was paged"', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const incidentId = await declareAt(admin, t.time, { service: 'search' });
    await t.advance(2 * MINUTE);
    expect(await change(admin, { kind: 'service.route', service: 'search', rotationId: 'checkout' })).toEqual({
      ok: true,
      warnings: [],
    });
    expect(await pagesSeen(t, admin, incidentId)).toEqual(['10:02 sent initial s0r0 ana']);
    await admin.waitForSeq(t.hub.state().seq);
    expect(admin.replica.state.incidents[incidentId]?.unrouted).toBeNull();
  });
});
