import { closedByHub } from './support/closed-by-hub.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type CommandInput, type CommandType } from '../../shared/domain/commands.js';
import { defaultProfile } from '../../shared/oncall/profile.js';
import {
  oncallChangeReplySchema,
  oncallChangeSchema,
  oncallReplySchema,
  pageTestReplySchema,
  type OncallChange,
} from '../../shared/protocol/oncall-wire.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { syncReplySchema, timelineReplySchema } from '../../shared/protocol/wire.js';
import { declare } from './support/commands.js';
import { codeIn } from './support/contact-client.js';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';
import {
  contactChangeReplySchema,
  contactChangeSchema,
  contactReplySchema,
  contactTestReplySchema,
  type ContactChange,
  type ContactChangeReply,
} from '../../shared/protocol/contact-wire.js';
import {
  statusPageChangeReplySchema,
  statusPageChangeSchema,
  statusPageReplySchema,
  type StatusPageChange,
} from '../../shared/protocol/status-page-wire.js';
import { COLUMNS, readPermissionTable } from './support/permission-table.js';
import { connectClient, expectRefusal, uid, type TestClient } from './support/test-client.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

/**
 * The permission table of docs/protocol.md, read from the Markdown and checked cell by cell against a running hub.
 * Allowed cells must be accepted (each probe sets up what its request needs, so no domain rule refuses it); refused
 * cells must be refused with exactly the code in the table. A request the hub knows but the table lacks fails too.
 */
/** What the hub answered: 'ok', or the refusal's code (an HTTP status as text). */
type Outcome = string;
type Role = 'viewer' | 'responder' | 'admin';

let t: TestHub;
let boss: TestClient;
/** Stands in for ntfy: contact methods' verification codes arrive here. */
let ntfy: HttpReceiver;
const as: Partial<Record<Role, TestClient>> = {};
const client = (role: Role): TestClient => {
  const c = as[role];
  if (!c) throw new Error(`no ${role} client`);
  return c;
};
const person = (c: TestClient) => ({ id: c.welcome.user.id, name: c.welcome.user.name });
/** A second responder, on the rotation: the one covered in override probes. */
let bo: { id: string; name: string };

async function mustAccept(sender: TestClient, type: CommandType, incidentId: string, payload: object): Promise<void> {
  const ack = await sender.sendRaw({ commandId: uid(), type, incidentId, payload, clientAt: new Date().toISOString() });
  if (!ack.ok) throw new Error(`setting up: ${type} refused: ${ack.error.code} ${ack.error.message}`);
}

/**
 * For each command type: what the admin sets up first so that the command, sent next by `sender`, is accepted, and
 * the payload it is sent with. Each probe gets an incident of its own.
 */
