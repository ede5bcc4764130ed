import { randomBytes } from 'node:crypto';
import { withFixture } from './with-fixture.js';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/domain/events.js';
import type { IncidentsState } from '../../../shared/domain/state.js';
import { TestHub } from '../../../shared/domain/test-support.js';
import { DEFAULT_ESCALATION_POLICY, escalationPolicySchema } from '../../../shared/oncall/policy.js';
import { defaultProfile, profileSchema } from '../../../shared/oncall/profile.js';
import { overrideSchema, rotationSchema, type Rotation } from '../../../shared/oncall/rotation.js';
import { hashToken } from '../../auth/tokens.js';
import { UserRoleConflictError, type User } from '../../auth/user-store.js';
import { CHECKPOINT_FORMAT } from '../../store/checkpoints.js';
import type { HubStore } from '../../store/hub-store.js';
import type { NewInboxRow } from '../../webhooks/inbox.js';

export interface HubStoreFixture {
  readonly store: HubStore;
  /** Closes the store and opens it again on the same storage, as a hub restart would. */
  reopen(): Promise<HubStore>;
  dispose(): Promise<void>;
}

/** The hub's time for every store the contract opens: pass `contractClock` as the store's `now`. */
export const CONTRACT_NOW = Date.parse('2026-03-25T10:00:00.000Z');
export const contractClock = (): number => CONTRACT_NOW;
const NOW_ISO = new Date(CONTRACT_NOW).toISOString();

const person = (user: User) => ({ id: user.id, name: user.name });

/** Three people with a rotation each store must keep as the admin saved it (parsed by the real schemas). */
async function people(store: HubStore) {
  const make = async (name: string) => (await store.users.createToken(name, 'responder')).user;
  const [ana, bo, cy] = [await make('ana'), await make('bo'), await make('cy')];
  const checkout: Rotation = rotationSchema.parse({
    id: 'checkout',
    name: 'Checkout',
    members: [person(ana), person(bo), person(cy)],
    handoffTime: '09:00',
    shift: 'weekly',
    timeZone: 'Europe/Berlin',
    startDate: '2026-03-23',
  });
  const search: Rotation = rotationSchema.parse({
    id: 'search',
    name: 'Search',
    members: [person(bo), person(cy)],
    handoffTime: '10:00',
    shift: 'daily',
    timeZone: 'America/New_York',
    startDate: '2026-03-23',
  });
  return { ana, bo, cy, checkout, search };
}

/** A request as the webhook endpoint keeps it: even ones from Alertmanager, odd ones from Sentry. */
function inboxRow(n: number, body: Buffer): NewInboxRow {
  const receivedAt = `2026-03-25T09:5${n}:00.000Z`;
  return n % 2 === 0
    ? {
        source: 'alertmanager',
        tokenId: 't_alertmanager',
        receivedAt,
        headers: { 'user-agent': 'Alertmanager/0.25.0' },
        body,
      }
    : {
        source: 'sentry',
        tokenId: 't_sentry',
        receivedAt,
        headers: { 'sentry-hook-resource': 'event_alert', 'sentry-hook-signature': `${n}`.repeat(64) },
        body,
      };
}

/** Folded states of a real incident at three seqs, as the hub would checkpoint them. */
function foldedStates(): [IncidentsState, IncidentsState, IncidentsState] {
  const hub = new TestHub('2026-03-25T09:00:00.000Z');
  hub.declare({ severity: 'SEV-1', service: 'checkout', summary: 'Payments time out' });
  hub.ok('tried.add', { entryId: 'e1', what: 'Roll back deploy 2026.03.25-1', hypothesis: 'the deploy' });
  const first = hub.state;
  hub.advance(5).ok('tried.set_outcome', { entryId: 'e1', outcome: 'no-effect', note: 'errors unchanged' });
  hub.ok('status_update.post', { updateId: 'u1', text: 'Investigating payment timeouts', audience: 'internal' });
  const second = hub.state;
  hub.advance(10).ok('incident.change_status', { status: 'mitigated', reason: 'gateway failed over' });
  return [first, second, hub.state];
}

/**
 * What every HubStore must do besides the event log (which has its own contract): users and tokens, integration
 * tokens, the webhook inbox, the on-call set-up and paging deadlines, checkpoints, and all of it across a restart.
 * Stores must be opened with `contractClock`.
 */
