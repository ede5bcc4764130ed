import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostmortemDraft } from '../shared/postmortem/draft-record.js';
import { DraftsStore } from './drafts-store.js';

const WRITER = fileURLToPath(new URL('./test/fixtures/draft-writer.mjs', import.meta.url));

const draft = (overrides: Partial<PostmortemDraft> = {}): PostmortemDraft => ({
  incidentId: 'inc-1',
  baseRevision: null,
  markdown: '# INC-1\n\nWhat happened…',
  savedAt: '2026-11-27T03:10:00.000Z',
  publishedAs: null,
  ...overrides,
});

describe('DraftsStore (postmortem drafts on disk)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-drafts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves, reads back, lists newest first (with what is unpublished) and removes', () => {
    const store = new DraftsStore(dir);
    store.save(draft());
    store.save(draft({ incidentId: 'inc-2', savedAt: '2026-11-27T04:00:00.000Z', publishedAs: 'rev-1' }));
    expect(new DraftsStore(dir).load('inc-1')).toEqual(draft());
    expect(store.list().map((d) => [d.incidentId, d.publishedAs])).toEqual([
      ['inc-2', 'rev-1'],
      ['inc-1', null],
    ]);
    store.remove('inc-1');
    expect(store.load('inc-1')).toBeNull();
  });

  it('refuses a malformed draft or an unsafe incident id, and writes nothing', () => {
    const store = new DraftsStore(dir);
    expect(() => store.save(draft({ incidentId: '../escape' }))).toThrow();
    expect(() => store.save(draft({ markdown: 'x'.repeat(100_001) }))).toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the last good version when a save was cut off (a temporary file left behind)', () => {
    const store = new DraftsStore(dir);
    store.save(draft({ markdown: 'good version' }));
    writeFileSync(join(dir, 'inc-1.json.4242.tmp'), '{"incidentId":"inc-1","markdown":"half a wr');
    expect(store.load('inc-1')?.markdown).toBe('good version');
    expect(store.list()).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['inc-1.json']);
  });

  it('survives the writer being killed with SIGKILL mid-save: the draft read back is a whole version', async () => {
    const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const saved = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const versions = out.trim().split('\n').map(Number);
        const last = versions.at(-1) ?? 0;
        if (last >= 20) resolve(last);
      });
      child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const read = new DraftsStore(dir).load('inc-1');
    const version = Number(/version (\d+)\)/.exec(read?.markdown ?? '')?.[1]);
    expect(version).toBeGreaterThanOrEqual(saved);
    expect(read?.markdown).toBe(
      `# INC-1 postmortem (version ${version})\n\n${`version ${version}: ${'the root cause was a stuck connection pool. '.repeat(40)}\n`.repeat(40)}`,
    );
  });
});
