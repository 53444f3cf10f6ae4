// The SQLite adapter as the hub uses it: its connections keep prepared statements (one prepare per SQL text, each call
// with its own arguments), reads outside a transaction see committed data only, and planner statistics that no longer
// fit the tables are refreshed, so a key lookup is not planned as a scan.
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '#prisma/client.ts';
import { sqliteFile } from '#prisma/database.ts';
import { sqliteConnections, statementWeight } from '#prisma/sqlite-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const text = { scalarType: 'string', arity: 'scalar' } as const;
let adapter: SqlDriverAdapter | undefined;

afterEach(async () => {
  await adapter?.dispose();
  vi.restoreAllMocks();
});

const plan =
  'EXPLAIN QUERY PLAN SELECT u."email" FROM "ApiToken" c JOIN "User" u ON u."id" = c."userId" WHERE c."tokenHash" = ?';
const details = async (db: TestDatabase['db']) =>
  (await db.prisma.$queryRawUnsafe<{ detail: string }[]>(plan, 'x')).map((r) => r.detail).join('\n');
const keyLookup = /SEARCH u USING .*INDEX sqlite_autoindex_User_1 \(id=\?\)/;

const addUsers = (t: TestDatabase, from: number, count: number) =>
  t.db.prisma.$executeRawUnsafe(
    `INSERT INTO "User" ("id", "email", "name", "passwordHash", "updatedAt") VALUES ${Array.from(
      { length: count },
      (_, i) => `('u${from + i}', 'u${from + i}@gemeente.test', 'Gebruiker ${from + i}', '-', CURRENT_TIMESTAMP)`,
    ).join(', ')}`,
  );

async function connect() {
  const prepare = vi.spyOn(BetterSqlite3.prototype, 'prepare');
  adapter = await sqliteConnections({ url: ':memory:' }).factory.connect();
  await adapter.executeScript('CREATE TABLE "Item" ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL)');
  return { adapter, prepare };
}

