// The statistics through the API: the same figures as the home page's, a fixed number of statements whatever the scope,
// the product classes of the past from the audit trail, and who may see which organisation uses which product.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayNl } from '#core/dates.ts';
import { adoptionDays, LIVE_STATUSES } from '#core/statistics.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let reader: ReturnType<typeof graphqlClient>;
let anonymous: ReturnType<typeof graphqlClient>;
let admin: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  reader = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
  anonymous = graphqlClient(t.db);
  admin = graphqlClient(t.db, (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token);
});
afterAll(() => t?.drop());

type Point = { day: string; total: number; commonGround: number; hybrid: number; legacy: number };
type Stats = {
  statistics: {
    organisation: { slug: string } | null;
    productsPerComponent?: {
      gemmaId: string;
      organisations: number;
      productCount: number;
      products: { slug: string; organisations: number }[];
    }[];
    adoptionOverTime: Point[];
    legacyPerLayer: { layer: string; total: number; legacy: number; legacyPhasingOut: number }[];
  } | null;
};
const QUERY = `query($org: String, $first: Int, $products: Boolean!) { statistics(organisation: $org) {
  organisation { slug }
  productsPerComponent(first: $first) @include(if: $products) { gemmaId name organisations productCount products { slug name organisations } }
  adoptionOverTime { day total commonGround hybrid legacy }
  legacyPerLayer { layer total commonGround hybrid legacy legacyPhasingOut } } }`;
const ask = (client = reader, org: string | null = null, first = 3, products = true) =>
  client<Stats>(QUERY, { org, first, products });

