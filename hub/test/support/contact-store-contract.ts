import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutboxRow, StoredContactMethod } from '../../contact/contact-store.js';
import type { HubStore } from '../../store/hub-store.js';
import { freshDelivery } from './outbox-rows.js';
import type { StoreFixture } from './store-fixtures.js';
import { withFixture } from './with-fixture.js';

export type ContactStoreFixture = StoreFixture;

const T0 = '2026-03-25T10:00:00.000Z';
/** `seconds` after T0, as the hub writes times. */
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function method(id: string, userId: string, fields: Partial<StoredContactMethod> = {}): StoredContactMethod {
  return {
    id,
    userId,
    kind: 'email',
    label: 'Work',
    target: 'a•••@example.com',
    sealedTarget: `enc:v1:sealed-${id}`,
    createdAt: T0,
    verifiedAt: null,
    codeHash: null,
    codeExpiresAt: null,
    codeAttempts: 0,
    ...fields,
  };
}

function outbox(pageId: string, methodId: string, userId: string, fields: Partial<OutboxRow> = {}): OutboxRow {
  return {
    pageId,
    methodId,
    userId,
    incidentId: 'inc-checkout',
    ...freshDelivery(T0),
    ...fields,
  };
}

async function people(store: HubStore) {
  const make = async (name: string) => (await store.users.createToken(name, 'responder')).user.id;
  return { ana: await make('ana'), bo: await make('bo') };
}

const keyOf = (r: { pageId: string; methodId: string }) => `${r.pageId}/${r.methodId}`;

/**
 * What every HubStore's `contact` must do: contact methods and their verification, notification rules, the page
 * outbox (enqueued once, claimed by one node at a time under a lease, finished only by its holder), the last
 * delivery per method, one-time acknowledge links and set-once settings. Run on SQLite and PostgreSQL.
 */
