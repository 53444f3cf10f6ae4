// The Prisma client for the configured provider: SQLite by default, PostgreSQL when DATABASE_URL says so.
import { PrismaPg } from '@prisma/adapter-pg';
import { readReplicas } from '@prisma/extension-read-replicas';
import { BUSY_TIMEOUT_MS, databaseSetting, databaseUrl, type Provider, providerOf, sqliteFile } from './database.ts';
import { Prisma, PrismaClient as SqliteClient } from './generated/sqlite/client/client.ts';
import { type PostgresPool, type PostgresReader, postgresPool, postgresReader } from './postgres-reads.ts';
import { type SqliteConnections, sqliteConnections } from './sqlite-adapter.ts';

/** Tagged SQL for `$queryRaw` where one hand-written join beats the ORM's per-relation queries (the same on both providers). */
export const { sql, join, raw } = Prisma;
export type Sql = Prisma.Sql;

/** Both generated clients expose the same models; the SQLite client's type describes either. */
export type Db = SqliteClient;

export interface Database {
  prisma: Db;
  provider: Provider;
  /**
   * SQL statements sent since the database was opened, when it was opened with `countStatements` (tests, to prove lists
   * make no query per row); otherwise Prisma emits no statement events at all and the count stays 0.
   */
  queries: { count: number; log: string[]; recording: boolean };
  /**
   * Rows of one of the few statements every request sends (authentication, the data version), as the driver gives
   * them, skipping the ORM: on SQLite on the read-only connection with the statement prepared once
   * (prisma/sqlite-adapter.ts), on PostgreSQL through a small pool of pg's own with named statements
   * (prisma/postgres-reads.ts), from a read replica when `replica` is set and there are any.
   */
  hotRead<T>(query: Sql, options?: { replica?: boolean }): Promise<T[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Count (and on request log) every SQL statement: for tests (test/helpers/database.ts), never in production. */
  countStatements?: boolean;
}

export async function openDatabase(
  url = databaseUrl(),
  { countStatements = false }: OpenOptions = {},
): Promise<Database> {
  const provider = providerOf(url);
  const queries = { count: 0, log: [] as string[], recording: false };
  // Without a listener Prisma is not asked for statement events: it then neither builds nor emits them.
  const log = countStatements ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  const record = (statement: string) => {
    if (!countStatements) return;
    queries.count++;
    if (queries.recording) queries.log.push(statement);
  };
  // Every client's statements are counted, the replicas' too (an extended client no longer takes listeners).
  const counted = <C>(client: C): C => {
    if (countStatements)
      (client as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on('query', (event) =>
        record(event.query),
      );
    return client;
  };
  let prisma: Db;
  let sqlite: SqliteConnections | undefined;
  let postgres: PostgresReader | undefined;
  const pools: PostgresPool[] = [];
  if (provider === 'postgres') {
    const { PrismaClient } = await import('./generated/postgres/client/client.ts');
    const max = databaseSetting('DATABASE_POOL_SIZE');
    // Prisma's pools are the hub's own (prisma/postgres-reads.ts): they log a connection the server ends instead of
    // stopping, and close() ends them and waits until their connections have closed. Prisma does not end them itself:
    // a query after close() then fails instead of opening a pool nothing would close.
    const adapter = (connectionString: string) => {
      const pool = postgresPool({ connectionString, max });
      pools.push(pool);
      return new PrismaPg(pool.pool);
    };
    prisma = counted(new PrismaClient({ adapter: adapter(url), log })) as unknown as Db;
    // Read replicas (comma-separated URLs): reads outside transactions go to a replica, writes and transactions to the primary.
    const replicaUrls = databaseSetting('DATABASE_REPLICA_URLS');
    postgres = postgresReader(url, replicaUrls);
    if (replicaUrls.length > 0) {
      const replicas = replicaUrls.map((replica) => counted(new PrismaClient({ adapter: adapter(replica), log })));
      const extended = prisma.$extends(readReplicas({ replicas: replicas as never[] }));
      prisma = extended as unknown as Db;
    }
  } else {
    sqlite = sqliteConnections({ url: sqliteFile(url), timeout: BUSY_TIMEOUT_MS });
    prisma = counted(new SqliteClient({ adapter: sqlite.factory, log }));
  }
  // Connected now rather than at the first query: hot reads use the read connection that opens with it.
  if (sqlite) await prisma.$connect();
  const hotRead = async <T>(query: Sql, { replica = false } = {}): Promise<T[]> => {
    const rows = postgres ? await postgres.read<T>(query, replica) : sqlite?.readRows<T>(query.sql, query.values);
    // Only an in-memory SQLite database, one connection's own, reads through the client.
    if (!rows) return prisma.$queryRaw<T[]>(query);
    record(postgres ? query.text : query.sql);
    return rows;
  };
  const close = async () => {
    try {
      await postgres?.close();
      await prisma.$disconnect();
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
  };
  return { prisma, provider, queries, hotRead, close };
}
