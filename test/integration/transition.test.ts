// Programmes, migrations, capacity and plan checks through the API on the sample plans in content/plans.
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
    (await createUser(t.db, 'lezer@coevorden.test', [{ organisation: 'coevorden', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

interface Cell {
  role: string;
  quarter: string;
  available: number;
  demand: number;
  balance: number;
  parts: {
    kind: string;
    fte: number;
    usageKey: string | null;
    usageOrganisation: string | null;
    migrationKey: string | null;
  }[];
}
const capacityQuery = `query($org: String!, $from: Date!, $to: Date!) {
  capacity(organisation: $org, from: $from, to: $to) {
    organisation quarters overAllocated
    cells { role quarter available demand balance parts { kind fte usageKey usageOrganisation migrationKey migrationTarget } }
  }
}`;
async function capacity(org: string, from = '2027-01-01', to = '2027-12-31') {
  const res = await gql<{ capacity: { quarters: string[]; overAllocated: number; cells: Cell[] } }>(capacityQuery, {
    org,
    from,
    to,
  });
  expect(res.errors).toBeUndefined();
  return res.data?.capacity as { quarters: string[]; overAllocated: number; cells: Cell[] };
}

describe('programmes', () => {
  it('lists the sample programmes with their progress against the deadline', async () => {
    const res = await gql<{
      programmes: { slug: string; deadline: string; progress: Record<string, number>; migrations: { key: string }[] }[];
    }>('{ programmes { slug deadline progress { total done onTrack late cancelled } migrations { key } } }');
    const zaak = res.data?.programmes.find((p) => p.slug === 'dimpact-zaaksysteem');
    expect(zaak?.deadline).toBe('2027-07-01');
    // Borger-Odoorn's ZAC migration ends 30 September 2027: late. Emmen's, and the others, end before 1 July.
    expect(zaak?.progress).toEqual({ total: 5, done: 0, onTrack: 4, late: 1, cancelled: 0 });
    const mijn = res.data?.programmes.find((p) => p.slug === 'mijn-omgeving');
    // Emmen done (15 March 2026), Borger-Odoorn on track (28 February 2027), Coevorden late (30 April 2027 > 1 April).
    expect(mijn?.progress).toEqual({ total: 3, done: 1, onTrack: 1, late: 1, cancelled: 0 });
  });

  it('finds a programme by slug and by global id, and lists migrations with their dependencies', async () => {
    const bySlug = await gql<{ programme: { id: string; name: string } }>(
      '{ programme(slug: "dimpact-zaaksysteem") { id name } }',
    );
    const id = bySlug.data?.programme.id;
    const byId = await gql<{ programme: { name: string } }>('query($id: ID!) { programme(id: $id) { name } }', { id });
    expect(byId.data?.programme.name).toBe('Vernieuwing zaaksysteem Dimpact');
    const res = await gql<{
      migrations: {
        totalCount: number;
        edges: { node: { key: string; dependsOn: { key: string }[]; replaces: { key: string }[] } }[];
      };
    }>(
      '{ migrations(organisation: "borger-odoorn", programme: "dimpact-zaaksysteem") { totalCount edges { node { key dependsOn { key } replaces { key } } } } }',
    );
    expect(res.data?.migrations.totalCount).toBe(2);
    const zac = res.data?.migrations.edges.find((e) => e.node.key === 'zaakafhandeling-zac')?.node;
    expect(zac).toEqual({
      key: 'zaakafhandeling-zac',
      dependsOn: [{ key: 'zaakregistratie-open-zaak' }],
      replaces: [{ key: 'decos-join' }],
    });
  });
});

describe('capacity', () => {
  it('balances available against demand, and demand is the sum of its parts', async () => {
    const report = await capacity('borger-odoorn');
    expect(report.quarters).toEqual(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4']);
    for (const c of report.cells) {
      expect(c.balance).toBeCloseTo(c.available - c.demand, 3);
      expect(c.demand).toBeCloseTo(
        c.parts.reduce((s, p) => s + p.fte, 0),
        2,
      );
    }
    // The sample plan over-allocates Borger-Odoorn's functioneel beheer in 2027-Q2 and Q3.
    const fm = report.cells.filter((c) => c.role === 'FUNCTIONAL_MANAGEMENT');
    expect(fm.map((c) => c.balance < 0)).toEqual([false, true, true, false]);
    expect(report.overAllocated).toBe(2);
    // Q2 carries the ZAC migration's effort and Decos JOIN in its parallel run from 1 June.
    const q2 = fm[1]?.parts ?? [];
    expect(q2).toContainEqual(
      expect.objectContaining({
        kind: 'MIGRATION',
        fte: 1.5,
        migrationKey: 'zaakafhandeling-zac',
        migrationTarget: 'Zaakafhandelcomponent (ZAC)',
      }),
    );
    expect(q2).toContainEqual(
      expect.objectContaining({ kind: 'PARALLEL_RUN', usageKey: 'decos-join', migrationKey: 'zaakafhandeling-zac' }),
    );
  });

  it('charges Borger-Odoorn’s technisch beheer to Emmen', async () => {
    const bo = await capacity('borger-odoorn');
    expect(bo.cells.filter((c) => c.role === 'TECHNICAL_MANAGEMENT').every((c) => c.demand === 0)).toBe(true);
    const emmen = await capacity('emmen');
    const tm = emmen.cells.find((c) => c.role === 'TECHNICAL_MANAGEMENT' && c.quarter === '2027-Q1');
    expect(tm?.parts).toContainEqual(
      expect.objectContaining({ kind: 'BASELINE', usageKey: 'corsa', usageOrganisation: 'borger-odoorn', fte: 0.3 }),
    );
  });

  it('takes a fixed number of statements for one quarter or twenty', async () => {
    const run = async (to: string) =>
      (await countQueries(t.db, () => gql(capacityQuery, { org: 'emmen', from: '2027-01-01', to }))).count;
    expect(await run('2031-12-31')).toBe(await run('2027-03-31'));
  });

  it('refuses an unknown organisation, a period backwards and more than twenty quarters', async () => {
    const ask = (org: string, from: string, to: string) =>
      gql(capacityQuery, { org, from, to }).then((r) => r.errors?.[0]?.message);
    expect(await ask('atlantis', '2027-01-01', '2027-12-31')).toBe('Organisatie "atlantis" bestaat niet.');
    expect(await ask('emmen', '2027-12-31', '2027-01-01')).toBe('to: "tot" ligt voor "van".');
    expect(await ask('emmen', '2027-01-01', '2032-12-31')).toBe('to: Kies hooguit 20 kwartalen.');
  });
});

describe('plan checks', () => {
  it('names the deadline risks, the early start and the over-allocation in Dutch', async () => {
    const res = await gql<{
      planChecks: { kind: string; message: string; migration: string | null; organisation: string | null }[];
    }>('{ planChecks(from: "2027-01-01", to: "2027-12-31") { kind message migration organisation } }');
    const checks = res.data?.planChecks ?? [];
    expect(checks).toContainEqual({
      kind: 'AFTER_DEADLINE',
      migration: 'zaakafhandeling-zac',
      organisation: 'borger-odoorn',
      message:
        'De migratie naar Zaakafhandelcomponent (ZAC) van Gemeente Borger-Odoorn eindigt 91 dagen na de deadline van het programma.',
    });
    expect(checks).toContainEqual(
      expect.objectContaining({
        kind: 'STARTS_BEFORE_DEPENDENCY',
        message:
          'De migratie naar Zaakafhandelcomponent (ZAC) van Gemeente Borger-Odoorn begint 31 dagen voordat de migratie naar Open Zaak van Gemeente Borger-Odoorn klaar is, waar zij van afhangt.',
      }),
    );
    expect(checks.filter((c) => c.kind === 'OVER_ALLOCATED').map((c) => c.message)).toEqual([
      'Gemeente Borger-Odoorn komt in K2 2027 0,87 fte functioneel beheer tekort.',
      'Gemeente Borger-Odoorn komt in K3 2027 1,2 fte functioneel beheer tekort.',
    ]);
  });
});
