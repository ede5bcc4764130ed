import { describe, expect, it } from 'vitest';
import { POSTMORTEM_REVISIONS_PER_MINUTE } from '../../shared/domain/revision-cap.js';
import { declare } from './support/commands.js';
import { uid } from './support/test-client.js';
import { useTestHub } from './support/test-hub.js';

/** The hub caps postmortem revisions per incident and minute (shared/domain/revision-cap.ts) and writes nothing more. */
describe('postmortem revisions per incident and minute, on the hub', () => {
  const fixture = useTestHub();

  it(`accepts ${POSTMORTEM_REVISIONS_PER_MINUTE} in a minute, then refuses with limit_reached and writes nothing`, async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const { incidentId } = await declare(ana);
    const resolved = await ana.send('incident.change_status', incidentId, {
      status: 'resolved',
      reason: 'Rolled back',
    });
    expect(resolved.ok).toBe(true);
    const large = 'Our story, at length. '.repeat(2000);
    let base: string | null = null;
    for (let i = 1; i <= POSTMORTEM_REVISIONS_PER_MINUTE; i++) {
      const revision = uid();
      const ack = await ana.send('postmortem.publish', incidentId, {
        revision,
        baseRevision: base,
        markdown: `# Revision ${i}\n\n${large}`,
      });
      expect(ack.ok, `revision ${i}`).toBe(true);
      base = revision;
    }
    const head = await fixture.t.hub.store.head();
    const refused = await ana.send('postmortem.publish', incidentId, {
      revision: uid(),
      baseRevision: base,
      markdown: `# One more\n\n${large}`,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('limit_reached');
    expect(refused.error.message).toMatch(
      new RegExp(
        `^The postmortem of INC-\\d+ was published ${POSTMORTEM_REVISIONS_PER_MINUTE} times in the last minute, the most it takes; nothing was changed\\. Publish again from \\d\\d:\\d\\d:\\d\\d UTC \\(in \\d+ s\\)\\.$`,
      ),
    );
    expect(await fixture.t.hub.store.head()).toBe(head);

    // Another incident is not held back.
    const other = await declare(ana);
    await ana.send('incident.change_status', other.incidentId, { status: 'resolved', reason: 'Rolled back' });
    const elsewhere = await ana.send('postmortem.publish', other.incidentId, {
      revision: uid(),
      baseRevision: null,
      markdown: '# Another incident',
    });
    expect(elsewhere.ok).toBe(true);
  });
});