export function describeContactStoreContract(name: string, open: () => Promise<ContactStoreFixture>): void {
  describe(`ContactStore contract: ${name}`, () => {
    const withStore = withFixture(open);

    it(
      "adds methods and lists them oldest first, everyone's or one person's, and refuses bad ones unchanged",
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana, bo } = await people(store);
        const anaPush = method('m-ana-push', ana, { kind: 'webpush', label: 'Laptop', createdAt: at(60) });
        const anaMail = method('m-ana-mail', ana, {
          codeHash: sha256('123456'),
          codeExpiresAt: at(600),
          codeAttempts: 1,
        });
        // Given with an offset: kept in UTC (`…Z`), so it orders with the others.
        const boNtfy = method('m-bo-ntfy', bo, { kind: 'ntfy', createdAt: '2026-03-25T11:00:30+01:00' });
        for (const m of [anaPush, anaMail, boNtfy]) await contact.addMethod(m);

        const boStored = { ...boNtfy, createdAt: at(30) };
        expect(await contact.methods()).toEqual([anaMail, boStored, anaPush]);
        expect(await contact.methods(ana)).toEqual([anaMail, anaPush]);
        expect(await contact.methods(bo)).toEqual([boStored]);
        expect(await contact.methods('u-nobody')).toEqual([]);
        expect(await contact.method('m-ana-push')).toEqual(anaPush);
        expect(await contact.method('m-unknown')).toBeUndefined();

        await expect(contact.addMethod(method('m-bad-kind', ana, { kind: 'pager' as 'email' }))).rejects.toThrow(
          /invalid contact method: .*kind/,
        );
        await expect(contact.addMethod(method('m-bad-time', ana, { createdAt: 'yesterday' }))).rejects.toThrow(
          /invalid contact method: .*createdAt/,
        );
        await expect(contact.addMethod(method('m-clear-code', ana, { codeHash: '123456' }))).rejects.toThrow(
          /codeHash/,
        );
        await expect(contact.addMethod(method('m-nobody', 'u-nobody'))).rejects.toThrow();
        await expect(contact.addMethod({ ...anaPush, label: 'again' })).rejects.toThrow();
        expect(await contact.methods()).toEqual([anaMail, boStored, anaPush]);
      }),
    );

    it(
      'replaces the verification fields of a method; false for one that is not there',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana } = await people(store);
        await contact.addMethod(method('m-mail', ana));
        const sent = { verifiedAt: null, codeHash: sha256('424242'), codeExpiresAt: at(600), codeAttempts: 0 };
        expect(await contact.updateVerification('m-mail', sent)).toBe(true);
        expect(await contact.method('m-mail')).toEqual(method('m-mail', ana, sent));
        const verified = { verifiedAt: at(90), codeHash: null, codeExpiresAt: null, codeAttempts: 0 };
        expect(await contact.updateVerification('m-mail', verified)).toBe(true);
        expect(await contact.method('m-mail')).toEqual(method('m-mail', ana, verified));

        expect(await contact.updateVerification('m-unknown', verified)).toBe(false);
        await expect(contact.updateVerification('m-mail', { ...verified, codeAttempts: -1 })).rejects.toThrow(
          /invalid verification fields: .*codeAttempts/,
        );
        expect(await contact.method('m-mail')).toEqual(method('m-mail', ana, verified));
      }),
    );

    it(
      'removes a method with its pending deliveries, keeping the ones already sent or failed',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana } = await people(store);
        await contact.addMethod(method('m-gone', ana));
        await contact.addMethod(method('m-kept', ana));
        await contact.enqueue([
          outbox('page-1', 'm-gone', ana, { status: 'sent', attempts: 1, detail: '250 OK' }),
          outbox('page-2', 'm-gone', ana, { status: 'failed', attempts: 5, detail: 'HTTP 410' }),
          outbox('page-3', 'm-gone', ana),
          outbox('page-3', 'm-kept', ana),
        ]);
        expect(await contact.removeMethod('m-gone')).toBe(true);
        expect(await contact.method('m-gone')).toBeUndefined();
        expect(await contact.methods(ana)).toEqual([method('m-kept', ana)]);
        expect(await contact.outboxRow('page-3', 'm-gone')).toBeUndefined();
        expect(await contact.outboxRow('page-1', 'm-gone')).toMatchObject({ status: 'sent' });
        expect(await contact.outboxRow('page-2', 'm-gone')).toMatchObject({ status: 'failed' });
        expect(await contact.outboxRow('page-3', 'm-kept')).toEqual(outbox('page-3', 'm-kept', ana));
        expect(await contact.claimDue(at(1), 'node-a', at(31), 10)).toEqual([
          { ...outbox('page-3', 'm-kept', ana), leaseOwner: 'node-a', leaseUntil: at(31) },
        ]);

        expect(await contact.removeMethod('m-gone')).toBe(false);
        expect(await contact.removeMethod('m-unknown')).toBe(false);
      }),
    );

    it(
      'saves notification rules per person and replaces them; refuses invalid ones, changing nothing',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana, bo } = await people(store);
        expect(await contact.rules()).toEqual(new Map());
        const anaRules = [
          { methodId: 'm-push', afterMinutes: 0 },
          { methodId: 'm-mail', afterMinutes: 5 },
        ];
        await contact.saveRules(ana, anaRules);
        await contact.saveRules(bo, []);
        expect(await contact.rules()).toEqual(
          new Map([
            [ana, anaRules],
            [bo, []],
          ]),
        );
        await contact.saveRules(ana, [{ methodId: 'm-mail', afterMinutes: 1 }]);
        await expect(
          contact.saveRules(bo, [
            { methodId: 'm-x', afterMinutes: 0 },
            { methodId: 'm-x', afterMinutes: 3 },
          ]),
        ).rejects.toThrow(/invalid notification rules: .*each method may appear once/);
        await expect(contact.saveRules(bo, [{ methodId: 'm-x', afterMinutes: -1 }])).rejects.toThrow(
          /invalid notification rules/,
        );
        expect(await contact.rules()).toEqual(
          new Map([
            [ana, [{ methodId: 'm-mail', afterMinutes: 1 }]],
            [bo, []],
          ]),
        );
      }),
    );

    it(
      'enqueues each page x method once: a second enqueue of the same row adds nothing and changes nothing',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana, bo } = await people(store);
        const first = [outbox('page-1', 'm-ana', ana), outbox('page-1', 'm-bo', bo, { dueAt: at(60) })];
        expect(await contact.enqueue(first)).toBe(2);
        // A restarted hub (or another node) enqueues the same page again, with other times: the first rows stand.
        expect(await contact.enqueue(first.map((r) => ({ ...r, dueAt: at(300), updatedAt: at(300) })))).toBe(0);
        expect(await contact.enqueue([outbox('page-1', 'm-ana', ana), outbox('page-2', 'm-ana', ana)])).toBe(1);
        expect(await contact.enqueue([])).toBe(0);
        expect(await contact.outboxRow('page-1', 'm-ana')).toEqual(first[0]);
        expect(await contact.outboxRow('page-1', 'm-bo')).toEqual(first[1]);
        expect(await contact.outboxRow('page-2', 'm-ana')).toEqual(outbox('page-2', 'm-ana', ana));
        expect(await contact.outboxRow('page-9', 'm-ana')).toBeUndefined();

        // One bad row refuses the whole batch.
        await expect(
          contact.enqueue([outbox('page-3', 'm-ana', ana), outbox('page-3', 'm-bo', bo, { status: 'lost' as 'sent' })]),
        ).rejects.toThrow(/invalid outbox row: .*status/);
        expect(await contact.outboxRow('page-3', 'm-ana')).toBeUndefined();
      }),
    );

    it(
      'says when the earliest pending delivery is due',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana } = await people(store);
        expect(await contact.nextDue()).toBeNull();
        await contact.enqueue([
          outbox('page-1', 'm-a', ana, { status: 'sent', dueAt: at(-600) }),
          outbox('page-1', 'm-b', ana, { status: 'cancelled', dueAt: at(-300) }),
          outbox('page-1', 'm-c', ana, { dueAt: at(120) }),
          outbox('page-2', 'm-c', ana, { dueAt: at(60) }),
        ]);
        expect(await contact.nextDue()).toBe(at(60));
      }),
    );

    it(
      'leases due rows to one owner until the lease passes; only the holder finishes a row, which frees it',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana, bo } = await people(store);
        await contact.enqueue([
          outbox('page-1', 'm-ana', ana, { dueAt: at(0) }),
          outbox('page-1', 'm-bo', bo, { dueAt: at(-10) }),
          outbox('page-2', 'm-ana', ana, { dueAt: at(5) }),
          outbox('page-3', 'm-ana', ana, { dueAt: at(600) }), // not due yet
          outbox('page-4', 'm-ana', ana, { dueAt: at(-60), status: 'sent' }), // done
        ]);

        const claimed = await contact.claimDue(at(5), 'node-a', at(35), 2);
        expect(claimed).toEqual([
          { ...outbox('page-1', 'm-bo', bo, { dueAt: at(-10) }), leaseOwner: 'node-a', leaseUntil: at(35) },
          { ...outbox('page-1', 'm-ana', ana, { dueAt: at(0) }), leaseOwner: 'node-a', leaseUntil: at(35) },
        ]);
        // The limit left one due row; the leased ones are nobody else's until their lease has passed.
        expect((await contact.claimDue(at(6), 'node-b', at(36), 10)).map(keyOf)).toEqual(['page-2/m-ana']);
        const cancelled = {
          status: 'cancelled',
          attempts: 0,
          dueAt: at(5),
          detail: 'acknowledged',
          updatedAt: at(7),
        } as const;
        expect(await contact.finish('page-2', 'm-ana', 'node-b', cancelled)).toBe(true);
        expect(await contact.claimDue(at(20), 'node-b', at(50), 10)).toEqual([]);
        expect(await contact.claimDue(at(35), 'node-b', at(65), 10)).toEqual([]);

        // node-a finishes one row; node-a dies holding the other, and node-b takes it once the lease has passed.
        const sent = { status: 'sent', attempts: 1, dueAt: at(0), detail: '250 OK', updatedAt: at(8) } as const;
        expect(await contact.finish('page-1', 'm-ana', 'node-a', sent)).toBe(true);
        expect(await contact.outboxRow('page-1', 'm-ana')).toEqual(
          outbox('page-1', 'm-ana', ana, { ...sent, leaseOwner: null, leaseUntil: null }),
        );
        const takenOver = await contact.claimDue(at(40), 'node-b', at(70), 10);
        expect(takenOver).toEqual([
          { ...outbox('page-1', 'm-bo', bo, { dueAt: at(-10) }), leaseOwner: 'node-b', leaseUntil: at(70) },
        ]);

        // node-a comes back and tries to finish what node-b now holds: nothing changes.
        const late = { status: 'failed', attempts: 1, dueAt: at(-10), detail: 'HTTP 500', updatedAt: at(41) } as const;
        expect(await contact.finish('page-1', 'm-bo', 'node-a', late)).toBe(false);
        expect(await contact.outboxRow('page-1', 'm-bo')).toEqual(takenOver[0]);
        expect(await contact.finish('page-1', 'm-unknown', 'node-b', late)).toBe(false);

        // node-b fails this try and plans a retry: pending again, due later, free for whoever is there then.
        const retry = {
          status: 'pending',
          attempts: 1,
          dueAt: at(100),
          detail: 'HTTP 503',
          updatedAt: at(42),
        } as const;
        expect(await contact.finish('page-1', 'm-bo', 'node-b', retry)).toBe(true);
        expect(await contact.outboxRow('page-1', 'm-bo')).toEqual(
          outbox('page-1', 'm-bo', bo, { ...retry, leaseOwner: null, leaseUntil: null }),
        );
        // Finishing twice is refused: the lease is gone.
        expect(await contact.finish('page-1', 'm-bo', 'node-b', retry)).toBe(false);
        expect(await contact.claimDue(at(99), 'node-a', at(129), 10)).toEqual([]);
        expect((await contact.claimDue(at(100), 'node-a', at(130), 10)).map(keyOf)).toEqual(['page-1/m-bo']);

        await expect(contact.claimDue('now', 'node-a', at(130), 10)).rejects.toThrow(/invalid now/);
        await expect(contact.claimDue(at(100), 'node-a', at(130), -1)).rejects.toThrow(/invalid claim limit/);
        await expect(contact.claimDue(at(100), '', at(130), 1)).rejects.toThrow(/invalid lease owner/);
        expect(await contact.claimDue(at(1000), 'node-a', at(1030), 0)).toEqual([]);
        await expect(
          contact.finish('page-1', 'm-bo', 'node-a', { ...retry, status: 'gone' as 'sent' }),
        ).rejects.toThrow(/invalid outbox update/);
        expect(await contact.outboxRow('page-1', 'm-bo')).toMatchObject({ status: 'pending', leaseOwner: 'node-a' });
      }),
    );

    it(
      'gives each due row to one of two nodes claiming at the same time',
      withStore(async ({ store, another }) => {
        const { ana, bo } = await people(store);
        const other = await another();
        const rows = Array.from({ length: 60 }, (_, i) =>
          outbox(`page-${String(i).padStart(2, '0')}`, i % 2 ? 'm-ana' : 'm-bo', i % 2 ? ana : bo, { dueAt: at(-i) }),
        );
        // Both nodes enqueue the same page deliveries at once: each row is still there once.
        const added = await Promise.all([store.contact.enqueue(rows), other.contact.enqueue([...rows].reverse())]);
        expect(added[0] + added[1]).toBe(60);

        const drain = async (node: HubStore, owner: string) => {
          const got: string[] = [];
          for (;;) {
            const claimed = await node.contact.claimDue(at(0), owner, at(30), 7);
            if (claimed.length === 0) return got;
            expect(new Set(claimed.map((r) => r.leaseOwner))).toEqual(new Set([owner]));
            got.push(...claimed.map(keyOf));
          }
        };
        const [byA, byB] = await Promise.all([drain(store, 'node-a'), drain(other, 'node-b')]);
        expect(byA.length).toBeGreaterThan(0);
        expect(byB.length).toBeGreaterThan(0);
        expect(byA.filter((k) => byB.includes(k))).toEqual([]);
        expect([...byA, ...byB].sort()).toEqual(rows.map(keyOf).sort());
        expect(await other.contact.claimDue(at(1), 'node-b', at(31), 100)).toEqual([]);
      }),
    );

    it(
      'tells the newest finished or retried delivery of each method',
      withStore(async ({ store }) => {
        const { contact } = store;
        const { ana } = await people(store);
        expect(await contact.lastDeliveries()).toEqual([]);
        await contact.enqueue([
          outbox('page-1', 'm-mail', ana, { status: 'sent', attempts: 1, detail: '250 OK', updatedAt: at(10) }),
          outbox('page-2', 'm-mail', ana, {
            status: 'failed',
            attempts: 5,
            detail: '550 no such user',
            updatedAt: at(90),
          }),
          outbox('page-3', 'm-mail', ana, { status: 'cancelled', detail: 'acknowledged', updatedAt: at(200) }),
          outbox('page-4', 'm-mail', ana, { updatedAt: at(300) }), // never tried: says nothing yet
          outbox('page-1', 'm-ntfy', ana, { status: 'sent', attempts: 1, detail: 'HTTP 200', updatedAt: at(20) }),
          outbox('page-2', 'm-ntfy', ana, { attempts: 2, detail: 'HTTP 502', updatedAt: at(95), dueAt: at(150) }),
          outbox('page-1', 'm-slack', ana, { status: 'cancelled', detail: 'acknowledged', updatedAt: at(30) }),
        ]);
        expect(await contact.lastDeliveries()).toEqual([
          { methodId: 'm-mail', at: at(90), result: 'failed', detail: '550 no such user' },
          { methodId: 'm-ntfy', at: at(95), result: 'retrying', detail: 'HTTP 502' },
        ]);

        // A claimed retry goes through: the method's last delivery is that one, sent. Claiming alone says nothing.
        const claimed = await contact.claimDue(at(150), 'node-a', at(180), 10);
        expect(claimed.map(keyOf)).toEqual(['page-4/m-mail', 'page-2/m-ntfy']);
        expect(await contact.lastDeliveries()).toHaveLength(2);
        await contact.finish('page-2', 'm-ntfy', 'node-a', {
          status: 'sent',
          attempts: 3,
          dueAt: at(150),
          detail: 'HTTP 200',
          updatedAt: at(151),
        });
        expect(await contact.lastDeliveries()).toEqual([
          { methodId: 'm-mail', at: at(90), result: 'failed', detail: '550 no such user' },
          { methodId: 'm-ntfy', at: at(151), result: 'sent', detail: 'HTTP 200' },
        ]);
      }),
    );

    it(
      'uses an acknowledge link once, even from two nodes at once',
      withStore(async ({ store, another }) => {
        const { contact } = store;
        const { ana } = await people(store);
        const link = {
          id: 'ack-1',
          incidentId: 'inc-checkout',
          pageId: 'page-1',
          userId: ana,
          expiresAt: at(3600),
          usedAt: null,
        };
        await contact.addAckLink(link);
        await contact.addAckLink({ ...link, id: 'ack-2' });
        expect(await contact.ackLink('ack-1')).toEqual(link);
        expect(await contact.ackLink('ack-unknown')).toBeUndefined();
        await expect(contact.addAckLink({ ...link, expiresAt: at(7200) })).rejects.toThrow();
        await expect(contact.addAckLink({ ...link, id: 'ack-3', expiresAt: 'soon' })).rejects.toThrow(
          /invalid acknowledge link: .*expiresAt/,
        );
        expect(await contact.ackLink('ack-3')).toBeUndefined();

        expect(await contact.useAckLink('ack-1', at(60))).toBe(true);
        expect(await contact.useAckLink('ack-1', at(61))).toBe(false);
        expect(await contact.ackLink('ack-1')).toEqual({ ...link, usedAt: at(60) });
        expect(await contact.useAckLink('ack-unknown', at(62))).toBe(false);

        const other = await another();
        const used = await Promise.all([
          contact.useAckLink('ack-2', at(70)),
          other.contact.useAckLink('ack-2', at(71)),
        ]);
        expect(used.filter(Boolean)).toHaveLength(1);
        expect((await other.contact.ackLink('ack-2'))?.usedAt).toBe(used[0] ? at(70) : at(71));
      }),
    );

    it(
      'keeps the first value of a setting: two nodes starting together agree on one',
      withStore(async ({ store, another }) => {
        const { contact } = store;
        expect(await contact.setting('vapid')).toBeUndefined();
        expect(await contact.settingIfAbsent('vapid', 'enc:v1:first')).toBe('enc:v1:first');
        expect(await contact.settingIfAbsent('vapid', 'enc:v1:second')).toBe('enc:v1:first');
        expect(await contact.setting('vapid')).toBe('enc:v1:first');

        const other = await another();
        const both = await Promise.all([
          contact.settingIfAbsent('vapid-2', 'enc:v1:node-a'),
          other.contact.settingIfAbsent('vapid-2', 'enc:v1:node-b'),
        ]);
        expect(both[0]).toBe(both[1]);
        expect(['enc:v1:node-a', 'enc:v1:node-b']).toContain(both[0]);
        expect(await other.contact.setting('vapid')).toBe('enc:v1:first');
        await expect(contact.settingIfAbsent('', 'x')).rejects.toThrow(/invalid setting key/);
        await other.contact.forgetSetting('vapid');
        expect(await contact.setting('vapid')).toBeUndefined();
        expect(await contact.settingIfAbsent('vapid', 'enc:v1:renewed')).toBe('enc:v1:renewed');
      }),
    );
  });
}
