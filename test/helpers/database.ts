// Throwaway databases for tests: a SQLite file by default, a fresh PostgreSQL database when GRONDPLAN_TEST_PROVIDER=postgres.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '#prisma/client.ts';
import type { Provider } from '#prisma/database.ts';
import { pgConfig } from '#prisma/engine/adapters.ts';
import { applyPendingMigrations } from '#prisma/migrate.ts';
import { seed } from '#prisma/seed/seed.ts';

export const testProvider: Provider = process.env.GRONDPLAN_TEST_PROVIDER === 'postgres' ? 'postgres' : 'sqlite';
const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...pgConfig(serverUrl), database: pgConfig(serverUrl).database ?? 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database of the test provider, with its URL; nothing is migrated yet. */
export async function createEmptyDatabase(
  provider: Provider = testProvider,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'postgres') {
    const name = `grondplan_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await pgAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      drop: () => pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-test-'));
  return { url: `file:${path.join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated and seeded throwaway database; call drop() when done. */
export async function createTestDatabase({
  seeded = true,
  provider = testProvider,
}: {
  seeded?: boolean;
  provider?: Provider;
} = {}): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(provider);
  await applyPendingMigrations(empty.url);
  // Tests count statements (query-counts, the caches, request-version): only their databases ask Prisma for the events.
  const db = await openDatabase(empty.url, { countStatements: true });
  if (seeded) await seed(db.prisma);
  return {
    url: empty.url,
    db,
    drop: async () => {
      await db.close();
      await empty.drop();
    },
  };
}
