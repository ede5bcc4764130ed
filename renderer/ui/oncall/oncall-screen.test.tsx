// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_POLICY } from '../../../shared/oncall/policy.js';
import { defaultProfile } from '../../../shared/oncall/profile.js';
import type { Rotation } from '../../../shared/oncall/rotation.js';
import type { OncallReply, OncallView } from '../../../shared/protocol/oncall-wire.js';
import { alice, bob, carol, PEOPLE, startApp } from '../../testing/app-harness.js';
import { OncallScreen } from './oncall-screen.js';
import { ProfileScreen } from './profile-screen.js';

const AT = '2025-03-03T09:00:00.000Z';
const DAY = 24 * 3_600_000;
const at = (days: number) => new Date(Date.parse(AT) + days * DAY).toISOString();

const payments: Rotation = {
  id: 'r-pay',
  name: 'Payments',
  members: [alice, bob, carol],
  handoffTime: '09:00',
  shift: 'daily',
  timeZone: 'Europe/Berlin',
  startDate: '2025-03-01',
};
const small: Rotation = { ...payments, id: 'r-small', name: 'Search', members: [bob, carol] };

function oncallView(partial: Partial<OncallView> = {}): OncallView {
  const cycle = [alice, bob, carol];
  return {
    at: AT,
    rotations: [
      {
        rotation: payments,
        warnings: [],
        now: { primary: alice, backup: bob },
        schedule: Array.from({ length: 14 }, (_, i) => ({
          start: at(i),
          end: at(i + 1),
          primary: cycle[i % 3]!,
          backup: cycle[(i + 1) % 3]!,
        })),
      },
      {
        rotation: small,
        warnings: ['Search has 2 people; a rotation needs at least 3 so nobody is on call most of the time.'],
        now: { primary: bob, backup: carol },
        schedule: [{ start: at(0), end: at(14), primary: bob, backup: carol }],
      },
    ],
    overrides: [
      { id: 'o-1', rotationId: 'r-pay', replaces: 'u-alice', person: carol, start: at(2), end: at(3), note: 'dentist' },
    ],
    services: [{ service: 'checkout', rotationId: 'r-pay' }],
    defaultRotationId: null,
    policy: DEFAULT_ESCALATION_POLICY,
    profiles: [],
    me: {
      profile: defaultProfile('UTC'),
      saved: false,
      nextShift: { rotationId: 'r-pay', role: 'primary', start: at(3), end: at(4) },
    },
    deadlines: [],
    reachability: [],
    ...partial,
  };
}

const reply = (partial: Partial<OncallView> = {}): OncallReply => ({ ok: true, view: oncallView(partial) });
// Everyone a responder here: viewers are not offered for rotations or overrides (a test below shows that).
const RESPONDERS = PEOPLE.map((p) => ({ ...p, role: 'responder' as const }));
const ADMIN = { user: { ...alice, role: 'admin' as const }, people: RESPONDERS };

async function showOncall(options: Parameters<typeof startApp>[0] = {}) {
  const app = await startApp({ oncall: reply(), ...options });
  app.render(<OncallScreen />);
  await act(async () => app.actions.showPage('oncall'));
  await screen.findByRole('region', { name: 'Payments' });
  return app;
}

