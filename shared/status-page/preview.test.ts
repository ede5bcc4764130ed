import { describe, expect, it } from 'vitest';
import { TestHub, alice, bob } from '../domain/test-support.js';
import { previewIncident, publicServiceIdsToNames } from './preview.js';
import { buildPublicStatus, publicId } from './public-status.js';
import { statusPageConfigSchema } from './status-page-config.js';

const CONFIG = statusPageConfigSchema.parse({
  title: 'Acme status',
  services: [{ key: 'payments-api', name: 'Checkout' }],
});

function declared(): TestHub {
  const hub = new TestHub();
  hub.declare({ severity: 'SEV-2', service: 'payments-api', title: 'PSP timeouts on eu-west-1b' });
  return hub;
}

describe('previewIncident', () => {
  it('shows the public title and the draft as the page would, never the internal title', () => {
    const hub = declared();
    const preview = previewIncident(
      hub.incident(),
      'Some payments fail.',
      'Payments are failing',
      CONFIG,
      alice,
      hub.now,
    );
    expect(preview).toMatchObject({
      id: publicId(hub.incident().id),
      title: 'Payments are failing',
      status: 'investigating',
      state: 'partial_outage',
      services: ['checkout'],
      updates: [{ body: 'Some payments fail.', status: 'investigating', at: hub.now }],
    });
    expect(JSON.stringify(preview)).not.toContain('PSP timeouts');
    // The incident itself is untouched.
    expect(hub.incident().public.title).toBeNull();
    expect(hub.incident().statusUpdates).toEqual([]);
  });

  it('is exactly what the page shows once the same update is posted', () => {
    const hub = declared();
    hub.advance(3);
    const preview = previewIncident(hub.incident(), 'Fixed soon.', 'Payments are slow', CONFIG, bob, hub.now);
    hub.ok('status_update.post', {
      updateId: 'preview-draft',
      text: 'Fixed soon.',
      audience: 'external',
      publicTitle: 'Payments are slow',
    });
    const page = buildPublicStatus(hub.state, CONFIG, Date.parse(hub.now));
    expect(preview).toEqual(page.activeIncidents[0]);
  });

  it('keeps earlier external updates and the title set before, newest first', () => {
    const hub = declared();
    hub.ok('status_update.post', {
      updateId: 'u-1',
      text: 'First.',
      audience: 'external',
      publicTitle: 'Slow checkout',
    });
    hub.advance(5);
    const preview = previewIncident(hub.incident(), 'Second.', '', CONFIG, alice, hub.now);
    expect(preview?.title).toBe('Slow checkout');
    expect(preview?.updates.map((u) => u.body)).toEqual(['Second.', 'First.']);
  });

  it('is null while nothing would be public: no public title, or nothing typed on an unpublished incident', () => {
    const hub = declared();
    expect(previewIncident(hub.incident(), 'Some payments fail.', '  ', CONFIG, alice, hub.now)).toBeNull();
    expect(previewIncident(hub.incident(), '', 'Payments are failing', CONFIG, alice, hub.now)).toBeNull();
  });

  it('names the public services for the block', () => {
    expect([...publicServiceIdsToNames(CONFIG)]).toEqual([['checkout', 'Checkout']]);
  });
});
