import { describe, expect, it } from 'vitest';
import {
  coveringRotationId,
  defaultNewIncidentNotices,
  newIncidentNoticesFor,
  onCoveringRotation,
  wantsIncidentNotice,
} from './new-incident-audience.js';

const routes = {
  rotations: [
    { id: 'rot-checkout', members: [{ id: 'u-ana' }, { id: 'u-bo' }] },
    { id: 'rot-core', members: [{ id: 'u-cy' }] },
  ],
  services: [{ service: 'checkout', rotationId: 'rot-checkout' }],
  defaultRotationId: 'rot-core',
};

describe('defaultNewIncidentNotices', () => {
  it('gives responders and admins every SEV-1, their rotation’s SEV-2 and no SEV-3; viewers none', () => {
    const responder = { 'SEV-1': 'always', 'SEV-2': 'my-rotation', 'SEV-3': 'never' };
    expect(defaultNewIncidentNotices('responder')).toEqual(responder);
    expect(defaultNewIncidentNotices('admin')).toEqual(responder);
    expect(defaultNewIncidentNotices('viewer')).toEqual({ 'SEV-1': 'never', 'SEV-2': 'never', 'SEV-3': 'never' });
  });
});

describe('newIncidentNoticesFor', () => {
  it("takes the person's own choice, else the defaults for their role", () => {
    const own = { 'SEV-1': 'always', 'SEV-2': 'always', 'SEV-3': 'always' } as const;
    expect(newIncidentNoticesFor({ newIncidents: own }, 'viewer')).toEqual(own);
    expect(newIncidentNoticesFor({}, 'viewer')).toEqual(defaultNewIncidentNotices('viewer'));
    expect(newIncidentNoticesFor(null, 'admin')).toEqual(defaultNewIncidentNotices('admin'));
  });
});

describe('coveringRotationId', () => {
  it('takes a chosen rotation first, then the service route (trimmed, any case), then the default', () => {
    expect(coveringRotationId(routes, { service: 'checkout', rotationId: 'rot-core' })).toBe('rot-core');
    expect(coveringRotationId(routes, { service: ' Checkout ', rotationId: null })).toBe('rot-checkout');
    expect(coveringRotationId(routes, { service: 'search', rotationId: null })).toBe('rot-core');
    expect(coveringRotationId({ ...routes, defaultRotationId: null }, { service: 'search', rotationId: null })).toBe(
      null,
    );
  });
});

describe('onCoveringRotation / wantsIncidentNotice', () => {
  const checkout = { service: 'checkout', rotationId: null, severity: 'SEV-2' as const };

  it('is true for members of the covering rotation only, false when the routes are unknown', () => {
    expect(onCoveringRotation(routes, checkout, 'u-bo')).toBe(true);
    expect(onCoveringRotation(routes, checkout, 'u-cy')).toBe(false);
    expect(onCoveringRotation(null, checkout, 'u-bo')).toBe(false);
    expect(onCoveringRotation({ ...routes, rotations: [] }, checkout, 'u-bo')).toBe(false);
  });

  it('applies always / my-rotation / never per severity', () => {
    const notices = { 'SEV-1': 'always', 'SEV-2': 'my-rotation', 'SEV-3': 'never' } as const;
    expect(wantsIncidentNotice(notices, { ...checkout, severity: 'SEV-1' }, 'u-cy', null)).toBe(true);
    expect(wantsIncidentNotice(notices, checkout, 'u-ana', routes)).toBe(true);
    expect(wantsIncidentNotice(notices, checkout, 'u-cy', routes)).toBe(false);
    expect(wantsIncidentNotice(notices, { ...checkout, severity: 'SEV-3' }, 'u-ana', routes)).toBe(false);
  });
});
