import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliResult } from './support/hub-process.js';

/** The built CLI refuses names the app could not show as typed, and creates nothing. */
describe('warroom-hub token create --user NAME', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-cli-names-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    ['invisible', '\u200B\u2060', /--user: The name needs visible characters: it holds only spaces or invisible/],
    ['a direction override', 'ana\u202Enimda', /--user: Remove the text-direction control character U\+202E/],
  ])('refuses a name that is %s, with exit 2, and creates no user', (_, name, message) => {
    const refused = runCliResult(['token', 'create', '--user', name, '--role', 'responder', '--data', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(message);
    expect(refused.stdout).toBe('');
    const list = runCliResult(['token', 'list', '--data', dataDir]);
    expect(list.stdout).not.toContain('ana');
    expect(list.stdout).not.toContain('\u200B');
  });
});
