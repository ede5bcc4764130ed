import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, commandPayloadSchemas, commandSchema, isCommandType } from './commands.js';
import { LIMITS } from './primitives.js';
import { T0 } from './test-support.js';

const envelope = { commandId: 'cmd-1', incidentId: 'inc-1', clientAt: T0 };

/** Parses an input built from the envelope plus a type and payload; extra top-level fields may be added. */
function parse(type: string, payload: unknown, extra: Record<string, unknown> = {}) {
  return commandSchema.safeParse({ ...envelope, type, payload, ...extra });
}

describe('commandSchema defaults', () => {
  it('fills in a declaration: investigating, empty texts, no times, the declarer leads', () => {
    const cmd = commandSchema.parse({
      ...envelope,
      type: 'incident.declare',
      payload: { title: 'Checkout down', severity: 'SEV-1' },
    });
    expect(cmd).toEqual({
      ...envelope,
      type: 'incident.declare',
      payload: {
        title: 'Checkout down',
        severity: 'SEV-1',
        status: 'investigating',
        summary: '',
        impact: '',
        service: '',
        team: '',
        impactStartedAt: null,
        detectedAt: null,
        lead: null,
      },
    });
  });

  it('defaults a status change reason to empty', () => {
    const cmd = commandSchema.parse({ ...envelope, type: 'incident.change_status', payload: { status: 'mitigated' } });
    expect(cmd.payload).toEqual({ status: 'mitigated', reason: '' });
  });

  it('defaults a tried entry to pending with no hypothesis', () => {
    const cmd = commandSchema.parse({ ...envelope, type: 'tried.add', payload: { entryId: 'e-1', what: 'Restart' } });
    expect(cmd.payload).toEqual({ entryId: 'e-1', what: 'Restart', hypothesis: '', outcome: 'pending' });
  });

  it('defaults an outcome note to empty', () => {
    const cmd = commandSchema.parse({
      ...envelope,
      type: 'tried.set_outcome',
      payload: { entryId: 'e-1', outcome: 'helped' },
    });
    expect(cmd.payload).toEqual({ entryId: 'e-1', outcome: 'helped', note: '' });
  });

  it('trims text', () => {
    const cmd = commandSchema.parse({
      ...envelope,
      type: 'incident.declare',
      payload: { title: '  Checkout down  ', severity: 'SEV-1', summary: ' x ' },
    });
    expect(cmd.type === 'incident.declare' && cmd.payload.title).toBe('Checkout down');
    expect(cmd.type === 'incident.declare' && cmd.payload.summary).toBe('x');
  });

  it('accepts times with an offset and stores them in UTC, so equal moments compare equal', () => {
    const parsed = parse('incident.declare', {
      title: 't',
      severity: 'SEV-3',
      detectedAt: '2025-03-01T11:00:00+01:00',
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.type === 'incident.declare' && parsed.data.payload.detectedAt).toBe('2025-03-01T10:00:00.000Z');
  });
});

describe('commandSchema strictness', () => {
  it('refuses unknown payload fields', () => {
    expect(parse('incident.declare', { title: 't', severity: 'SEV-1', priority: 'high' }).success).toBe(false);
    expect(parse('incident.acknowledge', { now: true }).success).toBe(false);
    expect(parse('role.claim', { role: 'lead', person: { id: 'u-1', name: 'A' } }).success).toBe(false);
  });

  it('refuses unknown envelope fields', () => {
    expect(parse('incident.acknowledge', {}, { actor: { id: 'u-1', name: 'Mallory' } }).success).toBe(false);
  });

  it('refuses unknown fields inside a person', () => {
    expect(parse('role.assign', { role: 'fixer', person: { id: 'u-1', name: 'A', admin: true } }).success).toBe(false);
  });

  it('refuses unknown command types and missing envelope fields', () => {
    expect(parse('incident.delete', {}).success).toBe(false);
    expect(commandSchema.safeParse({ type: 'incident.acknowledge', payload: {}, incidentId: 'inc-1' }).success).toBe(
      false,
    );
  });

  it('refuses an update that names nothing to change', () => {
    expect(parse('incident.update', {}).success).toBe(false);
    expect(parse('incident.update', { team: 'payments' }).success).toBe(true);
  });

  it('refuses a null detection time on update (it is always known)', () => {
    expect(parse('incident.update', { detectedAt: null }).success).toBe(false);
    expect(parse('incident.update', { impactStartedAt: null }).success).toBe(true);
  });

  it('takes a checklist from a template or from items, never both', () => {
    expect(parse('checklist.create', { checklistId: 'c-1', templateId: 'sev-1' }).success).toBe(true);
    expect(parse('checklist.create', { checklistId: 'c-1', title: 'Mine', items: ['a', 'b'] }).success).toBe(true);
    expect(
      parse('checklist.create', { checklistId: 'c-1', templateId: 'sev-1', title: 'Mine', items: ['a'] }).success,
    ).toBe(false);
  });

  it('refuses enum values it does not know', () => {
    expect(parse('incident.declare', { title: 't', severity: 'SEV-0' }).success).toBe(false);
    expect(parse('incident.declare', { title: 't', severity: 'SEV-1', status: 'mitigated' }).success).toBe(false);
    expect(parse('role.claim', { role: 'boss' }).success).toBe(false);
    expect(parse('status_update.post', { updateId: 'u-1', text: 'hi', audience: 'press' }).success).toBe(false);
  });
});

describe('commandSchema limits', () => {
  const declare = (title: string) => parse('incident.declare', { title, severity: 'SEV-1' });

  it('accepts a title at the limit and refuses one past it', () => {
    expect(declare('x'.repeat(LIMITS.title)).success).toBe(true);
    expect(declare('x'.repeat(LIMITS.title + 1)).success).toBe(false);
  });

  it('refuses empty and blank required text', () => {
    expect(declare('').success).toBe(false);
    expect(declare('   ').success).toBe(false);
    expect(parse('incident.change_severity', { severity: 'SEV-1', reason: ' ' }).success).toBe(false);
  });

  it('refuses too-long long text rather than cutting it', () => {
    const long = 'x'.repeat(LIMITS.longText + 1);
    expect(parse('status_update.post', { updateId: 'u-1', text: long, audience: 'internal' }).success).toBe(false);
    expect(parse('incident.update', { summary: long }).success).toBe(false);
  });

  it('limits checklist items in number and length', () => {
    const items = (n: number, text = 'do it') => Array.from({ length: n }, () => text);
    const create = (list: string[]) => parse('checklist.create', { checklistId: 'c-1', title: 'T', items: list });
    expect(create(items(LIMITS.checklistItems)).success).toBe(true);
    expect(create(items(LIMITS.checklistItems + 1)).success).toBe(false);
    expect(create(items(1, 'x'.repeat(LIMITS.checklistItem + 1))).success).toBe(false);
    expect(create(items(1, ' ')).success).toBe(false);
  });

  it('takes a postmortem of 1 to 100,000 characters, kept exactly as written', () => {
    const publish = (markdown: string, baseRevision: string | null = null) =>
      parse('postmortem.publish', { revision: 'r-2', baseRevision, markdown });
    const doc = '# Postmortem\n\n| a | b |\n';
    expect(publish(doc).data?.payload).toEqual({ revision: 'r-2', baseRevision: null, markdown: doc });
    expect(publish('x'.repeat(LIMITS.postmortem), 'r-1').success).toBe(true);
    expect(publish('x'.repeat(LIMITS.postmortem + 1)).success).toBe(false);
    expect(publish('').success).toBe(false);
    expect(publish(' \n ').success).toBe(false);
  });

  it('asks a publish to name its base revision, even when there is none yet', () => {
    expect(parse('postmortem.publish', { revision: 'r-1', markdown: '# P' }).success).toBe(false);
    expect(parse('postmortem.publish', { revision: 'has space', baseRevision: null, markdown: '# P' }).success).toBe(
      false,
    );
  });

  it('takes follow-ups with an optional owner and known states only', () => {
    const added = parse('followup.add', { followupId: 'f-1', text: ' Add an alert ' });
    expect(added.data?.payload).toEqual({ followupId: 'f-1', text: 'Add an alert', owner: null });
    expect(parse('followup.add', { followupId: 'f-1', text: 'x'.repeat(LIMITS.shortText + 1) }).success).toBe(false);
    expect(parse('followup.set_state', { followupId: 'f-1', state: 'wont-do' }).success).toBe(true);
    expect(parse('followup.set_state', { followupId: 'f-1', state: 'closed' }).success).toBe(false);
    expect(parse('followup.assign', { followupId: 'f-1', owner: null }).success).toBe(true);
    expect(parse('followup.assign', { followupId: 'f-1' }).success).toBe(false);
  });
});

describe('commandSchema ids', () => {
  const ack = (extra: Record<string, unknown>) => parse('incident.acknowledge', {}, extra);

  it('accepts letters, digits, "_" and "-" up to 64 characters', () => {
    expect(ack({ incidentId: 'Inc_2025-03-01' }).success).toBe(true);
    expect(ack({ incidentId: 'x'.repeat(64) }).success).toBe(true);
  });

  it.each(['', 'has space', 'a/b', 'ümlaut', 'x'.repeat(65), 'semi;colon'])('refuses incident id %j', (id) => {
    expect(ack({ incidentId: id }).success).toBe(false);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses %j, a name every object already has (ids key records)',
    (id) => {
      expect(ack({ incidentId: id }).success).toBe(false);
    },
  );

  it('checks command ids and person ids too', () => {
    expect(ack({ commandId: 'bad id' }).success).toBe(false);
    expect(parse('role.assign', { role: 'lead', person: { id: '../root', name: 'R' } }).success).toBe(false);
    expect(parse('role.release', { role: 'fixer', personId: 'no good' }).success).toBe(false);
  });

  it('gives item ids a little more room than other ids', () => {
    const set = (itemId: string) => parse('checklist.set_item', { checklistId: 'c-1', itemId, done: true });
    expect(set('x'.repeat(80)).success).toBe(true);
    expect(set('x'.repeat(81)).success).toBe(false);
  });

  it('refuses a clientAt that is not an ISO time with a zone', () => {
    expect(ack({ clientAt: 'yesterday' }).success).toBe(false);
    expect(ack({ clientAt: '2025-03-01T10:00:00' }).success).toBe(false);
  });

  it('refuses a person without a name', () => {
    expect(parse('role.assign', { role: 'lead', person: { id: 'u-1', name: '  ' } }).success).toBe(false);
  });
});

describe('isCommandType', () => {
  it('knows every command type', () => {
    expect(COMMAND_TYPES).toHaveLength(26);
    for (const type of COMMAND_TYPES) expect(isCommandType(type)).toBe(true);
    expect(COMMAND_TYPES).toEqual(Object.keys(commandPayloadSchemas));
  });

  it('refuses other values, including inherited property names', () => {
    for (const value of ['incident.delete', '', 'toString', '__proto__', 'constructor', 42, null, undefined, {}])
      expect(isCommandType(value)).toBe(false);
  });
});
