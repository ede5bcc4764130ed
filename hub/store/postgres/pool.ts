import pg from 'pg';

/** int8 (seq, ids) as numbers: seqs stay far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/**
 * A pool for the hub's queries. An error on an idle client (the server restarted, a network cut) is reported and
 * the client dropped, never thrown: the next query opens a new connection.
 */
export function createPool(url: string, onError: (error: Error) => void, max = 10): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', onError);
  return pool;
}

/** A client of its own (LISTEN), with the same type parsing. */
export function createClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, types, connectionTimeoutMillis: 5000 });
}

/** Runs `work` in a transaction on one pooled connection; rolls back if it throws. A broken connection is dropped. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client's connection dying emits 'error' on the client (the pool listens only while it is idle);
  // unheard, that would crash the hub. The failing query rejects as well, which is what the caller acts on.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch (rollback) {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback));
    }
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
