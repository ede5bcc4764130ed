import { describe, expect, it } from 'vitest';
import type { UserRole } from '../domain/authorize.js';
import { oncallChangeSchema, type OncallChange, type ParsedOncallChange } from '../protocol/oncall-wire.js';
import { authorizeOncallChange, authorizeOncallKind, mayEditOverride } from './change-permissions.js';
import { defaultProfile } from './profile.js';

const me = { id: 'u-me', name: 'Me' };
const other = { id: 'u-other', name: 'Other' };
const third = { id: 'u-third', name: 'Third' };
const actor = (role: UserRole) => ({ id: me.id, role });

const override = (person: typeof me, replaces: string) => ({
  id: 'o-1',
  rotationId: 'does-not-exist',
  replaces,
  person,
  start: '2026-03-01T09:00:00Z',
  end: '2026-03-02T09:00:00Z',
});

/** One change of each kind, about me or about someone else; every id names something that may not exist. */
const CHANGES: Record<OncallChange['kind'], (mine: boolean) => OncallChange> = {
  'rotation.save': () => ({
    kind: 'rotation.save',
    rotation: {
      id: 'r-new',
      name: 'New',
      members: [me, other],
      handoffTime: '09:00',
      shift: 'weekly',
      timeZone: 'UTC',
      startDate: '2026-03-02',
    },
  }),
  'rotation.delete': () => ({ kind: 'rotation.delete', rotationId: 'nope' }),
  'override.save': (mine) => ({
    kind: 'override.save',
    override: mine ? override(me, other.id) : override(third, other.id),
  }),
  'override.delete': () => ({ kind: 'override.delete', overrideId: 'nope' }),
  'service.route': () => ({ kind: 'service.route', service: 'checkout', rotationId: 'nope' }),
  'settings.save': () => ({ kind: 'settings.save', defaultRotationId: 'nope' }),
  'profile.save': (mine) =>
    mine
      ? { kind: 'profile.save', profile: defaultProfile('UTC') }
      : { kind: 'profile.save', userId: other.id, profile: defaultProfile('UTC') },
};

const parsed = (change: OncallChange): ParsedOncallChange => oncallChangeSchema.parse(change);

/** What the role may do before anything is looked up: 'go' (the hub goes on to look things up) or the code. */
function before(role: UserRole, change: OncallChange): string {
  const byKind = authorizeOncallKind(role, change.kind);
  if (byKind) return byKind.code;
  return authorizeOncallChange(actor(role), parsed(change))?.code ?? 'go';
}

describe('on-call changes are authorized before anything is looked up', () => {
  it.each<[OncallChange['kind'], Record<UserRole, [mine: string, others: string]>]>([
    [
      'rotation.save',
      { viewer: ['forbidden', 'forbidden'], responder: ['forbidden', 'forbidden'], admin: ['go', 'go'] },
    ],
    [
      'rotation.delete',
      { viewer: ['forbidden', 'forbidden'], responder: ['forbidden', 'forbidden'], admin: ['go', 'go'] },
    ],
    ['override.save', { viewer: ['forbidden', 'forbidden'], responder: ['go', 'forbidden'], admin: ['go', 'go'] }],
    // Whose an existing override is can only be known by looking it up: mayEditOverride, after the lookup.
    ['override.delete', { viewer: ['forbidden', 'forbidden'], responder: ['go', 'go'], admin: ['go', 'go'] }],
    [
      'service.route',
      { viewer: ['forbidden', 'forbidden'], responder: ['forbidden', 'forbidden'], admin: ['go', 'go'] },
    ],
    [
      'settings.save',
      { viewer: ['forbidden', 'forbidden'], responder: ['forbidden', 'forbidden'], admin: ['go', 'go'] },
    ],
    ['profile.save', { viewer: ['go', 'forbidden'], responder: ['go', 'forbidden'], admin: ['go', 'go'] }],
  ])('%s', (kind, expected) => {
    for (const role of ['viewer', 'responder', 'admin'] as const) {
      expect(before(role, CHANGES[kind](true)), `${role}, about themselves`).toBe(expected[role][0]);
      expect(before(role, CHANGES[kind](false)), `${role}, about others`).toBe(expected[role][1]);
    }
  });

  it('refuses by kind alone, so a malformed change from a role that may not make it is still forbidden', () => {
    expect(authorizeOncallKind('viewer', 'rotation.save')?.code).toBe('forbidden');
    expect(authorizeOncallKind('responder', 'settings.save')?.code).toBe('forbidden');
    expect(authorizeOncallKind('viewer', 'override.delete')?.code).toBe('forbidden');
    // An unknown kind, or none, is left to the shape check (invalid_command names the kinds).
    expect(authorizeOncallKind('viewer', 'rotation.explode')).toBeNull();
    expect(authorizeOncallKind('viewer', undefined)).toBeNull();
    expect(authorizeOncallKind('viewer', 'profile.save')).toBeNull();
  });

  it('lets admins and the responders covering or covered change an existing override', () => {
    const existing = override(other, third.id);
    expect(mayEditOverride(actor('admin'), existing)).toBe(true);
    expect(mayEditOverride(actor('responder'), existing)).toBe(false);
    expect(mayEditOverride(actor('responder'), override(me, third.id))).toBe(true);
    expect(mayEditOverride(actor('responder'), override(other, me.id))).toBe(true);
    expect(mayEditOverride(actor('viewer'), override(me, third.id))).toBe(false);
  });
});
