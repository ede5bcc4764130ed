/** The reducer on the post-incident review: highest severity, postmortem revisions and follow-up actions. */
import { describe, expect, it } from 'vitest';
import { InvalidEventError } from './apply.js';
import type { IncidentsState } from './state.js';
import { T0, alice, applyNext, bob, carol, declaredState, incidentIn, minutesAfter } from './test-support.js';

const T1 = minutesAfter(T0, 1);
const T2 = minutesAfter(T0, 2);
const inc = (state: IncidentsState) => incidentIn(state);

describe('highestSeverity', () => {
  it('starts at the declared severity and keeps the worst one reached', () => {
    let state = declaredState({ severity: 'SEV-3' });
    expect(inc(state).highestSeverity).toBe('SEV-3');
    state = applyNext(state, 'incident.severity_changed', { from: 'SEV-3', to: 'SEV-1', reason: 'r' });
    state = applyNext(state, 'incident.severity_changed', { from: 'SEV-1', to: 'SEV-2', reason: 'r' });
    expect(inc(state)).toMatchObject({ severity: 'SEV-2', highestSeverity: 'SEV-1' });
  });
});

describe('postmortem.published', () => {
  it('keeps the latest revision, who published it and when (their time), and counts revisions', () => {
    let state = applyNext(declaredState(), 'postmortem.published', {
      revision: 'r-1',
      baseRevision: null,
      markdown: '# One',
    });
    state = applyNext(
      state,
      'postmortem.published',
      { revision: 'r-2', baseRevision: 'r-1', markdown: '# Two' },
      { actor: bob, at: T2, clientAt: T1 },
    );
    expect(inc(state).postmortem).toEqual({
      revision: 'r-2',
      markdown: '# Two',
      publishedBy: bob,
      publishedAt: T1,
      revisions: 2,
      recentAt: [T2], // the first was two minutes before, by the hub's clock
    });
  });

  it('keeps the hub times of the revisions of the last minute, for the cap per minute', () => {
    const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
    let state = declaredState();
    let base: string | null = null;
    for (const [i, seconds] of [0, 20, 50, 70].entries()) {
      const revision = `r-${i + 1}`;
      // The sender's clientAt is theirs to choose, so only the hub's `at` counts.
      state = applyNext(
        state,
        'postmortem.published',
        { revision, baseRevision: base, markdown: `# ${revision}` },
        { at: at(seconds), clientAt: T0 },
      );
      base = revision;
    }
    expect(inc(state).postmortem?.recentAt).toEqual([at(20), at(50), at(70)]);
  });

  it('rejects a revision that does not build on the current one: nothing is overwritten unseen', () => {
    const first = applyNext(declaredState(), 'postmortem.published', {
      revision: 'r-1',
      baseRevision: null,
      markdown: '# One',
    });
    expect(() =>
      applyNext(first, 'postmortem.published', { revision: 'r-2', baseRevision: null, markdown: '# Two' }),
    ).toThrow(InvalidEventError);
    expect(() =>
      applyNext(declaredState(), 'postmortem.published', { revision: 'r-2', baseRevision: 'r-1', markdown: '# Two' }),
    ).toThrow(/current revision is none/);
  });
});

describe('follow-ups', () => {
  const added = (state = declaredState()) =>
    applyNext(state, 'followup.added', { followupId: 'f-1', text: 'Add an alert', owner: carol }, { clientAt: T1 });

  it('adds a follow-up, open, by the actor at their time', () => {
    expect(inc(added()).followups).toEqual([
      { id: 'f-1', text: 'Add an alert', owner: carol, state: 'open', addedBy: alice, addedAt: T1 },
    ]);
  });

  it('sets the state and the owner', () => {
    let state = applyNext(added(), 'followup.state_set', { followupId: 'f-1', from: 'open', to: 'wont-do' });
    state = applyNext(state, 'followup.assigned', { followupId: 'f-1', from: carol, to: null });
    expect(inc(state).followups[0]).toMatchObject({ state: 'wont-do', owner: null });
  });

  it('rejects a duplicate, an unknown follow-up and a stale from', () => {
    expect(() => added(added())).toThrow(/follow-up f-1 exists/);
    expect(() =>
      applyNext(declaredState(), 'followup.state_set', { followupId: 'f-1', from: 'open', to: 'done' }),
    ).toThrow(/no follow-up f-1/);
    expect(() => applyNext(added(), 'followup.state_set', { followupId: 'f-1', from: 'done', to: 'open' })).toThrow(
      /is open, not done/,
    );
    expect(() => applyNext(added(), 'followup.assigned', { followupId: 'f-1', from: bob, to: alice })).toThrow(
      InvalidEventError,
    );
  });
});
