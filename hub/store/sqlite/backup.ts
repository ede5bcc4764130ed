import Database from 'better-sqlite3';

/**
 * A consistent copy of the hub's SQLite file while the hub runs: SQLite's online backup API copies pages and
 * starts again if a write lands meanwhile, so the copy is the database as of one moment (WAL included).
 */
export async function backupSqlite(file: string, target: string): Promise<{ pages: number }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = await db.backup(target);
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}