async function prepareCommand(type: CommandType, sender: TestClient): Promise<{ incidentId: string; payload: object }> {
  if (type === 'incident.declare')
    return { incidentId: uid(), payload: { title: 'Search is slow', severity: 'SEV-3' } };
  const status = type === 'incident.acknowledge' ? 'triage' : 'investigating'; // triage: not acknowledged yet
  const { incidentId } = await declare(boss, { severity: 'SEV-3', status });
  const setUp = (t2: CommandType, payload: object) => mustAccept(boss, t2, incidentId, payload);
  switch (type) {
    case 'incident.update':
      return { incidentId, payload: { title: 'Checkout errors in the EU' } };
    case 'incident.change_severity':
      return { incidentId, payload: { severity: 'SEV-2', reason: 'More customers affected' } };
    case 'incident.change_status':
      return { incidentId, payload: { status: 'mitigated' } };
    case 'incident.acknowledge':
      return { incidentId, payload: {} };
    case 'role.assign':
      return { incidentId, payload: { role: 'comms', person: person(sender) } };
    case 'role.claim':
      return { incidentId, payload: { role: 'comms' } };
    case 'role.release':
      // Held by the admin: a viewer cannot be given a role (viewer_cannot_respond) to release.
      await setUp('role.assign', { role: 'fixer', person: person(boss) });
      return { incidentId, payload: { role: 'fixer', personId: boss.welcome.user.id } };
    case 'checklist.create':
      return { incidentId, payload: { checklistId: 'extra', title: 'Extra checks', items: ['Look at the queue'] } };
    case 'checklist.add_item':
      await setUp('checklist.create', { checklistId: 'extra', title: 'Extra checks', items: [] });
      return { incidentId, payload: { checklistId: 'extra', itemId: 'i1', text: 'Page the DBA' } };
    case 'checklist.set_item':
      await setUp('checklist.create', { checklistId: 'extra', title: 'Extra checks', items: [] });
      await setUp('checklist.add_item', { checklistId: 'extra', itemId: 'i1', text: 'Page the DBA' });
      return { incidentId, payload: { checklistId: 'extra', itemId: 'i1', done: true } };
    case 'checklist.assign_item':
      await setUp('checklist.create', { checklistId: 'extra', title: 'Extra checks', items: [] });
      await setUp('checklist.add_item', { checklistId: 'extra', itemId: 'i1', text: 'Page the DBA' });
      return { incidentId, payload: { checklistId: 'extra', itemId: 'i1', owner: person(sender) } };
    case 'tried.add':
      return { incidentId, payload: { entryId: 'e1', what: 'Restarted the workers' } };
    case 'tried.set_outcome':
      await setUp('tried.add', { entryId: 'e1', what: 'Restarted the workers' });
      return { incidentId, payload: { entryId: 'e1', outcome: 'helped' } };
    case 'tried.strike':
      await setUp('tried.add', { entryId: 'e1', what: 'Restarted the workers' });
      return { incidentId, payload: { entryId: 'e1', reason: 'Logged on the wrong incident' } };
    case 'page.choose_rotation':
      return { incidentId, payload: { rotationId: 'checkout' } };
    case 'status_update.post':
      return { incidentId, payload: { updateId: 'u1', text: 'We are on it', audience: 'internal' } };
    case 'incident.set_public':
      // The admin leads the probe's incident: hand Comms to the sender so the publish policy lets them (a viewer
      // cannot hold Comms, and is refused for the role before the policy anyway).
      if (sender.welcome.user.role !== 'viewer') await setUp('role.assign', { role: 'comms', person: person(sender) });
      return { incidentId, payload: { title: 'Checkout is slow for some customers' } };
    case 'postmortem.publish':
      await setUp('incident.change_status', { status: 'resolved' });
      return { incidentId, payload: { revision: 'r1', baseRevision: null, markdown: '# What happened' } };
    case 'followup.add':
      return { incidentId, payload: { followupId: 'f1', text: 'Alert on queue depth' } };
    case 'followup.set_state':
      await setUp('followup.add', { followupId: 'f1', text: 'Alert on queue depth' });
      return { incidentId, payload: { followupId: 'f1', state: 'done' } };
    case 'followup.assign':
      await setUp('followup.add', { followupId: 'f1', text: 'Alert on queue depth' });
      return { incidentId, payload: { followupId: 'f1', owner: person(sender) } };
    case 'alert.receive':
    case 'page.record':
    case 'page.report_unrouted':
    case 'page.record_delivery':
      return { incidentId, payload: {} }; // never reaches its schema: refused for coming from a client
  }
}

async function sendCommand(type: CommandType, sender: TestClient): Promise<Outcome> {
  const { incidentId, payload } = await prepareCommand(type, sender);
  const command = { commandId: uid(), type, incidentId, payload, clientAt: new Date().toISOString() };
  const ack = await sender.sendRaw(command as CommandInput);
  return ack.ok ? 'ok' : ack.error.code;
}

const ROTATION = (id: string, members: { id: string; name: string }[]) => ({
  id,
  name: `Rotation ${id}`,
  members,
  handoffTime: '09:00',
  shift: 'weekly' as const,
  timeZone: 'Europe/Berlin',
  startDate: '2026-03-23',
});
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function change(sender: TestClient, request: OncallChange): Promise<Outcome> {
  const reply = oncallChangeReplySchema.parse(
    await sender.socket.timeout(10_000).emitWithAck('oncall.change', request),
  );
  return reply.ok ? 'ok' : reply.error.code;
}

