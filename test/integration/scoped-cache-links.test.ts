// An answer kept against the shared data and one organisation must not outlive a change to what it reads that was made
// in another organisation: a migration that replaces a usage the organisation operates charges its beheer effort to it.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { parse } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changedScopes } from '#core/data-scopes.ts';
import { readScopes } from '#graphql/operation-scope.ts';
import type { Tx } from '#prisma/transaction.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  // An editor of Emmen only: Emmen operates (technisch beheer) usages of Borger-Odoorn.
  ({ token } = await createUser(t.db, 'capaciteit@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]));
});
afterAll(() => t?.drop());

const CAPACITY = `query Cap($org: String!) { capacity(organisation: $org, from: "2027-01-01", to: "2029-12-31") {
  cells { role quarter demand } } }`;
type Cap = { capacity: { cells: { role: string; quarter: string; demand: number }[] } };
const SET_EFFORT = `mutation Eff($input: SetMigrationEffortInput!) { setMigrationEffort(input: $input) { __typename } }`;

it("raises the operator's version when a migration replacing a usage it operates changes (its capacity demand)", async () => {
  const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
  // A Borger-Odoorn migration that replaces a usage Emmen operates: its technisch beheer effort is charged to Emmen.
  const link = await t.db.prisma.migrationReplaces.findFirstOrThrow({
    where: { usage: { operatorId: emmen.id, organisationId: { not: emmen.id } } },
    select: { migration: { select: { id: true, revision: true, status: true, efforts: true } } },
  });
  const m = link.migration;
  expect(m.status).not.toBe('CANCELLED');
  expect(readScopes(parse(CAPACITY), { org: 'emmen' }).scopes).toEqual(['org:emmen']);
  const gql = graphqlClient(t.db, token);
  const demand = (a: Awaited<ReturnType<typeof gql<Cap>>>, quarter: string) =>
    a.data?.capacity.cells.find((c) => c.role === 'TECHNICAL_MANAGEMENT' && c.quarter === quarter)?.demand;
  const quarter = '2028-Q2';
  const before = await gql<Cap>(CAPACITY, { org: 'emmen' });
  expect(before.errors).toBeUndefined();
  // Emmen's own editor raises the technisch beheer effort charged to Emmen by 2 FTE in that quarter.
  const byCell = new Map(m.efforts.map(({ role, quarter: q, fte }) => [`${role} ${q}`, { role, quarter: q, fte }]));
  const cell = `TECHNICAL_MANAGEMENT ${quarter}`;
  byCell.set(cell, { role: 'TECHNICAL_MANAGEMENT', quarter, fte: (byCell.get(cell)?.fte ?? 0) + 2 });
  const efforts = [...byCell.values()];
  const changed = await gql<{ setMigrationEffort: { __typename: string } }>(SET_EFFORT, {
    input: { id: encodeGlobalID('Migration', m.id), revision: m.revision, efforts },
  });
  expect(changed.data?.setMigrationEffort.__typename).toBe('SetMigrationEffortSuccess');
  // The same question worded anew (not in the cache) sees the change...
  const fresh = await gql<Cap>(CAPACITY.replace('cells {', 'cells { __typename'), { org: 'emmen' });
  expect(demand(fresh, quarter)).toBeCloseTo((demand(before, quarter) ?? 0) + 2, 3);
  // ...the cached one must too.
  const after = await gql<Cap>(CAPACITY, { org: 'emmen' });
  // The Migration event raises Emmen too: the operator of a usage it replaces (core/data-scopes.ts).
  expect(demand(after, quarter)).toBeCloseTo((demand(before, quarter) ?? 0) + 2, 3);
});

it('raises the version of an organisation whose koppeling runs through a changed usage of another organisation', async () => {
  const p = t.db.prisma;
  const emmen = await p.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
  const koppeling = await p.interface.findFirstOrThrow({
    where: { organisationId: emmen.id, intermediaryId: null },
    select: { id: true },
  });
  // A Coevorden usage that Emmen neither operates nor links to: a change to it leaves Emmen's answers in place...
  const emmens = { organisationId: emmen.id };
  // No koppeling of it has Emmen as its owner, its other end or its intermediary, and it is nobody's intermediary.
  const noneWithEmmen = (otherEnd: 'toUsage' | 'fromUsage') => ({
    none: { OR: [emmens, { [otherEnd]: emmens }, { intermediary: emmens }] },
  });
  const via = await p.usage.findFirstOrThrow({
    where: {
      organisation: { slug: 'coevorden' },
      OR: [{ operatorId: null }, { operatorId: { not: emmen.id } }],
      interfacesOut: noneWithEmmen('toUsage'),
      interfacesIn: noneWithEmmen('fromUsage'),
      intermediaryFor: { none: {} },
    },
    orderBy: { key: 'asc' },
    select: { id: true, organisationId: true },
  });
  const change = {
    entityType: 'Usage',
    entityId: via.id,
    organisationId: via.organisationId,
    before: null,
    after: null,
  };
  const scopes = () => changedScopes(p as unknown as Tx, [change]);
  const before = await scopes();
  expect(before).toContain('org:coevorden');
  expect(before).not.toContain('org:emmen');
  // ...until an Emmen koppeling runs through it.
  await p.interface.update({ where: { id: koppeling.id }, data: { intermediaryId: via.id } });
  expect((await scopes()).sort()).toEqual([...before, 'org:emmen'].sort());
});
