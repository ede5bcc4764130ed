import { validPayloads } from './support/malformed-commands.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type CommandInput, type CommandType } from '../../shared/domain/commands.js';
import { defaultProfile } from '../../shared/oncall/profile.js';
import { oncallChangeReplySchema, type OncallChange } from '../../shared/protocol/oncall-wire.js';
import { statusPageChangeReplySchema, type StatusPageChange } from '../../shared/protocol/status-page-wire.js';
import { timelineReplySchema } from '../../shared/protocol/wire.js';
import { declare } from './support/commands.js';
import { permissionRow, readPermissionTable, type Cell } from './support/permission-table.js';
import { connectClient, uid, type TestClient } from './support/test-client.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

/**
 * Refusals never tell what exists: the role is checked before anything is looked up. For every request of the
 * permission table (docs/protocol.md) sent about something that does not exist (an incident, a checklist, an
 * entry, a follow-up, a rotation, an override, a person), a role the table refuses gets the table's refusal, and a
 * role that may send it gets the lookup's answer (`not_found`, or `unknown_user` for a person).
 */
type Role = 'viewer' | 'responder' | 'admin';
const ROLES: readonly Role[] = ['viewer', 'responder', 'admin'];

const table = readPermissionTable();
let t: TestHub;
const as: Partial<Record<Role, TestClient>> = {};
let boss: TestClient;
/** An incident that exists (for things missing inside it), and ids that name nothing. */
let existing: string;
const NOBODY = { id: 'u_nobody', name: 'Nobody' };

const client = (role: Role): TestClient => {
  const c = as[role];
  if (!c) throw new Error(`no ${role} client`);
  return c;
};
const me = (role: Role) => ({ id: client(role).welcome.user.id, name: client(role).welcome.user.name });

/** What `role` should get, per the table's cell, for a request about something that is not there. */
function expected(cell: Cell, missing: string, aboutThemselves = true): string {
  if (cell.kind === 'refused') return cell.code;
  if (cell.kind === 'own' && !aboutThemselves) return 'forbidden';
  return missing;
}

async function command(role: Role, type: CommandType, incidentId: string, payload: object): Promise<string> {
  const ack = await client(role).sendRaw({
    commandId: uid(),
    type,
    incidentId,
    payload,
    clientAt: new Date().toISOString(),
  } as CommandInput);
  return ack.ok ? 'ok' : ack.error.code;
}

async function change(role: Role, request: OncallChange): Promise<string> {
  const reply = oncallChangeReplySchema.parse(
    await client(role).socket.timeout(10_000).emitWithAck('oncall.change', request),
  );
  return reply.ok ? 'ok' : reply.error.code;
}

/** A well-formed payload for each command (the person of role.assign is set per test: it is checked first). */
const PAYLOADS = validPayloads('u_x');

