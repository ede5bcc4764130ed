import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MessageRow, StoredChannel, StoredSubscriber } from '../../status-page/status-page-store.js';
import { freshDelivery } from './outbox-rows.js';
import type { StoreFixture } from './store-fixtures.js';
import { withFixture } from './with-fixture.js';

const T0 = '2026-03-25T10:00:00.000Z';
/** `seconds` after T0, as the hub writes times. */
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function channel(id: string, fields: Partial<StoredChannel> = {}): StoredChannel {
  return {
    id,
    name: 'Incidents',
    kind: 'slack',
    target: 'hooks.slack.com',
    sealedTarget: `enc:v1:sealed-${id}`,
    severities: ['SEV-1', 'SEV-2'],
    events: ['declared', 'resolved'],
    createdAt: T0,
    ...fields,
  };
}

function subscriber(id: string, fields: Partial<StoredSubscriber> = {}): StoredSubscriber {
  return {
    id,
    kind: 'email',
    target: 'a•••@example.com',
    sealedTarget: `enc:v1:sealed-${id}`,
    addressHash: sha256(`${id}@example.com`),
    services: [],
    createdAt: T0,
    confirmedAt: null,
    ...fields,
  };
}

function message(id: string, recipientId: string, fields: Partial<MessageRow> = {}): MessageRow {
  return {
    id,
    kind: 'announce',
    recipientId,
    incidentId: 'inc-checkout',
    sealedBody: `enc:v1:body-${id}`,
    ...freshDelivery(T0),
    createdAt: T0,
    ...fields,
  };
}

/**
 * What every HubStore's `statusPage` must do: the set-up (one, replaced), channels and subscribers (removed with
 * their pending messages), set-once confirmation and threads across nodes, and the message outbox (enqueued once,
 * claimed by one node at a time under a lease, finished only by its holder). Run on SQLite and PostgreSQL.
 */