describe('the on-call screen', () => {
  it('shows each rotation with who is on call now, the next two weeks, my next shift, overrides, routes, warnings', async () => {
    const app = await showOncall();
    expect(app.oncallRequests).toEqual([14]);
    const card = screen.getByRole('region', { name: 'Payments' });
    expect(within(card).getByTestId('primary-now').textContent).toBe('Alice');
    expect(within(card).getByTestId('backup-now').textContent).toBe('Bob');
    const rows = within(within(card).getByRole('table', { name: 'Next two weeks' })).getAllByRole('row');
    expect(rows).toHaveLength(15); // header + 14 days
    expect(rows[2]?.textContent).toMatch(/BobCarol$/);

    const search = screen.getByRole('region', { name: 'Search' });
    expect(within(search).getByRole('note').textContent).toContain('Search has 2 people');

    expect(screen.getByTestId('my-next-shift').textContent).toMatch(/Your next shift: primary for Payments, from/);
    expect(screen.getByRole('list', { name: 'Overrides' }).textContent).toMatch(
      /Carol covers Alice on Payments.*dentist/,
    );
    const routes = screen.getByRole('region', { name: 'Which rotation each service pages' });
    expect(within(routes).getByRole('row', { name: 'checkout Payments' })).toBeTruthy();
    // Not an admin: no forms.
    expect(screen.queryByRole('form', { name: 'New rotation' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  });

  it('warns near the top about people a page may not reach, naming each problem; nothing when all are reachable', async () => {
    await showOncall({
      oncall: reply({
        reachability: [
          {
            userId: 'u-bob',
            name: 'Bob',
            problems: ['no verified contact method besides the desktop app'],
          },
          {
            userId: 'u-carol',
            name: 'Carol',
            problems: [
              'no verified contact method besides the desktop app',
              'the last e-mail failed: 550 no such user',
            ],
          },
        ],
      }),
    });
    const warnings = screen.getByRole('region', { name: /Pages may not reach everyone/ });
    expect(
      within(warnings)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Bob may not be reached: no verified contact method besides the desktop app',
      'Carol may not be reached: no verified contact method besides the desktop app',
      'Carol may not be reached: the last e-mail failed: 550 no such user',
    ]);
    // Above the rotations, where an admin looks first.
    const payments = screen.getByRole('region', { name: 'Payments' });
    expect(warnings.compareDocumentPosition(payments) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows no reachability warning when everyone can be reached', async () => {
    await showOncall();
    expect(screen.queryByRole('region', { name: /Pages may not reach everyone/ })).toBeNull();
  });

  it('says why when the hub cannot be asked, and reloads when the hub says the set-up changed', async () => {
    const app = await startApp({ oncall: new Error('Offline: the hub is not reachable') });
    app.render(<OncallScreen />);
    await act(async () => app.actions.showPage('oncall'));
    expect((await screen.findByRole('alert')).textContent).toContain('Offline: the hub is not reachable');
    app.oncall(reply());
    await act(async () => app.onCallChanged());
    expect(await screen.findByRole('region', { name: 'Payments' })).toBeTruthy();
    expect(app.oncallRequests).toEqual([14, 14]);
  });

  it('offers no viewer for a rotation or to cover a shift (the hub would refuse them)', async () => {
    await showOncall({ view: { user: { ...alice, role: 'admin' as const }, people: PEOPLE } }); // Carol is a viewer
    const rotation = within(screen.getByRole('form', { name: 'New rotation' })).getByLabelText('Add a person');
    const cover = within(screen.getByRole('form', { name: 'Add an override' })).getByLabelText('Who covers');
    for (const select of [rotation, cover])
      expect(within(select).queryByRole('option', { name: /Carol/ }), select.outerHTML.slice(0, 80)).toBeNull();
    expect(
      within(rotation)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Alice', 'Bob']);
  });

  it('lets an admin create a rotation in order, checked with the hub’s schema, and shows the hub’s refusal', async () => {
    const user = userEvent.setup();
    const app = await showOncall({ view: ADMIN });
    const form = screen.getByRole('form', { name: 'New rotation' });
    await user.click(within(form).getByRole('button', { name: 'Save rotation' }));
    expect(within(form).getByRole('alert').textContent).toMatch(
      /The rotation name needs visible characters\..*members: a rotation needs at least one person/s,
    );
    expect(app.oncallChanges).toEqual([]);

    await user.type(within(form).getByLabelText('Name'), 'Checkout');
    for (const name of ['Bob', 'Carol', 'Alice']) {
      await user.selectOptions(within(form).getByLabelText('Add a person'), name);
      await user.click(within(form).getByRole('button', { name: 'Add to rotation' }));
    }
    await user.click(within(form).getByRole('button', { name: 'Move Alice up' }));
    await user.selectOptions(within(form).getByLabelText('Shift'), 'daily');
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'UTC');
    app.oncallAnswer({ ok: false, error: { code: 'forbidden', message: 'Only admins change rotations.' } });
    await user.click(within(form).getByRole('button', { name: 'Save rotation' }));

    expect(app.oncallChanges).toHaveLength(1);
    const change = app.oncallChanges[0];
    if (change?.kind !== 'rotation.save') throw new Error('expected rotation.save');
    expect(change.rotation).toMatchObject({
      name: 'Checkout',
      members: [bob, alice, carol],
      handoffTime: '09:00',
      shift: 'daily',
      timeZone: 'UTC',
    });
    expect(change.rotation.startDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(within(form).getByRole('alert').textContent).toBe('Only admins change rotations.');
  });

  it('refuses a rotation name or a service with a text-direction override before sending it', async () => {
    const user = userEvent.setup();
    const app = await showOncall({ view: ADMIN });
    const form = screen.getByRole('form', { name: 'New rotation' });
    await user.type(within(form).getByLabelText('Name'), 'Checkout \u202Eyrammirp');
    await user.selectOptions(within(form).getByLabelText('Add a person'), 'Bob');
    await user.click(within(form).getByRole('button', { name: 'Add to rotation' }));
    await user.click(within(form).getByRole('button', { name: 'Save rotation' }));
    expect(within(form).getByRole('alert').textContent).toBe(
      'Remove the text-direction control character U+202E (RIGHT-TO-LEFT OVERRIDE) from the rotation name (at character 10): it can make text read differently from what it says.',
    );
    const route = screen.getByRole('form', { name: 'Route a service' });
    await user.type(within(route).getByLabelText('Service'), '\u200B');
    await user.click(within(route).getByRole('button', { name: 'Route service' }));
    expect(within(route).getByRole('alert').textContent).toMatch(/^The service needs visible characters/);
    expect(app.oncallChanges).toEqual([]);
  });

  it('lets an admin route a service and add an override, and shows the hub’s warnings', async () => {
    const user = userEvent.setup();
    const app = await showOncall({ view: ADMIN });
    const route = screen.getByRole('form', { name: 'Route a service' });
    await user.type(within(route).getByLabelText('Service'), 'search-api');
    await user.selectOptions(within(route).getByLabelText('Pages rotation'), 'Search');
    await user.click(within(route).getByRole('button', { name: 'Route service' }));
    expect(app.oncallChanges).toEqual([{ kind: 'service.route', service: 'search-api', rotationId: 'r-small' }]);
    expect(within(route).getByRole('status').textContent).toBe('search-api now pages Search.');

    const override = screen.getByRole('form', { name: 'Add an override' });
    await user.selectOptions(within(override).getByLabelText('Who is covered'), 'Bob');
    await user.selectOptions(within(override).getByLabelText('Who covers'), 'Carol');
    app.oncallAnswer({ ok: true, warnings: ['Carol is already backup then.'] });
    await user.click(within(override).getByRole('button', { name: 'Add override' }));
    const sent = app.oncallChanges[1];
    if (sent?.kind !== 'override.save') throw new Error('expected override.save');
    expect(sent.override).toMatchObject({ rotationId: 'r-pay', replaces: 'u-bob', person: carol });
    expect(Date.parse(sent.override.end) - Date.parse(sent.override.start)).toBe(DAY);
    expect(within(override).getByRole('status').textContent).toContain('Carol is already backup then.');
  });
});

describe('the profile screen', () => {
  it('saves my time zone and working hours with profile.save', async () => {
    const user = userEvent.setup();
    const app = await startApp({ oncall: reply() });
    app.render(<ProfileScreen />);
    await act(async () => app.actions.showPage('profile'));
    const form = await screen.findByRole('form', { name: 'My profile' });
    await user.selectOptions(within(form).getByLabelText('Time zone'), 'UTC');
    await user.click(within(form).getByRole('checkbox', { name: 'Friday' })); // off
    await user.click(within(form).getByRole('checkbox', { name: 'Saturday' })); // on
    await user.clear(within(form).getByLabelText('Working hours from'));
    await user.type(within(form).getByLabelText('Working hours from'), '10:00');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(app.oncallChanges).toEqual([
      {
        kind: 'profile.save',
        profile: {
          timeZone: 'UTC',
          workingHours: { days: [1, 2, 3, 4, 6], start: '10:00', end: '17:00' },
          extendedHours: { start: '08:00', end: '22:00' },
          holidays: [],
        },
      },
    ]);
    expect(within(form).getByRole('status').textContent).toBe('Saved your profile.');
  });

  it('checks the form with the hub’s schema before sending', async () => {
    const user = userEvent.setup();
    const app = await startApp({ oncall: reply() });
    app.render(<ProfileScreen />);
    await act(async () => app.actions.showPage('profile'));
    const form = await screen.findByRole('form', { name: 'My profile' });
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
      await user.click(within(form).getByRole('checkbox', { name: day }));
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(within(form).getByRole('alert').textContent).toContain('name at least one working day');
    expect(app.oncallChanges).toEqual([]);
  });

  it('sends a test page and says whether it was delivered', async () => {
    const user = userEvent.setup();
    const app = await startApp({ oncall: reply() });
    app.render(<ProfileScreen />);
    app.testPageAnswer({
      ok: true,
      page: { pageId: 't-1', at: AT, test: true, incident: null, reason: null, step: null, round: null },
    });
    await user.click(screen.getByRole('button', { name: 'Send me a test page' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Delivered at \d\d:\d\d: the hub sent/);
    expect(app.testPages()).toBe(1);

    app.testPageAnswer(new Error('Offline: the hub is not reachable'));
    await user.click(screen.getByRole('button', { name: 'Send me a test page' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not delivered: Offline: the hub is not reachable');
  });
});
