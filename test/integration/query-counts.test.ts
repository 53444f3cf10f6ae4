// Lists must not send one query per row: the number of SQL statements may not grow with the number of rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#prisma/client.ts';
import { generateDataset } from '#prisma/dataset.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

/** Statements of the query itself: the request's sign-in lookup is measured on an empty query and taken off. */
async function statements(
  query: string,
  variables: Record<string, unknown> = {},
  on: { db: Database; gql: typeof gql } = { db: t.db, gql },
) {
  return (await measure(query, variables, on)) - (await measure('{ __typename }', {}, on));
}

async function measure(query: string, variables: Record<string, unknown>, on: { db: Database; gql: typeof gql }) {
  let errors: unknown;
  const counted = await countQueries(on.db, async () => {
    errors = (await on.gql(query, variables)).errors;
  });
  expect(errors).toBeUndefined();
  return counted.count;
}

const usageFields = `
  id key status statusDates { inProduction }
  product { name architecture layers supplier { name } referenceComponents { name } standards { standard { name } } }
  version { name } operator { name } registeredFor { name } organisation { name memberOf { name } }
  referenceComponents { name group standards { mandatory standard { name } } }
  interfaces { type copiesData from { key } to { key product { name } } externalService { name } standards { standard { name } } }
  beheerLoad { role fte } biv { availability } yearlyCost
`;

