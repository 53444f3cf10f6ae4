// Prisma's better-sqlite3 adapter prepares every statement anew and binds its parameters to it, so SQLite parses and
// plans the same SQL on every call (about half of what a short query costs). The hub sends the same few hundred
// statements over and over: the adapter gets a connection whose `prepare` keeps them and binds per call instead.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type BetterSqlite3 from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/** What the adapter does with a statement: run it as is, or bind its arguments once and then read or run it. */
function reusable(statement: Statement) {
  return {
    get reader() {
      return statement.reader;
    },
    columns: () => statement.columns(),
    run: () => statement.run(),
    bind: (args: unknown[]) => ({
      reader: statement.reader,
      columns: () => statement.columns(),
      raw: () => ({ all: () => statement.raw(true).all(args) }),
      run: () => statement.run(args),
    }),
  };
}

/** Makes a connection keep its most recently used prepared statements (statements with long IN lists vary, hence a bound). */
export function keepStatements(client: BetterSqlite3.Database, max = 500): void {
  const prepare = client.prepare.bind(client);
  const kept = new LRUCache<string, Statement>({ max });
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

/** The adapter's own factory, whose connections keep their statements (the adapter holds its connection as `client`). */
export function sqliteAdapter(...args: ConstructorParameters<typeof PrismaBetterSqlite3>): SqlDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3(...args);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      keepStatements((adapter as unknown as { client: BetterSqlite3.Database }).client);
      return adapter;
    },
  };
}
