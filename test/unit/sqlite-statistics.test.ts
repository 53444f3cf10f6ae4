// A SQLite database refreshes planner statistics that no longer fit the tables, so a key lookup is not planned as a scan.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../prisma/client.ts';
import { sqliteFile } from '../../prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await t?.drop();
});

const plan = 'EXPLAIN QUERY PLAN SELECT u."email" FROM "ApiToken" c JOIN "User" u ON u."id" = c."userId" WHERE c."tokenHash" = ?';
const details = async (db: TestDatabase['db']) => (await db.prisma.$queryRawUnsafe<{ detail: string }[]>(plan, 'x')).map((r) => r.detail).join('\n');
const keyLookup = /SEARCH u USING .*INDEX sqlite_autoindex_User_1 \(id=\?\)/;

const addUsers = (t: TestDatabase, from: number, count: number) =>
  t.db.prisma.$executeRawUnsafe(
    `INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ${Array.from(
      { length: count },
      (_, i) => `('u${from + i}', 'u${from + i}@gemeente.test', 'Gebruiker ${from + i}', '-', CURRENT_TIMESTAMP)`,
    ).join(', ')}`,
  );

describe('SQLite planner statistics', () => {
  it('are refreshed when the connection opens, after the tables grew past what the last analysis saw', async () => {
    t = await createTestDatabase({ provider: 'sqlite', seeded: false });
    await addUsers(t, 0, 1);
    await t.db.prisma.$executeRawUnsafe('ANALYZE');
    await addUsers(t, 1, 500);
    // What the statistics of one user make of the join on a connection that keeps them: every user read for every token.
    const plain = new BetterSqlite3(sqliteFile(t.url), { readonly: true });
    try {
      expect(
        plain
          .prepare<[string], { detail: string }>(plan)
          .all('x')
          .map((r) => r.detail),
      ).toContain('SCAN u');
    } finally {
      plain.close();
    }
    const reopened = await openDatabase(t.url);
    try {
      expect(await details(reopened)).toMatch(keyLookup);
    } finally {
      await reopened.close();
    }
  });

  it('are refreshed hourly on a database that stays open, and the read connection reopened to load them', async () => {
    t = await createTestDatabase({ provider: 'sqlite', seeded: false });
    await addUsers(t, 0, 1);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const db = await openDatabase(t.url);
    try {
      await addUsers(t, 1, 500);
      expect(await details(db)).toContain('SCAN u');
      vi.advanceTimersByTime(3_600_000);
      await vi.waitFor(async () => expect(await details(db)).toMatch(keyLookup));
    } finally {
      await db.close();
    }
  });
});
