import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../shared/domain/severity.js';
import { LIMITS } from '../../shared/domain/primitives.js';
import { ReviewGateError, reviewGateFile } from '../commands/review-gate-config.js';
import { declare } from './support/commands.js';
import type { TestClient } from './support/test-client.js';
import { startTestHub, useTestHub } from './support/test-hub.js';

/** Declares an incident at `severity` and resolves it, failing the test if the hub refuses. */
async function resolvedIncident(client: TestClient, severity: Severity): Promise<string> {
  const { incidentId } = await declare(client, { severity });
  const ack = await client.send('incident.change_status', incidentId, { status: 'resolved', reason: 'Rolled back' });
  if (!ack.ok) throw new Error(`resolve refused: ${ack.error.message}`);
  return incidentId;
}

const close = (client: TestClient, incidentId: string) =>
  client.send('incident.change_status', incidentId, { status: 'closed' });

describe('post-incident review on the hub', () => {
  const fixture = useTestHub();

  it('refuses to close a SEV-1 without a published postmortem, and closes it once one is published', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const incidentId = await resolvedIncident(ana, 'SEV-1');
    const head = await fixture.t.hub.store.head();
    const refused = await close(ana, incidentId);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'review_required',
        message: 'INC-1 is SEV-1, so it needs a post-incident review: publish its postmortem, then close it.',
      },
    });
    expect(await fixture.t.hub.store.head()).toBe(head);

    const published = await ana.send('postmortem.publish', incidentId, {
      revision: 'rev-1',
      baseRevision: null,
      markdown: '# Postmortem: INC-1\n\nA bad deploy.\n',
    });
    expect(published).toMatchObject({ ok: true });
    expect(await close(ana, incidentId)).toMatchObject({ ok: true });
    await ana.waitForSeq(await fixture.t.hub.store.head());
    expect(ana.replica.state.incidents[incidentId]).toMatchObject({
      status: 'closed',
      postmortem: { revision: 'rev-1', revisions: 1, publishedBy: { name: 'ana' } },
    });
  });

  it('answers a second author publishing on a stale base with conflict, naming who published first', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const bo = await fixture.connect(fixture.t.tokens.responder2);
    const incidentId = await resolvedIncident(ana, 'SEV-2');
    const first = { revision: 'rev-1', baseRevision: null, markdown: '# Draft by ana\n' };
    expect(await ana.send('postmortem.publish', incidentId, first)).toMatchObject({ ok: true });

    // Both start from rev-1; Bo publishes first.
    const bos = { revision: 'rev-bo', baseRevision: 'rev-1', markdown: '# Bo’s edit\n' };
    expect(await bo.send('postmortem.publish', incidentId, bos)).toMatchObject({ ok: true });
    const before = fixture.t.hub.state();
    const anas = await ana.send('postmortem.publish', incidentId, {
      revision: 'rev-ana',
      baseRevision: 'rev-1',
      markdown: '# Ana’s edit\n',
    });
    expect(anas.ok).toBe(false);
    if (anas.ok) return;
    expect(anas.error.code).toBe('conflict');
    expect(anas.error.message).toMatch(
      /^bo published revision rev-bo of the postmortem of INC-1 at \d{4}-\d\d-\d\d \d\d:\d\d UTC, after revision rev-1 that yours is based on\./,
    );
    expect(fixture.t.hub.state()).toBe(before);
    expect(fixture.t.hub.state().incidents[incidentId]?.postmortem?.markdown).toBe('# Bo’s edit\n');

    // After merging, Ana publishes on top of Bo's revision.
    const merged = { revision: 'rev-ana', baseRevision: 'rev-bo', markdown: '# Merged\n' };
    expect(await ana.send('postmortem.publish', incidentId, merged)).toMatchObject({ ok: true });
    expect(fixture.t.hub.state().incidents[incidentId]?.postmortem).toMatchObject({
      revision: 'rev-ana',
      revisions: 3,
    });
  });

  it('takes a postmortem at the full 100,000 characters, beyond the ordinary command size', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const incidentId = await resolvedIncident(ana, 'SEV-3');
    // “é” and a newline take more than one byte each as JSON.
    const markdown = 'é\n'.repeat(LIMITS.postmortem / 2);
    expect(await ana.send('postmortem.publish', incidentId, { revision: 'r', baseRevision: null, markdown })).toEqual({
      ok: true,
      seq: expect.any(Number),
    });
    const tooLong = await ana.send('postmortem.publish', incidentId, {
      revision: 'r2',
      baseRevision: 'r',
      markdown: `${markdown}x`,
    });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });

  it('keeps follow-ups going after closing, with owners checked against the hub’s users', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const bo = await fixture.connect(fixture.t.tokens.responder2);
    const incidentId = await resolvedIncident(ana, 'SEV-2');
    expect(await close(ana, incidentId)).toMatchObject({ ok: true });
    const ghost = await ana.send('followup.add', incidentId, {
      followupId: 'f-1',
      text: 'Alert on pool saturation',
      owner: { id: 'ghost', name: 'Ghost' },
    });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'unknown_user' } });
    const owner = { id: bo.welcome.user.id, name: 'Someone else' };
    expect(
      await ana.send('followup.add', incidentId, { followupId: 'f-1', text: 'Alert on pool saturation', owner }),
    ).toMatchObject({ ok: true });
    expect(await bo.send('followup.set_state', incidentId, { followupId: 'f-1', state: 'done' })).toMatchObject({
      ok: true,
    });
    expect(fixture.t.hub.state().incidents[incidentId]?.followups).toEqual([
      expect.objectContaining({ owner: { id: bo.welcome.user.id, name: 'bo' }, state: 'done' }),
    ]);
  });

  it('gates SEV-2 too when review-gate.json says so (read at start)', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const before = await resolvedIncident(ana, 'SEV-2');
    writeFileSync(reviewGateFile(fixture.t.dataDir), JSON.stringify({ severities: ['SEV-1', 'SEV-2'] }));
    await fixture.restart();
    const back = await fixture.connect(fixture.t.tokens.responder);
    const refused = await close(back, before);
    expect(refused).toMatchObject({ ok: false, error: { code: 'review_required', message: /INC-1 is SEV-2/ } });
    const sev3 = await resolvedIncident(back, 'SEV-3');
    expect(await close(back, sev3)).toMatchObject({ ok: true });
  });
});

describe('a bad review-gate.json', () => {
  it.each([
    ['is not JSON', '{ "severities": ', /review-gate\.json is not valid JSON/],
    ['names an unknown severity', JSON.stringify({ severities: ['SEV-0'] }), /is not a review gate.*severities/s],
  ])('stops the hub at start with the reason when it %s', async (_, text, reason) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'warroom-review-gate-'));
    try {
      writeFileSync(reviewGateFile(dataDir), text);
      const start = startTestHub({ dataDir });
      await expect(start).rejects.toBeInstanceOf(ReviewGateError);
      await expect(start).rejects.toThrow(reason);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
