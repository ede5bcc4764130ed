import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { preparePrivateDataDir } from './private-data-dir.js';
import { createPrivateFile, makePrivateDir, writePrivateFile } from './private-file.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The JSON lines a logger wrote, to check what it says about each path. */
function logLines() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

describe('the private data folder', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'warroom-private-'));
    umask = process.umask(0o000); // the most permissive: nothing may rely on the umask
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('is created 0700, and files made in it 0600, whatever the umask', () => {
    const dir = join(root, 'a', 'warroom-hub');
    preparePrivateDataDir(dir);
    expect(modeOf(dir)).toBe(0o700);
    createPrivateFile(join(dir, 'hub.log'));
    writePrivateFile(join(dir, 'local-admin.token'), 'wr_x\n');
    expect(modeOf(join(dir, 'hub.log'))).toBe(0o600);
    expect(modeOf(join(dir, 'local-admin.token'))).toBe(0o600);
    expect(readFileSync(join(dir, 'local-admin.token'), 'utf8')).toBe('wr_x\n');
  });

  it('fixes a folder and files others could read, saying which and from what mode to what', () => {
    const dir = join(root, 'data');
    mkdirSync(dir, { mode: 0o755 });
    for (const name of ['warroom.sqlite', 'warroom.sqlite-wal', 'review-gate.json'])
      writeFileSync(join(dir, name), '', { mode: 0o644 });
    writeFileSync(join(dir, 'secrets.key'), '', { mode: 0o600 });
    writeFileSync(join(dir, 'readonly.json'), '', { mode: 0o400 });
    const { logger, lines } = logLines();
    preparePrivateDataDir(dir, { logger });
    expect(modeOf(dir)).toBe(0o700);
    for (const name of ['warroom.sqlite', 'warroom.sqlite-wal', 'review-gate.json', 'secrets.key'])
      expect(modeOf(join(dir, name)), name).toBe(0o600);
    expect(modeOf(join(dir, 'readonly.json'))).toBe(0o400); // only its owner may read it already
    const fixed = lines.filter((l) => l.level === 40).map(({ path, oldMode, newMode }) => ({ path, oldMode, newMode }));
    expect(fixed).toEqual(
      expect.arrayContaining([
        { path: dir, oldMode: '0755', newMode: '0700' },
        { path: join(dir, 'warroom.sqlite'), oldMode: '0644', newMode: '0600' },
        { path: join(dir, 'warroom.sqlite-wal'), oldMode: '0644', newMode: '0600' },
        { path: join(dir, 'review-gate.json'), oldMode: '0644', newMode: '0600' },
      ]),
    );
    expect(fixed).toHaveLength(4);
    expect(lines[0]).toMatchObject({ msg: 'data folder: group or others could read this; made it private' });

    // Already private: nothing to say the next time.
    const again = logLines();
    preparePrivateDataDir(dir, { logger: again.logger });
    expect(again.lines).toEqual([]);
  });

  it('leaves sub-folders and what symbolic links point at alone', () => {
    const dir = join(root, 'data');
    const elsewhere = join(root, 'elsewhere.json');
    writeFileSync(elsewhere, '', { mode: 0o644 });
    mkdirSync(dir, { mode: 0o700 });
    mkdirSync(join(dir, 'sub'), { mode: 0o755 });
    symlinkSync(elsewhere, join(dir, 'link.json'));
    preparePrivateDataDir(dir);
    expect(modeOf(join(dir, 'sub'))).toBe(0o755);
    expect(modeOf(elsewhere)).toBe(0o644);
  });

  it('creates nothing when told not to (PostgreSQL), and checks nothing on Windows', () => {
    preparePrivateDataDir(join(root, 'missing'), { create: false });
    expect(() => statSync(join(root, 'missing'))).toThrow(/ENOENT/);
    const dir = join(root, 'win');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'warroom.sqlite'), '', { mode: 0o644 });
    preparePrivateDataDir(dir, { platform: 'win32' });
    expect(modeOf(join(dir, 'warroom.sqlite'))).toBe(0o644);
  });

  it('says what is in the way when the folder cannot be made, not ENOENT', () => {
    writeFileSync(join(root, 'a-file'), '');
    expect(() => makePrivateDir(join(root, 'a-file', 'data'))).toThrow(
      expect.objectContaining({ code: 'ENOTDIR', path: join(root, 'a-file', 'data') }),
    );
    expect(() => makePrivateDir(join(root, 'a-file'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it('rewrites a file 0600 even over a temporary file a crash left with another mode', () => {
    const file = join(root, 'local-admin.token');
    writeFileSync(`${file}.${process.pid}.tmp`, 'half', { mode: 0o644 });
    chmodSync(`${file}.${process.pid}.tmp`, 0o644);
    writePrivateFile(file, 'wr_y\n');
    expect(modeOf(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('wr_y\n');
  });
});
