import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_POLICY } from '../../shared/oncall/policy.js';
import { rotationSchema } from '../../shared/oncall/rotation.js';
import { rotationForIncident, rotationForService, type OncallConfig } from './oncall-store.js';

const rotation = (id: string) =>
  rotationSchema.parse({
    id,
    name: id,
    members: [{ id: 'u-ana', name: 'Ana' }],
    handoffTime: '09:00',
    shift: 'weekly',
    timeZone: 'UTC',
    startDate: '2026-03-23',
  });

const config = (defaultRotationId: string | null): OncallConfig => ({
  rotations: [rotation('checkout'), rotation('search'), rotation('platform')],
  overrides: [],
  services: [{ service: 'checkout', rotationId: 'checkout' }],
  defaultRotationId,
  policy: DEFAULT_ESCALATION_POLICY,
  profiles: new Map(),
});

describe('which rotation pages an incident', () => {
  it('routes a service by name, trimmed and case-insensitive, else the default rotation, else none', () => {
    expect(rotationForService(config(null), ' Checkout ')?.id).toBe('checkout');
    expect(rotationForService(config('platform'), 'search')?.id).toBe('platform');
    expect(rotationForService(config('platform'), '')?.id).toBe('platform');
    expect(rotationForService(config(null), 'search')).toBeUndefined();
  });

  it('takes the chosen rotation first, and the route again once the chosen one is gone', () => {
    expect(rotationForIncident(config(null), { rotationId: 'search', service: 'checkout' })?.id).toBe('search');
    expect(rotationForIncident(config(null), { rotationId: 'deleted', service: 'checkout' })?.id).toBe('checkout');
    expect(rotationForIncident(config('platform'), { rotationId: null, service: 'search' })?.id).toBe('platform');
    expect(rotationForIncident(config(null), { rotationId: null, service: 'search' })).toBeUndefined();
  });
});
