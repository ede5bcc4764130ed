import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyAll } from '../domain/apply.js';
import { commandPayloadSchemas } from '../domain/commands.js';
import { domainEventSchema, type DomainEvent } from '../domain/events.js';
import type { Incident } from '../domain/incident.js';
import { EMPTY_STATE } from '../domain/state.js';
import { T0, TestHub, bob, carol, minutesAfter } from '../domain/test-support.js';
import { draftPostmortem } from './draft.js';
import { POSTMORTEM_SCENARIOS } from './test-support.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const logSchema = z.array(domainEventSchema);

/** The log as an older hub could have written it: every string in the payloads changed by `change`. */
function olderLog(events: readonly DomainEvent[], change: (text: string) => string): DomainEvent[] {
  const rewrite = (value: unknown): unknown => {
    if (typeof value === 'string') return change(value);
    if (Array.isArray(value)) return value.map(rewrite);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v)]));
    return value;
  };
  return events.map((e) => ({ ...e, payload: rewrite(e.payload) }) as DomainEvent);
}

/** The one incident of a recorded log, as every replica folds it. */
function incidentOf(events: readonly DomainEvent[]): Incident {
  const incidents = Object.values(applyAll(EMPTY_STATE, events).incidents);
  const [incident] = incidents;
  if (!incident || incidents.length !== 1) throw new Error('a fixture holds exactly one incident');
  return incident;
}

// UPDATE_POSTMORTEM_FIXTURES=1 npx vitest run shared/postmortem records the logs and the expected drafts again;
// read the Markdown diff before committing it.
if (process.env.UPDATE_POSTMORTEM_FIXTURES === '1') {
  for (const [name, play] of Object.entries(POSTMORTEM_SCENARIOS)) {
    const events = play();
    writeFileSync(fixture(`${name}.json`), `${JSON.stringify(events, null, 2)}\n`);
    writeFileSync(fixture(`${name}.md`), draftPostmortem(incidentOf(events), events));
  }
}

describe('draftPostmortem golden files', () => {
  it.each(Object.keys(POSTMORTEM_SCENARIOS))('the draft of %s is exactly its golden .md file', (name) => {
    const events = logSchema.parse(JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8')));
    const expected = readFileSync(fixture(`${name}.md`), 'utf8');
    expect(draftPostmortem(incidentOf(events), events)).toBe(expected);
  });
});

describe('draftPostmortem', () => {
  const recorded = (name: string) => logSchema.parse(JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8')));

  it('reads only this incident’s events, in seq order whatever order they come in', () => {
    const events = recorded('sev1-escalation');
    const incident = incidentOf(events);
    const other = new TestHub(T0);
    other.declare({ title: 'Another incident' }, { incidentId: 'inc-other' });
    const mixed = [...events.slice().reverse(), ...other.log.map((e) => ({ ...e, seq: e.seq + 1000 }))];
    expect(draftPostmortem(incident, mixed)).toBe(draftPostmortem(incident, events));
  });

  it('leaves the review’s own events (postmortem, follow-ups) out of the timeline', () => {
    const events = recorded('reopened');
    const draft = draftPostmortem(incidentOf(events), events);
    const timeline = draft.slice(draft.indexOf('## Timeline'), draft.indexOf('## What we tried'));
    expect(timeline).not.toMatch(/postmortem|follow-up/i);
    expect(draft).toContain('| Validate gateway config in CI | Alice | done  |');
  });

  it('keeps table cells on one line, with their pipes escaped (a log from before the one-line rule)', () => {
    const hub = new TestHub(T0);
    hub.declare({ title: 'Pipes | and newlines' });
    hub.ok('followup.add', { followupId: 'f-1', text: 'Check a | b and c', owner: carol });
    const log = olderLog(hub.log, (text) => text.replace(' and', '\nand'));
    const draft = draftPostmortem(incidentOf(log), log);
    expect(draft).toContain('| Check a \\| b and c | Carol | open  |');
    expect(draft.split('\n')[0]).toBe('# Postmortem: INC-1 Pipes | and newlines (SEV-2)');
  });

  it('leaves out what a publish would refuse, so the first draft can be published as it is', () => {
    const hub = new TestHub(T0);
    hub.declare({ title: 'Deploy of invoice.exe failed', summary: 'The bell rang' });
    hub.ok('followup.add', { followupId: 'f-1', text: 'Check the invoice.exe pipeline', owner: carol });
    // Older entries (or alerts) may hold text-direction overrides and control characters the commands now refuse.
    const log = olderLog(hub.log, (text) => text.replace('invoice', '\u202Eexe.\u202C').replace('bell', 'bell\u0007'));
    const draft = draftPostmortem(incidentOf(log), log);
    expect(draft).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/u);
    expect(draft).not.toContain('\u0007');
    expect(draft).toContain('Deploy of exe..exe failed');
    const publish = commandPayloadSchemas['postmortem.publish'].safeParse({
      revision: 'r-1',
      baseRevision: null,
      markdown: draft,
    });
    expect(publish.success).toBe(true);
  });

  it('still drafts from the incident alone when its timeline is not loaded', () => {
    const hub = new TestHub(T0);
    hub.declare({ severity: 'SEV-1' });
    hub.advance(20).ok('incident.change_status', { status: 'resolved', reason: 'Rolled back' }, { actor: bob });
    const draft = draftPostmortem(hub.incident(), []);
    expect(draft).toContain('_The timeline was not available when this draft was made._');
    expect(draft).toContain('| Resolved       | 2025-03-01 10:20 |');
    expect(draft).toContain('_Mitigated 2025-03-01 10:20 UTC and resolved 2025-03-01 10:20 UTC; what did it is in');
    expect(draft).toContain('| TTR (time to resolve)     | detected → resolved       | 20m          |');
  });

  it('says what is not recorded instead of a zero', () => {
    const hub = new TestHub(minutesAfter(T0, 0));
    hub.declare({ status: 'triage' });
    const draft = draftPostmortem(hub.incident(), hub.log);
    for (const moment of ['Impact started', 'Acknowledged', 'Mitigated', 'Resolved'])
      expect(draft).toMatch(new RegExp(`\\| ${moment} +\\| not recorded +\\|`));
    expect(draft).toMatch(/\| TTA \(time to acknowledge\) \| detected → acknowledged +\| not recorded \|/);
    expect(draft).toContain('_Neither mitigated nor resolved yet._');
    expect(draft).toContain('| Incident Lead      | Alice');
  });
});