describe('kept statements', () => {
  it('prepares a statement once and binds each call its own arguments', async () => {
    const { adapter, prepare } = await connect();
    const insert = 'INSERT INTO "Item" ("id", "name") VALUES (?, ?)';
    for (const [id, name] of [
      ['a', 'Zaaksysteem'],
      ['b', 'Burgerzaken'],
      ['c', 'Documentbeheer'],
    ])
      await adapter.executeRaw({ sql: insert, args: [id, name], argTypes: [text, text] });
    const select = 'SELECT "name" FROM "Item" WHERE "id" = ?';
    const names = [];
    for (const id of ['c', 'a', 'b', 'a'])
      names.push((await adapter.queryRaw({ sql: select, args: [id], argTypes: [text] })).rows.map((row) => row[0]));
    expect(names).toEqual([['Documentbeheer'], ['Zaaksysteem'], ['Burgerzaken'], ['Zaaksysteem']]);
    expect(prepare.mock.calls.filter(([sql]) => sql === insert)).toHaveLength(1);
    expect(prepare.mock.calls.filter(([sql]) => sql === select)).toHaveLength(1);
  });

  it('keeps a statement in steady use while statements with long IN lists come and go within the weight bound', async () => {
    const { adapter, prepare } = await connect();
    const short = 'SELECT "name" FROM "Item" WHERE "id" = ?';
    const inList = (n: number) => `SELECT "name" FROM "Item" WHERE "id" IN (${Array(n).fill('?').join(',')})`;
    const ask = (sql: string, n = 1) =>
      adapter.queryRaw({ sql, args: Array(n).fill('a'), argTypes: Array(n).fill(text) });
    const prepared = (sql: string) => prepare.mock.calls.filter(([s]) => s === sql).length;
    await ask(short);
    // Lists of 300 to 449 ids: 150 statements, far below the 500 kept by number, but more than the weight bound.
    let weight = 0;
    for (let n = 300; n < 450; n++) {
      if (n % 10 === 0) await ask(short);
      await ask(inList(n), n);
      weight += statementWeight(inList(n));
    }
    expect(weight).toBeGreaterThan(100_000);
    // The short statement, asked all along, was prepared once; the first long one has made way.
    await ask(short);
    await ask(inList(300), 300);
    expect(prepared(short)).toBe(1);
    expect(prepared(inList(300))).toBe(2);
    // The last long one is still kept.
    await ask(inList(449), 449);
    expect(prepared(inList(449))).toBe(1);
  });

  it('runs one transaction after another on the kept BEGIN: the rolled back one leaves nothing, the committed one stays', async () => {
    const { adapter } = await connect();
    const insert = 'INSERT INTO "Item" ("id", "name") VALUES (?, ?)';
    for (const [id, end] of [
      ['a', 'ROLLBACK'],
      ['b', 'COMMIT'],
    ] as const) {
      const tx = await adapter.startTransaction();
      await tx.executeRaw({ sql: insert, args: [id, 'Zaaksysteem'], argTypes: [text, text] });
      await tx.executeRaw({ sql: end, args: [], argTypes: [] });
      await (end === 'COMMIT' ? tx.commit() : tx.rollback());
    }
    const ids = await adapter.queryRaw({ sql: 'SELECT "id" FROM "Item"', args: [], argTypes: [] });
    expect(ids.rows).toEqual([['b']]);
  });

  it('reads columns and types of a kept statement on every call', async () => {
    const { adapter } = await connect();
    const select = 'SELECT "id", "name" FROM "Item" WHERE "name" = ?';
    const empty = await adapter.queryRaw({ sql: select, args: ['x'], argTypes: [text] });
    await adapter.executeRaw({ sql: 'INSERT INTO "Item" VALUES (?, ?)', args: ['x', 'y'], argTypes: [text, text] });
    const one = await adapter.queryRaw({ sql: select, args: ['y'], argTypes: [text] });
    expect(empty.columnNames).toEqual(['id', 'name']);
    expect(one.columnNames).toEqual(['id', 'name']);
    expect(one.rows).toEqual([['x', 'y']]);
  });
});

describe('committed reads', () => {
  let t: TestDatabase | undefined;
  afterEach(() => t?.drop());

  it('never show a read outside a transaction what the transaction has not committed, nor what it rolled back', async () => {
    t = await createTestDatabase({ provider: 'sqlite', seeded: false });
    const { db } = t;
    const { promise: finishing, resolve: finish } = Promise.withResolvers<void>();
    const { promise: hasWritten, resolve: written } = Promise.withResolvers<void>();
    const transaction = db.prisma
      .$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'nog-niet@gemeente.test', name: 'Nog niet', passwordHash: '-' } });
        expect(await tx.user.count()).toBe(1);
        written();
        await finishing;
        throw new Error('teruggedraaid');
      })
      .catch((error: Error) => error.message);
    await hasWritten;
    expect(await db.prisma.user.count()).toBe(0);
    expect(await db.prisma.user.findUnique({ where: { email: 'nog-niet@gemeente.test' } })).toBeNull();
    finish();
    expect(await transaction).toBe('teruggedraaid');
    expect(await db.prisma.user.count()).toBe(0);
    // A write outside a transaction is read back at once.
    await db.prisma.user.create({ data: { email: 'wel@gemeente.test', name: 'Wel', passwordHash: '-' } });
    expect(await db.prisma.user.count()).toBe(1);
  });

  it('keep one connection for an in-memory database, which no second connection could see', async () => {
    const db = await openDatabase('file::memory:');
    try {
      await db.prisma.$executeRawUnsafe('CREATE TABLE "Note" ("id" INTEGER PRIMARY KEY)');
      await db.prisma.$executeRawUnsafe('INSERT INTO "Note" VALUES (1)');
      expect(await db.prisma.$queryRawUnsafe('SELECT "id" FROM "Note"')).toEqual([{ id: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe('SQLite planner statistics', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await t?.drop();
  });

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
