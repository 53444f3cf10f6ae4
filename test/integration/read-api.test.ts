import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '#prisma/seed/load.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

const content = loadContent();
let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  // A reader from Coevorden: sees every landscape, but not Emmen's private fields.
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

describe('read API', () => {
  it('returns the 171 GEMMA reference components with GEMMA ids, baseline BIV and standards', async () => {
    const res = await gql<{
      referenceComponents: {
        gemmaId: string;
        name: string;
        baselineBiv: { availability: number | null };
        standards: { mandatory: boolean; role: string | null; standard: { name: string } }[];
      }[];
    }>(
      `{ referenceComponents { gemmaId name baselineBiv { availability } standards { mandatory role standard { name } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const components = res.data?.referenceComponents ?? [];
    expect(components).toHaveLength(171);
    const zaak = components.find((c) => c.name === 'Zaakregistratiecomponent');
    expect(zaak?.gemmaId).toMatch(/^a97b6545-/);
    const links = content.gemma.componentStandards.filter((l) => l.referentiecomponent_id === zaak?.gemmaId);
    expect(zaak?.standards).toHaveLength(links.length);
    expect(zaak?.standards.filter((s) => s.mandatory)).toHaveLength(links.filter((l) => l.rol === 'Verplicht').length);
  });

  it('filters reference components by GEMMA group', async () => {
    const res = await gql<{ referenceComponents: { group: string }[] }>(
      `{ referenceComponents(group: "Omgevingswet") { group } }`,
    );
    expect(res.data?.referenceComponents.map((c) => c.group)).toEqual([
      'Omgevingswet',
      'Omgevingswet',
      'Omgevingswet',
      'Omgevingswet',
    ]);
  });

  it('lists organisations with type, CBS code and memberships', async () => {
    const res = await gql<{
      organisations: {
        slug: string;
        cbsCode: string | null;
        memberOf: { slug: string }[];
        members: { slug: string }[];
      }[];
    }>(`{ organisations { slug cbsCode memberOf { slug } members { slug } } }`);
    const bySlug = new Map(res.data?.organisations.map((o) => [o.slug, o]));
    expect([...bySlug.keys()].sort()).toEqual(['boce', 'borger-odoorn', 'coevorden', 'dimpact', 'emmen']);
    expect(bySlug.get('borger-odoorn')?.cbsCode).toBe('GM1681');
    expect(bySlug.get('coevorden')?.cbsCode).toBe('GM0109');
    expect(bySlug.get('emmen')?.cbsCode).toBe('GM0114');
    expect(
      bySlug
        .get('emmen')
        ?.memberOf.map((m) => m.slug)
        .sort(),
    ).toEqual(['boce', 'dimpact']);
    expect(
      bySlug
        .get('boce')
        ?.members.map((m) => m.slug)
        .sort(),
    ).toEqual(['borger-odoorn', 'coevorden', 'emmen']);

    const cooperations = await gql<{ organisations: { slug: string }[] }>(
      `{ organisations(type: COOPERATION) { slug } }`,
    );
    expect(cooperations.data?.organisations.map((o) => o.slug)).toEqual(['boce', 'dimpact']);
  });

  it('pages through an organisation landscape with cursors and a total count', async () => {
    const expected = content.landscapes.find((l) => l.organisation === 'emmen')?.usages.length ?? -1;
    const query = `query($after: String) { organisation(slug: "emmen") { usages(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id key } } } } }`;
    type Page = {
      organisation: {
        usages: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { key: string } }[];
        };
      };
    };
    const keys: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const res: Awaited<ReturnType<typeof gql<Page>>> = await gql<Page>(query, { after });
      const usages = res.data?.organisation.usages;
      if (!usages) throw new Error(JSON.stringify(res.errors));
      total = usages.totalCount;
      keys.push(...usages.edges.map((e) => e.node.key));
      after = usages.pageInfo.hasNextPage ? usages.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(expected);
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
  });

  it('filters usages by organisation, status and reference component', async () => {
    const emmen = content.landscapes.find((l) => l.organisation === 'emmen');
    const inProduction = emmen?.usages.filter((u) => u.status === 'IN_PRODUCTION').length;
    const res = await gql<{
      usages: { totalCount: number; edges: { node: { status: string; organisation: { slug: string } } }[] };
    }>(
      `{ usages(first: 500, organisation: "emmen", status: [IN_PRODUCTION]) { totalCount edges { node { status organisation { slug } } } } }`,
    );
    expect(res.data?.usages.totalCount).toBe(inProduction);
    expect(
      res.data?.usages.edges.every((e) => e.node.status === 'IN_PRODUCTION' && e.node.organisation.slug === 'emmen'),
    ).toBe(true);
    // The organisation's own connection counts with the same filter, and both counts arrive in one request.
    const own = await gql<{
      organisation: { all: { totalCount: number }; live: { totalCount: number; edges: unknown[] } };
    }>(
      `{ organisation(slug: "emmen") { all: usages(first: 1) { totalCount } live: usages(first: 1, status: [IN_PRODUCTION]) { totalCount edges { cursor } } } }`,
    );
    expect(own.data?.organisation.live.totalCount).toBe(inProduction);
    expect(own.data?.organisation.all.totalCount).toBe(emmen?.usages.length);
    expect(own.data?.organisation.live.edges).toHaveLength(1);

    const component = await gql<{ referenceComponents: { id: string; name: string }[] }>(
      `{ referenceComponents { id name } }`,
    );
    const zac = component.data?.referenceComponents.find((c) => c.name === 'Generiek zaakafhandelcomponent');
    const byComponent = await gql<{
      usages: { totalCount: number; edges: { node: { referenceComponents: { name: string }[] } }[] };
    }>(
      `query($c: ID) { usages(first: 500, referenceComponent: $c) { totalCount edges { node { referenceComponents { name } } } } }`,
      { c: zac?.id },
    );
    expect(byComponent.data?.usages.totalCount).toBeGreaterThan(0);
    expect(
      byComponent.data?.usages.edges.every((e) =>
        e.node.referenceComponents.some((c) => c.name === 'Generiek zaakafhandelcomponent'),
      ),
    ).toBe(true);
  });

  it("pages through a reference component's usages with cursors, all of them and each once", async () => {
    type Page = {
      node: {
        usages: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: { node: { id: string } }[];
        };
      };
    };
    const components = await gql<{ referenceComponents: { id: string; name: string }[] }>(
      `{ referenceComponents { id name } }`,
    );
    const zac = components.data?.referenceComponents.find((c) => c.name === 'Generiek zaakafhandelcomponent');
    const expected = await gql<{ usages: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `query($c: ID) { usages(first: 500, referenceComponent: $c) { totalCount edges { node { id } } } }`,
      { c: zac?.id },
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page: Page | undefined = (
        await gql<Page>(
          `query($id: ID!, $after: String) { node(id: $id) { ... on ReferenceComponent { usages(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`,
          { id: zac?.id, after },
        )
      ).data;
      expect(page?.node.usages.totalCount).toBe(expected.data?.usages.totalCount);
      expect(page?.node.usages.edges.length).toBeLessThanOrEqual(2);
      seen.push(...(page?.node.usages.edges.map((e) => e.node.id) ?? []));
      if (!page?.node.usages.pageInfo.hasNextPage) break;
      after = page.node.usages.pageInfo.endCursor;
    }
    expect(expected.data?.usages.totalCount).toBeGreaterThan(2);
    expect(seen.toSorted()).toEqual(expected.data?.usages.edges.map((e) => e.node.id).toSorted());
  });

  it('searches products case-insensitively and filters by architecture', async () => {
    const res = await gql<{
      products: { totalCount: number; edges: { node: { name: string; architecture: string } }[] };
    }>(
      `{ products(first: 50, search: "OPEN", architecture: COMMON_GROUND) { totalCount edges { node { name architecture } } } }`,
    );
    const names = res.data?.products.edges.map((e) => e.node.name) ?? [];
    expect(names).toContain('Open Zaak');
    expect(names).toContain('Open Klant');
    expect(res.data?.products.edges.every((e) => e.node.architecture === 'COMMON_GROUND')).toBe(true);
    expect(res.data?.products.totalCount).toBe(names.length);

    const legacy = await gql<{ products: { totalCount: number } }>(`{ products(architecture: LEGACY) { totalCount } }`);
    expect(legacy.data?.products.totalCount).toBe(content.products.filter((p) => p.architecture === 'LEGACY').length);
  });

  it('describes a product with supplier, layers, reference components, standards and usages', async () => {
    const res = await gql<{
      product: {
        name: string;
        supplier: { name: string };
        layers: string[];
        architecture: string;
        referenceComponents: { name: string }[];
        standards: { standard: { name: string } }[];
        usages: { totalCount: number };
      };
    }>(
      `{ product(slug: "open-zaak") { name supplier { name } layers architecture referenceComponents { name } standards { standard { name } } usages { totalCount } } }`,
    );
    const p = res.data?.product;
    expect(p?.supplier.name).toBe('Maykin Media');
    expect(p?.layers).toEqual(['SERVICE', 'DATA']);
    expect(p?.referenceComponents.map((c) => c.name)).toContain('Zaakregistratiecomponent');
    expect(p?.standards.map((s) => s.standard.name)).toContain('Zaken API-standaard');
    const expectedUsages = content.landscapes.flatMap((l) => l.usages).filter((u) => u.product === 'open-zaak').length;
    expect(p?.usages.totalCount).toBe(expectedUsages);
    expect((await gql(`{ product(slug: "bestaat-niet") { name } }`)).data).toEqual({ product: null });
  });

  it('resolves every entity through node(id) with Relay global ids', async () => {
    const res = await gql<{
      organisation: { id: string; usages: { edges: { node: { id: string; interfaces: { id: string }[] } }[] } };
    }>(`{ organisation(slug: "emmen") { id usages(first: 50) { edges { node { id interfaces { id } } } } } }`);
    const org = res.data?.organisation;
    const usage = org?.usages.edges.find((e) => e.node.interfaces.length > 0)?.node;
    for (const [id, type] of [
      [org?.id, 'Organisation'],
      [usage?.id, 'Usage'],
      [usage?.interfaces[0]?.id, 'Interface'],
    ] as const) {
      const node = await gql<{ node: { __typename: string; id: string } }>(
        `query($id: ID!) { node(id: $id) { __typename id } }`,
        { id },
      );
      expect(node.data?.node).toEqual({ __typename: type, id });
    }
  });

  it('hides private fields (cost, contract, internal note) from viewers outside the organisation', async () => {
    const withCost = content.landscapes
      .find((l) => l.organisation === 'emmen')
      ?.usages.find((u) => u.yearlyCost && u.internalNote);
    expect(withCost).toBeDefined();
    const res = await gql<{
      usages: {
        edges: {
          node: { key: string; yearlyCost: number | null; contractEndsOn: string | null; internalNote: string | null };
        }[];
      };
    }>(
      `{ usages(first: 500, organisation: "emmen") { edges { node { key yearlyCost contractEndsOn internalNote } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.usages.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.yearlyCost === null && n.contractEndsOn === null && n.internalNote === null)).toBe(
      true,
    );
    const emmen = graphqlClient(
      t.db,
      (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
    );
    const own = await emmen<typeof res.data>(
      `{ usages(first: 500, organisation: "emmen") { edges { node { key yearlyCost contractEndsOn internalNote } } } }`,
    );
    const mine = own.data?.usages.edges.find((e) => e.node.key === withCost?.key)?.node;
    expect(mine?.yearlyCost).toBe(withCost?.yearlyCost);
    expect(mine?.internalNote).toBe(withCost?.internalNote);
  });

  it('shows anonymous visitors the organisations, headline figures and the catalogue, and no landscape', async () => {
    const anonymous = graphqlClient(t.db);
    const home = await anonymous<{ organisations: { slug: string; usageSummary: { total: number } }[] }>(
      `{ organisations { slug usageSummary { total } } }`,
    );
    expect(home.errors).toBeUndefined();
    expect(home.data?.organisations).toHaveLength(5);
    // The catalogue is public; who uses what is not.
    for (const query of [
      `{ products(first: 1) { totalCount } }`,
      `{ product(slug: "open-zaak") { name organisationCount } }`,
      `{ referenceComponents { name } }`,
    ])
      expect((await anonymous(query)).errors, query).toBeUndefined();
    for (const query of [
      `{ usages(first: 1) { totalCount } }`,
      `{ product(slug: "open-zaak") { usages(first: 1) { totalCount } } }`,
      `{ organisation(slug: "emmen") { usages(first: 1) { totalCount } } }`,
      `{ auditEvents(first: 1) { totalCount } }`,
    ]) {
      const res = await anonymous(query);
      expect(res.errors?.[0]?.message, query).toBe('Log in om deze gegevens te zien.');
    }
  });

  it('refuses bad arguments with a clear message and masks unexpected errors', async () => {
    const bad = await gql(`{ usages(first: 5, organisation: "") { totalCount } }`);
    expect(bad.errors?.[0]?.message).toMatch(/^organisation: /);
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION');

    // A failing database must not leak its details to the client.
    const broken = {
      ...t.db,
      prisma: new Proxy(
        {},
        {
          get: () => {
            throw new Error('connection to secret-host refused');
          },
        },
      ),
    } as unknown as typeof t.db;
    const res = await graphqlClient(broken)(`{ organisations { slug } }`);
    expect(res.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(res)).not.toContain('secret-host');
  });
});
