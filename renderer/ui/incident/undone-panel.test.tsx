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
    // The first open item (the SEV-1 checklist's first) gets an owner.
    const first = hub.incident().checklists[0];
    hub.ok('checklist.assign_item', { checklistId: first?.id ?? '', itemId: first?.items[0]?.id ?? '', owner: bob });
    const open = hub.incident().checklists.flatMap((c) => c.items.map((i) => `${i.text} ${c.title}`));
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
    // Five listed, in checklist order, the rest counted (a long incident can hold thousands).
    expect(open.length).toBeGreaterThan(5);
    expect(rows('item')).toEqual(open.slice(0, 5).map((text, i) => `${text} · ${i === 0 ? 'Bob' : 'no owner'}`));
    expect(rows('more')).toEqual([`…and ${open.length - 5} more open checklist items (in Checklists)`]);
    expect(rows('attempt')).toEqual(['No outcome yet: Restarted the gateway pods tried by Alice']); // struck ones are not work
    const count = 2 + open.length + 1;
    expect(panel.getByRole('heading').textContent).toBe(`What is undone (${count})`);

    act(() => void vi.advanceTimersByTime(25 * 60_000));
    expect(rows('update')).toEqual(['Status update overdue by 5m']);
    expect(panel.getByRole('heading').textContent).toBe(`What is undone (${count + 1})`);
  });

  it('lists the five newest attempts without an outcome and counts the rest', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Checkout errors', severity: 'SEV-3' });
    for (let i = 1; i <= 7; i++) hub.ok('tried.add', { entryId: `t-${i}`, what: `Attempt ${i}` });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<UndonePanel incidentId="inc-1" />);
    const rows = (kind: string) =>
      [...document.querySelectorAll(`[data-undone="${kind}"]`)].map((li) => li.textContent ?? '');
    expect(rows('attempt')).toEqual([7, 6, 5, 4, 3].map((i) => `No outcome yet: Attempt ${i} tried by Alice`));
    expect(rows('more')).toContain("…and 2 more attempts without an outcome (in What we've tried (Pending))");
  });
});
