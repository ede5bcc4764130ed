/** The cap on postmortem revisions per incident and minute: a decision on the hub's times, refusing with nothing changed. */
import { describe, expect, it } from 'vitest';
import { decide, type Decision } from './decide.js';
import type { IncidentsState } from './state.js';
import { POSTMORTEM_REVISIONS_PER_MINUTE, keepRecentRevisionTimes, nextRevisionAllowedAt } from './revision-cap.js';
import { INC, T0, TestHub, alice, bob, command } from './test-support.js';

const second = (n: number) => new Date(Date.parse(T0) + n * 1000).toISOString();

function refused(decision: Decision) {
  if (decision.ok) throw new Error('expected a refusal');
  return decision.error;
}

/** A resolved incident (or two) whose postmortem nobody has published yet; the hub's clock at T0. */
function resolvedHub(ids: readonly string[] = [INC]): TestHub {
  const hub = new TestHub(T0);
  for (const id of ids) {
    hub.declare({}, { incidentId: id });
    hub.ok('incident.change_status', { status: 'resolved', reason: 'Rolled back' }, { incidentId: id });
  }
  return hub;
}

/** Publishes revision after revision at the given seconds (hub time); returns the last decision. */
function publishAt(hub: TestHub, seconds: readonly number[], incidentId = INC): Decision {
  let last: Decision = { ok: true, events: [] };
  for (const s of seconds) {
    hub.now = second(s);
    const base = hub.incident(incidentId).postmortem?.revision ?? null;
    last = hub.send(
      'postmortem.publish',
      {
        revision: `r-${incidentId}-${String(s).replace('.', '_')}`,
        baseRevision: base,
        markdown: `# Revision at ${s} s`,
      },
      { incidentId },
    );
  }
  return last;
}

describe('postmortem revisions per incident and minute', () => {
  it(`takes ${POSTMORTEM_REVISIONS_PER_MINUTE} in a minute, then refuses with limit_reached, saying from when`, () => {
    const hub = resolvedHub();
    expect(publishAt(hub, [0, 5, 10, 15, 20, 25]).ok).toBe(true);
    const before = hub.state;
    const error = refused(publishAt(hub, [42]));
    expect(error.code).toBe('limit_reached');
    expect(error.message).toBe(
      'The postmortem of INC-1 was published 6 times in the last minute, the most it takes; nothing was changed. ' +
        'Publish again from 10:01:00 UTC (in 18 s).',
    );
    expect(hub.state).toBe(before); // nothing changed
    expect(hub.incident().postmortem?.revisions).toBe(6);
  });

  it('takes the next one as soon as the oldest of the minute is a minute old', () => {
    const hub = resolvedHub();
    publishAt(hub, [0, 5, 10, 15, 20, 25]);
    expect(publishAt(hub, [59.999]).ok).toBe(false);
    expect(publishAt(hub, [60]).ok).toBe(true);
    expect(publishAt(hub, [61]).ok).toBe(false); // 5, 10, 15, 20, 25 and 60 are within the minute
    expect(publishAt(hub, [65]).ok).toBe(true);
  });

  it('counts per incident: another incident publishes meanwhile', () => {
    const hub = resolvedHub([INC, 'inc-2']);
    publishAt(hub, [0, 1, 2, 3, 4, 5]);
    expect(publishAt(hub, [6]).ok).toBe(false);
    expect(publishAt(hub, [6, 7], 'inc-2').ok).toBe(true);
  });

  it("goes by the hub's clock: a sender's clientAt in the past does not get around it", () => {
    const hub = resolvedHub();
    publishAt(hub, [0, 1, 2, 3, 4, 5]);
    hub.now = second(10);
    const base = hub.incident().postmortem?.revision ?? null;
    const decision = hub.send(
      'postmortem.publish',
      { revision: 'r-old', baseRevision: base, markdown: '# Backdated' },
      { clientAt: '2020-01-01T00:00:00.000Z', actor: bob },
    );
    expect(refused(decision).code).toBe('limit_reached');
  });

  it('counts only what was published: refused publishes cost nothing, and other refusals come first', () => {
    const hub = resolvedHub();
    publishAt(hub, [0, 1, 2, 3, 4]);
    hub.now = second(6);
    const current = hub.incident().postmortem;
    // The same text again, five times: no_change, and none of them counted.
    for (let i = 0; i < 5; i++)
      expect(
        refused(
          hub.send('postmortem.publish', {
            revision: `same-${i}`,
            baseRevision: current?.revision ?? null,
            markdown: current?.markdown ?? '',
          }),
        ).code,
      ).toBe('no_change');
    expect(publishAt(hub, [7]).ok).toBe(true); // the sixth
    // A stale base is a conflict first: the author needs to merge before the minute matters.
    expect(
      refused(hub.send('postmortem.publish', { revision: 'r-x', baseRevision: null, markdown: '# Mine' })).code,
    ).toBe('conflict');
  });

  it("follows the hub's policy when it sets another number", () => {
    const hub = resolvedHub();
    publishAt(hub, [0, 1]);
    const next = command('postmortem.publish', {
      revision: 'r-3',
      baseRevision: hub.incident().postmortem?.revision ?? null,
      markdown: '# Third',
    });
    const policy = (n: number) => ({ reviewGate: ['SEV-1'] as const, postmortemRevisionsPerMinute: n });
    expect(decide(hub.state, next, alice, second(2), policy(2)).ok).toBe(false);
    expect(decide(hub.state, next, alice, second(2), policy(3)).ok).toBe(true);
  });

  it('does not count in a state folded before the cap existed (no recentAt kept)', () => {
    const hub = resolvedHub();
    publishAt(hub, [0, 1, 2, 3, 4, 5]);
    const incident = hub.incident();
    const postmortem = incident.postmortem;
    if (!postmortem) throw new Error('published above');
    const { recentAt: _dropped, ...older } = postmortem;
    const state: IncidentsState = { ...hub.state, incidents: { [INC]: { ...incident, postmortem: older } } };
    const next = command('postmortem.publish', { revision: 'r-7', baseRevision: postmortem.revision, markdown: '# 7' });
    expect(decide(state, next, alice, second(6)).ok).toBe(true);
  });
});

describe('revision times', () => {
  it('keeps those of the minute before the newest, by the times themselves, at most 60', () => {
    expect(keepRecentRevisionTimes(undefined, second(0))).toEqual([second(0)]);
    expect(keepRecentRevisionTimes([second(0), second(30)], second(60))).toEqual([second(30), second(60)]);
    const many = Array.from({ length: 100 }, (_, i) => second(i / 10));
    expect(keepRecentRevisionTimes(many, second(10))).toHaveLength(60);
  });

  it('says when the next may be published; times after now are not counted (a client behind the hub)', () => {
    const times = [second(30), second(10), second(20)];
    expect(nextRevisionAllowedAt(times, second(40), 3)).toBe(second(70));
    expect(nextRevisionAllowedAt(times, second(40), 4)).toBeNull();
    expect(nextRevisionAllowedAt(times, second(15), 2)).toBeNull(); // 20 and 30 are "later" than this clock
    expect(nextRevisionAllowedAt(times, second(75), 2)).toBe(second(80)); // 10 is over a minute old
    expect(nextRevisionAllowedAt(times, second(85), 2)).toBeNull(); // so is 20
    expect(nextRevisionAllowedAt(undefined, second(0), 1)).toBeNull();
  });
});
