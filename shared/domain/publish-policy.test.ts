import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { command, TestHub, alice, bob, carol } from './test-support.js';
import { publishRefusal } from './publish-policy.js';

const external = (updateId: string, publicTitle?: string) =>
  ({ updateId, text: 'Some payments fail.', audience: 'external', ...(publicTitle ? { publicTitle } : {}) }) as const;

describe('who may publish to the status page', () => {
  it('the Incident Lead while no one holds Comms; nobody else', () => {
    const hub = new TestHub();
    hub.declare(); // Alice leads
    expect(hub.send('status_update.post', external('u-1', 'Payments'), { actor: bob })).toEqual({
      ok: false,
      error: {
        code: 'not_publisher',
        message:
          'Only the Communication Lead publishes INC-1 to the status page, or the Incident Lead (Alice) while no one holds Comms. Take the Comms role to publish.',
      },
    });
    expect(hub.send('status_update.post', external('u-1', 'Payments'), { actor: alice }).ok).toBe(true);
  });

  it('only the Communication Lead once someone holds Comms, not even the Lead', () => {
    const hub = new TestHub();
    hub.declare();
    hub.ok('role.assign', { role: 'comms', person: bob });
    const refused = hub.send('status_update.post', external('u-1', 'Payments'), { actor: alice });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'not_publisher',
        message: 'Only the Communication Lead (Bob) publishes INC-1 to the status page. Ask Bob, or take over Comms.',
      },
    });
    expect(hub.send('incident.set_public', { override: 'major_outage' }, { actor: carol }).ok).toBe(false);
    expect(hub.send('status_update.post', external('u-1', 'Payments'), { actor: bob }).ok).toBe(true);
    expect(hub.send('incident.set_public', { override: 'major_outage' }, { actor: bob }).ok).toBe(true);
  });

  it('anyone may post an internal update', () => {
    const hub = new TestHub();
    hub.declare();
    hub.ok('role.assign', { role: 'comms', person: bob });
    expect(
      hub.send('status_update.post', { updateId: 'u-1', text: 'DB failover', audience: 'internal' }, { actor: carol })
        .ok,
    ).toBe(true);
  });

  it('every responder when the policy says any-responder', () => {
    const hub = new TestHub();
    hub.declare();
    hub.ok('role.assign', { role: 'comms', person: bob });
    const cmd = command('status_update.post', external('u-1', 'Payments'));
    expect(decide(hub.state, cmd, carol, hub.now, { reviewGate: [], publishers: 'any-responder' }).ok).toBe(true);
    expect(publishRefusal(hub.incident(), carol, 'any-responder')).toBeNull();
  });
});

describe('the public title', () => {
  it('is required before the first external update, and set in the same step when given', () => {
    const hub = new TestHub();
    hub.declare({ title: 'PSP timeouts on eu-west-1b' });
    expect(hub.send('status_update.post', external('u-1'))).toEqual({
      ok: false,
      error: {
        code: 'public_title_required',
        message: 'Give INC-1 a public title first: the status page shows it, never the internal one.',
      },
    });
    expect(hub.incident().statusUpdates).toEqual([]);
    const events = hub.ok('status_update.post', external('u-1', 'Payments are failing'));
    expect(events.map((e) => e.type)).toEqual(['incident.public_set', 'status_update.posted']);
    expect(hub.incident().public).toMatchObject({ title: 'Payments are failing', publishedAt: hub.now });
    // Later updates need no title; giving the same one again adds no event.
    expect(hub.ok('status_update.post', external('u-2')).map((e) => e.type)).toEqual(['status_update.posted']);
    expect(hub.ok('status_update.post', external('u-3', 'Payments are failing')).map((e) => e.type)).toEqual([
      'status_update.posted',
    ]);
  });

  it('does not go with an internal update', () => {
    const hub = new TestHub();
    hub.declare();
    const payload = { updateId: 'u-1', text: 'x', audience: 'internal', publicTitle: 'Payments' } as const;
    expect(hub.send('status_update.post', payload)).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });

  it('incident.set_public refuses a change to nothing', () => {
    const hub = new TestHub();
    hub.declare();
    hub.ok('incident.set_public', { title: 'Payments' });
    expect(hub.send('incident.set_public', { title: 'Payments', override: null })).toMatchObject({
      ok: false,
      error: { code: 'no_change' },
    });
  });
});
