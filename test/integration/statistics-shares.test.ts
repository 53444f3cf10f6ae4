// The hub's statistics from every organisation's kept share (graphql/statistics-partials.ts): the same figures as one
// pass over every usage (the caches off), before and after a change, and a change in one organisation computes that
// organisation's share again and no other.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shareWork } from '#graphql/statistics-partials.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let editor: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'cijfers@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
});
afterAll(() => t?.drop());

const HUB = `{ statistics {
  productsPerComponent(first: 10) { gemmaId name organisations productCount products { slug name organisations } }
  adoptionOverTime { day total commonGround hybrid legacy } }
  hubSummary { organisations usages live commonGround } }`;
type Hub = {
  statistics: {
    productsPerComponent: { organisations: number; products: { organisations: number }[] }[];
    adoptionOverTime: { total: number }[];
  };
  hubSummary: { organisations: number; usages: number; live: number; commonGround: number };
};

const LIVE = { in: ['IN_PRODUCTION' as const, 'PHASING_OUT' as const] };

/** The home page's counts as the database gives them, past every cache. */
async function counted() {
  const p = t.db.prisma;
  return {
    organisations: await p.organisation.count(),
    usages: await p.usage.count(),
    live: await p.usage.count({ where: { status: LIVE } }),
    commonGround: await p.usage.count({ where: { status: LIVE, product: { architecture: 'COMMON_GROUND' } } }),
  };
}

/** The hub's figures as kept (shares), and as one pass over every usage computes them (caches off). */
async function both() {
  const kept = await editor<Hub>(HUB);
  vi.stubEnv('GRONDPLAN_CACHE', 'off');
  try {
    const onePass = await editor<Hub>(HUB);
    return { kept: kept.data, onePass: onePass.data };
  } finally {
    vi.unstubAllEnvs();
  }
}

describe("the hub's statistics from every organisation's share", () => {
  it('are the figures of one pass over every usage, before and after a change, which computes one share per figure', async () => {
    const before = await both();
    expect(before.kept).toEqual(before.onePass);
    expect(before.kept?.statistics.productsPerComponent.length).toBeGreaterThan(0);
    expect(before.kept?.hubSummary).toEqual(await counted());
    // An Emmen usage in production retired today: today's point has one live usage less.
    const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisationId: emmen.id, status: 'IN_PRODUCTION' },
      select: { id: true, revision: true },
      orderBy: { key: 'asc' },
    });
    const computed = shareWork.computed;
    const today = new Date().toISOString().slice(0, 10);
    const retired = await editor<{ setUsageStatus: { __typename: string } }>(
      `mutation($id: ID!, $r: Int!, $since: Date!) { setUsageStatus(id: $id, revision: $r, since: $since, status: RETIRED) { __typename } }`,
      { id: encodeGlobalID('Usage', usage.id), r: usage.revision, since: today },
    );
    expect(retired.data?.setUsageStatus.__typename).toBe('SetUsageStatusSuccess');
    const after = await both();
    expect(after.kept).toEqual(after.onePass);
    expect(after.kept?.statistics.adoptionOverTime.at(-1)?.total).toBe(
      (before.kept?.statistics.adoptionOverTime.at(-1)?.total ?? 0) - 1,
    );
    expect(after.kept?.hubSummary).toEqual(await counted());
    expect(after.kept?.hubSummary.live).toBe((before.kept?.hubSummary.live ?? 0) - 1);
    // Emmen's share of the products per component, of adoption over time and of the home page's counts; every
    // other share was kept.
    expect(shareWork.computed - computed).toBe(3);
  });
});
