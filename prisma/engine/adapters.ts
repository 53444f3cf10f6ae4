// Driver adapters for the WebAssembly schema engine, with the fixes that make migrations work offline.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { BUSY_TIMEOUT_MS, type Provider, providerOf, sqliteFile } from '../database.ts';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PgField = { dataTypeID: number };
type PgResult = { fields?: PgField[] } | PgResult[];

function charFieldsAsText(result: PgResult | undefined): void {
  if (!result) return;
  if (Array.isArray(result)) {
    for (const item of result) charFieldsAsText(item);
    return;
  }
  for (const field of result.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
}

/** pg client that reports PostgreSQL's one-byte "char" columns as text, which the pg adapter cannot map. */
class CharAsTextClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query has many overloads; this only post-processes the result.
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last];
      args[last] = (error: Error | null, result: PgResult) => {
        charFieldsAsText(result);
        callback(error, result);
      };
      // biome-ignore lint/suspicious/noExplicitAny: forwarding the caller's overload unchanged.
      return (super.query as any)(...args);
    }
    // biome-ignore lint/suspicious/noExplicitAny: forwarding the caller's overload unchanged.
    const pending = (super.query as any)(...args);
    if (pending && typeof pending.then === 'function') {
      return pending.then((result: PgResult) => {
        charFieldsAsText(result);
        return result;
      });
    }
    return pending;
  }
}

/** Discrete connection fields: pg lets a connection string override `database`, which breaks shadow databases. */
export function pgConfig(url: string, database?: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: database ?? (decodeURIComponent(u.pathname.slice(1)) || undefined),
    ssl: u.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
    max: 4,
  };
}

function pgFactory(url: string, database?: string): PrismaPg {
  return new PrismaPg({ ...pgConfig(url, database), Client: CharAsTextClient } as pg.PoolConfig);
}

/** Shadow database for PostgreSQL: own pool on its own name; dropped with FORCE after the pool closed. */
function pgMigrationFactory(url: string, shadowUrl?: string): SqlMigrationAwareDriverAdapterFactory {
  const main = pgFactory(url);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      if (shadowUrl) return pgFactory(shadowUrl).connect();
      const admin = await main.connect();
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadow = await pgFactory(url, name).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

/** SQLite: multi-statement scripts replayed into the shadow database go through executeScript. */
function scriptAware(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length === 0 && hasSeveralStatements(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

function hasSeveralStatements(sql: string): boolean {
  // Statements in Prisma's migration scripts end with ";" at a line end; one trailing ";" is a single statement.
  return (
    sql
      .trim()
      .replace(/;\s*$/, '')
      .split(/;\s*\n/).length > 1
  );
}

function sqliteMigrationFactory(url: string, shadowUrl?: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaBetterSqlite3({ url: sqliteFile(url), timeout: BUSY_TIMEOUT_MS });
  const shadow = new PrismaBetterSqlite3({
    url: shadowUrl ? sqliteFile(shadowUrl) : ':memory:',
    timeout: BUSY_TIMEOUT_MS,
  });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => scriptAware(await main.connect()),
    connectToShadowDb: async () => scriptAware(await shadow.connect()),
  };
}

export function migrationAdapterFactory(url: string, shadowUrl?: string): SqlMigrationAwareDriverAdapterFactory {
  const provider: Provider = providerOf(url);
  return provider === 'postgres' ? pgMigrationFactory(url, shadowUrl) : sqliteMigrationFactory(url, shadowUrl);
}
