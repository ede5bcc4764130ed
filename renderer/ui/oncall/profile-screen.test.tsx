// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_POLICY } from '../../../shared/oncall/policy.js';
import { defaultProfile, type Profile } from '../../../shared/oncall/profile.js';
import type { OncallReply } from '../../../shared/protocol/oncall-wire.js';
import { alice, PEOPLE, startApp } from '../../testing/app-harness.js';
import { ProfileScreen } from './profile-screen.js';

function reply(profile: Profile, saved: boolean): OncallReply {
  return {
    ok: true,
    view: {
      at: '2025-03-01T10:00:00.000Z',
      rotations: [],
      overrides: [],
      services: [],
      defaultRotationId: null,
      policy: DEFAULT_ESCALATION_POLICY,
      profiles: [],
      me: { profile, saved, nextShift: null },
      deadlines: [],
      reachability: [],
    },
  };
}

async function showProfile(role: 'responder' | 'viewer', profile: Profile, saved = true) {
  const app = await startApp({ oncall: reply(profile, saved), view: { user: { ...alice, role }, people: PEOPLE } });
  app.render(<ProfileScreen />);
  await act(async () => app.actions.showPage('profile'));
  const form = await screen.findByRole('form', { name: 'My profile' });
  const choice = (severity: string) => within(form).getByLabelText<HTMLSelectElement>(severity);
  return { app, form, choice };
}

describe('the profile screen: new-incident notifications', () => {
  it("shows a responder's defaults (SEV-1 always, SEV-2 on my rotation, SEV-3 never) and saves none unchanged", async () => {
    const user = userEvent.setup();
    const { app, form, choice } = await showProfile('responder', defaultProfile('UTC'));
    expect(['SEV-1', 'SEV-2', 'SEV-3'].map((s) => choice(s).value)).toEqual(['always', 'my-rotation', 'never']);
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(app.oncallChanges).toEqual([
      { kind: 'profile.save', profile: expect.not.objectContaining({ newIncidents: expect.anything() }) },
    ]);
  });

  it('shows a viewer nothing by default, and saves the choice they make', async () => {
    const user = userEvent.setup();
    const { app, form, choice } = await showProfile('viewer', defaultProfile('UTC'));
    expect(['SEV-1', 'SEV-2', 'SEV-3'].map((s) => choice(s).value)).toEqual(['never', 'never', 'never']);
    await user.selectOptions(choice('SEV-1'), 'Always');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(app.oncallChanges).toEqual([
      {
        kind: 'profile.save',
        profile: expect.objectContaining({ newIncidents: { 'SEV-1': 'always', 'SEV-2': 'never', 'SEV-3': 'never' } }),
      },
    ]);
  });

  it('shows a saved choice, and keeps it when saved again', async () => {
    const user = userEvent.setup();
    const newIncidents = { 'SEV-1': 'always', 'SEV-2': 'always', 'SEV-3': 'my-rotation' } as const;
    const { app, form, choice } = await showProfile('responder', { ...defaultProfile('UTC'), newIncidents });
    expect(choice('SEV-3').value).toBe('my-rotation');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(app.oncallChanges).toEqual([{ kind: 'profile.save', profile: expect.objectContaining({ newIncidents }) }]);
  });
});
