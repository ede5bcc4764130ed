import { afterEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../shared/oncall/profile.js';
import { pageTestReplySchema } from '../../shared/protocol/oncall-wire.js';
import { change, oncallView, setUpCheckout, startPagingHub, type PagingHub } from './support/paging-hub.js';

describe('on-call requests: the admin API and what the on-call screen reads', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('lets admins save rotations (names from the hub, a warning below three) and refuses everyone else', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    const ana = await t.connect(t.tokens.ana);
    const rotation = {
      id: 'search',
      name: 'Search',
      members: [{ id: t.people.ana.id, name: 'Whatever the client says' }, t.people.bo],
      handoffTime: '10:00',
      shift: 'daily' as const,
      timeZone: 'America/New_York',
      startDate: '2026-03-23',
    };
    const saved = await change(admin, { kind: 'rotation.save', rotation });
    expect(saved.ok && saved.warnings[0]).toMatch(/2 people.*at least 3/);
    const view = await oncallView(admin);
    expect(view.rotations[0]?.rotation.members.map((m) => m.name)).toEqual(['ana', 'bo']);

    expect(await change(ana, { kind: 'rotation.save', rotation })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await change(ana, { kind: 'service.route', service: 'search', rotationId: 'search' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const stranger = { ...rotation, members: [{ id: 'u_nobody', name: 'Nobody' }] };
    expect(await change(admin, { kind: 'rotation.save', rotation: stranger })).toMatchObject({
      ok: false,
      error: { code: 'unknown_user' },
    });
    const bad: unknown = await admin.socket.timeout(5000).emitWithAck('oncall.change', {
      kind: 'rotation.save',
      rotation: { ...rotation, timeZone: 'Mars/Base' },
    } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(JSON.stringify(bad)).toMatch(/IANA time zone/);
  });

  it('answers `oncall` for any role: who is on call now, the next 14 days, my next shift, pending deadlines', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const viewer = await t.connect(t.tokens.viewer);
    const view = await oncallView(viewer);
    expect(view.at).toBe('2026-03-25T10:00:00.000Z');
    const checkout = view.rotations[0];
    expect(checkout?.now).toEqual({ primary: t.people.ana, backup: t.people.bo });
    expect(checkout?.schedule.map((s) => `${s.start} ${s.primary.name}/${s.backup?.name}`)).toEqual([
      '2026-03-25T10:00:00.000Z ana/bo',
      '2026-03-30T07:00:00.000Z bo/cy', // Monday 09:00, summer time
      '2026-04-06T07:00:00.000Z cy/ana',
    ]);
    expect(view.services).toEqual([{ service: 'checkout', rotationId: 'checkout' }]);
    expect(view.policy['SEV-1']).toEqual({ stepTimeoutMinutes: 5, repeat: 2, ackTimeoutMinutes: 30, window: 'always' });
    expect(view.me).toEqual({ profile: defaultProfile('UTC'), saved: false, nextShift: null });

    const cy = await t.connect(t.tokens.cy);
    expect((await oncallView(cy)).me.nextShift).toEqual({
      rotationId: 'checkout',
      role: 'backup',
      start: '2026-03-30T07:00:00.000Z',
      end: '2026-04-06T07:00:00.000Z', // then primary: a new stretch
    });
  });

  it('lets a person edit their own profile, an admin anyone’s, and nobody else', async () => {
    t = await startPagingHub();
    const ana = await t.connect(t.tokens.ana);
    const admin = await t.connect(t.tokens.admin);
    const profile = { ...defaultProfile('Europe/Lisbon'), holidays: ['2026-04-03'] };
    expect(await change(ana, { kind: 'profile.save', profile })).toEqual({ ok: true, warnings: [] });
    expect((await oncallView(ana)).me).toMatchObject({ profile, saved: true });
    expect(await change(ana, { kind: 'profile.save', userId: t.people.bo.id, profile })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await change(admin, { kind: 'profile.save', userId: t.people.bo.id, profile })).toMatchObject({ ok: true });
    expect((await oncallView(admin)).profiles.map((p) => p.userId).sort()).toEqual(
      [t.people.ana.id, t.people.bo.id].sort(),
    );
  });

  it('lets the people involved arrange an override, checks it, and tells every client the set-up changed', async () => {
    t = await startPagingHub();
    const admin = await t.connect(t.tokens.admin);
    await setUpCheckout(t, admin);
    const ana = await t.connect(t.tokens.ana);
    const cy = await t.connect(t.tokens.cy);
    let changed = 0;
    cy.socket.on('oncall.changed', () => (changed += 1));
    const override = {
      id: 'ana-dentist',
      rotationId: 'checkout',
      replaces: t.people.ana.id,
      person: t.people.cy,
      start: '2026-03-25T09:00:00Z',
      end: '2026-03-25T13:00:00Z',
    };
    expect(await change(ana, { kind: 'override.save', override })).toEqual({ ok: true, warnings: [] });
    expect((await oncallView(admin)).rotations[0]?.now).toEqual({ primary: t.people.cy, backup: t.people.bo });
    const bo = await t.connect(t.tokens.bo);
    expect(await change(bo, { kind: 'override.delete', overrideId: 'ana-dentist' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const stray = { ...override, id: 'x', replaces: 'u_nobody', person: t.people.ana };
    expect(await change(ana, { kind: 'override.save', override: stray })).toMatchObject({
      ok: false,
      error: { code: 'invalid_command' }, // u_nobody is not on the rotation
    });
    // About two other people: refused for that, before the hub looks at the rotation.
    expect(await change(ana, { kind: 'override.save', override: { ...stray, person: t.people.cy } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await change(cy, { kind: 'override.delete', overrideId: 'ana-dentist' })).toEqual({
      ok: true,
      warnings: [],
    });
    expect((await oncallView(admin)).overrides).toEqual([]);
    await cy.sync(0); // a round trip, so the pushes sent before it have arrived
    expect(changed).toBe(2);
  });

  it('sends a test page to the asking person’s own connections only, as no incident event', async () => {
    t = await startPagingHub();
    const ana = await t.connect(t.tokens.ana);
    const anaLaptop = await t.connect(t.tokens.ana);
    const bo = await t.connect(t.tokens.bo);
    const seqBefore = t.hub.state().seq;
    const reply = pageTestReplySchema.parse(await ana.socket.timeout(5000).emitWithAck('page.test', {}));
    expect(reply).toMatchObject({ ok: true, page: { test: true, incident: null } });
    await bo.sync(0);
    await anaLaptop.sync(0);
    expect(ana.pages).toHaveLength(1);
    expect(anaLaptop.pages.map((p) => p.pageId)).toEqual(ana.pages.map((p) => p.pageId));
    expect(bo.pages).toEqual([]);
    expect(t.hub.state().seq).toBe(seqBefore);
  });

  it('refuses malformed requests with a reason', async () => {
    t = await startPagingHub();
    const ana = await t.connect(t.tokens.ana);
    const tooLong: unknown = await ana.socket.timeout(5000).emitWithAck('oncall', { days: 400 });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    const unknownKind: unknown = await ana.socket.timeout(5000).emitWithAck('oncall.change', { kind: 'nope' } as never);
    expect(unknownKind).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    const extra: unknown = await ana.socket.timeout(5000).emitWithAck('page.test', { to: 'bo' } as never);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });
});
