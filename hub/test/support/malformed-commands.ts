import fc from 'fast-check';
import type { z } from 'zod';
import {
  COMMAND_TYPES,
  HUB_ONLY_COMMANDS,
  commandPayloadSchemas,
  type CommandType,
} from '../../../shared/domain/commands.js';
import { idSchema, isoTimeSchema } from '../../../shared/domain/primitives.js';
import { MAX_COMMAND_BYTES, MAX_POSTMORTEM_COMMAND_BYTES } from '../../../shared/protocol/wire.js';

/**
 * Generators of commands that must never get past the hub's checks: every one carries at least one structural fault
 * (not an object, an unknown type, a missing or wrong envelope or payload field, an unknown key, too large), so the
 * hub answers before decide, whatever incident it names. Used by the bad-input-at-scale property test.
 */

/** Keys that have tripped up JavaScript code before: object spread or `in` checks on them misbehave. */
export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
];

/** A well-formed payload for every type clients may send (hub-only ones get a placeholder: they are refused first). */
export function validPayloads(personId: string): Record<CommandType, Record<string, unknown>> {
  return {
    'incident.declare': { title: 'Checkout down', severity: 'SEV-2' },
    'incident.update': { title: 'Checkout partly down' },
    'incident.change_severity': { severity: 'SEV-1', reason: 'It spread to search' },
    'incident.change_status': { status: 'mitigated' },
    'incident.acknowledge': {},
    'role.assign': { role: 'comms', person: { id: personId, name: 'Someone' } },
    'role.claim': { role: 'comms' },
    'role.release': { role: 'lead' },
    'checklist.create': { checklistId: 'extra', title: 'Extra checks', items: ['Look at the queue'] },
    'checklist.add_item': { checklistId: 'extra', itemId: 'i1', text: 'Page the DBA' },
    'checklist.set_item': { checklistId: 'extra', itemId: 'i1', done: true },
    'checklist.assign_item': { checklistId: 'extra', itemId: 'i1', owner: { id: personId, name: 'Someone' } },
    'tried.add': { entryId: 'e1', what: 'Restarted the workers' },
    'tried.set_outcome': { entryId: 'e1', outcome: 'helped' },
    'tried.strike': { entryId: 'e1', reason: 'Logged on the wrong incident' },
    'status_update.post': { updateId: 'u1', text: 'We are on it', audience: 'internal' },
    'incident.set_public': { title: 'Checkout is slow' },
    'postmortem.publish': { revision: 'r1', baseRevision: null, markdown: '# What happened' },
    'followup.add': { followupId: 'f1', text: 'Add an alert' },
    'followup.set_state': { followupId: 'f1', state: 'done' },
    'followup.assign': { followupId: 'f1', owner: null },
    'alert.receive': {},
    'page.record': {},
    'page.report_unrouted': {},
    'page.choose_rotation': { rotationId: 'checkout' },
    'page.record_delivery': {
      pageId: 'p-1',
      methodId: 'm-1',
      method: 'email',
      target: 'a•••@example.com',
      result: 'sent',
      attempt: 1,
      detail: '250 OK',
      nextAttemptAt: null,
    },
  };
}

type Json = unknown;
type Command = Record<string, Json>;

/** Sets an own, enumerable property, even for `__proto__` (which plain assignment or spread would not create). */
function withKey<T extends object>(object: T, key: string, value: Json): T {
  const copy = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function without<T extends object>(object: T, key: string): T {
  const copy = { ...object } as Record<string, unknown>;
  delete copy[key];
  return copy as T;
}

/** Nested arrays `depth` deep: deep enough to break recursive code, built without recursion. */
function nested(depth: number): Json {
  let value: Json = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // lone surrogates, astral planes
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '𝕏'.repeat(50), 'a\r\nb', '"}]', '${}', '<script>'),
);
const anyKey = fc.oneof(anyText, fc.constantFrom(...POLLUTION_KEYS));
const junk: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map(nested) },
  { weight: 1, arbitrary: fc.constantFrom(-0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e-308, 0.5) },
);

/** A value that `schema` refuses (tried in this order, so it is deterministic). */
function refusedBy(schema: z.ZodType): fc.Arbitrary<Json> {
  return fc
    .oneof(junk, fc.constantFrom(null, true, 42, -1.5, '', [], {}, 'x'.repeat(5000), { nested: { deeper: [1] } }))
    .filter((value) => !schema.safeParse(value).success);
}

function payloadShape(type: CommandType): Record<string, z.ZodType> | null {
  const schema = commandPayloadSchemas[type] as z.ZodType & { shape?: Record<string, z.ZodType> };
  return schema.shape ?? null; // checklist.create is a union: its fields are varied through the other faults
}

const ENVELOPE = ['commandId', 'incidentId', 'clientAt', 'payload'] as const;
/** checklist.create's fields, across both shapes of its union. */
const CHECKLIST_CREATE_FIELDS = { checklistId: 1, templateId: 1, title: 1, items: 1 };

