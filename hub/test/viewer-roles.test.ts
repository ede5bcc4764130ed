import { afterEach, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../shared/protocol/wire.js';
import { change, declareAt, oncallView, setUpCheckout, startPagingHub, type PagingHub } from './support/paging-hub.js';
import { uid, type TestClient } from './support/test-client.js';

const VIEWER_WORDS = 'vic is a viewer: viewers follow incidents but cannot';
const ADMIN_WORDS = 'An admin can make them a responder.';

/** Viewers follow incidents: they cannot be given a working role, a checklist item, or a place on call. */
describe('viewers are not given response work', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** The viewer as the hub lists them in `welcome.people`, with their user role. */
  function viewerOf(client: TestClient): { id: string; name: string } {
    const vic = client.welcome.people.find((p) => p.role === 'viewer');
    if (!vic) throw new Error('no viewer in welcome.people');
    return { id: vic.id, name: vic.name };
  }

  const send = (client: TestClient, type: string, incidentId: string, payload: object): Promise<CommandAck> =>
    client.sendRaw({ commandId: uid(), type, incidentId, clientAt: t?.time.iso, payload });

  it('lists each person with their user role, so the app can leave viewers out', async () => {
    t = await startPagingHub();
    const ana = await t.connect(t.tokens.ana);
    expect(ana.welcome.people.map((p) => `${p.name}:${p.role}`).sort()).toEqual([
      'admin:admin',
      'ana:responder',
      'bo:responder',
      'cy:responder',
      'vic:viewer',
    ]);
  });

  it('refuses role.assign, a declared lead and a checklist owner naming a viewer, changing nothing', async () => {
    t = await startPagingHub();
    const ana = await t.connect(t.tokens.ana);
    const vic = viewerOf(ana);
    const incidentId = await declareAt(ana, t.time, { status: 'investigating' });
    const seq = t.hub.state().seq;

    expect(await send(ana, 'role.assign', incidentId, { role: 'fixer', person: vic })).toEqual({
      ok: false,
      error: {
        code: 'viewer_cannot_respond',
        message: `${VIEWER_WORDS} hold Incident Lead, Comms Lead or Fixer. ${ADMIN_WORDS}`,
      },
    });
    for (const role of ['lead', 'comms'])
      expect(await send(ana, 'role.assign', incidentId, { role, person: vic })).toMatchObject({
        ok: false,
        error: { code: 'viewer_cannot_respond' },
      });
    const declared = await send(ana, 'incident.declare', uid(), {
      title: 'Search is slow',
      severity: 'SEV-3',
      lead: vic,
    });
    expect(declared).toMatchObject({ ok: false, error: { code: 'viewer_cannot_respond' } });
    const checklistId = t.hub.state().incidents[incidentId]?.checklists[0]?.id ?? '';
    const itemId = t.hub.state().incidents[incidentId]?.checklists[0]?.items[0]?.id ?? '';
    expect(await send(ana, 'checklist.assign_item', incidentId, { checklistId, itemId, owner: vic })).toEqual({
      ok: false,
      error: { code: 'viewer_cannot_respond', message: `${VIEWER_WORDS} own checklist items. ${ADMIN_WORDS}` },
    });
    expect(t.hub.state().seq).toBe(seq);

    // A responder is given the same work without trouble (and gets the hub's name for them).
    const bo = { id: t.people.bo.id, name: 'someone else' };
    expect(await send(ana, 'role.assign', incidentId, { role: 'fixer', person: bo })).toMatchObject({ ok: true });
    expect(await send(ana, 'checklist.assign_item', incidentId, { checklistId, itemId, owner: bo })).toMatchObject({
      ok: true,
    });
    expect(t.hub.state().incidents[incidentId]?.checklists[0]?.items[0]?.owner).toEqual(t.people.bo);
  });

  it('refuses a rotation or an override that puts a viewer on call, saving nothing', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const vic = viewerOf(admin);
    await setUpCheckout(t, admin);
    const before = await oncallView(admin);

    const rotation = {
      id: 'search',
      name: 'Search',
      members: [t.people.ana, vic, t.people.bo],
      handoffTime: '09:00',
      shift: 'weekly' as const,
      timeZone: 'Europe/Berlin',
      startDate: '2026-03-23',
    };
    expect(await change(admin, { kind: 'rotation.save', rotation })).toEqual({
      ok: false,
      error: { code: 'viewer_cannot_respond', message: `${VIEWER_WORDS} be on call or cover a shift. ${ADMIN_WORDS}` },
    });
    const override = {
      id: 'o-vic',
      rotationId: 'checkout',
      replaces: t.people.ana.id,
      person: vic,
      start: '2026-03-26T00:00:00.000Z',
      end: '2026-03-27T00:00:00.000Z',
    };
    expect(await change(admin, { kind: 'override.save', override })).toMatchObject({
      ok: false,
      error: { code: 'viewer_cannot_respond' },
    });
    const after = await oncallView(admin);
    expect(after.rotations.map((r) => r.rotation.id)).toEqual(before.rotations.map((r) => r.rotation.id));
    expect(after.overrides).toEqual([]);
  });
});