export function describeHubStoreContract(name: string, open: () => Promise<HubStoreFixture>): void {
  describe(`HubStore contract: ${name}`, () => {
    const withStore = withFixture(open);

    it(
      'makes a user and tokens for them, and knows a token only by what it is',
      withStore(async ({ store }) => {
        const first = await store.users.createToken('ana', 'responder');
        expect(first.token).toMatch(/^wr_[A-Za-z0-9_-]{43}$/);
        expect(first.user).toEqual({ id: expect.any(String), name: 'ana', role: 'responder' });
        expect(await store.users.authenticate(first.token)).toEqual({ tokenId: first.tokenId, user: first.user });
        // A second device for the same person: the same user, its own token, both work.
        const second = await store.users.createToken('ana', 'responder');
        expect(second.user).toEqual(first.user);
        expect(second.tokenId).not.toBe(first.tokenId);
        expect(await store.users.authenticate(second.token)).toEqual({ tokenId: second.tokenId, user: first.user });
        expect(await store.users.isTokenActive(first.tokenId)).toBe(true);
        expect(await store.users.isTokenActive('t_unknown')).toBe(false);
        expect(await store.users.authenticate(`${first.token}x`)).toBeNull();
        expect(await store.users.authenticate(hashToken(first.token))).toBeNull();
      }),
    );

    it(
      'refuses another role for an existing user, and makes no token then',
      withStore(async ({ store }) => {
        const { user } = await store.users.createToken('ana', 'responder');
        const before = await store.users.listTokens();
        await expect(store.users.createToken('ana', 'admin')).rejects.toBeInstanceOf(UserRoleConflictError);
        expect(await store.users.listTokens()).toEqual(before);
        expect(await store.users.listUsers()).toEqual([user]);
      }),
    );

    it(
      'revokes by token id, by the token itself and every token of a user, each once',
      withStore(async ({ store }) => {
        const { users } = store;
        const [a1, a2] = [await users.createToken('ana', 'responder'), await users.createToken('ana', 'responder')];
        const [b1, b2] = [await users.createToken('bo', 'viewer'), await users.createToken('bo', 'viewer')];
        const cy = await users.createToken('cy', 'admin');

        expect(await users.revoke({ id: a1.tokenId })).toBe(1);
        expect(await users.revoke({ id: a1.tokenId })).toBe(0);
        expect(await users.isTokenActive(a1.tokenId)).toBe(false);
        expect(await users.authenticate(a1.token)).toBeNull();
        expect(await users.authenticate(a2.token)).not.toBeNull();

        expect(await users.revoke({ token: a2.token })).toBe(1);
        expect(await users.authenticate(a2.token)).toBeNull();

        expect(await users.revoke({ user: 'bo' })).toBe(2);
        expect(await users.revoke({ user: 'bo' })).toBe(0);
        expect(await users.revoke({ user: 'nobody' })).toBe(0);
        expect(await users.authenticate(b1.token)).toBeNull();
        expect(await users.isTokenActive(b2.tokenId)).toBe(false);
        expect(await users.authenticate(cy.token)).toEqual({ tokenId: cy.tokenId, user: cy.user });

        // Revoked at the hub's time, and still listed (the audit trail), the user too.
        const revoked = (await users.listTokens()).filter((t) => t.revokedAt !== null).map((t) => t.id);
        expect(revoked.sort()).toEqual([a1.tokenId, a2.tokenId, b1.tokenId, b2.tokenId].sort());
        expect(new Set((await users.listTokens()).map((t) => t.revokedAt))).toEqual(new Set([NOW_ISO, null]));
        expect(await users.findUserByName('bo')).toEqual(b1.user);
      }),
    );

    it(
      'lists tokens without their hashes, users by name, and finds users by id and name',
      withStore(async ({ store }) => {
        const zoe = await store.users.createToken('zoe', 'viewer');
        const ana = await store.users.createToken('ana', 'admin');
        const mo = await store.users.createToken('mo', 'responder');
        const grafana = await store.integrations.create('grafana');
        const tokens = await store.users.listTokens();
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        const row = { createdAt: NOW_ISO, revokedAt: null };
        expect([...tokens].sort(byId)).toEqual(
          [
            { id: zoe.tokenId, user: 'zoe', role: 'viewer', integration: null, ...row },
            { id: ana.tokenId, user: 'ana', role: 'admin', integration: null, ...row },
            { id: mo.tokenId, user: 'mo', role: 'responder', integration: null, ...row },
            { id: grafana.tokenId, user: null, role: null, integration: 'grafana', ...row },
          ].sort(byId),
        );
        const dump = JSON.stringify(tokens);
        for (const { token } of [zoe, ana, mo, grafana]) {
          expect(dump).not.toContain(token);
          expect(dump).not.toContain(hashToken(token));
        }

        expect(await store.users.listUsers()).toEqual([ana.user, mo.user, zoe.user]);
        expect(await store.users.findUserById(mo.user.id)).toEqual(mo.user);
        expect(await store.users.findUserByName('zoe')).toEqual(zoe.user);
        expect(await store.users.findUserById('u_nobody')).toBeUndefined();
        expect(await store.users.findUserByName('nobody')).toBeUndefined();
      }),
    );

    it(
      "keeps integration tokens apart from users' tokens and revokes them per integration",
      withStore(async ({ store }) => {
        const { integrations, users } = store;
        const admin = await users.createToken('admin', 'admin');
        const am = await integrations.create('alertmanager');
        const am2 = await integrations.create('alertmanager');
        const sentry = await integrations.create('sentry', 'client-secret-1');
        expect(am.token).toMatch(/^wr_[A-Za-z0-9_-]{43}$/);
        expect(await integrations.authenticate(am.token)).toEqual({
          tokenId: am.tokenId,
          source: 'alertmanager',
          signingSecret: null,
        });
        expect(await integrations.authenticate(sentry.token)).toEqual({
          tokenId: sentry.tokenId,
          source: 'sentry',
          signingSecret: 'client-secret-1',
        });
        // Neither kind opens the other's door.
        expect(await users.authenticate(am.token)).toBeNull();
        expect(await integrations.authenticate(admin.token)).toBeNull();

        expect(await integrations.revokeIntegration('alertmanager')).toBe(2);
        expect(await integrations.revokeIntegration('alertmanager')).toBe(0);
        expect(await integrations.revokeIntegration('datadog')).toBe(0);
        expect(await integrations.authenticate(am.token)).toBeNull();
        expect(await integrations.authenticate(am2.token)).toBeNull();
        expect(await integrations.authenticate(sentry.token)).not.toBeNull();
        expect(await users.authenticate(admin.token)).toEqual({ tokenId: admin.tokenId, user: admin.user });
      }),
    );

    it(
      'keeps webhook requests, oldest first and byte for byte, until they are removed; ids are never reused',
      withStore(async ({ store }) => {
        const { inbox } = store;
        const rows = [
          inboxRow(0, Buffer.from(JSON.stringify({ version: '4', status: 'firing', alerts: [] }))),
          // Whatever bytes arrived, not only valid UTF-8.
          inboxRow(1, Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x0d, 0x0a, 0x80, 0x7d])),
          inboxRow(2, randomBytes(32 * 1024)),
        ];
        const ids: number[] = [];
        for (const row of rows) ids.push(await inbox.add(row));
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        expect(new Set(ids).size).toBe(3);
        expect(await inbox.count()).toBe(3);

        const [id0, id1, id2] = ids as [number, number, number];
        expect(await inbox.claim(2)).toEqual([
          { ...rows[0], id: id0, attempts: 0 },
          { ...rows[1], id: id1, attempts: 0 },
        ]);
        await inbox.remove([id0, id1]);
        expect(await inbox.count()).toBe(1);
        expect(await inbox.claim(10)).toEqual([{ ...rows[2], id: id2, attempts: 0 }]);
        await inbox.remove([id2]);
        expect(await inbox.count()).toBe(0);
        expect(await inbox.claim(10)).toEqual([]);

        // Command ids are made from inbox ids: an id once given out never comes back, even with the inbox empty.
        expect(await inbox.add(rows[0] as NewInboxRow)).toBeGreaterThan(id2);
      }),
    );

    it(
      'counts failed tries, gives a failed request back, and sets requests aside until retried',
      withStore(async ({ store }) => {
        const { inbox } = store;
        const body = Buffer.from('{"status":"firing"}');
        const a = await inbox.add(inboxRow(0, body));
        const b = await inbox.add(inboxRow(1, body));
        const c = await inbox.add(inboxRow(2, body));

        await inbox.setAside(c, 'no longer parses: version "3"', '2026-03-25T09:59:00.000Z');
        expect(await inbox.count()).toBe(3); // kept, only hidden
        expect((await inbox.claim(10)).map((r) => [r.id, r.attempts])).toEqual([
          [a, 0],
          [b, 0],
        ]);

        await inbox.recordAttempt([a, b], 'storage_failed');
        expect((await inbox.claim(10)).map((r) => [r.id, r.attempts])).toEqual([
          [a, 1],
          [b, 1],
        ]);
        await inbox.recordAttempt([a], 'storage_failed');
        const third = await inbox.claim(10);
        expect(third.find((r) => r.id === a)).toMatchObject({ attempts: 2, body });
        expect(third.some((r) => r.id === c)).toBe(false);

        expect(await inbox.retrySetAside()).toBe(1);
        expect(await inbox.retrySetAside()).toBe(0);
        const retried = (await inbox.claim(10)).find((r) => r.id === c);
        expect(retried).toEqual({ ...inboxRow(2, body), id: c, attempts: 1 });

        await inbox.remove([a, b, c]);
        expect(await inbox.count()).toBe(0);
      }),
    );

    it(
      'saves rotations, overrides, routes, settings and profiles, and load() reflects them all',
      withStore(async ({ store }) => {
        const { oncall } = store;
        expect(await oncall.load()).toEqual({
          rotations: [],
          overrides: [],
          services: [],
          defaultRotationId: null,
          policy: DEFAULT_ESCALATION_POLICY,
          profiles: new Map(),
        });
        const { ana, bo, cy, checkout, search } = await people(store);
        await oncall.saveRotation(search);
        await oncall.saveRotation(checkout);
        const renamed = { ...checkout, name: 'Checkout and payments' };
        await oncall.saveRotation(renamed);
        expect(await oncall.rotation('checkout')).toEqual(renamed);
        expect(await oncall.rotation('nope')).toBeUndefined();

        const dentist = overrideSchema.parse({
          id: 'ana-dentist',
          rotationId: 'checkout',
          replaces: ana.id,
          person: person(cy),
          start: '2026-03-25T09:00:00+00:00',
          end: '2026-03-25T13:00:00Z',
        });
        const holiday = overrideSchema.parse({
          id: 'bo-holiday',
          rotationId: 'search',
          replaces: bo.id,
          person: person(cy),
          start: '2026-04-01T00:00:00Z',
          end: '2026-04-08T00:00:00Z',
          note: 'Easter',
        });
        const lastWeek = overrideSchema.parse({
          id: 'swap-last-week',
          rotationId: 'checkout',
          replaces: bo.id,
          person: person(ana),
          start: '2026-03-16T09:00:00+01:00',
          end: '2026-03-18T09:00:00+01:00',
        });
        // Ended over a month ago: kept as history, no longer loaded.
        const january = overrideSchema.parse({
          ...lastWeek,
          id: 'swap-january',
          start: '2026-01-05T08:00:00Z',
          end: '2026-01-06T08:00:00Z',
        });
        const dropped = overrideSchema.parse({ ...dentist, id: 'dropped' });
        for (const o of [holiday, dentist, lastWeek, january, dropped]) await oncall.saveOverride(o);
        expect(await oncall.deleteOverride('dropped')).toBe(true);
        expect(await oncall.deleteOverride('dropped')).toBe(false);
        expect(await oncall.override('swap-january')).toEqual(january);
        expect(await oncall.override('dropped')).toBeUndefined();

        await oncall.routeService('  Checkout ', 'checkout');
        await oncall.routeService('search', 'search');
        await oncall.routeService('billing', 'checkout');
        await oncall.routeService('Billing', null);

        const policy = escalationPolicySchema.parse({
          ...DEFAULT_ESCALATION_POLICY,
          'SEV-1': { stepTimeoutMinutes: 3, repeat: 1, ackTimeoutMinutes: null, window: 'always' },
        });
        await oncall.saveSettings({ policy, defaultRotationId: 'search' });
        await oncall.saveSettings({ defaultRotationId: 'checkout' }); // the policy stays
        const lisbon = profileSchema.parse({ ...defaultProfile('Europe/Lisbon'), holidays: ['2026-04-03'] });
        await oncall.saveProfile(ana.id, defaultProfile('UTC'));
        await oncall.saveProfile(ana.id, lisbon);
        await oncall.saveProfile(bo.id, defaultProfile('America/New_York'));

        expect(await oncall.load()).toEqual({
          rotations: [renamed, search],
          overrides: [lastWeek, dentist, holiday],
          services: [
            { service: 'checkout', rotationId: 'checkout' },
            { service: 'search', rotationId: 'search' },
          ],
          defaultRotationId: 'checkout',
          policy,
          profiles: new Map([
            [ana.id, lisbon],
            [bo.id, defaultProfile('America/New_York')],
          ]),
        });

        await oncall.saveSettings({ defaultRotationId: null });
        expect(await oncall.load()).toMatchObject({ defaultRotationId: null, policy });
      }),
    );

    it(
      'deletes a rotation with its overrides and routes, and clears it as the default',
      withStore(async ({ store }) => {
        const { oncall } = store;
        const { ana, cy, checkout, search } = await people(store);
        await oncall.saveRotation(checkout);
        await oncall.saveRotation(search);
        const cover = overrideSchema.parse({
          id: 'cover',
          rotationId: 'checkout',
          replaces: ana.id,
          person: person(cy),
          start: '2026-03-25T09:00:00Z',
          end: '2026-03-26T09:00:00Z',
        });
        await oncall.saveOverride(cover);
        await oncall.routeService('checkout', 'checkout');
        await oncall.routeService('search', 'search');
        await oncall.saveSettings({ defaultRotationId: 'checkout' });

        expect(await oncall.deleteRotation('checkout')).toBe(true);
        expect(await oncall.deleteRotation('checkout')).toBe(false);
        expect(await oncall.override('cover')).toBeUndefined();
        expect(await oncall.load()).toMatchObject({
          rotations: [search],
          overrides: [],
          services: [{ service: 'search', rotationId: 'search' }],
          defaultRotationId: null,
        });

        // Deleting another rotation leaves the default alone.
        await oncall.saveSettings({ defaultRotationId: 'search' });
        await oncall.saveRotation({ ...checkout, id: 'spare' });
        expect(await oncall.deleteRotation('spare')).toBe(true);
        expect((await oncall.load()).defaultRotationId).toBe('search');
      }),
    );

    it(
      "replaces paging deadlines per incident, leaving other incidents' alone, and clears them",
      withStore(async ({ store }) => {
        const { oncall } = store;
        expect(await oncall.deadlines()).toEqual([]);
        await oncall.replaceDeadlines(
          new Map([
            [
              'inc-a',
              [
                { kind: 'escalation', dueAt: '2026-03-25T10:05:00.000Z', step: 1, round: 0 },
                { kind: 'release', dueAt: '2026-03-25T18:00:00.000Z', step: 0, round: 0 },
              ],
            ],
            ['inc-b', [{ kind: 'ack-timeout', dueAt: '2026-03-25T10:30:00.000Z', step: 0, round: 1 }]],
          ]),
        );
        expect(await oncall.deadlines()).toEqual([
          { incidentId: 'inc-a', kind: 'escalation', dueAt: '2026-03-25T10:05:00.000Z', step: 1, round: 0 },
          { incidentId: 'inc-b', kind: 'ack-timeout', dueAt: '2026-03-25T10:30:00.000Z', step: 0, round: 1 },
          { incidentId: 'inc-a', kind: 'release', dueAt: '2026-03-25T18:00:00.000Z', step: 0, round: 0 },
        ]);

        await oncall.replaceDeadlines(
          new Map([['inc-a', [{ kind: 'escalation', dueAt: '2026-03-25T10:20:00.000Z', step: 2, round: 0 }]]]),
        );
        await oncall.replaceDeadlines(new Map());
        expect(await oncall.deadlines()).toEqual([
          { incidentId: 'inc-a', kind: 'escalation', dueAt: '2026-03-25T10:20:00.000Z', step: 2, round: 0 },
          { incidentId: 'inc-b', kind: 'ack-timeout', dueAt: '2026-03-25T10:30:00.000Z', step: 0, round: 1 },
        ]);

        await oncall.replaceDeadlines(new Map([['inc-a', []]]));
        expect((await oncall.deadlines()).map((d) => d.incidentId)).toEqual(['inc-b']);
      }),
    );

    it(
      'keeps the newest checkpoint of its format and leaves other formats alone',
      withStore(async ({ store }) => {
        const { checkpoints } = store;
        const [first, second, third] = foldedStates();
        const newer = CHECKPOINT_FORMAT + 1;
        expect(await checkpoints.latest(CHECKPOINT_FORMAT)).toBeNull();

        await checkpoints.save(CHECKPOINT_FORMAT, first);
        expect(await checkpoints.latest(CHECKPOINT_FORMAT)).toEqual(first);
        // Two nodes checkpointing the same seq: the second changes nothing.
        await checkpoints.save(CHECKPOINT_FORMAT, first);
        expect(await checkpoints.latest(CHECKPOINT_FORMAT)).toEqual(first);

        // A newer hub's checkpoint (rolled back since) is never read as this format.
        await checkpoints.save(newer, first);
        expect(await checkpoints.latest(newer)).toEqual(first);
        await checkpoints.save(CHECKPOINT_FORMAT, second);
        await checkpoints.save(CHECKPOINT_FORMAT, third);
        expect(await checkpoints.latest(CHECKPOINT_FORMAT)).toEqual(third);
        expect(await checkpoints.latest(newer)).toEqual(first);
        expect(await checkpoints.latest(CHECKPOINT_FORMAT + 2)).toBeNull();
      }),
    );

    it(
      'keeps everything across a reopen',
      withStore(async (fixture) => {
        const before = fixture.store;
        const { ana, checkout } = await people(before);
        const viewer = await before.users.createToken('vic', 'viewer');
        const revoked = await before.users.createToken('old', 'viewer');
        await before.users.revoke({ id: revoked.tokenId });
        const generic = await before.integrations.create('generic');
        await before.oncall.saveRotation(checkout);
        await before.oncall.saveOverride(
          overrideSchema.parse({
            id: 'cover',
            rotationId: 'checkout',
            replaces: ana.id,
            person: { id: viewer.user.id, name: 'vic' },
            start: '2026-03-25T09:00:00Z',
            end: '2026-03-26T09:00:00Z',
          }),
        );
        await before.oncall.routeService('checkout', 'checkout');
        await before.oncall.saveSettings({ defaultRotationId: 'checkout' });
        await before.oncall.saveProfile(ana.id, defaultProfile('Europe/Berlin'));
        await before.oncall.replaceDeadlines(
          new Map([['inc-1', [{ kind: 'escalation', dueAt: '2026-03-25T10:05:00.000Z', step: 1, round: 0 }]]]),
        );
        const [state] = foldedStates();
        await before.checkpoints.save(CHECKPOINT_FORMAT, state);
        const pending = inboxRow(0, Buffer.from('{"version":"4"}'));
        const pendingId = await before.inbox.add(pending);
        const asideId = await before.inbox.add(inboxRow(1, Buffer.from('not json')));
        await before.inbox.setAside(asideId, 'no longer parses', NOW_ISO);
        const events: DomainEvent[] = [
          {
            seq: 1,
            type: 'tried.added',
            incidentId: 'inc-1',
            at: NOW_ISO,
            clientAt: NOW_ISO,
            actor: person(ana),
            commandId: 'cmd-1',
            payload: { entryId: 'e1', what: 'restart the gateway', hypothesis: '', outcome: 'pending' },
          },
        ];
        await before.events.append({
          events,
          commands: [{ commandId: 'cmd-1', actorId: ana.id, firstSeq: 1, lastSeq: 1 }],
        });
        const look = async (store: HubStore) => ({
          tokens: await store.users.listTokens(),
          users: await store.users.listUsers(),
          oncall: await store.oncall.load(),
          deadlines: await store.oncall.deadlines(),
          checkpoint: await store.checkpoints.latest(CHECKPOINT_FORMAT),
          inbox: await store.inbox.count(),
          head: await store.events.head(),
          events: await store.events.readSince(0, 100),
        });
        const seen = await look(before);

        const after = await fixture.reopen();
        expect(await look(after)).toEqual(seen);
        expect(seen).toMatchObject({ head: 1, inbox: 2, checkpoint: state, events });
        expect((await after.users.authenticate(viewer.token))?.user).toEqual(viewer.user);
        expect(await after.users.authenticate(revoked.token)).toBeNull();
        expect(await after.integrations.authenticate(generic.token)).toMatchObject({ source: 'generic' });
        expect(await after.inbox.claim(10)).toEqual([{ ...pending, id: pendingId, attempts: 0 }]);
        expect(await after.inbox.retrySetAside()).toBe(1);
        expect(await after.health()).toEqual({ ok: true });
      }),
    );
  });
}
