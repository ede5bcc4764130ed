import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDecidePolicy, ReviewGateError } from '../commands/review-gate-config.js';
import { declare } from './support/commands.js';
import { postUpdate, startStatusPageHub, statusPageView, type StatusPageHub } from './support/status-page-hub.js';

let current: StatusPageHub | undefined;
const folders: string[] = [];
afterEach(async () => {
  await current?.close();
  current = undefined;
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function threeResponders(publishPolicy?: unknown) {
  current = await startStatusPageHub(publishPolicy === undefined ? {} : { publishPolicy });
  const t = current;
  const [ana, bo, cy] = await Promise.all([t.connect(t.tokens.ana), t.connect(t.tokens.bo), t.connect(t.tokens.cy)]);
  // ana declares: she leads it.
  const { incidentId } = await declare(ana, { title: 'PSP timeouts', service: 'checkout', severity: 'SEV-1' });
  return { t, ana, bo, cy, incidentId };
}

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-publish-policy-'));
  folders.push(dir);
  return dir;
};

describe('who may publish to the status page, on a real hub', () => {
  it('by default: a responder who is neither Comms nor Lead is refused in words; the Lead may while no one holds Comms; then only Comms', async () => {
    const { ana, bo, cy, incidentId } = await threeResponders();

    const refused = await postUpdate(bo, incidentId, 'Payments fail for some.', 'external', 'Payments failing');
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_publisher' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /Only the Communication Lead publishes INC-\d+ to the status page, or the Incident Lead \(ana\) while no one holds Comms/,
    );
    // An internal update is anyone's to post.
    expect((await postUpdate(bo, incidentId, 'Looking at the PSP.', 'internal')).ok).toBe(true);

    expect((await postUpdate(ana, incidentId, 'Payments fail for some.', 'external', 'Payments failing')).ok).toBe(
      true,
    );

    const cyPerson = { id: cy.welcome.user.id, name: cy.welcome.user.name };
    expect((await ana.send('role.assign', incidentId, { role: 'comms', person: cyPerson })).ok).toBe(true);
    const leadNow = await postUpdate(ana, incidentId, 'Still on it.', 'external');
    expect(leadNow).toMatchObject({ ok: false, error: { code: 'not_publisher' } });
    expect(leadNow.ok ? '' : leadNow.error.message).toMatch(/Only the Communication Lead \(cy\) publishes/);
    expect((await postUpdate(cy, incidentId, 'A fix is rolling out.', 'external')).ok).toBe(true);
    expect((await postUpdate(bo, incidentId, 'Me too.', 'external')).ok).toBe(false);

    const view = await statusPageView(bo);
    expect(view.ok && view.view.publishers).toBe('comms-or-lead');
  });

  it('publish-policy.json with "any-responder" lets every responder publish', async () => {
    const { bo, incidentId } = await threeResponders({ publishers: 'any-responder' });
    expect((await postUpdate(bo, incidentId, 'Payments fail for some.', 'external', 'Payments failing')).ok).toBe(true);
    const view = await statusPageView(bo);
    expect(view.ok && view.view.publishers).toBe('any-responder');
  });

  it('a bad publish-policy.json stops the hub with its reason', async () => {
    const dataDir = folder();
    await expect(startStatusPageHub({ dataDir, publishPolicy: { publishers: 'everyone' } })).rejects.toThrow(
      /publish-policy\.json is not a publish policy \(expected \{ "publishers": "comms-or-lead" \} or \{ "publishers": "any-responder" \}\)/,
    );
    writeFileSync(join(dataDir, 'publish-policy.json'), '{ publishers: any }');
    expect(() => loadDecidePolicy(dataDir)).toThrow(ReviewGateError);
    expect(() => loadDecidePolicy(dataDir)).toThrow(/publish-policy\.json is not valid JSON/);
  });

  it('reads the file beside review-gate.json: each alone, both, or neither', () => {
    const dataDir = folder();
    expect(loadDecidePolicy(dataDir)).toEqual({
      policy: { reviewGate: ['SEV-1'] },
      file: null,
      publishPolicyFile: null,
    });
    writeFileSync(join(dataDir, 'publish-policy.json'), JSON.stringify({ publishers: 'any-responder' }));
    expect(loadDecidePolicy(dataDir)).toMatchObject({
      policy: { reviewGate: ['SEV-1'], publishers: 'any-responder' },
      file: null,
      publishPolicyFile: join(dataDir, 'publish-policy.json'),
    });
    writeFileSync(join(dataDir, 'review-gate.json'), JSON.stringify({ severities: ['SEV-2'] }));
    expect(loadDecidePolicy(dataDir).policy).toEqual({ reviewGate: ['SEV-2'], publishers: 'any-responder' });
  });
});