describe('statistics', () => {
  it('counts today what the home page counts, and thirteen days back to three years ago', async () => {
    const [{ data }, summary] = await Promise.all([
      ask(),
      reader<{ hubSummary: { live: number; commonGround: number } }>('{ hubSummary { live commonGround } }'),
    ]);
    const points = data?.statistics?.adoptionOverTime ?? [];
    expect(points).toHaveLength(13);
    expect(points.at(-1)).toMatchObject({
      total: summary.data?.hubSummary.live,
      commonGround: summary.data?.hubSummary.commonGround,
    });
    for (const p of points) expect(p.commonGround + p.hybrid + p.legacy).toBe(p.total);
  });

  it('counts legacy per layer as the database does', async () => {
    const rows = (await ask()).data?.statistics?.legacyPerLayer ?? [];
    const data = await t.db.prisma.productLayer.findMany({
      where: { layer: 'DATA' },
      select: { product: { select: { architecture: true, usages: { select: { status: true } } } } },
    });
    const live = data.flatMap((l) => l.product.usages.filter((u) => LIVE_STATUSES.includes(u.status)).map(() => l));
    expect(rows.find((r) => r.layer === 'DATA')).toMatchObject({
      total: live.length,
      legacy: live.filter((l) => l.product.architecture === 'LEGACY').length,
    });
    expect(rows.map((r) => r.layer)).toEqual(['INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA']);
  });

  it('counts organisations per product and component, most used first, and for one organisation only its own', async () => {
    const hub = (await ask(reader, null, 2)).data?.statistics?.productsPerComponent ?? [];
    expect(hub.length).toBeGreaterThan(0);
    for (const c of hub) expect(c.products.length).toBeLessThanOrEqual(2);
    const organisations = hub.map((c) => c.organisations);
    expect(organisations).toEqual([...organisations].sort((a, b) => b - a));
    const top = hub[0];
    const users = await t.db.prisma.usage.findMany({
      where: {
        status: { in: [...LIVE_STATUSES] },
        product: { slug: top?.products[0]?.slug },
        referenceComponents: { some: { referenceComponentId: top?.gemmaId } },
      },
      select: { organisationId: true },
    });
    expect(top?.products[0]?.organisations).toBe(new Set(users.map((u) => u.organisationId)).size);
    const emmen = (await ask(reader, 'emmen', 10)).data?.statistics;
    expect(emmen?.organisation?.slug).toBe('emmen');
    for (const c of emmen?.productsPerComponent ?? []) expect(c.organisations).toBe(1);
  });

  it('answers null for an unknown organisation', async () => {
    expect((await ask(reader, 'bestaat-niet')).data?.statistics).toBeNull();
  });

  it('shows the hub’s figures to everyone, but every figure of one organisation only to readers', async () => {
    const hub = await ask(anonymous);
    expect(hub.errors).toBeUndefined();
    expect(hub.data?.statistics?.productsPerComponent?.length).toBeGreaterThan(0);
    // Its adoption per quarter end is its status history: landscape data, even without the products.
    for (const [org, products] of [
      ['emmen', false],
      ['emmen', true],
      ['bestaat-niet', false],
    ] as const) {
      const refused = await ask(anonymous, org, 3, products);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toBe('Log in om deze gegevens te zien.');
      expect(refused.data?.statistics ?? null).toBeNull();
    }
    const counts = await ask(reader, 'emmen', 3, false);
    expect(counts.errors).toBeUndefined();
    expect(counts.data?.statistics?.adoptionOverTime).toHaveLength(13);
  });

  it('sends the same number of statements for the hub as for one organisation, whatever the number of products asked', async () => {
    const count = async (org: string | null, first: number) =>
      (await countQueries(t.db, () => ask(reader, org, first))).count;
    const hub = await count(null, 1);
    expect(await count(null, 10)).toBe(hub);
    // One more: the organisation itself.
    expect(await count('emmen', 10)).toBe(hub + 1);
    expect(hub).toBeLessThanOrEqual(12);
  });

  it('reads a product’s past class from the audit trail: a change today leaves the quarters before as they were', async () => {
    const live = { status: { in: [...LIVE_STATUSES] } };
    // A product live since before the last quarter end: without the audit trail that quarter would change too.
    const lastQuarterEnd = adoptionDays(todayNl()).at(-2) ?? new Date();
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { architecture: 'LEGACY', usages: { some: { ...live, inProductionSince: { lt: lastQuarterEnd } } } },
      select: { id: true, revision: true, _count: { select: { usages: { where: live } } } },
    });
    const before = (await ask(anonymous, null, 3, false)).data?.statistics?.adoptionOverTime ?? [];
    const changed = await admin<{ updateProduct: { __typename: string } }>(
      `mutation($id: ID!, $r: Int!) { updateProduct(input: { id: $id, revision: $r, architecture: COMMON_GROUND }) { __typename } }`,
      { id: encodeGlobalID('Product', product.id), r: product.revision },
    );
    expect(changed.data?.updateProduct.__typename).toBe('UpdateProductSuccess');
    const after = (await ask(anonymous, null, 3, false)).data?.statistics?.adoptionOverTime ?? [];
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
    const n = product._count.usages;
    const [was, is] = [before.at(-1), after.at(-1)];
    expect(is).toEqual({ ...was, legacy: (was?.legacy ?? 0) - n, commonGround: (was?.commonGround ?? 0) + n });
  });

  it('computes a figure once for requests that ask for it at the same time', async () => {
    // A fresh data version: nothing kept yet.
    const product = await t.db.prisma.product.findFirstOrThrow({ select: { id: true, revision: true } });
    await admin(
      `mutation($id: ID!, $r: Int!) { updateProduct(input: { id: $id, revision: $r, description: "x" }) { __typename } }`,
      {
        id: encodeGlobalID('Product', product.id),
        r: product.revision,
      },
    );
    t.db.queries.log = [];
    t.db.queries.recording = true;
    try {
      // An anonymous visitor and a reader: answers kept apart, the figure shared.
      const answers = await Promise.all([ask(anonymous, null, 3, false), ask(reader, null, 3, false)]);
      expect(answers[0].data).toEqual(answers[1].data);
    } finally {
      t.db.queries.recording = false;
    }
    expect(t.db.queries.log.filter((sql) => /AuditEvent/.test(sql) && /SELECT/i.test(sql))).toHaveLength(1);
  });

  it('reads the products and their class changes once for every scope, and the products per component once for any first', async () => {
    const product = await t.db.prisma.product.findFirstOrThrow({ select: { id: true, revision: true } });
    await admin(
      `mutation($id: ID!, $r: Int!) { updateProduct(input: { id: $id, revision: $r, description: "y" }) { __typename } }`,
      { id: encodeGlobalID('Product', product.id), r: product.revision },
    );
    t.db.queries.log = [];
    t.db.queries.recording = true;
    let first: Stats['statistics'] = null;
    try {
      first = (await ask(reader, null, 1)).data?.statistics ?? null;
      for (const [org, n] of [
        ['emmen', 3],
        [null, 10],
        ['emmen', 10],
      ] as const)
        expect((await ask(reader, org, n)).errors).toBeUndefined();
    } finally {
      t.db.queries.recording = false;
    }
    const selects = (table: string) =>
      t.db.queries.log.filter((sql) => /^\s*SELECT/i.test(sql) && new RegExp(`FROM [^ ]*[\`"]${table}[\`"]`).test(sql));
    expect(selects('AuditEvent')).toHaveLength(1);
    // All products (not by ids): the other reads of products are those of the usages read.
    expect(selects('Product').filter((sql) => !/ IN \(/i.test(sql))).toHaveLength(1);
    // The hub and Emmen: one read each, whatever the number of products asked.
    expect(selects('UsageReferenceComponent')).toHaveLength(2);
    // Cut per request: as if computed for that number.
    const ten = (await ask(reader, null, 10)).data?.statistics?.productsPerComponent ?? [];
    expect(ten.some((c) => c.products.length > 1)).toBe(true);
    expect(first?.productsPerComponent).toEqual(ten.map((c) => ({ ...c, products: c.products.slice(0, 1) })));
  });
});