describe('refusals never tell what exists: the role comes before any lookup', () => {
  beforeAll(async () => {
    t = await startTestHub();
    boss = await connectClient(t.hub.url, t.tokens.admin);
    as.admin = await connectClient(t.hub.url, t.tokens.admin);
    as.responder = await connectClient(t.hub.url, t.tokens.responder);
    as.viewer = await connectClient(t.hub.url, t.tokens.viewer);
    existing = (await declare(boss)).incidentId;
  });
  afterAll(async () => {
    for (const c of [boss, as.admin, as.responder, as.viewer]) c?.close();
    await t.close();
  });

  it.each(COMMAND_TYPES.filter((type) => type !== 'incident.declare'))(
    'command %s about an incident that does not exist',
    async (type) => {
      const row = permissionRow(table, `command ${type}`);
      for (const role of ROLES) {
        const payload =
          type === 'role.assign'
            ? { role: 'comms', person: me(role) }
            : type === 'checklist.assign_item'
              ? { ...PAYLOADS[type], owner: me(role) }
              : PAYLOADS[type];
        const outcome = await command(role, type, `missing-${uid().slice(0, 8)}`, payload);
        expect(outcome, `${type} as ${role}`).toBe(expected(row[role], 'not_found'));
      }
    },
  );

  it('command incident.declare with the id of an incident that exists', async () => {
    const row = permissionRow(table, 'command incident.declare');
    for (const role of ROLES)
      expect(await command(role, 'incident.declare', existing, PAYLOADS['incident.declare']), role).toBe(
        expected(row[role], 'already_exists'),
      );
  });

  it.each<[CommandType, object, string]>([
    ['checklist.add_item', { checklistId: 'missing', itemId: 'i1', text: 'Page the DBA' }, 'not_found'],
    ['checklist.set_item', { checklistId: 'missing', itemId: 'i1', done: true }, 'not_found'],
    ['tried.set_outcome', { entryId: 'missing', outcome: 'helped' }, 'not_found'],
    ['followup.set_state', { followupId: 'missing', state: 'done' }, 'not_found'],
    ['followup.assign', { followupId: 'missing', owner: null }, 'not_found'],
    ['tried.strike', { entryId: 'missing', reason: 'Logged on the wrong incident' }, 'not_found'],
    ['page.choose_rotation', { rotationId: 'missing' }, 'not_found'],
    ['checklist.assign_item', { checklistId: 'missing', itemId: 'i1', owner: null }, 'not_found'],
    ['checklist.assign_item', { checklistId: 'missing', itemId: 'i1', owner: NOBODY }, 'unknown_user'],
    ['role.assign', { role: 'comms', person: NOBODY }, 'unknown_user'],
    ['followup.add', { followupId: 'f-nobody', text: 'Alert on queue depth', owner: NOBODY }, 'unknown_user'],
    ['incident.declare', { title: 'Search is slow', severity: 'SEV-3', lead: NOBODY }, 'unknown_user'],
  ])('command %s about something missing on an incident', async (type, payload, missing) => {
    const row = permissionRow(table, `command ${type}`);
    for (const role of ROLES) {
      const incidentId = type === 'incident.declare' ? uid() : existing;
      expect(await command(role, type, incidentId, payload), `${type} as ${role}`).toBe(expected(row[role], missing));
    }
  });

  it('a viewer is refused for the role even when the command is malformed and names nothing that exists', async () => {
    expect(await command('viewer', 'checklist.add_item', `missing-${uid().slice(0, 8)}`, { text: 7 })).toBe(
      'forbidden',
    );
  });

  const override = (person: { id: string; name: string }, replaces: string) => ({
    id: `o-${uid().slice(0, 8)}`,
    rotationId: 'missing-rotation',
    replaces,
    person,
    start: new Date(Date.now() + 86_400_000).toISOString(),
    end: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  });

  /** Each on-call change about something missing: the change about the sender, about others, and what is missing. */
  const ONCALL: Record<
    OncallChange['kind'],
    { mine: (role: Role) => OncallChange; others: (role: Role) => OncallChange; missing: string }
  > = {
    'rotation.save': {
      mine: (role) => ({
        kind: 'rotation.save',
        rotation: {
          id: `r-${uid().slice(0, 8)}`,
          name: 'New',
          members: [me(role), NOBODY],
          handoffTime: '09:00',
          shift: 'weekly',
          timeZone: 'UTC',
          startDate: '2026-03-02',
        },
      }),
      others: (role) => ONCALL['rotation.save'].mine(role),
      missing: 'unknown_user',
    },
    'rotation.delete': {
      mine: () => ({ kind: 'rotation.delete', rotationId: 'missing-rotation' }),
      others: () => ({ kind: 'rotation.delete', rotationId: 'missing-rotation' }),
      missing: 'not_found',
    },
    'override.save': {
      mine: (role) => ({ kind: 'override.save', override: override(me(role), 'u_someone') }),
      others: () => ({ kind: 'override.save', override: override(NOBODY, 'u_someone') }),
      missing: 'not_found',
    },
    'override.delete': {
      mine: () => ({ kind: 'override.delete', overrideId: 'missing-override' }),
      // Whose a missing override is cannot be known: a role that may change overrides learns it is not there.
      others: () => ({ kind: 'override.delete', overrideId: 'missing-override' }),
      missing: 'not_found',
    },
    'service.route': {
      mine: () => ({ kind: 'service.route', service: 'checkout', rotationId: 'missing-rotation' }),
      others: () => ({ kind: 'service.route', service: 'checkout', rotationId: 'missing-rotation' }),
      missing: 'not_found',
    },
    'settings.save': {
      mine: () => ({ kind: 'settings.save', defaultRotationId: 'missing-rotation' }),
      others: () => ({ kind: 'settings.save', defaultRotationId: 'missing-rotation' }),
      missing: 'not_found',
    },
    'profile.save': {
      // One's own profile always has someone behind it: only someone else's can be missing.
      mine: () => ({ kind: 'profile.save', userId: NOBODY.id, profile: defaultProfile('UTC') }),
      others: () => ({ kind: 'profile.save', userId: NOBODY.id, profile: defaultProfile('UTC') }),
      missing: 'unknown_user',
    },
  };

  it.each(Object.keys(ONCALL) as OncallChange['kind'][])('oncall.change %s about something missing', async (kind) => {
    const row = permissionRow(table, `oncall.change ${kind}`);
    const { mine, others, missing } = ONCALL[kind];
    // "mine" of profile.save is someone else's (one's own always exists); "others" of override.delete cannot be told.
    const mineIsOwn = kind !== 'profile.save';
    const othersIsOwn = kind === 'override.delete';
    for (const role of ROLES) {
      expect(await change(role, mine(role)), `${kind} as ${role}`).toBe(expected(row[role], missing, mineIsOwn));
      expect(await change(role, others(role)), `${kind} as ${role}, about others`).toBe(
        expected(row[role], missing, othersIsOwn),
      );
    }
  });

  it('a viewer asking to change a rotation is refused for the role, even with no rotation named at all', async () => {
    const malformed = { kind: 'rotation.delete' } as unknown as OncallChange;
    expect(await change('viewer', malformed)).toBe('forbidden');
    expect(await change('responder', malformed)).toBe('forbidden');
    expect(await change('admin', malformed)).toBe('invalid_command');
  });

  it.each(['channel.remove', 'channel.test', 'webhook.remove'] as const)(
    'statuspage.change %s of something missing: the role first, then not_found',
    async (kind) => {
      const row = permissionRow(table, `statuspage.change ${kind}`);
      for (const role of ROLES) {
        const raw: unknown = await client(role)
          .socket.timeout(10_000)
          .emitWithAck('statuspage.change', { kind, id: `missing-${uid().slice(0, 8)}` });
        const reply = statusPageChangeReplySchema.parse(raw);
        expect(reply.ok ? 'ok' : reply.error.code, `${kind} as ${role}`).toBe(expected(row[role], 'not_found'));
      }
    },
  );

  it('a responder asking to change the status page is refused for the role, even with a malformed change', async () => {
    const malformed = { kind: 'channel.remove' } as unknown as StatusPageChange;
    const ask = async (role: Role) =>
      statusPageChangeReplySchema.parse(
        await client(role).socket.timeout(10_000).emitWithAck('statuspage.change', malformed),
      );
    expect(await ask('viewer')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask('responder')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ask('admin')).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });

  it('timeline of an incident that does not exist: every role may read, so every role learns it is not there', async () => {
    const row = permissionRow(table, 'timeline');
    for (const role of ROLES) {
      const raw: unknown = await client(role)
        .socket.timeout(10_000)
        .emitWithAck('timeline', { incidentId: `missing-${uid().slice(0, 8)}` });
      const reply = timelineReplySchema.parse(raw);
      expect(reply.ok ? 'ok' : reply.error.code, role).toBe(expected(row[role], 'not_found'));
    }
  });

  it('HTTP: a missing incident is 404 with a token, and 401 without one (the token before the lookup)', async () => {
    const get = async (token: string | null) => {
      const res = await fetch(`${t.hub.url}/api/incidents/missing-incident`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      await res.arrayBuffer();
      return res.status;
    };
    for (const role of ROLES) expect(await get(t.tokens[role]), role).toBe(404);
    expect(await get(null)).toBe(401);
    expect(await get('wr_not-a-token')).toBe(401);
  });
});
