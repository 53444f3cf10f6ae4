// The transition overview, the capacity view and the scenario page on the sample plans in content/plans: the same
// capacity signals for the same plan, and a quarter without recorded capacity is never a shortfall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayNl } from '#core/dates.ts';
import { isPastQuarter, signalPeriod } from '#core/quarters.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
const today = todayNl();
const period = signalPeriod(today);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const from = iso(period.from);
const to = iso(period.to);

interface Check {
  kind: string;
  message: string;
  organisation: string | null;
  role: string | null;
  quarter: string | null;
}
interface Cell {
  role: string;
  quarter: string;
  available: number | null;
  demand: number;
  balance: number | null;
  past: boolean;
}
const capacityKinds = new Set(['OVER_ALLOCATED', 'CAPACITY_UNKNOWN']);
const planOrganisations = ['borger-odoorn', 'coevorden', 'dimpact', 'emmen'];
const sorted = (messages: string[]) => [...messages].sort();

let overview: Check[] = [];
const reports = new Map<string, { overAllocated: number; cells: Cell[]; checks: Check[] }>();
let scenario: { organisations: string[]; liveChecks: { kind: string; message: string }[] };

beforeAll(async () => {
  t = await createTestDatabase();
  const editor = await createUser(t.db, 'planner@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
  gql = graphqlClient(t.db, editor.token);
  // The overview (/transitie): planChecks without arguments, its default period.
  const res = await gql<{ planChecks: Check[] }>('{ planChecks { kind message organisation role quarter } }');
  expect(res.errors).toBeUndefined();
  overview = res.data?.planChecks ?? [];
  // The capacity view (/transitie/capaciteit) over the same default period, one report per organisation.
  for (const org of planOrganisations) {
    const r = await gql<{ capacity: { overAllocated: number; cells: Cell[]; checks: Check[] } }>(
      `query($org: String!, $from: Date!, $to: Date!) {
        capacity(organisation: $org, from: $from, to: $to) {
          overAllocated cells { role quarter available demand balance past } checks { kind message organisation role quarter }
        }
      }`,
      { org, from, to },
    );
    expect(r.errors).toBeUndefined();
    reports.set(org, r.data?.capacity as { overAllocated: number; cells: Cell[]; checks: Check[] });
  }
  // The scenario page (/transitie/scenarios/[id]): a scenario copying every migration, compared over the same period.
  const created = await gql<{ createScenario: { __typename: string; data: { id: string } } }>(
    `mutation($input: CreateScenarioInput!) { createScenario(input: $input) { __typename ... on CreateScenarioSuccess { data { id } } } }`,
    { input: { organisation: 'emmen', name: 'Alles' } },
  );
  expect(created.data?.createScenario.__typename).toBe('CreateScenarioSuccess');
  const s = await gql<{ node: { comparison: typeof scenario } }>(
    `query($id: ID!, $from: Date!, $to: Date!) { node(id: $id) { ... on Scenario { comparison(from: $from, to: $to) { organisations liveChecks { kind message } } } } }`,
    { id: created.data?.createScenario.data.id, from, to },
  );
  expect(s.errors).toBeUndefined();
  scenario = s.data?.node.comparison as typeof scenario;
});
afterAll(() => t?.drop());

describe('one set of capacity signals', () => {
  it('judges the default period from 1 January of this year to the end of the year after next', () => {
    const year = Number(iso(today).slice(0, 4));
    expect([from, to]).toEqual([`${year}-01-01`, `${year + 2}-12-31`]);
    expect(reports.get('emmen')?.cells.filter((c) => c.role === 'FUNCTIONAL_MANAGEMENT')).toHaveLength(12);
  });

  it('gives the overview and the capacity view the same signals per organisation', () => {
    for (const org of planOrganisations) {
      const fromOverview = overview.filter((c) => capacityKinds.has(c.kind) && c.organisation === org);
      const report = reports.get(org);
      expect(sorted(report?.checks.map((c) => c.message) ?? []), org).toEqual(
        sorted(fromOverview.map((c) => c.message)),
      );
      expect(report?.overAllocated, org).toBe(fromOverview.filter((c) => c.kind === 'OVER_ALLOCATED').length);
    }
    // The sample plan does have something to report.
    expect(overview.some((c) => capacityKinds.has(c.kind))).toBe(true);
  });

  it('gives the scenario page, before any change, the same signals as the overview', () => {
    expect(scenario.organisations).toEqual(planOrganisations);
    const fromOverview = overview.filter(
      (c) => c.organisation !== null && scenario.organisations.includes(c.organisation),
    );
    expect(sorted(scenario.liveChecks.filter((c) => capacityKinds.has(c.kind)).map((c) => c.message))).toEqual(
      sorted(fromOverview.filter((c) => capacityKinds.has(c.kind)).map((c) => c.message)),
    );
    // And the migration checks: the same messages as the overview lists for these organisations.
    expect(sorted(scenario.liveChecks.filter((c) => !capacityKinds.has(c.kind)).map((c) => c.message))).toEqual(
      sorted(fromOverview.filter((c) => !capacityKinds.has(c.kind)).map((c) => c.message)),
    );
  });
});

describe('quarters without recorded capacity', () => {
  it('are unknown in the capacity view, never a shortfall, and asked to be filled in when ahead and in demand', () => {
    for (const org of planOrganisations) {
      const report = reports.get(org);
      for (const c of report?.cells ?? []) {
        const signals = overview.filter(
          (x) => x.organisation === org && x.role === c.role && x.quarter === c.quarter && capacityKinds.has(x.kind),
        );
        expect(c.past, `${org} ${c.quarter}`).toBe(isPastQuarter(c.quarter, today));
        if (c.available === null) {
          expect(c.balance).toBeNull();
          expect(signals.map((x) => x.kind)).toEqual(!c.past && c.demand > 0 ? ['CAPACITY_UNKNOWN'] : []);
        } else {
          expect(c.balance).toBeCloseTo(c.available - c.demand, 3);
          expect(signals.map((x) => x.kind)).toEqual(!c.past && (c.balance ?? 0) < 0 ? ['OVER_ALLOCATED'] : []);
        }
      }
    }
  });

  it('leave the sample plan’s missing quarters (before 2026-Q3, after 2028-Q2) out of the shortfalls', () => {
    // content/plans records capacity from 2026-Q3 to 2028-Q2 for every organisation.
    const shortfalls = overview.filter((c) => c.kind === 'OVER_ALLOCATED');
    for (const c of shortfalls)
      expect(c.quarter && c.quarter >= '2026-Q3' && c.quarter <= '2028-Q2', c.message).toBe(true);
    const unknown = overview.filter((c) => c.kind === 'CAPACITY_UNKNOWN');
    for (const c of unknown)
      expect((c.quarter ?? '') < '2026-Q3' || (c.quarter ?? '') > '2028-Q2', c.message).toBe(true);
    expect(unknown[0]?.message).toMatch(
      /^Capaciteit niet ingevuld: .+ heeft in K\d \d{4} geen beschikbare capaciteit .+ vastgelegd, bij een vraag van .+ fte\.$/,
    );
  });
});
