import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NewerSchemaError } from '../store/schema-version.js';
import { StorageStartError, storageStartError } from './storage-errors.js';

// A real, writable folder: SQLite's vague codes are explained by trying the folder, which succeeds here.
const dataDir = mkdtempSync(join(tmpdir(), 'warroom-errors-'));
const file = join(dataDir, 'warroom.sqlite');
writeFileSync(file, '');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const systemError = (code: string, path: string) =>
  Object.assign(new Error(`${code}: something, open '${path}'`), { code, path, syscall: 'open' });
const sqliteError = (code: string) => Object.assign(new Error('sqlite says something'), { code });

function explain(error: Error): StorageStartError {
  const explained = storageStartError(error, { dataDir, file });
  expect(explained).toBeInstanceOf(StorageStartError);
  if (!(explained instanceof StorageStartError)) throw new Error('not explained');
  expect(explained.cause).toBe(error);
  return explained;
}

describe('start errors name the path, the cause and what to do', () => {
  it.each([
    [
      'EROFS',
      'it is on a read-only file system',
      /Remount it read-write\. Or give the hub another folder with --data DIR/,
    ],
    ['EACCES', 'permission denied', /The hub runs as \S+: make \S+ the folder's owner/],
    ['EPERM', 'changes there are not permitted: it may be immutable, or belong to another user', /chattr -i/],
    ['ENOTDIR', 'part of that path is a file, not a folder', /Give --data \(or WARROOM_DATA\) a folder/],
    ['ENOSPC', 'the disk is full', /df -h/],
    ['EDQUOT', 'the disk quota is used up', /raise the quota/],
    ['ENOENT', 'a folder on that path does not exist', /Create it/],
  ])('%s on the data folder', (code, why, hint) => {
    const error = explain(systemError(code, dataDir));
    expect(error.message).toContain(`Cannot open the hub's data folder ${dataDir}: ${why}`);
    expect(error.message).toContain(`(${code}).`);
    expect(error.message).toMatch(hint);
    expect(error).toMatchObject({ code, path: dataDir });
  });

  it('names the file inside the folder that failed, and the SQLite file as such', () => {
    const inside = join(dataDir, 'review-gate.json');
    expect(explain(systemError('EACCES', inside)).message).toContain(
      `Cannot open the hub's data folder ${dataDir}: permission denied (EACCES at ${inside}).`,
    );
    expect(explain(systemError('EACCES', file)).message).toContain(
      `Cannot open the hub's SQLite file ${file}: permission denied (EACCES).`,
    );
    // Making the file failed: the folder is what must change.
    rmSync(file);
    try {
      expect(explain(systemError('EROFS', file)).message).toContain(
        `Cannot open the hub's data folder ${dataDir}: it is on a read-only file system (EROFS at ${file}).`,
      );
    } finally {
      writeFileSync(file, '');
    }
  });

  it.each([
    ['SQLITE_FULL', 'the disk is full', /Free space on that disk/],
    ['SQLITE_BUSY', 'another process holds it locked', /Only one hub may use a data folder: .*fuser/],
    ['SQLITE_LOCKED', 'another process holds it locked', /stop the other hub/],
    ['SQLITE_IOERR_WRITE', 'the disk reported an input/output error', /dmesg/],
    ['SQLITE_NOTADB', 'it is not a SQLite database', /Restore it from a backup/],
    ['SQLITE_CORRUPT', 'the database file is damaged', /Restore it from a backup/],
    ['SQLITE_READONLY', 'SQLite may not write it', /-wal and -shm/],
    ['SQLITE_CANTOPEN', 'SQLite cannot open or create it', /a folder \S+ may write/],
  ])('%s on the SQLite file', (code, why, hint) => {
    const error = explain(sqliteError(code));
    expect(error.message).toContain(`Cannot open the hub's SQLite file ${file}: ${why} (${code}).`);
    expect(error.message).toMatch(hint);
  });

  it("tells SQLite's vague codes apart by trying the folder itself", () => {
    // root may write anywhere, so a folder that refuses is made by giving a path inside a file.
    const notAFolder = join(file, 'below');
    const error = storageStartError(sqliteError('SQLITE_CANTOPEN'), {
      dataDir: notAFolder,
      file: join(notAFolder, 'warroom.sqlite'),
    });
    expect(error).toBeInstanceOf(StorageStartError);
    expect(error).toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|ENOENT)$/), path: notAFolder });
  });

  it('leaves errors it cannot explain, and ones already explained, as they are', () => {
    const newer = new NewerSchemaError('SQLite file', 9, 4);
    expect(storageStartError(newer, { dataDir, file })).toBe(newer);
    const plain = new Error('review-gate.json is not valid JSON');
    expect(storageStartError(plain, { dataDir, file })).toBe(plain);
    const odd = sqliteError('SQLITE_MISMATCH');
    expect(storageStartError(odd, { dataDir, file })).toBe(odd);
    const explained = explain(systemError('EROFS', dataDir));
    expect(storageStartError(explained, { dataDir: '/elsewhere' })).toBe(explained);
  });

  it('says which folder without a file when the store is not SQLite', () => {
    const error = storageStartError(systemError('ENOSPC', join(dataDir, 'local-admin.token')), { dataDir });
    expect(error).toBeInstanceOf(StorageStartError);
    expect((error as Error).message).toMatch(/^Cannot open the hub's data folder .*: the disk is full \(ENOSPC at /);
  });
});
