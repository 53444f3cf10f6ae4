// Prisma's better-sqlite3 adapter as the hub uses it, with two changes (and planner statistics kept current, below).
// Kept statements: the adapter prepares every statement anew and binds its parameters to it, so SQLite parses and
// plans the same SQL on every call (about half of what a short query costs); its connection now keeps them.
// Committed reads: one connection served a transaction and every other query alike, so a read outside an open
// transaction saw that transaction's uncommitted writes (a page or a cached answer could show what a rollback then
// undid). Reads outside transactions now go to a read-only connection of their own, which sees committed data only.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** What the adapter does with a statement: run it as is, or bind its arguments once and then read or run it. */
function reusable(statement: Statement) {
  return {
    get reader() {
      return statement.reader;
    },
    get readonly() {
      return statement.readonly;
    },
    columns: () => statement.columns(),
    run: () => statement.run(),
    /** Rows as objects, for reads that skip the ORM. */
    rows: (args: unknown[]) => statement.raw(false).all(args),
    bind: (args: unknown[]) => ({
      reader: statement.reader,
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(args) }),
      run: () => statement.run(args),
    }),
  };
}

/**
 * What a kept statement costs in SQLite's memory, in units of about 75 bytes: measured on better-sqlite3, a prepared
 * statement takes some 8 KB plus about 75 bytes per character of its text (70 KB for an IN list of 400 ids).
 */
export const statementWeight = (sql: string) => 120 + sql.length;

/**
 * Makes a connection keep its most recently used prepared statements, at most 500 and within a bound on what they take
 * (about 7.5 MB per connection): the statements in steady use stay prepared while statements with long IN lists (which
 * vary with the number of ids, and take tens of KB each) come and go. Kept by number alone, they held some 35 MB of the
 * server's native memory at national scale.
 */
function keepStatements(client: BetterSqlite3.Database, max = 500, maxWeight = 100_000): void {
  const prepare = client.prepare.bind(client);
  const kept = new LRUCache<string, Statement>({
    max,
    maxSize: maxWeight,
    sizeCalculation: (_statement, sql) => statementWeight(sql),
  });
  const keptPrepare = (sql: string) => {
    let statement = kept.get(sql);
    if (!statement) {
      statement = prepare<unknown[], unknown>(sql);
      kept.set(sql, statement);
    }
    return reusable(statement);
  };
  client.prepare = keptPrepare as unknown as typeof client.prepare;
}

type Connection = BetterSqlite3.Database;
const connectionOf = (adapter: SqlDriverAdapter) => (adapter as unknown as { client: Connection }).client;
const kept = (connection: Connection, sql: string) => connection.prepare(sql) as unknown as ReturnType<typeof reusable>;

/** How often the planner's statistics are refreshed on a long-running connection. */
const OPTIMIZE_EVERY_MS = 3_600_000;

export interface SqliteConnections {
  /** For Prisma: the adapter's own factory with the changes above (the adapter holds its connection as `client`). */
  factory: SqlDriverAdapterFactory;
  /** Rows of a statement run on the read-only connection, skipping the ORM; null before Prisma connects or for `:memory:`. */
  readRows<T>(sql: string, values: unknown[]): T[] | null;
}

/**
 * The main connection (writes and transactions) and, except for `:memory:` (one connection's own), a read-only one
 * for every read outside a transaction. Planner statistics are brought up to date on the main connection as SQLite
 * advises for long-lived connections (tables that grew since their last analysis, with bounded effort) before the read
 * connection opens, and hourly; the read connection is then opened anew, since SQLite loads statistics at open.
 */
export function sqliteConnections(config: ConstructorParameters<typeof PrismaBetterSqlite3>[0]): SqliteConnections {
  const factory = new PrismaBetterSqlite3(config);
  const readFactory = config.url === ':memory:' ? null : new PrismaBetterSqlite3({ ...config, readonly: true });
  let read: SqlDriverAdapter | null = null;
  const openRead = async () => {
    if (!readFactory) return null;
    const opened = await readFactory.connect();
    keepStatements(connectionOf(opened));
    return opened;
  };
  const connect = async (): Promise<SqlDriverAdapter> => {
    const main = await factory.connect();
    const connection = connectionOf(main);
    keepStatements(connection);
    // WAL lets readers continue while a write is in progress; the file stays one file for backups.
    connection.pragma('journal_mode = WAL');
    // Every table, not only those this connection's own queries used (0x10000), with SQLite's bounded effort.
    // Statistics are an optimisation: a database busy past the busy timeout (an import under way) does not fail the open.
    const optimize = () => {
      try {
        connection.pragma('optimize = 0x10002');
      } catch (error) {
        console.error('PRAGMA optimize:', error);
      }
    };
    optimize();
    read = await openRead();
    if (!read) return main;
    const refresh = setInterval(() => {
      optimize();
      openRead()
        .then(async (opened) => {
          const old = read;
          read = opened;
          await old?.dispose();
        })
        // The connection open until now keeps serving.
        .catch((error: unknown) => console.error('Reopening the read connection:', error));
    }, OPTIMIZE_EVERY_MS).unref();
    const onlyReads = (sql: string) => {
      try {
        return read !== null && kept(connectionOf(read), sql).readonly;
      } catch {
        // The main connection reports the error as the adapter does.
        return false;
      }
    };
    return {
      provider: main.provider,
      adapterName: main.adapterName,
      queryRaw: (query) => (onlyReads(query.sql) && read ? read : main).queryRaw(query),
      executeRaw: (query) => main.executeRaw(query),
      executeScript: (script) => main.executeScript(script),
      startTransaction: (isolationLevel) => main.startTransaction(isolationLevel),
      dispose: async () => {
        clearInterval(refresh);
        await read?.dispose();
        await main.dispose();
      },
    };
  };
  return {
    factory: { provider: factory.provider, adapterName: factory.adapterName, connect },
    readRows: <T>(sql: string, values: unknown[]) =>
      read ? (kept(connectionOf(read), sql).rows(values) as T[]) : null,
  };
}
