// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { commandPayloadSchemas } from '../../../shared/domain/commands.js';
import { withPending } from '../../../shared/sync/optimistic.js';
import { alice, bob, carol, startApp, TestHub, viewOfHub } from '../../testing/app-harness.js';
import { charCountOf } from '../../testing/char-count.js';
import { queued } from '../../test-views.js';
import { TriedLog } from './tried-log.js';

function hubWithAttempts(): TestHub {
  const hub = new TestHub();
  hub.declare({ title: 'x', severity: 'SEV-1' });
  hub
    .advance(2)
    .ok('tried.add', { entryId: 'e1', what: 'Restarted the payment pods', hypothesis: 'Stuck pods' }, { actor: bob });
  hub.advance(2).ok('tried.add', { entryId: 'e2', what: 'Raised the pool size', hypothesis: '' });
  hub.advance(2).ok('tried.set_outcome', { entryId: 'e1', outcome: 'no-effect' }, { actor: bob });
  return hub;
}

const list = () => screen.getByRole('list', { name: "What we've tried" });
const entries = () => within(list()).getAllByRole('listitem');
const form = () => within(screen.getByRole('form', { name: "Add to what we've tried" }));

describe("what we've tried", () => {
  it('lists attempts newest first, with hypothesis, who, when and outcome', async () => {
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    expect(entries().map((e) => e.dataset.entryId)).toEqual(['e2', 'e1']);
    const first = entries()[1] as HTMLElement;
    expect(first.textContent).toContain('#1 Restarted the payment pods');
    expect(first.textContent).toContain('Hypothesis: Stuck pods');
    expect(first.textContent).toMatch(/Bob · \d\d:\d\d · outcome by Bob at \d\d:\d\d/);
    expect(within(first).getByRole('combobox', { name: 'Outcome of “Restarted the payment pods”' })).toHaveProperty(
      'value',
      'no-effect',
    );
  });

  it('adds an entry with one line and Enter, and clears the line', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    await user.type(form().getByLabelText('What'), 'Flushed the CDN cache{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'tried.add',
        incidentId: 'inc-1',
        payload: { entryId: expect.any(String), what: 'Flushed the CDN cache', hypothesis: '' },
      },
    ]);
    expect(form().getByLabelText('What')).toHaveProperty('value', '');
  });

  it('says when a new entry resembles one already tried, before adding it', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    await user.type(form().getByLabelText('What'), 'Restart payment pods');
    const similar = await screen.findByText('This looks like something already tried:');
    expect(similar.closest('[role="status"]')?.textContent).toMatch(/“Restarted the payment pods” — no effect, by Bob/);
    await user.keyboard('{Enter}');
    expect(app.sent).toEqual([]); // the first Enter only warns
    expect(screen.getByText(/Press Enter again/)).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(app.sent.map((c) => commandPayloadSchemas['tried.add'].parse(c.payload).what)).toEqual([
      'Restart payment pods',
    ]);
  });

  it('sets an outcome later, and filters by outcome', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Outcome of “Raised the pool size”' }), 'helped');
    expect(app.sent).toEqual([]); // the choice waits for Save, with a note if wanted
    const save = within(screen.getByRole('form', { name: 'Save the outcome of “Raised the pool size”' }));
    await user.click(save.getByRole('button', { name: 'Save outcome' }));
    expect(app.sent).toEqual([
      { type: 'tried.set_outcome', incidentId: 'inc-1', payload: { entryId: 'e2', outcome: 'helped' } },
    ]);
    expect(screen.queryByRole('form', { name: /^Save the outcome/ })).toBeNull();
    const filter = screen.getByLabelText('Show');
    expect(
      within(filter)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All outcomes (2)', 'Pending (1)', 'Helped (0)', 'No effect (1)', 'Made it worse (0)']);
    await user.selectOptions(filter, 'no-effect');
    expect(entries().map((e) => e.dataset.entryId)).toEqual(['e1']);
    await user.selectOptions(filter, 'helped');
    expect(screen.getByText('No attempt has this outcome.')).toBeTruthy();
  });

  it('marks entries the hub has not confirmed yet', async () => {
    const hub = hubWithAttempts();
    const command = queued({ commandId: 'q1', incidentId: 'inc-1', payload: { entryId: 'e3', what: 'Typed offline' } });
    const { state } = withPending(hub.state, [command], alice, hub.now);
    const app = await startApp({ view: { state, confirmed: hub.state, pending: [{ ...command, shown: true }] } });
    app.render(<TriedLog incidentId="inc-1" />);
    const pending = entries().find((e) => e.dataset.entryId === 'e3');
    expect(pending?.dataset.pending).toBe('true');
    expect(within(pending as HTMLElement).getByText('pending')).toBeTruthy();
    expect(entries().filter((e) => e.dataset.pending === 'true')).toHaveLength(1);
  });

  it('keeps the text and shows the reason when the hub refuses it, and puts it back with "Edit again"', async () => {
    const user = userEvent.setup();
    const hub = hubWithAttempts();
    const refused = queued({
      commandId: 'r1',
      incidentId: 'inc-1',
      payload: { entryId: 'e9', what: 'Rebooted db-2', hypothesis: 'Leak' },
    });
    const app = await startApp({
      view: viewOfHub(hub, {
        rejected: [{ command: refused, error: { code: 'incident_closed', message: 'INC-1 is closed.' }, at: hub.now }],
      }),
    });
    app.render(<TriedLog incidentId="inc-1" />);
    const note = within(screen.getByRole('list', { name: 'Not accepted by the hub' }));
    expect(note.getByText("Add “Rebooted db-2” to what we've tried")).toBeTruthy();
    expect(note.getByRole('alert').textContent).toBe('INC-1 is closed.');
    await user.click(note.getByRole('button', { name: 'Edit again' }));
    expect(form().getByLabelText('What')).toHaveProperty('value', 'Rebooted db-2');
    expect(form().getByLabelText('Hypothesis')).toHaveProperty('value', 'Leak');
    expect(app.dismissed).toEqual(['r1']);

    app.answer({ ok: false, error: { code: 'invalid_command', message: 'payload.what: too long' } });
    await user.click(form().getByRole('button', { name: 'Add' }));
    expect(form().getByRole('alert').textContent).toBe('What: too long');
    expect(form().getByLabelText('What')).toHaveProperty('value', 'Rebooted db-2');
  });

  it('renders only the visible rows of 10,000 attempts', async () => {
    const hub = new TestHub();
    hub.declare({ title: 'Long', severity: 'SEV-1' });
    const incident = hub.incident();
    const tried = Array.from({ length: 10_000 }, (_, i) => ({
      id: `e${i}`,
      what: `Attempt ${i}`,
      hypothesis: '',
      by: alice,
      at: hub.now,
      outcome: 'pending' as const,
      outcomeBy: null,
      outcomeAt: null,
      outcomeNote: '',
      struck: null,
    }));
    const state = { ...hub.state, incidents: { 'inc-1': { ...incident, tried } } };
    const app = await startApp({ view: { state, confirmed: state } });
    app.render(<TriedLog incidentId="inc-1" />);
    const rows = entries();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.textContent).toContain('#10000 Attempt 9999');
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('10000');
  });

  it('sets an outcome by keyboard on a focused entry, with a note, and puts the focus back on the entry', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    expect(screen.getByText(/On an entry \(Tab to it\):/).textContent).toContain('1 helped, 2 no effect');
    const row = () => within(entries()[0] as HTMLElement).getByRole('article');
    expect(row().getAttribute('aria-keyshortcuts')).toBe('1 2 3 4 x');
    act(() => row().focus());
    await user.keyboard('3');
    const note = screen.getByLabelText(/^Note on “Made it worse”/);
    expect(document.activeElement).toBe(note);
    expect(screen.getByRole('combobox', { name: 'Outcome of “Raised the pool size”' })).toHaveProperty(
      'value',
      'made-worse',
    );
    await user.keyboard('{Escape}'); // changes nothing
    expect(screen.queryByLabelText(/^Note on/)).toBeNull();
    expect(document.activeElement).toBe(row());

    await user.keyboard('1');
    await user.keyboard('Error rate back to 0.1%{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'tried.set_outcome',
        incidentId: 'inc-1',
        payload: { entryId: 'e2', outcome: 'helped', note: 'Error rate back to 0.1%' },
      },
    ]);
    expect(document.activeElement).toBe(row());
  });

  it('shows the note given with an outcome', async () => {
    const hub = hubWithAttempts();
    hub.ok('tried.set_outcome', { entryId: 'e2', outcome: 'helped', note: 'Errors gone in 2 minutes' });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<TriedLog incidentId="inc-1" />);
    expect(entries()[0]?.textContent).toContain('Note: Errors gone in 2 minutes');
  });

  it('strikes a mistaken entry out with a reason (x on the entry), and refuses it without one', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    const row = within(entries()[1] as HTMLElement).getByRole('article');
    act(() => row.focus());
    await user.keyboard('x');
    const strike = within(screen.getByRole('form', { name: 'Strike out “Restarted the payment pods”' }));
    expect(document.activeElement).toBe(strike.getByLabelText('Why strike it out?'));
    await user.keyboard('{Enter}');
    expect(strike.getByRole('alert').textContent).toMatch(/^Say why it is struck out/);
    expect(app.sent).toEqual([]);
    await user.keyboard('Logged on the wrong incident{Enter}');
    expect(app.sent).toEqual([
      {
        type: 'tried.strike',
        incidentId: 'inc-1',
        payload: { entryId: 'e1', reason: 'Logged on the wrong incident' },
      },
    ]);
  });

  it('keeps a struck entry, shown struck with who and why, with no outcome to change, and out of the outcome counts', async () => {
    const user = userEvent.setup();
    const hub = hubWithAttempts();
    hub.advance(1).ok('tried.strike', { entryId: 'e1', reason: 'Logged on the wrong incident' }, { actor: bob });
    const app = await startApp({ view: viewOfHub(hub) });
    app.render(<TriedLog incidentId="inc-1" />);
    const struck = entries()[1] as HTMLElement;
    expect(struck.querySelector('s')?.textContent).toBe('Restarted the payment pods');
    expect(struck.textContent).toMatch(/Struck out by Bob: Logged on the wrong incident · \d\d:\d\d/);
    expect(struck.querySelector('.outcome')?.textContent).toBe('Struck out'); // not "Pending": no work left in it
    expect(within(struck).queryByRole('combobox')).toBeNull();
    expect(within(struck).queryByRole('button', { name: /Strike out/ })).toBeNull();
    const row = within(struck).getByRole('article');
    act(() => row.focus());
    await user.keyboard('1');
    await user.keyboard('x');
    expect(screen.queryByRole('form', { name: /Restarted the payment pods/ })).toBeNull(); // neither outcome nor strike
    expect(app.sent).toEqual([]);
    expect(
      within(screen.getByLabelText('Show'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All outcomes (2)', 'Pending (1)', 'Helped (0)', 'No effect (0)', 'Made it worse (0)']);
  });

  it('lets a viewer read the log without controls to change it', async () => {
    const app = await startApp({ view: viewOfHub(hubWithAttempts(), { user: { ...carol, role: 'viewer' } }) });
    app.render(<TriedLog incidentId="inc-1" />);
    expect(entries()).toHaveLength(2);
    expect(screen.queryByRole('combobox', { name: /^Outcome of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Strike out/ })).toBeNull();
    expect(screen.queryByText(/On an entry \(Tab to it\):/)).toBeNull();
  });

  it('counts the characters of a long attempt before its limit instead of cutting it', async () => {
    const user = userEvent.setup();
    const app = await startApp({ view: viewOfHub(hubWithAttempts()) });
    app.render(<TriedLog incidentId="inc-1" />);
    const what = form().getByLabelText('What');
    await user.click(what);
    await user.paste('a'.repeat(799));
    expect(charCountOf(what)).toBeNull();
    expect(what.getAttribute('aria-describedby')).toBe('tried-similar'); // the counter joins it near the limit
    await user.paste('a');
    expect(charCountOf(what)).toBe('800 / 1,000');
  });
});
