// Statement events only where tests count them: a database opened as production opens it (npm start, scripts) does not
// ask Prisma for query events, so none is built or emitted; test databases (test/helpers/database.ts) count them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, sql } from '#prisma/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ seeded: false });
});
afterAll(() => t?.drop());

/** Statement events Prisma emits for a read and a hot read, as a listener added afterwards sees them. */
async function eventsOf(db: Database): Promise<number> {
  let events = 0;
  (db.prisma as unknown as { $on(event: 'query', cb: () => void): void }).$on('query', () => {
    events++;
  });
  await db.prisma.organisation.findMany({ select: { id: true } });
  await db.prisma.dataVersion.findMany();
  return events;
}

describe('statement events', () => {
  it('are not emitted nor counted by a database opened as production opens it', async () => {
    const db = await openDatabase(t.url);
    try {
      expect(await eventsOf(db)).toBe(0);
      await db.hotRead(sql`SELECT "version" FROM "DataVersion"`);
      expect(db.queries.count).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('are counted by a database opened for tests', async () => {
    const before = t.db.queries.count;
    expect(await eventsOf(t.db)).toBeGreaterThanOrEqual(2);
    expect(t.db.queries.count - before).toBeGreaterThanOrEqual(2);
  });
});
