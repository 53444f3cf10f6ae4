// The SQLite adapter as the hub uses it: its connections keep prepared statements (one prepare per SQL text, each call
// with its own arguments), and reads outside a transaction see committed data only.
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../prisma/client.ts';
import { sqliteConnections } from '../../prisma/sqlite-adapter.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

const text = { scalarType: 'string', arity: 'scalar' } as const;
let adapter: SqlDriverAdapter | undefined;

afterEach(async () => {
  await adapter?.dispose();
  vi.restoreAllMocks();
});

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
    for (const id of ['c', 'a', 'b', 'a']) names.push((await adapter.queryRaw({ sql: select, args: [id], argTypes: [text] })).rows.map((row) => row[0]));
    expect(names).toEqual([['Documentbeheer'], ['Zaaksysteem'], ['Burgerzaken'], ['Zaaksysteem']]);
    expect(prepare.mock.calls.filter(([sql]) => sql === insert)).toHaveLength(1);
    expect(prepare.mock.calls.filter(([sql]) => sql === select)).toHaveLength(1);
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
    let finish = () => {};
    const finishing = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let written = () => {};
    const hasWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
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
