// Registering what one runs in one step: a usage of a product the catalogue lacks (with its supplier, new or
// recognised), a version as free text, and reference components taken from the product when none are chosen.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let editor: ReturnType<typeof graphqlClient>;
let viewer: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  editor = graphqlClient(
    t.db,
    (await createUser(t.db, 'architect@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  viewer = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const CREATE = `mutation($input: CreateUsageInput!) { createUsage(input: $input) {
  __typename
  ... on CreateUsageSuccess { data { id key product { slug name architecture supplier { slug name } } version { name } referenceComponents { gemmaId } } }
  ... on ValidationError { problems { path message } }
  ... on Error { message }
} }`;

interface Created {
  id: string;
  key: string;
  product: { slug: string; name: string; architecture: string; supplier: { slug: string; name: string } };
  version: { name: string } | null;
  referenceComponents: { gemmaId: string }[];
}
type Answer = {
  __typename: string;
  data?: Created;
  problems?: { path: string[]; message: string }[];
  message?: string;
};

async function create(input: Record<string, unknown>, client = editor): Promise<Answer> {
  const res = await client<{ createUsage: Answer }>(CREATE, {
    input: { organisation: 'emmen', status: 'IN_PRODUCTION', statusSince: '2026-11-01', ...input },
  });
  expect(res.errors).toBeUndefined();
  return res.data?.createUsage as Answer;
}

const componentId = async (name: string) =>
  (await t.db.prisma.referenceComponent.findFirstOrThrow({ where: { name } })).id;
const productComponents = async (slug: string) =>
  (
    await t.db.prisma.productReferenceComponent.findMany({
      where: { product: { slug } },
      select: { referenceComponentId: true },
    })
  )
    .map((c) => c.referenceComponentId)
    .sort();
const auditOf = (entityType: string, id: string) =>
  t.db.prisma.auditEvent.findMany({ where: { entityType, entityId: id }, orderBy: { createdAt: 'asc' } });

describe('a usage of a product the catalogue lacks', () => {
  it('adds the product and a new supplier with the usage, each audited, in one step', async () => {
    const zaak = await componentId('Zaakregistratiecomponent');
    const suppliersBefore = await t.db.prisma.supplier.count();
    const answer = await create({
      key: 'zaakwijzer',
      newProduct: { name: 'Zaakwijzer Pro', supplier: 'Nieuwe Leverancier B.V.', architecture: 'HYBRID' },
      version: '2026',
      referenceComponents: [zaak],
    });
    expect(answer.__typename).toBe('CreateUsageSuccess');
    const usage = answer.data as Created;
    expect(usage.product).toMatchObject({ name: 'Zaakwijzer Pro', slug: 'zaakwijzer-pro', architecture: 'HYBRID' });
    expect(usage.product.supplier).toEqual({ slug: 'nieuwe-leverancier-b-v', name: 'Nieuwe Leverancier B.V.' });
    expect(usage.version).toEqual({ name: '2026' });
    expect(usage.referenceComponents.map((c) => c.gemmaId)).toEqual([zaak]);
    expect(await t.db.prisma.supplier.count()).toBe(suppliersBefore + 1);
    // The new product realises what the usage does, and is added by the organisation (which may change it later).
    expect(await productComponents('zaakwijzer-pro')).toEqual([zaak]);
    const product = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'zaakwijzer-pro' },
      include: { addedBy: true, versions: true },
    });
    expect(product.addedBy?.slug).toBe('emmen');
    expect(product.versions.map((v) => v.name)).toEqual(['2026']);
    const supplierEvents = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'Supplier', action: 'CREATE', actorLabel: 'architect@emmen.test' },
    });
    expect(supplierEvents.map((e) => JSON.parse(e.changes).name?.after)).toEqual(['Nieuwe Leverancier B.V.']);
    const productEvents = await t.db.prisma.auditEvent.findMany({
      where: { entityType: 'Product', actorLabel: 'architect@emmen.test' },
      orderBy: { createdAt: 'asc' },
    });
    expect(productEvents.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
    expect(JSON.parse(productEvents[1]?.changes ?? '{}').versions).toEqual({ before: [], after: ['2026'] });
    expect(await auditOf('Usage', usage.id)).toHaveLength(1);
  });

  it('recognises a known supplier by its alias or normalised name instead of adding a second one', async () => {
    const suppliersBefore = await t.db.prisma.supplier.count();
    const byAlias = await create({
      key: 'formulieren',
      newProduct: { name: 'Open Formulieren Extra', supplier: 'Maykin' },
    });
    expect(byAlias.data?.product.supplier.slug).toBe('maykin-media');
    // No architecture given: the product comes in as Legacy, to classify later.
    expect(byAlias.data?.product.architecture).toBe('LEGACY');
    const byNormalName = await create({
      key: 'portaal',
      newProduct: { name: 'Conduction Portaal', supplier: 'Conduction B.V.' },
    });
    expect(byNormalName.data?.product.supplier.slug).toBe('conduction');
    expect(await t.db.prisma.supplier.count()).toBe(suppliersBefore);
  });

  it('uses the catalogue product when the "new" one is a product the supplier already has', async () => {
    const productsBefore = await t.db.prisma.product.count();
    const answer = await create({
      key: 'tweede-open-zaak',
      newProduct: { name: 'open zaak', supplier: 'Maykin Media' },
    });
    expect(answer.data?.product.slug).toBe('open-zaak');
    expect(await t.db.prisma.product.count()).toBe(productsBefore);
  });

  it('refuses product and new product together, and neither, with nothing written', async () => {
    const before = await t.db.prisma.auditEvent.count();
    const both = await create({ product: 'open-zaak', newProduct: { name: 'X', supplier: 'Y' } });
    expect(both.__typename).toBe('ValidationError');
    expect(both.problems?.[0]?.message).toBe('Kies een pakket of voeg een nieuw toe, niet allebei.');
    const neither = await create({});
    expect(neither.problems?.[0]).toEqual({ path: ['input', 'product'], message: 'Kies een pakket.' });
    const noSupplier = await create({ newProduct: { name: 'Iets', supplier: ' ' } });
    expect(noSupplier.problems).toEqual([{ path: ['input', 'newProduct', 'supplier'], message: 'Vul dit veld in.' }]);
    expect(await t.db.prisma.auditEvent.count()).toBe(before);
  });

  it('lets only editors of the organisation add, products included', async () => {
    const products = await t.db.prisma.product.count();
    const answer = await create(
      { newProduct: { name: 'Ongewenst Pakket', supplier: 'Ongewenste Leverancier' } },
      viewer,
    );
    expect(answer.__typename).toBe('ForbiddenError');
    expect(await t.db.prisma.product.count()).toBe(products);
    expect(await t.db.prisma.supplier.findFirst({ where: { name: 'Ongewenste Leverancier' } })).toBeNull();
  });
});

describe('versions as free text', () => {
  it('links a version the product knows, and adds one it does not', async () => {
    const known = await t.db.prisma.productVersion.findFirstOrThrow({ where: { product: { slug: 'open-zaak' } } });
    const versionsBefore = await t.db.prisma.productVersion.count({ where: { product: { slug: 'open-zaak' } } });
    const a = await create({ key: 'oz-bekend', product: 'open-zaak', version: known.name });
    expect(a.data?.version?.name).toBe(known.name);
    expect(await t.db.prisma.productVersion.count({ where: { product: { slug: 'open-zaak' } } })).toBe(versionsBefore);
    const b = await create({ key: 'oz-nieuw', product: 'open-zaak', version: '2026' });
    expect(b.__typename).toBe('CreateUsageSuccess');
    expect(b.data?.version?.name).toBe('2026');
    expect(await t.db.prisma.productVersion.count({ where: { product: { slug: 'open-zaak' } } })).toBe(
      versionsBefore + 1,
    );
    // A second usage of the same new version links it rather than adding it again.
    const c = await create({ key: 'oz-nieuw-2', product: 'open-zaak', version: '2026' });
    expect(c.data?.version?.name).toBe('2026');
    expect(await t.db.prisma.productVersion.count({ where: { product: { slug: 'open-zaak' } } })).toBe(
      versionsBefore + 1,
    );
  });

  it('sets a new version on update too, and clears it with an empty text', async () => {
    const created = await create({ key: 'oz-bijwerken', product: 'open-zaak' });
    const id = created.data?.id as string;
    const update = (revision: number, version: string) =>
      editor<{ updateUsage: { __typename: string; data?: { version: { name: string } | null } } }>(
        `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename ... on UpdateUsageSuccess { data { version { name } } } } }`,
        { input: { id, revision, version } },
      );
    const first = await update(1, '1.15-rc1');
    expect(first.data?.updateUsage.data?.version?.name).toBe('1.15-rc1');
    const cleared = await update(2, '');
    expect(cleared.data?.updateUsage.data?.version).toBeNull();
  });
});

describe('reference components from the product', () => {
  it('takes the product’s components when the form sends none (an empty list), on create', async () => {
    const answer = await create({ key: 'oz-componenten', product: 'open-zaak', referenceComponents: [] });
    expect(answer.data?.referenceComponents.map((c) => c.gemmaId).sort()).toEqual(await productComponents('open-zaak'));
    expect(answer.data?.referenceComponents.length).toBeGreaterThan(1);
    const omitted = await create({ key: 'oz-componenten-2', product: 'open-zaak' });
    expect(omitted.data?.referenceComponents.map((c) => c.gemmaId).sort()).toEqual(
      await productComponents('open-zaak'),
    );
  });

  it('keeps the chosen components when some are chosen, and an update without the field keeps them', async () => {
    const zaak = await componentId('Zaakregistratiecomponent');
    const answer = await create({ key: 'oz-eigen', product: 'open-zaak', referenceComponents: [zaak] });
    expect(answer.data?.referenceComponents.map((c) => c.gemmaId)).toEqual([zaak]);
    const id = answer.data?.id as string;
    const res = await editor<{ updateUsage: { data?: { referenceComponents: { gemmaId: string }[] } } }>(
      `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { ... on UpdateUsageSuccess { data { referenceComponents { gemmaId } } } } }`,
      { input: { id, revision: 1, contact: 'Team zaken' } },
    );
    expect(res.data?.updateUsage.data?.referenceComponents.map((c) => c.gemmaId)).toEqual([zaak]);
    const local = decodeGlobalID(id).id;
    expect(await t.db.prisma.usageReferenceComponent.count({ where: { usageId: local } })).toBe(1);
  });
});
