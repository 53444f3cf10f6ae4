// Lists must not send one query per row: the number of SQL statements may not grow with the number of rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(t.db, (await createUser(t.db, 'lezer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token);
});
afterAll(() => t?.drop());

/** Statements of the query itself: the request's sign-in lookup is measured on an empty query and taken off. */
async function statements(query: string, variables: Record<string, unknown> = {}) {
  return (await measure(query, variables)) - (await measure('{ __typename }'));
}

async function measure(query: string, variables: Record<string, unknown> = {}) {
  let errors: unknown;
  const counted = await countQueries(t.db, async () => {
    errors = (await gql(query, variables)).errors;
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
    const summary = (await gql<{ hubSummary: { organisations: number; usages: number } }>('{ hubSummary { organisations usages } }')).data?.hubSummary;
    expect(summary).toEqual({ organisations: await t.db.prisma.organisation.count(), usages: await t.db.prisma.usage.count() });
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
      `{ referenceComponents { name baselineBiv { availability } standards { role standard { name } } flowsOut { name target { name } } flowsIn { source { name } } products { name supplier { name } } usages { organisation { name } product { name } } } }`,
    );
    // 171 components and hundreds of links: a handful of statements, one per relation level.
    expect(count).toBeLessThanOrEqual(15);
  });

  it('standards, external services and GEMMA groups', async () => {
    expect(await statements(`{ standards { name } externalServices { name } referenceComponentGroups }`)).toBeLessThanOrEqual(3);
  });
});
