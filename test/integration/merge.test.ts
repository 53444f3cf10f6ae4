// Merging duplicate suppliers and products: everything that pointed at the merged one moves, in one audited
// transaction, only for instance administrators; the merged name becomes an alias that later files match.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCandidates, matchSupplier } from '#core/exchange/matching.ts';
import { applyPubliccodeImport, planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { projectRoot } from '#prisma/database.ts';
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
    (await createUser(t.db, 'redacteur@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }])).token,
  );
});
afterAll(() => t?.drop());

type Result = {
  __typename: string;
  message?: string;
  data?: { applied: boolean; kept: { slug: string }; merged: { slug: string }; moves: string[] };
};
const merge = async (
  client: ReturnType<typeof graphqlClient>,
  field: 'mergeSuppliers' | 'mergeProducts',
  input: Record<string, unknown>,
) => {
  const response = await client<Record<string, Result>>(
    `mutation ($input: MergeInput!) { ${field}(input: $input) {
      __typename ... on Error { message }
      ... on ${field === 'mergeSuppliers' ? 'MergeSuppliersSuccess' : 'MergeProductsSuccess'} { data { applied kept { slug } merged { slug } moves } } } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
  return response.data?.[field] as Result;
};
const events = (since: Date) =>
  t.db.prisma.auditEvent.findMany({
    where: { createdAt: { gte: since }, entityType: { in: ['Supplier', 'Product', 'Usage', 'Migration'] } },
    orderBy: { createdAt: 'asc' },
    select: { entityType: true, action: true, actorLabel: true },
  });

describe('merging suppliers', () => {
  it('is refused for anyone but an instance administrator, with a typed error, and changes nothing', async () => {
    await t.db.prisma.supplier.create({ data: { slug: 'mm-nederland', name: 'M.M. Nederland' } });
    const before = await t.db.prisma.supplier.count();
    expect(
      await merge(editor, 'mergeSuppliers', { keep: 'maykin-media', merged: 'mm-nederland', apply: true }),
    ).toEqual({
      __typename: 'ForbiddenError',
      message: 'Alleen een beheerder van Grondplan mag leveranciers samenvoegen.',
    });
    expect(
      await merge(graphqlClient(t.db), 'mergeSuppliers', { keep: 'maykin-media', merged: 'mm-nederland', apply: true }),
    ).toMatchObject({
      __typename: 'ForbiddenError',
    });
    expect(await t.db.prisma.supplier.count()).toBe(before);
  });

  it('says what would move, then moves the products, removes the merged one, audits it, and matches the old name', async () => {
    const objecten = await t.db.prisma.product.update({
      where: { slug: 'objecten' },
      data: { supplier: { connect: { slug: 'mm-nederland' } } },
      select: { id: true },
    });
    const dry = await merge(admin, 'mergeSuppliers', { keep: 'maykin-media', merged: 'mm-nederland' });
    expect(dry).toEqual({
      __typename: 'MergeSuppliersSuccess',
      data: {
        applied: false,
        kept: { slug: 'maykin-media' },
        merged: { slug: 'mm-nederland' },
        moves: [
          '1 pakket gaat naar Maykin Media: Objecten en Objecttypen.',
          'Maykin Media krijgt als andere namen: M.M. Nederland, mm-nederland.',
          'M.M. Nederland (mm-nederland) wordt verwijderd.',
        ],
      },
    });
    expect(await t.db.prisma.supplier.findUnique({ where: { slug: 'mm-nederland' } })).not.toBeNull();

    const since = new Date();
    expect(
      await merge(admin, 'mergeSuppliers', { keep: 'maykin-media', merged: 'mm-nederland', apply: true }),
    ).toMatchObject({
      data: { applied: true },
    });
    expect(await t.db.prisma.supplier.findUnique({ where: { slug: 'mm-nederland' } })).toBeNull();
    const moved = await t.db.prisma.product.findUniqueOrThrow({
      where: { id: objecten.id },
      select: { supplier: { select: { slug: true, aliases: true } } },
    });
    expect(moved.supplier).toEqual({ slug: 'maykin-media', aliases: 'Maykin\nM.M. Nederland\nmm-nederland' });
    expect(await events(since)).toEqual([
      { entityType: 'Product', action: 'UPDATE', actorLabel: 'beheer@grondplan.test' },
      { entityType: 'Supplier', action: 'MERGE', actorLabel: 'beheer@grondplan.test' },
      { entityType: 'Supplier', action: 'DELETE', actorLabel: 'beheer@grondplan.test' },
    ]);
    const { suppliers } = await loadCandidates(t.db.prisma);
    expect(matchSupplier({ name: 'M.M. Nederland' }, suppliers)).toMatchObject({
      match: { slug: 'maykin-media' },
      reason: 'bekende andere naam "M.M. Nederland"',
    });
    const { data } = await admin<{ supplier: { aliases: string[] } | null }>(
      `{ supplier: node(id: "${await supplierNodeId('maykin-media')}") { ... on Supplier { aliases } } }`,
    );
    expect(data?.supplier?.aliases).toEqual(['Maykin', 'M.M. Nederland', 'mm-nederland']);
  });

  it('refuses one supplier twice and an unknown one with a typed error', async () => {
    expect(
      await merge(admin, 'mergeSuppliers', { keep: 'maykin-media', merged: 'maykin-media', apply: true }),
    ).toMatchObject({
      __typename: 'ValidationError',
      message: expect.stringContaining('Kies twee verschillende leveranciers.'),
    });
    expect(
      await merge(admin, 'mergeSuppliers', { keep: 'maykin-media', merged: 'bestaat-niet', apply: true }),
    ).toMatchObject({ __typename: 'NotFoundError' });
  });
});

async function supplierNodeId(slug: string) {
  return encodeGlobalID('Supplier', (await t.db.prisma.supplier.findUniqueOrThrow({ where: { slug } })).id);
}

describe('merging products', () => {
  it('moves usages (with their versions), migrations, versions and links; audited; the old name then recognises the product', async () => {
    // A duplicate as a real file makes it: Open Object, the objects-api's publiccode.yml, added as a new product.
    const file = readFileSync(path.join(projectRoot, 'test/fixtures/real/publiccode/objecten-api.publiccode.yaml'));
    await applyPubliccodeImport(
      t.db,
      await planPubliccodeImport(t.db, file),
      { label: 'test' },
      'publiccode.yaml',
      null,
    );
    const openObject = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'open-object' },
      include: { versions: true },
    });
    const objecten = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'objecten' },
      include: { versions: true },
    });
    const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
    // Version 2.4 on both: the usage of the duplicate's 2.4 must end up on the kept product's 2.4.
    // A layer only the duplicate has: it is added to the kept product's layers.
    await t.db.prisma.productLayer.create({ data: { productId: openObject.id, layer: 'INTEGRATION' } });
    const duplicate24 = await t.db.prisma.productVersion.create({ data: { productId: openObject.id, name: '2.4' } });
    const usage = await t.db.prisma.usage.create({
      data: {
        key: 'open-object-test',
        organisationId: emmen.id,
        productId: openObject.id,
        versionId: duplicate24.id,
        status: 'PLANNED',
      },
    });
    const migration = await t.db.prisma.migration.create({
      data: {
        key: 'naar-open-object',
        organisationId: emmen.id,
        targetProductId: openObject.id,
        plannedStart: new Date('2027-01-01'),
        plannedEnd: new Date('2027-06-30'),
      },
    });
    const usagesOfObjecten = await t.db.prisma.usage.count({ where: { productId: objecten.id } });

    expect(await merge(editor, 'mergeProducts', { keep: 'objecten', merged: 'open-object', apply: true })).toEqual({
      __typename: 'ForbiddenError',
      message: 'Alleen een beheerder van Grondplan mag pakketten samenvoegen.',
    });
    const dry = await merge(admin, 'mergeProducts', { keep: 'objecten', merged: 'open-object' });
    expect(dry.data?.moves).toEqual([
      '1 gebruik bij 1 organisatie gaat naar Objecten en Objecttypen.',
      '1 migratie met Open Object als doel krijgt Objecten en Objecttypen als doel.',
      '2 versies: 1 al bij Objecten en Objecttypen, de rest erbij.',
      'Erbij: 1 laag, 0 referentiecomponenten, 0 standaarden.',
      'Objecten en Objecttypen krijgt als andere namen: Open Object, open-object.',
      'Open Object (open-object) wordt verwijderd.',
    ]);
    expect(await t.db.prisma.product.count({ where: { slug: 'open-object' } })).toBe(1);

    const since = new Date();
    expect(await merge(admin, 'mergeProducts', { keep: 'objecten', merged: 'open-object', apply: true })).toMatchObject(
      { data: { applied: true } },
    );
    expect(await t.db.prisma.product.findUnique({ where: { slug: 'open-object' } })).toBeNull();
    const kept24 = objecten.versions.find((v) => v.name === '2.4');
    expect(await t.db.prisma.usage.findUniqueOrThrow({ where: { id: usage.id } })).toMatchObject({
      productId: objecten.id,
      versionId: kept24?.id,
      revision: 2,
    });
    expect(await t.db.prisma.usage.count({ where: { productId: objecten.id } })).toBe(usagesOfObjecten + 1);
    expect(await t.db.prisma.migration.findUniqueOrThrow({ where: { id: migration.id } })).toMatchObject({
      targetProductId: objecten.id,
      revision: 2,
    });
    const after = await t.db.prisma.product.findUniqueOrThrow({
      where: { id: objecten.id },
      include: { versions: true, layers: true },
    });
    expect(after.layers.map((l) => l.layer).sort()).toEqual(['DATA', 'INTEGRATION', 'SERVICE']);
    expect(after.versions.map((v) => v.name).sort()).toEqual(['2.4', '4.0.0']);
    expect(after.aliases).toBe('Open Object\nopen-object');
    // The kept product's own fields stay; it had all of them, so nothing was taken over.
    expect(after.repository).toBe(objecten.repository);
    expect(await events(since)).toEqual([
      { entityType: 'Usage', action: 'UPDATE', actorLabel: 'beheer@grondplan.test' },
      { entityType: 'Migration', action: 'UPDATE', actorLabel: 'beheer@grondplan.test' },
      { entityType: 'Product', action: 'MERGE', actorLabel: 'beheer@grondplan.test' },
      { entityType: 'Product', action: 'DELETE', actorLabel: 'beheer@grondplan.test' },
    ]);

    // The same file again: recognised as Objecten by the alias, no second duplicate; its repository shown as moved.
    const again = await planPubliccodeImport(t.db, file);
    expect(again).toMatchObject({
      action: 'CHANGE',
      slug: 'objecten',
      recognised: 'herkend: bekende andere naam "Open Object", zelfde leverancier',
    });
    expect(again.changes).toContain('repository');
    expect(again.warnings).toContain(
      `De repository is verhuisd van ${objecten.repository} naar https://github.com/maykinmedia/open-object; het pakket is herkend aan bekende andere naam "Open Object", zelfde leverancier.`,
    );
  });
});
