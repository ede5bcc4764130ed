import { afterEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../shared/oncall/profile.js';
import { change, oncallView, startPagingHub, type PagingHub } from './support/paging-hub.js';

describe('a profile’s new-incident notification choice on a real hub', () => {
  let t: PagingHub | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('is kept when saved (a viewer may save their own), and a bad choice is refused by name, changing nothing', async () => {
    t = await startPagingHub();
    const viewer = await t.connect(t.tokens.viewer);
    const newIncidents = { 'SEV-1': 'always', 'SEV-2': 'my-rotation', 'SEV-3': 'never' } as const;
    const profile = { ...defaultProfile('Europe/Berlin'), newIncidents };
    expect(await change(viewer, { kind: 'profile.save', profile })).toEqual({ ok: true, warnings: [] });
    expect((await oncallView(viewer)).me).toMatchObject({ profile, saved: true });

    const bad: unknown = await viewer.socket.timeout(5000).emitWithAck('oncall.change', {
      kind: 'profile.save',
      profile: { ...profile, newIncidents: { ...newIncidents, 'SEV-2': 'sometimes' } },
    } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    expect(JSON.stringify(bad)).toMatch(/newIncidents/);
    expect(JSON.stringify(bad)).not.toMatch(/undefined|null/);
    expect((await oncallView(viewer)).me.profile).toEqual(profile);
  });

  it('reads a profile saved without it: no choice, the role decides', async () => {
    t = await startPagingHub();
    const ana = await t.connect(t.tokens.ana);
    const profile = defaultProfile('UTC');
    await change(ana, { kind: 'profile.save', profile });
    const me = (await oncallView(ana)).me;
    expect(me.saved).toBe(true);
    expect(me.profile.newIncidents).toBeUndefined();
  });
});