/**
 * For each on-call change: the request `sender` sends, about itself (`mine`) or about others. The rotation
 * `checkout` (the responder, bo and the admin) exists from the start.
 */
async function oncallRequest(kind: OncallChange['kind'], sender: TestClient, mine: boolean): Promise<OncallChange> {
  const me = person(sender);
  const admin = person(boss);
  switch (kind) {
    case 'rotation.save':
      return { kind, rotation: ROTATION(`r-${uid().slice(0, 8)}`, [me, bo]) };
    case 'rotation.delete': {
      const id = `r-${uid().slice(0, 8)}`;
      expect(await change(boss, { kind: 'rotation.save', rotation: ROTATION(id, [admin]) })).toBe('ok');
      return { kind, rotationId: id };
    }
    case 'override.save':
    case 'override.delete': {
      // Someone covers for bo: the sender (about themselves), or the admin (about others).
      const override = {
        id: `o-${uid().slice(0, 8)}`,
        rotationId: 'checkout',
        replaces: bo.id,
        // A viewer cannot cover a shift (viewer_cannot_respond): the admin covers in the one set up for them.
        person: mine && sender.welcome.user.role !== 'viewer' ? me : admin,
        start: future(1),
        end: future(2),
      };
      if (kind === 'override.save') return { kind, override };
      expect(await change(boss, { kind: 'override.save', override })).toBe('ok');
      return { kind, overrideId: override.id };
    }
    case 'service.route':
      return { kind, service: `svc-${uid().slice(0, 8)}`, rotationId: 'checkout' };
    case 'settings.save':
      return { kind, defaultRotationId: null };
    case 'profile.save':
      return mine ? { kind, profile: defaultProfile('UTC') } : { kind, userId: bo.id, profile: defaultProfile('UTC') };
  }
}

async function contactChange(sender: TestClient, request: ContactChange): Promise<ContactChangeReply> {
  return contactChangeReplySchema.parse(await sender.socket.timeout(10_000).emitWithAck('contact.change', request));
}

/** Adds an ntfy method (for the sender, or by the admin for bo) and returns its id and the code it was sent. */
async function addMethod(sender: TestClient, forBo: boolean): Promise<{ methodId: string; code: string }> {
  const added = await contactChange(sender, {
    kind: 'method.add',
    ...(forBo ? { userId: bo.id } : {}),
    target: { kind: 'ntfy', topic: `t-${uid().slice(0, 8)}` },
  });
  if (!added.ok || !added.methodId) throw new Error(`setting up: method.add refused: ${JSON.stringify(added)}`);
  return { methodId: added.methodId, code: codeIn(ntfy.requests.at(-1)?.text ?? '') };
}

/** A contact change about the sender's own method (`mine`), or about bo's (set up by the admin). */
async function contactProbe(kind: ContactChange['kind'], sender: TestClient, mine: boolean): Promise<Outcome> {
  const outcome = (reply: ContactChangeReply) => (reply.ok ? 'ok' : reply.error.code);
  const userId = mine ? {} : { userId: bo.id };
  switch (kind) {
    case 'method.add':
      return outcome(
        await contactChange(sender, { kind, ...userId, target: { kind: 'ntfy', topic: `t-${uid().slice(0, 8)}` } }),
      );
    case 'rules.save':
      return outcome(await contactChange(sender, { kind, ...userId, rules: [] }));
    case 'method.verify':
    case 'method.resend':
    case 'method.remove': {
      const { methodId, code } = await addMethod(mine ? sender : boss, !mine);
      if (kind === 'method.verify') return outcome(await contactChange(sender, { kind, methodId, code }));
      return outcome(await contactChange(sender, { kind, methodId }));
    }
  }
}

async function statusPageChange(sender: TestClient, request: StatusPageChange): Promise<Outcome> {
  const reply = statusPageChangeReplySchema.parse(
    await sender.socket.timeout(10_000).emitWithAck('statuspage.change', request),
  );
  return reply.ok ? 'ok' : reply.error.code;
}

