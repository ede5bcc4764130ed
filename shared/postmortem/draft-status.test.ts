import { describe, expect, it } from 'vitest';
import type { Postmortem } from '../domain/incident.js';
import { alice, bob } from '../domain/test-support.js';
import type { PostmortemDraft } from './draft-record.js';
import { draftStatus, editDraft, publishBase, publishedText, resolveConflict, startDraft } from './draft-status.js';

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-01T10:05:00.000Z';

const revision = (id: string, by = alice, markdown = `# text of ${id}`): Postmortem => ({
  revision: id,
  markdown,
  publishedBy: by,
  publishedAt: T0,
  revisions: 1,
});

const draft = (fields: Partial<PostmortemDraft> = {}): PostmortemDraft => ({
  incidentId: 'inc-1',
  baseRevision: null,
  markdown: '# mine',
  savedAt: T0,
  publishedAs: null,
  ...fields,
});

describe('draftStatus', () => {
  it('says none or published-only when there is no local draft', () => {
    expect(draftStatus(null, null, null)).toBe('none');
    expect(draftStatus(null, revision('r1'), revision('r1'))).toBe('published-only');
  });

  it('a first draft is unpublished until sent, publishing until confirmed, then published', () => {
    expect(draftStatus(draft(), null, null)).toBe('unpublished');
    const sent = draft({ publishedAs: 'r1' });
    expect(draftStatus(sent, null, revision('r1'))).toBe('publishing');
    expect(draftStatus(sent, revision('r1'), revision('r1'))).toBe('published');
  });

  it('is a conflict when the hub has a revision the draft did not build on', () => {
    expect(draftStatus(draft({ baseRevision: null }), revision('r2', bob), revision('r2', bob))).toBe('conflict');
    expect(draftStatus(draft({ baseRevision: 'r1' }), revision('r2', bob), revision('r2', bob))).toBe('conflict');
    expect(draftStatus(draft({ baseRevision: 'r2' }), revision('r2', bob), revision('r2', bob))).toBe('unpublished');
  });

  it('a publish the hub refused because of a newer revision becomes a conflict', () => {
    // Sent r3 on top of r1 while offline; meanwhile Bob published r2. The hub refused r3: confirmed stays r2.
    const sent = draft({ baseRevision: 'r1', publishedAs: 'r3' });
    expect(draftStatus(sent, revision('r2', bob), revision('r2', bob))).toBe('conflict');
  });

  it('a draft published earlier, with a newer revision since, is outdated (not a conflict) once the log shows it', () => {
    const sent = draft({ publishedAs: 'r1' });
    expect(draftStatus(sent, revision('r2', bob), revision('r2', bob), new Set(['r1', 'r2']))).toBe('outdated');
    // Without the log, it cannot be told from a refused publish: merging is the safe answer.
    expect(draftStatus(sent, revision('r2', bob), revision('r2', bob))).toBe('conflict');
  });

  it('a publish refused for another reason falls back to unpublished', () => {
    expect(draftStatus(draft({ publishedAs: 'r1' }), null, null)).toBe('unpublished');
  });
});

describe('editing, starting, resolving', () => {
  it('starts from the published revision when there is one, else from the generated text', () => {
    let generated = 0;
    const make = () => {
      generated++;
      return '# generated';
    };
    expect(startDraft('inc-1', null, make, T0)).toEqual(draft({ markdown: '# generated' }));
    expect(startDraft('inc-1', revision('r1'), make, T0)).toEqual(
      draft({ baseRevision: 'r1', markdown: '# text of r1' }),
    );
    expect(generated).toBe(1);
  });

  it('edits after a publish build on the published revision', () => {
    const edited = editDraft(draft({ baseRevision: 'r1', publishedAs: 'r2' }), '# more', T1);
    expect(edited).toEqual(draft({ baseRevision: 'r2', publishedAs: null, markdown: '# more', savedAt: T1 }));
    expect(draftStatus(edited, revision('r2'), revision('r2'))).toBe('unpublished');
    expect(editDraft(draft({ baseRevision: 'r1' }), '# x', T1).baseRevision).toBe('r1');
  });

  it('a merge accepted builds on their revision', () => {
    const resolved = resolveConflict(draft({ baseRevision: 'r1', publishedAs: 'r3' }), '# merged', revision('r2'), T1);
    expect(resolved).toEqual(draft({ baseRevision: 'r2', markdown: '# merged', savedAt: T1 }));
    expect(draftStatus(resolved, revision('r2'), revision('r2'))).toBe('unpublished');
  });

  it('publishes a first revision when nothing is published (a refused publish of ours left a dangling base)', () => {
    expect(publishBase(draft({ baseRevision: 'r9' }), null)).toBeNull();
    expect(publishBase(draft({ baseRevision: 'r1' }), revision('r1'))).toBe('r1');
  });

  it('finds the text of a published revision in the log', () => {
    const event = {
      seq: 4,
      eventId: 'e4',
      incidentId: 'inc-1',
      type: 'postmortem.published' as const,
      payload: { revision: 'r1', baseRevision: null, markdown: '# first' },
    };
    const events = [event] as unknown as Parameters<typeof publishedText>[0];
    expect(publishedText(events, 'r1')).toBe('# first');
    expect(publishedText(events, 'r2')).toBeNull();
    expect(publishedText(events, null)).toBeNull();
  });
});
