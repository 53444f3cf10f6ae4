// On PostgreSQL, the few statements every request sends (authentication, the data version) skip the ORM too: a small
// pool of the driver's own per database, each statement prepared once per connection (a named statement).
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Sql } from './client.ts';

/** Prisma writes timestamps as UTC in columns without a time zone; pg would read them as local time. */
const utc = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const TIMESTAMP = 1114;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? utc : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Connections per database for these reads: each is over in well under a millisecond. */
const POOL_SIZE = 4;

/** A pool of pg's that outlives the server ending its connections, and whose end waits until they are closed. */
export interface PostgresPool {
  pool: pg.Pool;
  /** Ends the pool and resolves once every connection it opened has closed; the same promise on every call. */
  end(): Promise<void>;
}

/** How long end() waits for the server to close connections it was asked to close (an unreachable server never does). */
const CLOSE_WAIT_MS = 5000;

/**
 * pg's pool as the hub uses it. A connection the server ends (a restart, an administrator, a proxy's timeout) makes its
 * client and then the pool emit 'error'; with no listener that is an uncaught exception that stops the process, so the
 * client's error is logged (its message only: never the connection string) and the pool, which drops that connection
 * itself, opens a new one at the next query. And pg's end() resolves once it has asked the connections to close, not
 * once they have: end() here waits for that too (up to five seconds), so that no backend is left when it resolves and
 * the database can be dropped or the process end cleanly.
 */
export function postgresPool(config: pg.PoolConfig): PostgresPool {
  const pool = new pg.Pool(config);
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error('Een verbinding met PostgreSQL is verbroken:', error.message));
    const closed = new Promise<void>((resolve) => client.once('end', resolve));
    open.add(closed);
    void closed.then(() => open.delete(closed));
  });
  // The same error as the client's, already logged; without a listener the pool's emit would throw.
  pool.on('error', () => {});
  let ended: Promise<void> | undefined;
  return {
    pool,
    end: () => {
      ended ??= (async () => {
        await pool.end();
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, CLOSE_WAIT_MS).unref();
        });
        await Promise.race([Promise.all(open), waited]);
        clearTimeout(timer);
      })();
      return ended;
    },
  };
}

export interface PostgresReader {
  /** The rows as pg gives them (timestamps as Dates), from a read replica when `replica` is set and there are any. */
  read<T>(query: Sql, replica: boolean): Promise<T[]>;
  close(): Promise<void>;
}

export function postgresReader(url: string, replicaUrls: string[]): PostgresReader {
  const open = (connectionString: string) => postgresPool({ connectionString, max: POOL_SIZE, types });
  const primary = open(url);
  const replicas = replicaUrls.map(open);
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `grondplan_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    async read<T>(query: Sql, replica: boolean): Promise<T[]> {
      const { pool } = (replica && replicas[Math.floor(Math.random() * replicas.length)]) || primary;
      const result = await pool.query({ name: nameOf(query.text), text: query.text, values: query.values });
      return result.rows as T[];
    },
    close: async () => {
      await Promise.all([primary, ...replicas].map((pool) => pool.end()));
    },
  };
}