export interface CommandFaults {
  /** A command that is fine but for its fault. */
  readonly base: (type: CommandType) => Command;
}

/** The fault-carrying commands, derived from `base` (a valid command of each type for a live incident). */
export function malformedCommand(faults: CommandFaults): fc.Arbitrary<Json> {
  const type = fc.constantFrom(...COMMAND_TYPES.filter((t) => !HUB_ONLY_COMMANDS.includes(t)));
  const near = (t: string) =>
    fc.constantFrom(t.toUpperCase(), `${t} `, ` ${t}`, t.replace('.', '_'), `${t}.x`, t.slice(0, -1), `${t}\u0000`);

  const notACommand = fc.jsonValue({ maxDepth: 4 });
  const unknownType = fc
    .tuple(type, fc.oneof(type.chain(near), anyText, junk))
    .filter(([, wrong]) => !(typeof wrong === 'string' && (COMMAND_TYPES as string[]).includes(wrong)))
    .map(([t, wrong]) => ({ ...faults.base(t), type: wrong }));
  const missingEnvelope = fc
    .tuple(type, fc.constantFrom(...ENVELOPE, 'type'))
    .map(([t, key]) => without(faults.base(t), key));
  const badEnvelope = fc.oneof(
    fc.tuple(type, refusedBy(idSchema)).map(([t, v]) => ({ ...faults.base(t), commandId: v })),
    fc.tuple(type, refusedBy(idSchema)).map(([t, v]) => ({ ...faults.base(t), incidentId: v })),
    fc.tuple(type, refusedBy(isoTimeSchema)).map(([t, v]) => ({ ...faults.base(t), clientAt: v })),
    fc
      .tuple(type, fc.stringMatching(/^[A-Za-z0-9_-]{1,50}$/))
      .map(([t, v]) => ({ ...faults.base(t), commandId: `hub-${v}` })),
  );
  const extraEnvelopeKey = fc
    .tuple(type, anyKey, junk)
    .filter(([, key]) => !['commandId', 'incidentId', 'clientAt', 'payload', 'type'].includes(key))
    .map(([t, key, value]) => withKey(faults.base(t), key, value));
  const payloadNotObject = fc
    .tuple(type, fc.oneof(fc.constantFrom(null, 0, '', 'payload', true), fc.array(junk, { maxLength: 3 })))
    .map(([t, payload]) => ({ ...faults.base(t), payload }));
  const extraPayloadKey = fc
    .tuple(type, anyKey, junk)
    .filter(([t, key]) => !Object.hasOwn(payloadShape(t) ?? CHECKLIST_CREATE_FIELDS, key))
    .map(([t, key, value]) => {
      const command = faults.base(t);
      return { ...command, payload: withKey(command.payload as object, key, value) };
    });
  const typesWithFields = COMMAND_TYPES.filter(
    (t) => !HUB_ONLY_COMMANDS.includes(t) && Object.keys(payloadShape(t) ?? {}).length > 0,
  );
  const fieldOf = fc
    .constantFrom(...typesWithFields)
    .chain((t) => fc.tuple(fc.constant(t), fc.constantFrom(...Object.keys(payloadShape(t) ?? {}))));
  const badPayloadField = fieldOf.chain(([t, field]) =>
    refusedBy(payloadShape(t)?.[field] as z.ZodType).map((value) => {
      const command = faults.base(t);
      return { ...command, payload: { ...(command.payload as object), [field]: value } };
    }),
  );
  const missingPayloadField = fieldOf
    .filter(([t, field]) => !(payloadShape(t)?.[field] as z.ZodType).safeParse(undefined).success)
    .map(([t, field]) => {
      const command = faults.base(t);
      return { ...command, payload: without(command.payload as object, field) };
    });
  const tooLarge = fc.tuple(type, fc.integer({ min: 1, max: 200_000 })).map(([t, extra]) => {
    const command = faults.base(t);
    const limit = t === 'postmortem.publish' ? MAX_POSTMORTEM_COMMAND_BYTES : MAX_COMMAND_BYTES;
    // Over the command limit, under socket.io's 1 MiB message limit (which would drop the connection instead).
    const size = Math.min(limit + extra, 1_000_000);
    const field = t === 'postmortem.publish' ? 'markdown' : 'padding';
    return { ...command, payload: { ...(command.payload as object), [field]: 'ü'.repeat(Math.ceil(size / 2)) } };
  });

  return fc.oneof(
    { weight: 10, arbitrary: notACommand },
    { weight: 10, arbitrary: unknownType },
    { weight: 10, arbitrary: missingEnvelope },
    { weight: 15, arbitrary: badEnvelope },
    { weight: 10, arbitrary: extraEnvelopeKey },
    { weight: 5, arbitrary: payloadNotObject },
    { weight: 10, arbitrary: extraPayloadKey },
    { weight: 20, arbitrary: badPayloadField },
    { weight: 10, arbitrary: missingPayloadField },
    { weight: 1, arbitrary: tooLarge },
  );
}
