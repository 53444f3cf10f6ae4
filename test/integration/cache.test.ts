// The versioned caches: a repeated read costs one lookup, a change made anywhere (another instance included) is seen
// at once, and one viewer's answer is never another's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '#core/audit.ts';
import { dataVersion } from '#graphql/cache.ts';
import { openDatabase } from '#prisma/client.ts';
import { bumpDataVersion } from '#prisma/data-version.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const landscape = `{ organisation(slug: "emmen") { usages(first: 500) { edges { node { key status yearlyCost product { name } } } } } }`;
type Landscape = {
  organisation: { usages: { edges: { node: { key: string; status: string; yearlyCost: number | null } }[] } };
};

describe('versioned caches', () => {
  it('answers a repeated read without executing it: authentication and the data version only', async () => {
    const gql = graphqlClient(
      t.db,
      (await createUser(t.db, 'cache@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
    );
    const first = t.db.queries.count;
    const executed = await gql<Landscape>(landscape);
    const cold = t.db.queries.count - first;
    const second = t.db.queries.count;
    const again = await gql<Landscape>(landscape);
    // Authentication (token, user and memberships in one statement) and the data version; execution is skipped.
    expect(t.db.queries.count - second).toBe(2);
    expect(cold).toBeGreaterThan(2);
    expect(again.data?.organisation.usages.edges.length).toBeGreaterThan(50);
    // The kept text is the executed answer, byte for byte as the client reads it.
    expect(again).toEqual(executed);
  });

  it('sees a change made through another connection (another instance) at once', async () => {
    const gql = graphqlClient(
      t.db,
      (await createUser(t.db, 'cache2@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
    );
    const before = await gql<Landscape>(landscape);
    const target =
      before.data?.organisation.usages.edges.find((e) => e.node.status === 'IN_PRODUCTION')?.node.key ?? '';
    const other = await openDatabase(t.url);
    try {
      await other.prisma.$transaction(async (tx) => {
        const organisation = await tx.organisation.findUniqueOrThrow({
          where: { slug: 'emmen' },
          select: { id: true },
        });
        await tx.usage.update({
          where: { organisationId_key: { organisationId: organisation.id, key: target } },
          data: { status: 'PHASING_OUT' },
        });
        await recordAudit(tx, {
          actor: { label: 'andere instantie' },
          source: 'CLI',
          organisationId: organisation.id,
          entityType: 'Usage',
          entityId: target,
          action: 'UPDATE',
          before: { status: 'IN_PRODUCTION' },
          after: { status: 'PHASING_OUT' },
        });
      });
    } finally {
      await other.close();
    }
    const after = await gql<Landscape>(landscape);
    expect(after.data?.organisation.usages.edges.find((e) => e.node.key === target)?.node.status).toBe('PHASING_OUT');
  });

  it('reads the data version as committed: never from inside a transaction still open, at once after it commits', async () => {
    const before = await dataVersion(t.db);
    const { promise: committed, resolve: commit } = Promise.withResolvers<void>();
    const { promise: inside, resolve: raised } = Promise.withResolvers<void>();
    const transaction = t.db.prisma.$transaction(async (tx) => {
      await bumpDataVersion(tx);
      raised();
      await committed;
    });
    await inside;
    // A cache keyed by the raised version while the transaction may still roll back would keep what it never wrote.
    expect(await dataVersion(t.db)).toBe(before);
    commit();
    await transaction;
    expect(await dataVersion(t.db)).toBe(before + 1);
  });

  it('keeps answers apart per viewer: another organisation never gets the private cost', async () => {
    const own = graphqlClient(
      t.db,
      (await createUser(t.db, 'eigen@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
    );
    const other = graphqlClient(
      t.db,
      (await createUser(t.db, 'ander@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
    );
    const costs = (r: Awaited<ReturnType<typeof own<Landscape>>>) =>
      r.data?.organisation.usages.edges.filter((e) => e.node.yearlyCost !== null).length ?? 0;
    expect(costs(await own<Landscape>(landscape))).toBeGreaterThan(0);
    expect(costs(await other<Landscape>(landscape))).toBe(0);
  });
});