export function describeStatusPageStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`StatusPageStore contract: ${name}`, () => {
    const withStore = withFixture(open);

    it(
      'keeps one set-up and replaces it; refuses a bad one, changing nothing',
      withStore(async ({ store, another }) => {
        const page = store.statusPage;
        expect(await page.config()).toBeUndefined();
        const first = { json: '{"title":"Acme"}', savedAt: T0, savedBy: 'u-ana' };
        await page.saveConfig(first);
        const second = { json: '{"title":"Acme status"}', savedAt: at(60), savedBy: 'u-bo' };
        await page.saveConfig(second);
        expect(await page.config()).toEqual(second);
        await expect(page.saveConfig({ ...second, savedAt: 'now' })).rejects.toThrow(
          /invalid status page set-up: .*savedAt/,
        );
        await expect(page.saveConfig({ ...second, savedBy: '' })).rejects.toThrow(/savedBy/);
        // Another node reads what this one saved.
        expect(await (await another()).statusPage.config()).toEqual(second);
      }),
    );

    it(
      'adds channels and lists them oldest first; removes one with its pending messages and threads',
      withStore(async ({ store }) => {
        const page = store.statusPage;
        const later = channel('ch-b', { kind: 'slack-app', target: 'slack.com #ops', createdAt: at(30) });
        const earlier = channel('ch-a', { events: ['internal_update'], severities: ['SEV-3'] });
        await page.addChannel(later);
        await page.addChannel(earlier);
        expect(await page.channels()).toEqual([earlier, later]);

        await expect(page.addChannel(channel('ch-bad', { kind: 'pager' as 'slack' }))).rejects.toThrow(
          /invalid channel: .*kind/,
        );
        await expect(page.addChannel(channel('ch-bad', { severities: ['SEV-9' as 'SEV-1'] }))).rejects.toThrow(
          /severities/,
        );
        await expect(page.addChannel({ ...earlier, name: 'again' })).rejects.toThrow();
        expect(await page.channels()).toEqual([earlier, later]);

        await page.enqueue([
          message('m-sent', 'ch-a', { status: 'sent', attempts: 1, detail: 'HTTP 200' }),
          message('m-pending', 'ch-a'),
          message('m-other', 'ch-b'),
        ]);
        expect(await page.threadIfAbsent('ch-a', 'inc-checkout', '1700000000.000100')).toBe('1700000000.000100');
        expect(await page.removeChannel('ch-a')).toBe(true);
        expect(await page.channels()).toEqual([later]);
        expect(await page.message('m-pending')).toBeUndefined();
        expect(await page.message('m-sent')).toMatchObject({ status: 'sent' });
        expect(await page.message('m-other')).toEqual(message('m-other', 'ch-b'));
        expect(await page.thread('ch-a', 'inc-checkout')).toBeUndefined();
        expect(await page.removeChannel('ch-a')).toBe(false);
      }),
    );

    it(
      'puts subscribers (a second put replaces), finds them by id and address hash, confirms once',
      withStore(async ({ store, another }) => {
        const page = store.statusPage;
        const ana = subscriber('s-ana');
        const hook = subscriber('s-hook', {
          kind: 'webhook',
          target: 'example.com',
          addressHash: null,
          services: ['checkout', 'search'],
          createdAt: at(10),
          confirmedAt: at(10),
        });
        await page.putSubscriber(hook);
        await page.putSubscriber(ana);
        expect(await page.subscribers()).toEqual([ana, hook]);
        const moved = { ...ana, services: ['checkout'] };
        await page.putSubscriber(moved);
        expect(await page.subscriber('s-ana')).toEqual(moved);
        expect(await page.subscriberByAddressHash(sha256('s-ana@example.com'))).toEqual(moved);
        expect(await page.subscriberByAddressHash(sha256('nobody@example.com'))).toBeUndefined();
        expect(await page.subscriber('s-unknown')).toBeUndefined();

        // One address, one subscription: another id with the same hash is refused.
        await expect(page.putSubscriber(subscriber('s-twin', { addressHash: moved.addressHash }))).rejects.toThrow();
        await expect(page.putSubscriber(subscriber('s-clear', { addressHash: 'ana@example.com' }))).rejects.toThrow(
          /invalid subscriber: .*addressHash/,
        );
        expect(await page.subscribers()).toEqual([moved, hook]);

        // Two nodes confirming the same link at once: one of them did it.
        const other = (await another()).statusPage;
        const confirmed = await Promise.all([
          page.confirmSubscriber('s-ana', at(60)),
          other.confirmSubscriber('s-ana', at(61)),
        ]);
        expect(confirmed.filter(Boolean)).toHaveLength(1);
        expect((await page.subscriber('s-ana'))?.confirmedAt).toMatch(/^2026-03-25T10:01:0[01]\.000Z$/);
        expect(await page.confirmSubscriber('s-ana', at(90))).toBe(false);
        expect(await page.confirmSubscriber('s-unknown', at(90))).toBe(false);
      }),
    );

    it(
      'forgets subscribers never confirmed before a time, with their pending messages; keeps the rest',
      withStore(async ({ store }) => {
        const page = store.statusPage;
        await page.putSubscriber(subscriber('s-old'));
        await page.putSubscriber(subscriber('s-new', { createdAt: at(3600) }));
        await page.putSubscriber(subscriber('s-confirmed', { confirmedAt: at(5) }));
        await page.enqueue([message('m-confirm', 's-old', { kind: 'subscriber-confirm', incidentId: '' })]);
        expect(await page.forgetUnconfirmed(at(60))).toBe(1);
        expect((await page.subscribers()).map((s) => s.id)).toEqual(['s-confirmed', 's-new']);
        expect(await page.message('m-confirm')).toBeUndefined();
        expect(await page.forgetUnconfirmed(at(60))).toBe(0);
        expect(await page.removeSubscriber('s-new')).toBe(true);
        expect(await page.removeSubscriber('s-new')).toBe(false);
      }),
    );

    it(
      'keeps the first thread stored per channel and incident, across nodes',
      withStore(async ({ store, another }) => {
        const page = store.statusPage;
        const other = (await another()).statusPage;
        expect(await page.thread('ch-a', 'inc-1')).toBeUndefined();
        const both = await Promise.all([
          page.threadIfAbsent('ch-a', 'inc-1', 't-1'),
          other.threadIfAbsent('ch-a', 'inc-1', 't-2'),
        ]);
        expect(both[0]).toBe(both[1]);
        expect(await page.thread('ch-a', 'inc-1')).toBe(both[0]);
        expect(await page.threadIfAbsent('ch-a', 'inc-2', 't-3')).toBe('t-3');
        await expect(page.threadIfAbsent('ch-a', 'inc-3', '')).rejects.toThrow(/thread/);
      }),
    );

    it(
      'enqueues each message once; one node claims each; the lease passes; only the holder finishes',
      withStore(async ({ store, another }) => {
        const page = store.statusPage;
        const other = (await another()).statusPage;
        expect(await page.nextDue()).toBeNull();
        const rows = [
          message('m-1', 'ch-a'),
          message('m-2', 'ch-a', { dueAt: at(30) }),
          message('m-3', 's-x', { dueAt: at(600), kind: 'subscriber-email' }),
        ];
        expect(await page.enqueue(rows)).toBe(3);
        expect(await other.enqueue([{ ...rows[0]!, detail: 'again' }])).toBe(0);
        expect(await page.message('m-1')).toEqual(rows[0]);
        await expect(page.enqueue([message('m-bad', 'ch-a', { status: 'lost' as 'pending' })])).rejects.toThrow(
          /invalid message: .*status/,
        );
        await expect(page.enqueue([message('m-bad', 'ch-a', { kind: 'fax' as 'announce' })])).rejects.toThrow(/kind/);
        expect(await page.message('m-bad')).toBeUndefined();
        expect(await page.nextDue()).toBe(T0);

        // Both nodes claim at once: each due row goes to one of them.
        const [a, b] = await Promise.all([
          page.claimDue(at(60), 'node-a', at(120), 10),
          other.claimDue(at(60), 'node-b', at(120), 10),
        ]);
        expect([...a, ...b].map((r) => r.id).sort()).toEqual(['m-1', 'm-2']);
        const holder = (id: string) => (a.some((r) => r.id === id) ? 'node-a' : 'node-b');
        expect(await page.claimDue(at(90), 'node-c', at(150), 10)).toEqual([]);
        // The holder is gone: after its lease another node takes the row.
        const retaken = await page.claimDue(at(121), 'node-c', at(181), 1);
        expect(retaken).toEqual([{ ...rows[0]!, leaseOwner: 'node-c', leaseUntil: at(181) }]);

        const update = {
          status: 'pending' as const,
          attempts: 1,
          dueAt: at(300),
          detail: 'HTTP 503',
          updatedAt: at(125),
        };
        expect(await page.finish('m-1', holder('m-1'), update)).toBe(false);
        expect(await page.finish('m-1', 'node-c', update)).toBe(true);
        expect(await page.message('m-1')).toEqual({ ...rows[0]!, ...update, leaseOwner: null, leaseUntil: null });
        await expect(page.finish('m-2', holder('m-2'), { ...update, attempts: -1 })).rejects.toThrow(
          /invalid message update: .*attempts/,
        );
        expect(
          await page.finish('m-2', holder('m-2'), {
            ...update,
            status: 'sent',
            detail: 'HTTP 200',
            updatedAt: at(126),
          }),
        ).toBe(true);
        expect(await page.nextDue()).toBe(at(300));
        expect(await page.claimDue(at(299), 'node-a', at(359), 10)).toEqual([]);
      }),
    );

    it(
      'says the last message per recipient: sent, failed or retrying; cancelled and untried ones say nothing',
      withStore(async ({ store }) => {
        const page = store.statusPage;
        await page.enqueue([
          message('m-1', 'ch-a', { status: 'sent', attempts: 1, detail: 'HTTP 200', updatedAt: at(10) }),
          message('m-2', 'ch-a', { status: 'pending', attempts: 2, detail: 'HTTP 503', updatedAt: at(20) }),
          message('m-3', 'ch-a', { status: 'cancelled', detail: 'removed', updatedAt: at(30) }),
          message('m-4', 's-x', { status: 'failed', attempts: 6, detail: 'HTTP 410', updatedAt: at(5) }),
          message('m-5', 's-y'),
        ]);
        expect(await page.lastPerRecipient()).toEqual(
          new Map([
            ['ch-a', { at: at(20), status: 'pending', detail: 'HTTP 503' }],
            ['s-x', { at: at(5), status: 'failed', detail: 'HTTP 410' }],
          ]),
        );
      }),
    );
  });
}
