import Database from 'better-sqlite3';
import { createPrivateFile } from '../../files/private-file.js';

/**
 * A consistent copy of the hub's SQLite file while the hub runs: SQLite's online backup API copies pages and
 * starts again if a write lands meanwhile, so the copy is the database as of one moment (WAL included). The copy
 * holds everything the hub does, so it is made 0600 like the hub's own file.
 */
export async function backupSqlite(file: string, target: string): Promise<{ pages: number }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    createPrivateFile(target);
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