/** Adds (as the admin) a chat channel posting to the local receiver, or a webhook subscriber; returns its id. */
async function statusPageThing(kind: 'channel' | 'webhook'): Promise<string> {
  const request: StatusPageChange =
    kind === 'channel'
      ? {
          kind: 'channel.add',
          channel: { name: 'Ops', severities: ['SEV-1'], target: { kind: 'mattermost', url: `${ntfy.origin}/mm` } },
        }
      : { kind: 'webhook.add', url: `${ntfy.origin}/hook` };
  const reply = statusPageChangeReplySchema.parse(
    await boss.socket.timeout(10_000).emitWithAck('statuspage.change', request),
  );
  if (!reply.ok || !reply.id) throw new Error(`setting up: ${request.kind} refused: ${JSON.stringify(reply)}`);
  return reply.id;
}

/** A status page change of each kind, with what it needs set up first (by the admin). */
async function statusPageProbe(kind: StatusPageChange['kind'], sender: TestClient): Promise<Outcome> {
  switch (kind) {
    case 'config.save':
      return statusPageChange(sender, { kind, config: { title: 'Status' } });
    case 'channel.add':
      return statusPageChange(sender, {
        kind,
        channel: { name: 'Ops', severities: ['SEV-1'], target: { kind: 'mattermost', url: `${ntfy.origin}/mm` } },
      });
    case 'channel.remove':
    case 'channel.test':
      return statusPageChange(sender, { kind, id: await statusPageThing('channel') });
    case 'webhook.add':
      return statusPageChange(sender, { kind, url: `${ntfy.origin}/hook` });
    case 'webhook.remove':
      return statusPageChange(sender, { kind, id: await statusPageThing('webhook') });
  }
}

/** The outcome of one row for one connected role, or (for `own`) for itself and for someone else. */
async function probe(request: string, sender: TestClient, mine = true): Promise<Outcome> {
  const [what, detail] = request.split(' ');
  if (what === 'command') return sendCommand(detail as CommandType, sender);
  if (what === 'oncall.change')
    return change(sender, await oncallRequest(detail as OncallChange['kind'], sender, mine));
  if (what === 'contact.change') return contactProbe(detail as ContactChange['kind'], sender, mine);
  if (what === 'statuspage.change') return statusPageProbe(detail as StatusPageChange['kind'], sender);
  const emit = (event: string, body: unknown) =>
    sender.socket.timeout(10_000).emitWithAck(event as 'sync', body as never) as Promise<unknown>;
  switch (what) {
    case 'sync': {
      const reply = syncReplySchema.parse(await emit('sync', { since: 0 }));
      return reply.kind === 'error' ? reply.error.code : 'ok';
    }
    case 'timeline': {
      const { incidentId } = await declare(boss);
      const reply = timelineReplySchema.parse(await emit('timeline', { incidentId }));
      return reply.ok ? 'ok' : reply.error.code;
    }
    case 'oncall': {
      const reply = oncallReplySchema.parse(await emit('oncall', {}));
      return reply.ok ? 'ok' : reply.error.code;
    }
    case 'page.test': {
      const reply = pageTestReplySchema.parse(await emit('page.test', {}));
      return reply.ok ? 'ok' : reply.error.code;
    }
    case 'contact': {
      const reply = contactReplySchema.parse(await emit('contact', mine ? {} : { userId: bo.id }));
      return reply.ok ? 'ok' : reply.error.code;
    }
    case 'contact.test': {
      const reply = contactTestReplySchema.parse(await emit('contact.test', {}));
      return reply.ok ? 'ok' : reply.error.code;
    }
    case 'statuspage': {
      const reply = statusPageReplySchema.parse(await emit('statuspage', {}));
      return reply.ok ? 'ok' : reply.error.code;
    }
  }
  throw new Error(`no probe for "${request}"`);
}

