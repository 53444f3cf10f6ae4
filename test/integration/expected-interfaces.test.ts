// Expected koppelingen through the API on the sample data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

interface Expected {
  sourceComponent: { name: string };
  targetComponent: { name: string };
  flows: string[];
  status: string;
  sourceUsages: { key: string }[];
  targetUsages: { key: string }[];
  interfaces: string[];
}
const fields =
  'sourceComponent { name } targetComponent { name } flows status sourceUsages { key } targetUsages { key } interfaces';

interface Koppeling {
  key: string;
  status: string;
  copiesData: boolean;
  from: { key: string };
  to: { key: string } | null;
}

describe('expected koppelingen on the sample data', () => {
  it('agree with the registered koppelingen of every landscape', async () => {
    const res = await gql<{
      organisations: { slug: string; expectedInterfaces: Expected[]; interfaces: Koppeling[] }[];
    }>(
      `{ organisations { slug expectedInterfaces { ${fields} } interfaces { key status copiesData from { key } to { key } } } }`,
    );
    expect(res.errors).toBeUndefined();
    let checked = 0;
    for (const org of res.data?.organisations ?? []) {
      for (const e of org.expectedInterfaces) {
        const sources = e.sourceUsages.map((u) => u.key);
        const targets = e.targetUsages.map((u) => u.key);
        const between = org.interfaces.filter(
          (i) =>
            i.status !== 'WITHDRAWN' &&
            i.to !== null &&
            ((sources.includes(i.from.key) && targets.includes(i.to.key)) ||
              (targets.includes(i.from.key) && sources.includes(i.to.key))),
        );
        const label = `${org.slug}: ${e.sourceComponent.name} -> ${e.targetComponent.name}`;
        expect(e.interfaces, label).toEqual(between.map((i) => i.key).sort());
        const status = between.some((i) => !i.copiesData)
          ? 'AT_SOURCE'
          : between.length > 0
            ? 'DATA_COPY'
            : sources.some((k) => targets.includes(k))
              ? 'WITHIN_APPLICATION'
              : 'MISSING';
        expect(e.status, label).toBe(status);
        expect(e.flows.length, label).toBeGreaterThan(0);
        checked++;
      }
    }
    // The sample landscapes answer 75 GEMMA component pairs; all four outcomes occur.
    expect(checked).toBeGreaterThan(50);
    const statuses = new Set(res.data?.organisations.flatMap((o) => o.expectedInterfaces.map((e) => e.status)));
    expect([...statuses].sort()).toEqual(['AT_SOURCE', 'DATA_COPY', 'MISSING', 'WITHIN_APPLICATION']);
  });

  it('names the missing raadsinformatie-to-website koppeling in Emmen', async () => {
    const res = await gql<{ organisation: { expectedInterfaces: Expected[] } }>(
      `{ organisation(slug: "emmen") { expectedInterfaces { ${fields} } } }`,
    );
    const e = res.data?.organisation.expectedInterfaces.find(
      (x) =>
        x.sourceComponent.name === 'Bestuur- en Raadsinformatiecomponent' &&
        x.targetComponent.name === 'Webcontentpublicatie- en beheercomponent',
    );
    expect(e).toMatchObject({ status: 'MISSING', interfaces: [], targetUsages: [{ key: 'openwebconcept' }] });
    expect(e?.sourceUsages.map((u) => u.key).sort()).toEqual(['notubiz', 'openbesluitvorming']);
  });

  it('loads every organisation’s expected koppelingen in a fixed number of statements', async () => {
    const run = async (query: string) => (await countQueries(t.db, () => gql(query))).count;
    const one = await run(`{ organisation(slug: "emmen") { expectedInterfaces { status } } }`);
    const all = await run(`{ organisations { expectedInterfaces { status sourceUsages { key } } } }`);
    expect(all).toBeLessThanOrEqual(one + 1);
  });

  it('is for signed-in users only', async () => {
    const res = await graphqlClient(t.db)<unknown>(`{ organisation(slug: "emmen") { expectedInterfaces { status } } }`);
    expect(res.errors?.[0]?.message).toBe('Log in om deze gegevens te zien.');
  });
});
