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

export interface PostgresReader {
  /** The rows as pg gives them (timestamps as Dates), from a read replica when `replica` is set and there are any. */
  read<T>(query: Sql, replica: boolean): Promise<T[]>;
  close(): Promise<void>;
}

export function postgresReader(url: string, replicaUrls: string[]): PostgresReader {
  const open = (connectionString: string) => new pg.Pool({ connectionString, max: POOL_SIZE, types });
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
      const pool = (replica && replicas[Math.floor(Math.random() * replicas.length)]) || primary;
      const result = await pool.query({ name: nameOf(query.text), text: query.text, values: query.values });
      return result.rows as T[];
    },
    close: async () => {
      await Promise.all([primary, ...replicas].map((pool) => pool.end()));
    },
  };
}
