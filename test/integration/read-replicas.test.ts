// Read replicas by environment: with DATABASE_REPLICA_URLS set, reads go to a replica and writes and transactions to
// the primary. Shown with a "replica" that differs from the primary on purpose, so the answer tells where it came from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersion } from '#graphql/cache.ts';
import { openDatabase } from '#prisma/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let primary: TestDatabase;
let replica: TestDatabase;
beforeAll(async () => {
  [primary, replica] = await Promise.all([
    createTestDatabase({ provider: 'postgres' }),
    createTestDatabase({ provider: 'postgres' }),
  ]);
  await replica.db.prisma.organisation.update({ where: { slug: 'emmen' }, data: { name: 'Emmen (replica)' } });
});
afterAll(async () => {
  await primary?.drop();
  await replica?.drop();
});

describe('read replicas', () => {
  it('read from a replica and write to the primary when DATABASE_REPLICA_URLS names one', async () => {
    process.env.DATABASE_REPLICA_URLS = replica.url;
    const db = await openDatabase(primary.url);
    delete process.env.DATABASE_REPLICA_URLS;
    try {
      const name = async () =>
        (await db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { name: true } })).name;
      expect(await name()).toBe('Emmen (replica)');
      // The caches' data version is read where the data is read, so an answer is never kept under a newer version.
      await replica.db.prisma.dataVersion.upsert({
        where: { id: 1 },
        create: { id: 1, version: 4242 },
        update: { version: 4242 },
      });
      expect(await dataVersion(db)).toBe(4242);
      await db.prisma.organisation.update({
        where: { slug: 'coevorden' },
        data: { description: 'Geschreven op de primaire database.' },
      });
      const written = async (t: TestDatabase) =>
        (await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'coevorden' } })).description;
      expect(await written(primary)).toBe('Geschreven op de primaire database.');
      expect(await written(replica)).not.toBe('Geschreven op de primaire database.');
      // A transaction reads and writes the primary only.
      expect(
        await db.prisma.$transaction((tx) =>
          tx.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } }).then((o) => o.name),
        ),
      ).toBe('Gemeente Emmen');
    } finally {
      await db.close();
    }
  });

  it('is off without the setting: reads come from the one database', async () => {
    const db = await openDatabase(primary.url);
    try {
      expect((await db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } })).name).toBe(
        'Gemeente Emmen',
      );
    } finally {
      await db.close();
    }
  });
});
