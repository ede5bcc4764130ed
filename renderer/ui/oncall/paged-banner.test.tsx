// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PAGING_ACTOR } from '../../../shared/oncall/paging.js';
import type { PageNotification } from '../../../shared/protocol/oncall-wire.js';
import { alice, bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { PageNotices, PagedBanner } from './paged-banner.js';

const PAGE_ID = 'inc-1-s0-r0-u-alice';

/** INC-1 (SEV-1) declared by Bob; the hub's scheduler pages Alice (who is signed in). */
function pagedToAlice(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'Checkout down', severity: 'SEV-1', status: 'triage' }, { actor: bob, incidentId: 'inc-1' });
  hub.ok(
    'page.record',
    { pageId: PAGE_ID, person: alice, reason: 'initial', step: 0, round: 0, rotationId: 'r-1', heldUntil: null },
    { incidentId: 'inc-1', actor: PAGING_ACTOR },
  );
  return hub;
}

const pushed: PageNotification = {
  pageId: PAGE_ID,
  at: '2025-03-01T10:00:00.000Z',
  test: false,
  incident: { id: 'inc-1', number: 1, title: 'Checkout down', severity: 'SEV-1', service: '' },
  reason: 'initial',
  step: 0,
  round: 0,
};

describe('a page notice and the paged banner, once the page is answered', () => {
  it('both go when someone else acknowledges: no stale "Page received" is left on screen', async () => {
    const hub = pagedToAlice();
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(
      <>
        <PagedBanner />
        <PageNotices />
      </>,
    );
    act(() => app.page(pushed));
    expect(screen.getByTestId('paged-banner')).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Pages received' }).textContent).toContain('Page received: INC-1');

    hub.ok('incident.acknowledge', {}, { incidentId: 'inc-1', actor: bob });
    act(() => app.push(viewOfHub(hub)));
    expect(screen.queryByTestId('paged-banner')).toBeNull();
    expect(screen.queryByRole('status', { name: 'Pages received' })).toBeNull();
  });

  it('keeps the notice of a page whose event has not arrived yet', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Checkout down', severity: 'SEV-1', status: 'triage' }, { actor: bob, incidentId: 'inc-1' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<PageNotices />);
    act(() => app.page(pushed));
    expect(screen.getByRole('status', { name: 'Pages received' })).toBeTruthy();
  });
});