describe('query counts stay constant as lists grow', () => {
  it('usages connection with every relation', async () => {
    const query = `query($n: Int) { usages(first: $n) { totalCount edges { node { ${usageFields} } } } }`;
    const few = await statements(query, { n: 3 });
    const many = await statements(query, { n: 250 });
    expect(many).toBe(few);
    // One statement per relation level in the selection (about 30 here), however many rows.
    expect(many).toBeLessThanOrEqual(40);
  });

  it('organisation landscape: usages and koppelingen', async () => {
    const query = `query($n: Int) { organisation(slug: "emmen") { usageSummary { total } usages(first: $n) { totalCount edges { node { ${usageFields} } } } interfaces { from { product { name } } to { product { name } } externalService { name } standards { standard { name } } } } }`;
    const few = await statements(query, { n: 2 });
    const many = await statements(query, { n: 100 });
    expect(many).toBe(few);
  });

  it('organisations a page at a time, with the figures the home page shows', async () => {
    const query = `query($n: Int) { hubSummary { organisations usages live commonGround } organisationsPage(first: $n) { totalCount pageInfo { endCursor }
      edges { node { name memberOf { name } members { name } usageSummary { total byStatus { count } inProductionByArchitecture { count } }
      adoption { total perLayer { layer total } interfacesCopying } expectedInterfaces { status } } } } }`;
    expect(await statements(query, { n: 5 })).toBe(await statements(query, { n: 1 }));
    const summary = (
      await gql<{ hubSummary: { organisations: number; usages: number } }>('{ hubSummary { organisations usages } }')
    ).data?.hubSummary;
    expect(summary).toEqual({
      organisations: await t.db.prisma.organisation.count(),
      usages: await t.db.prisma.usage.count(),
    });
  });

  it('migrations connection with every relation', async () => {
    const query = `query($n: Int) { migrations(first: $n) { totalCount edges { node { key start end organisation { name } programme { name progress { late } }
      targetProduct { name } targetUsage { key } replaces { key product { name } } dependsOn { key organisation { name } } efforts { role fte } } } } }`;
    expect(await statements(query, { n: 8 })).toBe(await statements(query, { n: 1 }));
  });

  it('programmes with owners, progress and migrations', async () => {
    const count = await statements(
      `{ programmes { name owners { name } progress { total late } migrations { key organisation { slug } replaces { key } dependsOn { key } } } }`,
    );
    // One statement per relation level (11 levels here), whatever the number of programmes and migrations.
    expect(count).toBeLessThanOrEqual(11);
  });

  it('organisations with their sign-in settings, and the identity providers', async () => {
    const admin = graphqlClient(
      t.db,
      (await createUser(t.db, 'beheer@grondplan.test', [], { instanceAdmin: true })).token,
    );
    const on = { db: t.db, gql: admin };
    const query = `query($n: Int) { organisationsPage(first: $n) { edges { node { name passwordSignIn singleSignOn } } } identityProviders { name emailDomains organisation { name } } }`;
    const before = await statements(query, { n: 2 }, on);
    const organisations = await t.db.prisma.organisation.findMany({ select: { id: true } });
    await t.db.prisma.identityProvider.createMany({
      data: organisations.map((o, i) => ({
        organisationId: o.id,
        name: `Inlogdienst ${i}`,
        issuer: 'https://idp.example',
        clientId: `c${i}`,
        clientSecret: 's',
      })),
    });
    const few = await statements(query, { n: 2 }, on);
    const many = await statements(query, { n: 100 }, on);
    expect(many).toBe(few);
    expect(few).toBe(before);
    await t.db.prisma.identityProvider.deleteMany({});
  });

  it('organisations with memberships and headline figures', async () => {
    const count = await statements(
      `{ organisations { slug memberOf { slug } members { slug usages(first: 5) { totalCount edges { node { product { name } } } } } usageSummary { total inProductionByArchitecture { count } } } }`,
    );
    expect(count).toBeLessThanOrEqual(10);
  });

  it('products connection with supplier, components, standards and usage counts', async () => {
    const query = `query($n: Int) { products(first: $n) { totalCount edges { node { name supplier { name products { name } } layers versions { name } referenceComponents { name } standards { standard { name } } usages(first: 10) { totalCount edges { node { organisation { name } } } } } } } }`;
    const few = await statements(query, { n: 2 });
    const many = await statements(query, { n: 80 });
    expect(many).toBe(few);
  });

  it('reference components with standards, flows, products and usages', async () => {
    const count = await statements(
      `{ referenceComponents { name baselineBiv { availability } standards { role standard { name } } flowsOut { name target { name } } flowsIn { source { name } } products { name supplier { name } } usages(first: 20) { totalCount edges { node { organisation { name } product { name } } } } } }`,
    );
    // 171 components and hundreds of links: a handful of statements, one per relation level.
    expect(count).toBeLessThanOrEqual(15);
  });

  it('GEMMA views with their nodes and reference components, and one view with landscapes beside it', async () => {
    // 17 views and 2842 nodes: the views, their nodes, the components' names; not one statement per view.
    expect(
      await statements(
        '{ gemmaViews { code name referenceComponents { gemmaId name } nodes { nodeId parentId kind label x y } } }',
      ),
    ).toBeLessThanOrEqual(4);
    const view = `query($first: Int!) { gemmaView(code: "RC00") { referenceComponents { gemmaId } nodes { nodeId objectId } }
      organisation(slug: "emmen") { usages(first: $first) { edges { node { id key status product { name architecture } referenceComponents { gemmaId } } } } } }`;
    expect(await statements(view, { first: 80 })).toBe(await statements(view, { first: 3 }));
  });

  it('the register of processing activities with measures, usages, derived transfers and templates', async () => {
    const borger = {
      db: t.db,
      gql: graphqlClient(
        t.db,
        (await createUser(t.db, 'lezer@borger.test', [{ organisation: 'borger-odoorn', role: 'VIEWER' }])).token,
      ),
    };
    const query = `query { organisation(slug: "borger-odoorn") { processingActivities {
      id name dataSubjects recipients measures { number text } usages { key product { name } }
      transfersOutsideEu { text outside { product } } organisation { name } } }
      processingTemplates(organisation: "borger-odoorn") { id usages { key } } }`;
    const sample = await statements(query, {}, borger);
    // Twenty more activities, each with three measures and three usages (with many more link rows than SQLite binds in
    // one statement, Prisma would split a statement in parts: more statements, but no query per row).
    const p = t.db.prisma;
    const org = await p.organisation.findUniqueOrThrow({ where: { slug: 'borger-odoorn' } });
    const usages = await p.usage.findMany({ where: { organisationId: org.id }, select: { id: true }, take: 3 });
    for (let i = 0; i < 20; i++)
      await p.processingActivity.create({
        data: {
          organisationId: org.id,
          name: `Extra ${i}`,
          purpose: 'Proef',
          legalGround: 'PUBLIC_TASK',
          dataSubjects: 'Inwoners',
          personalData: 'Naam',
          retention: '1 jaar',
          measures: { create: ['5.12.01', '5.17.01', '8.13.01'].map((measureNumber) => ({ measureNumber })) },
          usages: { create: usages.map((u) => ({ usageId: u.id })) },
        },
      });
    expect(await statements(query, {}, borger)).toBe(sample);
  });

  it('history in words: the names of a page of events and of a usage with its koppelingen', async () => {
    // Events of six kinds that name usages, koppelingen (one that is gone), versions, organisations, components,
    // standards, programmes, products and suppliers, repeated: the newest six hold one of each kind.
    const p = t.db.prisma;
    const koppeling = await p.interface.findFirstOrThrow({
      where: { organisation: { slug: 'emmen' } },
      orderBy: { key: 'asc' },
    });
    const usage = await p.usage.findUniqueOrThrow({ where: { id: koppeling.fromUsageId } });
    const version = await p.productVersion.findFirstOrThrow();
    const organisations = await p.organisation.findMany({ take: 2, orderBy: { slug: 'asc' } });
    const components = await p.referenceComponent.findMany({ take: 2, orderBy: { name: 'asc' } });
    const standard = await p.standard.findFirstOrThrow();
    const migration = await p.migration.findFirstOrThrow({ where: { programmeId: { not: null } } });
    const product = await p.product.findFirstOrThrow();
    const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
    const change = (before: unknown, after: unknown) => ({ before, after });
    const kinds = [
      {
        entityType: 'Usage',
        entityId: gid('Usage', usage.id),
        action: 'UPDATE',
        changes: {
          versionId: change(null, version.id),
          operatorId: change(null, organisations[0]?.id),
          referenceComponents: change(
            [],
            components.map((c) => c.id),
          ),
        },
      },
      {
        entityType: 'Interface',
        entityId: gid('Interface', koppeling.id),
        action: 'UPDATE',
        changes: { standards: change([], [standard.id]) },
      },
      {
        entityType: 'Interface',
        entityId: gid('Interface', 'weg'),
        action: 'DELETE',
        changes: {
          key: change('weg', null),
          fromUsageId: change(usage.id, null),
          toUsageId: change(koppeling.toUsageId, null),
          direction: change('BOTH', null),
        },
      },
      {
        entityType: 'Interface',
        entityId: gid('Interface', 'weg'),
        action: 'UPDATE',
        changes: { copiesData: change(false, true) },
      },
      {
        entityType: 'Migration',
        entityId: gid('Migration', migration.id),
        action: 'UPDATE',
        changes: {
          programmeId: change(null, migration.programmeId),
          targetProductId: change(null, product.id),
          replaces: change([], [usage.id]),
        },
      },
      {
        entityType: 'Product',
        entityId: gid('Product', product.id),
        action: 'UPDATE',
        changes: { supplierId: change(null, product.supplierId) },
      },
    ];
    const start = Date.now();
    await p.auditEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const k = kinds[i % kinds.length] as (typeof kinds)[number];
        return {
          ...k,
          changes: JSON.stringify(k.changes),
          createdAt: new Date(start - i * 1000),
          actorLabel: 'test',
          organisationId: usage.organisationId,
          source: 'UI' as const,
        };
      }),
    });
    const page = `query($n: Int) { auditEvents(first: $n, organisation: "emmen") { edges { node { description } } } }`;
    const few = await statements(page, { n: kinds.length });
    expect(await statements(page, { n: 60 })).toBe(few);
    expect(few).toBeLessThanOrEqual(20);
    const trail = `query($n: Int, $e: ID) { auditEvents(first: $n, entity: $e) { edges { node { description } } } }`;
    const own = { e: gid('Usage', usage.id) };
    expect(await statements(trail, { n: 40, ...own })).toBe(await statements(trail, { n: 4, ...own }));
    const sentences = (
      await gql<{ auditEvents: { edges: { node: { description: string } }[] } }>(trail, { n: 4, ...own })
    ).data?.auditEvents.edges.map((e) => e.node.description);
    expect(sentences?.some((s) => s.startsWith('Koppeling verwijderd: '))).toBe(true);
    expect(sentences?.join(' ')).not.toMatch(/onbekend/);
  });

  it('scenarios with what blocks them: the live plan and the copies are read once for the list, not once per scenario', async () => {
    // A database of its own: the scenarios and their audit events would change what the other lists read here.
    const own = await createTestDatabase();
    const on = {
      db: own.db,
      gql: graphqlClient(
        own.db,
        (await createUser(own.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
      ),
    };
    const editor = graphqlClient(
      own.db,
      (await createUser(own.db, 'redacteur-scenarios@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
    );
    const create = async (name: string) => {
      const res = await editor<{ createScenario: { __typename: string } }>(
        'mutation($input: CreateScenarioInput!) { createScenario(input: $input) { __typename } }',
        { input: { organisation: 'emmen', name } },
      );
      expect(res.data?.createScenario.__typename).toBe('CreateScenarioSuccess');
    };
    const list = '{ scenarios { name blockers { change reason } } }';
    try {
      await create('Eén');
      const one = await statements(list, {}, on);
      for (const name of ['Twee', 'Drie', 'Vier', 'Vijf']) await create(name);
      expect((await on.gql<{ scenarios: unknown[] }>(list)).data?.scenarios).toHaveLength(5);
      expect(await statements(list, {}, on)).toBe(one);
    } finally {
      await own.drop();
    }
  });

  it('security and privacy across the partners: a fixed number of statements, whatever the organisations', async () => {
    // Organisations, then the figures' rows (core/security-load.ts): public usage fields, ENSIA usages and their
    // koppelingen, the reader's own usages, share settings and their partners, attestations, measures, statement
    // lines and the trail's changes: 11; the evidence of the reader's own organisations, its partners and the products
    // they use: 14. The national scale gives the same count (below).
    expect(await statements(SECURITY_OVERVIEW)).toBeLessThanOrEqual(14);
  });

  it('standards, external services and GEMMA groups', async () => {
    expect(
      await statements(`{ standards { name } externalServices { name } referenceComponentGroups }`),
    ).toBeLessThanOrEqual(3);
  });
});

const SECURITY_OVERVIEW = '{ securityOverview { slug own figures { key shared count total attention changesSince } } }';

/** Every list in the API, as a client would ask for it, with its relations. */
const LISTS: [string, string, Record<string, unknown>][] = [
  ['security and privacy across the partners', SECURITY_OVERVIEW, {}],
  [
    'security and privacy dashboard of the own organisation, with the usages behind each figure',
    `{ organisation(slug: "emmen") { securityDashboard { key count usages { key product { name } dpiaStatus dpiaRequired riskAssessmentDue { reason } ensiaScope } } } }`,
    {},
  ],
  [
    'algorithms across the partners',
    `{ algorithmUsages { key status organisation { slug name } product { name } aiRiskClass humanOversight } }`,
    {},
  ],
  [
    'ENSIA scope across the partners',
    `{ organisations { slug name ensiaScope { facility usages { key product } } } }`,
    {},
  ],
  ['usages', `query($n: Int) { usages(first: $n) { totalCount edges { node { ${usageFields} } } } }`, { n: 200 }],
  [
    'organisation landscape',
    `{ organisation(slug: "emmen") { usages(first: 500) { edges { node { key product { name supplier { name } } referenceComponents { name } } } } interfaces { from { key } to { key } standards { standard { name } } } expectedInterfaces { status } standardsGaps { usageCount } standardsCheck { verdict } adoption { total } } }`,
    {},
  ],
  ['organisations', `{ organisations { slug memberOf { slug } members { slug } } }`, {}],
  [
    'products',
    `query($n: Int) { products(first: $n) { edges { node { name supplier { name } referenceComponents { name } usages(first: 10) { totalCount } } } } }`,
    { n: 100 },
  ],
  [
    'migrations',
    `query($n: Int) { migrations(first: $n) { edges { node { key organisation { name } replaces { key } dependsOn { key } efforts { fte } } } } }`,
    { n: 100 },
  ],
  [
    'programmes',
    `{ programmes { name owners { name } progress { total late } migrations { key organisation { slug } } } }`,
    {},
  ],
  [
    'audit events',
    `{ auditEvents(first: 50) { edges { node { action organisation { name } changes { field } } } } }`,
    {},
  ],
  // Who made each change and which values are hidden: one batched read of the actors, whatever the page holds.
  [
    'audit events with who made them',
    `{ auditEvents(first: 50) { edges { node { actor changes { field hidden } } } } }`,
    {},
  ],
  ['standards and facilities', `{ standards { name } externalServices { name } }`, {}],
  [
    'comparison',
    `{ comparison(organisations: ["emmen", "coevorden", "borger-odoorn", "dimpact"]) { rows { cells { usages { key } } } } }`,
    {},
  ],
  ['search', `{ search(query: "zaak") { title } }`, {}],
  // Usages through a reference component's other name, narrowed to an organisation: one statement for the usages.
  [
    'search for usages by component and organisation',
    `{ search(query: "zaaksysteem emmen", first: 100) { title reason } }`,
    {},
  ],
  [
    'capacity',
    `{ capacity(organisation: "emmen", from: "2027-01-01", to: "2028-12-31") { cells { demand parts { fte } } } }`,
    {},
  ],
  ['plan checks', `{ planChecks(organisations: ["emmen", "borger-odoorn"]) { kind } }`, {}],
  // Figures of a page of organisations come from grouped counts, not from each of their usages.
  [
    'organisations a page at a time, with their figures',
    `{ organisationsPage(first: 25) { edges { node { name usageSummary { total } adoption { total perLayer { total } } members { name } } } } }`,
    {},
  ],
  ['scenarios', `{ scenarios { name migrations { migrationId plannedStart } } }`, {}],
  ['scenarios with their creator', `{ scenarios { name createdBy } }`, {}],
  // A component's usages a page at a time. The pages of all 171 components are read together, so the page size is
  // kept to what one statement holds (171 x 5 usage ids under SQLite's 999 parameters); the data's size does not count.
  [
    'reference components with a page of their usages',
    `{ referenceComponents { name standards { standard { name } } products { name } usages(first: 4) { totalCount edges { node { organisation { name } } } } } }`,
    {},
  ],
];

describe('query counts at national-like scale (the Dimpact dataset) equal those on the sample data', () => {
  let scaled: TestDatabase;
  let scaledGql: typeof gql;
  beforeAll(async () => {
    scaled = await createTestDatabase();
    await generateDataset(scaled.db, 'dimpact', 7);
    scaledGql = graphqlClient(
      scaled.db,
      (await createUser(scaled.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
    );
  }, 120_000);
  afterAll(() => scaled?.drop());

  it.each(LISTS)('%s', async (_name, query, variables) => {
    const sample = await statements(query, variables);
    const atScale = await statements(query, variables, { db: scaled.db, gql: scaledGql });
    expect(await scaled.db.prisma.usage.count()).toBeGreaterThan(6 * (await t.db.prisma.usage.count()));
    expect(atScale).toBe(sample);
  });
});
