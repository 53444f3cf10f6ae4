// The few statements every request sends (authentication, the data version) skip the ORM on SQLite: a read-only
// connection of their own, each statement prepared once. A connection of their own, so they read committed data only,
// never the inside of a transaction that the ORM's connection has open.
import BetterSqlite3 from 'better-sqlite3';
import type { Sql } from './client.ts';

export interface HotReader {
  /** The rows as the driver gives them: timestamps as ISO text, booleans as 0 or 1. */
  read<T>(query: Sql): T[];
  close(): void;
}

/** A reader for a fixed handful of statements (they are kept for good), opened on first use. */
export function sqliteHotReader(file: string, timeout: number): HotReader {
  let connection: BetterSqlite3.Database | undefined;
  const statements = new Map<string, BetterSqlite3.Statement<unknown[], unknown>>();
  return {
    read<T>(query: Sql): T[] {
      connection ??= new BetterSqlite3(file, { readonly: true, timeout });
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = connection.prepare<unknown[], unknown>(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.all(...query.values) as T[];
    },
    close: () => connection?.close(),
  };
}
