// The search index follows the data: built whole once, also with the caches off, and after a change through the API
// it sees the new state at once by reading again only the documents the change touched. After all the changes below
// it holds exactly what an index built whole from the same data holds.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordAudit } from '#core/audit.ts';
import { search } from '#core/search.ts';
import { type Built, currentIndex, indexWork } from '#core/search-index.ts';
import { type Database, openDatabase } from '#prisma/client.ts';
import { bumpDataVersion } from '#prisma/data-version.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let admin: ReturnType<typeof graphqlClient>;
let editor: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = graphqlClient(t.db, (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token);
  editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'redacteur@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
});
afterAll(() => t?.drop());

type Hit = { kind: string; title: string; detail: string; match: string };
const find = async (query: string): Promise<Hit[]> => {
  const answer = await editor<{ search: Hit[] }>(
    `query($q: String!) { search(query: $q, first: 50) { kind title detail match } }`,
    { q: query },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data?.search ?? [];
};
const titles = async (query: string, kind?: string) =>
  (await find(query)).filter((h) => !kind || h.kind === kind).map((h) => h.title);

/** Runs a change and then `check`, and asserts the index was updated by the changed documents, not built whole. */
async function changedInPlace(change: () => Promise<unknown>, check: () => Promise<void>) {
  await find('zaak');
  const before = { ...indexWork };
  await change();
  await check();
  expect(indexWork.builds).toBe(before.builds);
  expect(indexWork.updates).toBeGreaterThan(before.updates);
  // A few documents read again, not the catalogue.
  expect(indexWork.documents - before.documents).toBeLessThan(20);
}

const mutate = async (client: typeof admin, query: string, variables: Record<string, unknown>) => {
  const answer = await client<Record<string, { __typename: string; message?: string }>>(query, variables);
  expect(answer.errors).toBeUndefined();
  const [result] = Object.values(answer.data ?? {});
  expect(result?.__typename, result?.message).toMatch(/Success$/);
};
const componentId = async (name: string) =>
  (await t.db.prisma.referenceComponent.findFirstOrThrow({ where: { name }, select: { id: true } })).id;
const productOf = (slug: string) =>
  t.db.prisma.product.findUniqueOrThrow({ where: { slug }, select: { id: true, revision: true } });
const updateProduct = async (slug: string, input: Record<string, unknown>) => {
  const { id, revision } = await productOf(slug);
  await mutate(
    admin,
    `mutation($input: UpdateProductInput!) { updateProduct(input: $input) { __typename ... on Error { message } } }`,
    { input: { id: encodeGlobalID('Product', id), revision, ...input } },
  );
};
const merge = (field: 'mergeSuppliers' | 'mergeProducts', keep: string, merged: string) =>
  mutate(admin, `mutation($input: MergeInput!) { ${field}(input: $input) { __typename ... on Error { message } } }`, {
    input: { keep, merged, apply: true },
  });

describe('the search index', () => {
  it('is built once and kept with the caches off too: a search without a change builds nothing', async () => {
    vi.stubEnv('GRONDPLAN_CACHE', 'off');
    try {
      await find('zaak');
      const builds = indexWork.builds;
      await find('open zaak emmen');
      await find('zaaksysteem');
      expect(indexWork.builds).toBe(builds);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('is left alone by a change to a landscape: no document read again, no audit event looked for', async () => {
    await find('zaak');
    const before = { ...indexWork };
    const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisationId: emmen.id },
      select: { id: true, revision: true },
      orderBy: { key: 'asc' },
    });
    await mutate(
      editor,
      `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename ... on Error { message } } }`,
      { input: { id: encodeGlobalID('Usage', usage.id), revision: usage.revision, contact: 'zoekindex@emmen.nl' } },
    );
    await find('zaak');
    expect(indexWork).toEqual(before);
  });

  it('finds a product added through the API at once', async () => {
    const component = await componentId('Documentbeheercomponent');
    await changedInPlace(
      () =>
        mutate(
          editor,
          `mutation($input: CreateProductInput!) { createProduct(input: $input) { __typename ... on Error { message } } }`,
          {
            input: {
              organisation: 'emmen',
              slug: 'indexproef',
              name: 'Indexproef',
              supplier: 'atos',
              architecture: 'LEGACY',
              layers: ['PROCESS'],
              referenceComponents: [component],
            },
          },
        ),
      async () => expect((await find('indexproef'))[0]).toMatchObject({ kind: 'PRODUCT', title: 'Indexproef' }),
    );
  });

  it('follows a product’s new name: the old one no longer finds it', async () => {
    await changedInPlace(
      () => updateProduct('indexproef', { name: 'Zoekwijzerpakket' }),
      async () => {
        expect(await titles('zoekwijzerpakket', 'PRODUCT')).toEqual(['Zoekwijzerpakket']);
        expect(await titles('indexproef', 'PRODUCT')).toEqual([]);
      },
    );
  });

  it('follows the reference components a product realises', async () => {
    const zaak = await componentId('Zaakregistratiecomponent');
    const document = await componentId('Documentregistratiecomponent');
    await changedInPlace(
      () => updateProduct('indexproef', { referenceComponents: [zaak] }),
      async () => expect(await titles('Zaakregistratiecomponent', 'PRODUCT')).toContain('Zoekwijzerpakket'),
    );
    await changedInPlace(
      () => updateProduct('indexproef', { referenceComponents: [document] }),
      async () => {
        expect(await titles('Zaakregistratiecomponent', 'PRODUCT')).not.toContain('Zoekwijzerpakket');
        expect(await titles('Documentregistratiecomponent', 'PRODUCT')).toContain('Zoekwijzerpakket');
      },
    );
  });

  it('drops a merged product and finds the kept one by the merged name', async () => {
    await changedInPlace(
      () => merge('mergeProducts', 'objecten', 'indexproef'),
      async () => {
        const hits = await find('zoekwijzerpakket');
        expect(hits.map((h) => h.title)).not.toContain('Zoekwijzerpakket');
        expect(hits[0]).toMatchObject({ kind: 'PRODUCT', title: 'Objecten en Objecttypen' });
      },
    );
  });

  it('drops a merged supplier, and its products show the kept one', async () => {
    const [product] = await t.db.prisma.product.findMany({
      where: { supplier: { slug: 'bct' } },
      select: { name: true },
      take: 1,
    });
    await changedInPlace(
      () => merge('mergeSuppliers', 'atos', 'bct'),
      async () => {
        // The merged name is the kept one's other name now.
        expect(await titles('bct', 'SUPPLIER')).toEqual(['Atos']);
        if (product)
          expect((await find(product.name)).find((h) => h.title === product.name)?.detail).toBe(
            (await t.db.prisma.supplier.findUniqueOrThrow({ where: { slug: 'atos' } })).name,
          );
      },
    );
  });

  it('finds an organisation added through the API, and one renamed, by its new name only', async () => {
    await changedInPlace(
      () =>
        mutate(
          admin,
          `mutation { createOrganisation(input: { slug: "westerveld", name: "Gemeente Westerveld", type: MUNICIPALITY }) { __typename ... on Error { message } } }`,
          {},
        ),
      async () => expect(await titles('westerveld', 'ORGANISATION')).toEqual(['Gemeente Westerveld']),
    );
    // No mutation renames an organisation; the seed and an administrator's tool write it with its audit event.
    await changedInPlace(
      () =>
        t.db.prisma.$transaction(async (tx) => {
          const before = await tx.organisation.update({
            where: { slug: 'westerveld' },
            data: { name: 'Gemeente Havelte' },
          });
          await recordAudit(tx, {
            actor: { label: 'test' },
            source: 'CLI',
            organisationId: before.id,
            entityType: 'Organisation',
            entityId: encodeGlobalID('Organisation', before.id),
            action: 'UPDATE',
            before: { name: 'Gemeente Westerveld' },
            after: { name: 'Gemeente Havelte' },
          });
        }),
      async () => {
        expect(await titles('havelte', 'ORGANISATION')).toEqual(['Gemeente Havelte']);
        expect(await titles('westerveld', 'ORGANISATION')).toEqual([]);
      },
    );
  });

  it('builds whole after a load it cannot take apart: rows written in bulk under the mark the seed and the dataset leave', async () => {
    await find('zaak');
    const builds = indexWork.builds;
    const supplier = await t.db.prisma.supplier.findFirstOrThrow({ select: { id: true } });
    await t.db.prisma.$transaction(async (tx) => {
      await tx.product.create({
        data: { slug: 'bulkproef', name: 'Bulkproefpakket', supplierId: supplier.id, architecture: 'LEGACY' },
      });
      await tx.auditEvent.create({
        data: {
          actorLabel: 'dataset',
          entityType: 'Content',
          entityId: 'synthetische dataset (proef)',
          action: 'SEED',
          changes: '{}',
          source: 'SEED',
        },
      });
      await bumpDataVersion(tx);
    });
    expect(await titles('bulkproefpakket', 'PRODUCT')).toEqual(['Bulkproefpakket']);
    expect(indexWork.builds).toBe(builds + 1);
    // Applied once: the next change updates in place again.
    await changedInPlace(
      () => updateProduct('objecten', { name: 'Objectenregister' }),
      async () => expect(await titles('objectenregister', 'PRODUCT')).toEqual(['Objectenregister']),
    );
  });

  it('holds after all these changes what an index built whole holds', async () => {
    const fresh: Database = await openDatabase(t.url);
    try {
      const builds = indexWork.builds;
      const summary = (built: Built) => ({
        documents: [...built.byId.keys()].sort(),
        dbIds: [...built.byDbId].map(([id, doc]) => `${id} ${doc.id}`).sort(),
        organisationWords: [...built.organisationWords].map(([w, ids]) => `${w} ${[...ids].sort()}`).sort(),
        productsOf: [...built.productsOf].map(([key, ids]) => `${key} ${[...ids].sort()}`).sort(),
        count: built.index.documentCount,
      });
      expect(summary(await currentIndex({ db: t.db }))).toEqual(summary(await currentIndex({ db: fresh })));
      expect(indexWork.builds).toBe(builds + 1);
      for (const query of ['zaak', 'objecten', 'bulkproef', 'atos', 'havelte', 'document emmen', 'zaaksysteem', 'open'])
        expect(await search({ db: t.db }, query, 50)).toEqual(await search({ db: fresh }, query, 50));
    } finally {
      await fresh.close();
    }
  });
});
