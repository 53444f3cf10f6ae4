// The public catalogue through the API: anonymous visitors search and filter products, suppliers, components and
// standards and read how many organisations use a product; who uses it stays with members. A usage's experiences
// with its product are written, audited and read by members only.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCursor } from '#site/lib/catalogue.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
let anonymous: Client;
let editor: Client;
let outsider: Client;

beforeAll(async () => {
  t = await createTestDatabase();
  anonymous = graphqlClient(t.db);
  editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'editor@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  outsider = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

type Products = { products: { totalCount: number; edges: { node: { slug: string; organisationCount: number } }[] } };
const list = async (args: string) => {
  const answer = await anonymous<Products>(
    `{ products(first: 200${args ? `, ${args}` : ''}) { totalCount edges { node { slug organisationCount } } } }`,
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.products.edges.map((e) => e.node.slug).sort() ?? [];
};
const slugs = (rows: { slug: string }[]) => rows.map((r) => r.slug).sort();

describe('the catalogue, anonymously', () => {
  it('filters by layer, architecture, licence, supplier, reference component and standard, each as the data says', async () => {
    const p = t.db.prisma;
    const all = await list('');
    expect(all).toEqual(slugs(await p.product.findMany({ select: { slug: true } })));
    expect(await list('layer: DATA')).toEqual(
      slugs(await p.product.findMany({ where: { layers: { some: { layer: 'DATA' } } } })),
    );
    expect(await list('architecture: COMMON_GROUND, openSource: true')).toEqual(
      slugs(await p.product.findMany({ where: { architecture: 'COMMON_GROUND', openSource: true } })),
    );
    expect(await list('openSource: false')).toEqual(slugs(await p.product.findMany({ where: { openSource: false } })));
    const zaak = await p.referenceComponent.findFirstOrThrow({ where: { name: 'Zaakregistratiecomponent' } });
    const realising = await list(`referenceComponent: "${zaak.id}"`);
    expect(realising).toContain('open-zaak');
    expect(realising).toEqual(
      slugs(await p.product.findMany({ where: { referenceComponents: { some: { referenceComponentId: zaak.id } } } })),
    );
    const supported = await p.productStandard.findFirstOrThrow({ include: { product: true } });
    const withStandard = await list(`standard: "${supported.standardId}"`);
    expect(withStandard).toContain(supported.product.slug);
    expect(withStandard.length).toBeLessThan(all.length);
    const supplier = await p.supplier.findFirstOrThrow({ where: { products: { some: {} } }, orderBy: { slug: 'asc' } });
    expect(await list(`supplier: "${supplier.slug}"`)).toEqual(
      slugs(await p.product.findMany({ where: { supplierId: supplier.id } })),
    );
    // Filters together narrow further; every filtered list is smaller than the whole.
    expect((await list('layer: DATA')).length).toBeLessThan(all.length);
    expect(await list(`layer: DATA, referenceComponent: "${zaak.id}"`)).toEqual(
      slugs(
        await p.product.findMany({
          where: {
            layers: { some: { layer: 'DATA' } },
            referenceComponents: { some: { referenceComponentId: zaak.id } },
          },
        }),
      ),
    );
  });

  it('searches text literally: LIKE wildcards and the escape character match only themselves', async () => {
    const p = t.db.prisma;
    const product = await p.product.findFirstOrThrow({ where: { slug: 'open-zaak' } });
    // Straight in the database, before any of these searches is asked (answers are kept per data version).
    await p.product.update({ where: { id: product.id }, data: { description: 'Honderd% zeker_ C:\\zaken' } });
    try {
      for (const nowhere of ['%_%', 'a%k', 'Op_n', '\\%', '_%', '%%'])
        expect(await list(`search: ${JSON.stringify(nowhere)}`), nowhere).toEqual([]);
      for (const literal of ['%', 'd% z', '_', 'r_ C', '\\', 'C:\\z', 'HONDERD%'])
        expect(await list(`search: ${JSON.stringify(literal)}`), literal).toEqual(['open-zaak']);
    } finally {
      await p.product.update({ where: { id: product.id }, data: { description: product.description } });
    }
  });

  it('lists to anonymous visitors only suppliers with a product in the catalogue, as the page does; readers all', async () => {
    const lonely = await t.db.prisma.supplier.create({ data: { slug: 'zonder-pakket-bv', name: 'Zonder Pakket BV' } });
    try {
      const query = '{ suppliers { slug productCount } }';
      type Suppliers = { suppliers: { slug: string; productCount: number }[] };
      const open = (await anonymous<Suppliers>(query)).data?.suppliers ?? [];
      expect(open.length).toBeGreaterThan(0);
      expect(open.map((s) => s.slug)).not.toContain(lonely.slug);
      expect(open.every((s) => s.productCount > 0)).toBe(true);
      expect((await outsider<Suppliers>(query)).data?.suppliers.map((s) => s.slug)).toContain(lonely.slug);
    } finally {
      await t.db.prisma.supplier.delete({ where: { id: lonely.id } });
    }
  });

  it('pages with the cursors it gives out, which the product list takes; a cursor it did not give out is refused', async () => {
    const first = await anonymous<{ products: { pageInfo: { endCursor: string } } }>(
      '{ products(first: 1) { pageInfo { endCursor } } }',
    );
    const cursor = first.data?.products.pageInfo.endCursor ?? '';
    expect(productCursor(cursor)).toBe(cursor);
    expect(
      (await anonymous(`{ products(first: 1, after: ${JSON.stringify(cursor)}) { totalCount } }`)).errors,
    ).toBeUndefined();
    // The API refuses another; the page (site/lib/catalogue.ts) asks for the first page instead.
    expect((await anonymous('{ products(first: 1, after: "zzz") { totalCount } }')).errors).toBeDefined();
    expect(productCursor('zzz')).toBeNull();
  });

  it('counts the organisations that use a product live: distinct, acquired, planned and retired usages left out', async () => {
    const p = t.db.prisma;
    const product = await p.product.findUniqueOrThrow({ where: { slug: 'open-zaak' } });
    const live = await p.usage.findMany({
      where: { productId: product.id, status: { in: ['IN_PRODUCTION', 'PHASING_OUT'] } },
      select: { organisationId: true },
    });
    const expected = new Set(live.map((u) => u.organisationId)).size;
    // Another text each time: a change straight in the database leaves the data version, and so the answer cache, as is.
    let asked = 0;
    const count = async () =>
      (
        await anonymous<{ product: { organisationCount: number } }>(
          `{ product(slug: "open-zaak") { organisationCount n${asked++}: slug } }`,
        )
      ).data?.product.organisationCount;
    expect(expected).toBeGreaterThan(1);
    expect(await count()).toBe(expected);
    // One organisation's usage retired, or still being acquired or planned (a tender in progress): one fewer, unless
    // it uses the product live twice.
    const first = await p.usage.findFirstOrThrow({
      where: { productId: product.id, status: 'IN_PRODUCTION' },
      orderBy: { key: 'asc' },
    });
    const others = live.filter((u) => u.organisationId === first.organisationId).length;
    for (const status of ['RETIRED', 'ACQUIRING', 'PLANNED'] as const) {
      await p.usage.update({ where: { id: first.id }, data: { status } });
      expect(await count(), status).toBe(others > 1 ? expected : expected - 1);
    }
    await p.usage.update({ where: { id: first.id }, data: { status: 'PHASING_OUT' } });
    expect(await count()).toBe(expected);
    await p.usage.update({ where: { id: first.id }, data: { status: 'IN_PRODUCTION' } });
  });

  it('counts a whole page of products in a fixed number of statements', async () => {
    const page = (n: number) =>
      countQueries(t.db, () => anonymous(`{ products(first: ${n}) { edges { node { name organisationCount } } } }`));
    expect((await page(60)).count).toBe((await page(2)).count);
  });

  it('refuses who uses a product, and a component, to an anonymous visitor', async () => {
    for (const query of [
      '{ product(slug: "open-zaak") { name usages(first: 5) { edges { node { key } } } } }',
      '{ referenceComponents { name usages(first: 5) { totalCount } } }',
    ]) {
      const answer = await anonymous(query);
      expect(answer.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(JSON.stringify(answer.data ?? {})).not.toContain('"key"');
    }
    const open = await anonymous<{
      suppliers: unknown[];
      standards: { productCount: number }[];
      externalServices: unknown[];
    }>('{ suppliers { name productCount } standards { name productCount } externalServices { name } }');
    expect(open.errors).toBeUndefined();
    expect(open.data?.suppliers.length).toBeGreaterThan(5);
    expect(open.data?.standards.some((s) => s.productCount > 0)).toBe(true);
    expect(open.data?.externalServices.length).toBeGreaterThan(0);
  });
});

describe('experiences with a product', () => {
  it('are written on a usage, audited, and read by members of other organisations, never anonymously', async () => {
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'emmen' }, status: 'IN_PRODUCTION' },
      orderBy: { key: 'asc' },
    });
    const id = encodeGlobalID('Usage', usage.id);
    const text = 'Sinds versie 1.12 stabiel; de API-koppeling met het zaakportaal kostte twee sprints.';
    const written = await editor<{ updateUsage: { __typename: string } }>(
      'mutation($id: ID!, $r: Int!, $e: String) { updateUsage(input: { id: $id, revision: $r, experience: $e }) { __typename } }',
      { id, r: usage.revision, e: text },
    );
    expect(written.data?.updateUsage.__typename).toBe('UpdateUsageSuccess');
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'Usage', entityId: { in: [usage.id, id] } },
      orderBy: { createdAt: 'desc' },
    });
    expect(event.changes).toContain(text);
    const read = `{ usage(organisation: "emmen", key: "${usage.key}") { experience } }`;
    expect((await outsider<{ usage: { experience: string } }>(read)).data?.usage.experience).toBe(text);
    const refused = await anonymous(read);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused)).not.toContain('stabiel');
    const tooLong = await editor<{ updateUsage: { __typename: string } }>(
      'mutation($id: ID!, $r: Int!, $e: String) { updateUsage(input: { id: $id, revision: $r, experience: $e }) { __typename } }',
      { id, r: usage.revision + 1, e: 'x'.repeat(2001) },
    );
    expect(tooLong.data?.updateUsage.__typename).toBe('ValidationError');
  });
});