/** HTTP rows: the status for a token (null: none). */
async function probeHttp(request: string, token: string | null): Promise<Outcome> {
  const [, method, path] = request.split(' ');
  const res = await fetch(`${t.hub.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(method === 'POST' ? { body: JSON.stringify({ key: 'k', title: 'From a person' }) } : {}),
  });
  await res.arrayBuffer();
  return res.ok ? 'ok' : String(res.status);
}

/** A responder's token, revoked after `use` (connecting with it, for a socket). */
async function revokedAfter<T>(use: (token: string) => Promise<T> | T): Promise<T> {
  const { token, tokenId } = await t.hub.users.createToken(`gone-${uid().slice(0, 6)}`, 'responder');
  const used = await use(token);
  await t.hub.users.revoke({ id: tokenId });
  return used;
}

/** The token (none for "no token") and, for sockets, the connection of one column. */
function tokenOf(column: 'viewer' | 'responder' | 'admin'): string {
  return t.tokens[column];
}

const table = readPermissionTable();

describe('the permission table in docs/protocol.md holds on a running hub', () => {
  beforeAll(async () => {
    ntfy = await startHttpReceiver();
    // Generous: the probes send many verification codes, which the hub otherwise limits per person.
    t = await startTestHub({
      contact: { ntfyServer: ntfy.origin, sendTimeoutMs: 2000, messageRate: { burst: 1000, perSecond: 100 } },
    });
    boss = await connectClient(t.hub.url, t.tokens.admin);
    as.admin = await connectClient(t.hub.url, t.tokens.admin);
    as.responder = await connectClient(t.hub.url, t.tokens.responder);
    as.viewer = await connectClient(t.hub.url, t.tokens.viewer);
    const second = await connectClient(t.hub.url, t.tokens.responder2);
    bo = person(second);
    second.close();
    const rotation = ROTATION('checkout', [person(client('responder')), bo, person(boss)]);
    expect(await change(boss, { kind: 'rotation.save', rotation })).toBe('ok');
  });
  afterAll(async () => {
    for (const c of [boss, as.admin, as.responder, as.viewer]) c?.close();
    await t.close();
    await ntfy.close();
  });

  it('lists every request the hub answers', () => {
    const expected = [
      ...COMMAND_TYPES.map((type) => `command ${type}`),
      'sync',
      'timeline',
      'oncall',
      ...oncallChangeSchema.options.map((option) => `oncall.change ${option.shape.kind.value}`),
      'page.test',
      'contact',
      ...contactChangeSchema.options.map((option) => `contact.change ${option.shape.kind.value}`),
      'contact.test',
      'statuspage',
      ...statusPageChangeSchema.options.map((option) => `statuspage.change ${option.shape.kind.value}`),
      'HTTP GET /api/incidents',
      'HTTP POST /api/webhooks/generic',
      'HTTP GET /status',
    ];
    expect([...table.keys()].sort()).toEqual(expected.sort());
  });

  it.each([...table.entries()])('%s', async (request, row) => {
    const http = request.startsWith('HTTP');
    for (const column of COLUMNS) {
      const expected = row[column];
      const where = `${request} as ${column}`;
      const refusal = expected.kind === 'refused' ? expected.code : null;
      if (http) {
        const token =
          column === 'no token' ? null : column === 'revoked token' ? await revokedAfter((x) => x) : tokenOf(column);
        expect(await probeHttp(request, token), where).toBe(refusal ?? 'ok');
        continue;
      }
      if (column === 'no token') {
        expect(refusal, `${where}: without a token nothing is allowed`).not.toBeNull();
        expect((await expectRefusal(t.hub.url, { protocol: PROTOCOL_VERSION })).code, where).toBe(refusal);
        continue;
      }
      if (column === 'revoked token') {
        // A revoked token's open connection is closed by the hub at once, told why: it cannot ask anything more.
        expect(refusal, `${where}: a revoked token may do nothing`).toBe('unauthorized');
        // Wrapped: awaiting the promise itself inside revokedAfter would wait for a close that needs the revocation.
        const { closing } = await revokedAfter(async (token) => ({
          closing: closedByHub(await connectClient(t.hub.url, token)),
        }));
        expect((await closing).refusal?.code, where).toBe('revoked');
        continue;
      }
      const sender = client(column);
      if (expected.kind === 'allowed') expect(await probe(request, sender), where).toBe('ok');
      else if (expected.kind === 'own') {
        expect(await probe(request, sender, true), `${where}, about themselves`).toBe('ok');
        expect(await probe(request, sender, false), `${where}, about someone else`).toBe('forbidden');
      } else expect(await probe(request, sender), where).toBe(expected.code);
    }
  });
});
