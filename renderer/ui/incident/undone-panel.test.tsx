// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bob, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { UndonePanel } from './undone-panel.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('what is undone', () => {
  it('lists empty roles, the next update, open items with their owners and attempts still pending', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Checkout errors', severity: 'SEV-1' }); // Alice leads
    hub.ok('checklist.create', {
      checklistId: 'cl-1',
      title: 'Payments',
      items: ['Check the gateway status page', 'Tell support'],
    });
    const itemId = hub.incident().checklists.find((c) => c.id === 'cl-1')?.items[0]?.id ?? '';
    hub.ok('checklist.assign_item', { checklistId: 'cl-1', itemId, owner: bob });
    hub.ok('tried.add', { entryId: 't-1', what: 'Restarted the gateway pods' });
    hub.ok('tried.add', { entryId: 't-2', what: 'Typo entry' });
    hub.ok('tried.strike', { entryId: 't-2', reason: 'Logged by mistake' });
    vi.useFakeTimers({ now: Date.parse(hub.now) + 10 * 60_000, shouldAdvanceTime: true });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<UndonePanel incidentId="inc-1" />);
    const panel = within(screen.getByRole('region', { name: /^What is undone/ }));
    const rows = (kind: string) =>
      [...document.querySelectorAll(`[data-undone="${kind}"]`)].map((li) => li.textContent ?? '');

    expect(rows('role')).toEqual(['No Comms Lead', 'No fixers']);
    expect(rows('update')).toEqual([expect.stringMatching(/^Next status update due at \d\d:\d\d, in 20m$/)]);
    expect(rows('item')).toContain('Check the gateway status page Payments · Bob');
    expect(rows('item')).toContain('Tell support Payments · no owner');
    expect(rows('attempt')).toEqual(['No outcome yet: Restarted the gateway pods tried by Alice']); // struck ones are not work
    const count = 2 + rows('item').length + 1;
    expect(panel.getByRole('heading').textContent).toBe(`What is undone (${count})`);

    act(() => void vi.advanceTimersByTime(25 * 60_000));
    expect(rows('update')).toEqual(['Status update overdue by 5m']);
    expect(panel.getByRole('heading').textContent).toBe(`What is undone (${count + 1})`);
  });
});
