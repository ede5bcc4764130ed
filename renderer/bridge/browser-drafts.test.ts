import { describe, expect, it } from 'vitest';
import type { PostmortemDraft } from '../../shared/postmortem/draft-record.js';
import { MemoryKeyValueStorage } from '../../shared/sync/storage.js';
import { BrowserDraftsStore } from './browser-drafts.js';

const draft = (incidentId: string, savedAt: string): PostmortemDraft => ({
  incidentId,
  baseRevision: null,
  markdown: `# ${incidentId}`,
  savedAt,
  publishedAs: null,
});

describe('BrowserDraftsStore', () => {
  it('saves, lists newest first, replaces and removes drafts', () => {
    const storage = new MemoryKeyValueStorage();
    const store = new BrowserDraftsStore(storage);
    store.save(draft('inc-1', '2025-03-01T10:00:00.000Z'));
    store.save(draft('inc-2', '2025-03-01T11:00:00.000Z'));
    store.save({ ...draft('inc-1', '2025-03-01T12:00:00.000Z'), markdown: '# newer' });
    expect(store.list().map((d) => [d.incidentId, d.markdown])).toEqual([
      ['inc-1', '# newer'],
      ['inc-2', '# inc-2'],
    ]);
    // Another tab (a new store on the same storage) sees the same drafts.
    expect(new BrowserDraftsStore(storage).load('inc-2')).toEqual(draft('inc-2', '2025-03-01T11:00:00.000Z'));
    store.remove('inc-1');
    expect(store.list().map((d) => d.incidentId)).toEqual(['inc-2']);
    expect(store.load('inc-1')).toBeNull();
  });

  it('refuses a malformed draft and changes nothing', () => {
    const store = new BrowserDraftsStore(new MemoryKeyValueStorage());
    expect(() => store.save({ ...draft('inc-1', 'yesterday') })).toThrow();
    expect(store.list()).toEqual([]);
  });

  it('skips what it cannot read (not JSON, not a draft, a broken index) instead of failing', () => {
    const storage = new MemoryKeyValueStorage();
    const store = new BrowserDraftsStore(storage);
    store.save(draft('inc-1', '2025-03-01T10:00:00.000Z'));
    storage.write('postmortem-drafts', JSON.stringify(['inc-1', 'inc-2', 'inc-3', 7]));
    storage.write('postmortem-draft:inc-2', '{not json');
    storage.write('postmortem-draft:inc-3', JSON.stringify({ incidentId: 'inc-3' }));
    expect(store.list().map((d) => d.incidentId)).toEqual(['inc-1']);
    storage.write('postmortem-drafts', 'garbage');
    expect(store.list()).toEqual([]);
  });
});
