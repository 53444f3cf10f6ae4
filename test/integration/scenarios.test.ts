// Editing the plan and its scenarios through the API: access rules, refusals that change nothing, cycles refused,
// a discarded scenario that leaves the live plan byte-for-byte unchanged, an applied one that changes exactly what it showed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let bo: ReturnType<typeof graphqlClient>;
let emmen: ReturnType<typeof graphqlClient>;
const ids: Record<string, { id: string; revision: number }> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  bo = graphqlClient(
    t.db,
    (await createUser(t.db, 'planner@borger-odoorn.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }])).token,
  );
  emmen = graphqlClient(
    t.db,
    (await createUser(t.db, 'planner@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token,
  );
  const res = await bo<{
    migrations: { edges: { node: { id: string; key: string; revision: number; organisation: { slug: string } } }[] };
  }>('{ migrations(first: 100) { edges { node { id key revision organisation { slug } } } } }');
  for (const { node } of res.data?.migrations.edges ?? [])
    ids[`${node.organisation.slug}/${node.key}`] = { id: node.id, revision: node.revision };
});
afterAll(() => t?.drop());

/** Every live plan table, in a fixed order: the live plan byte for byte. */
async function livePlan() {
  const p = t.db.prisma;
  const order = { orderBy: { id: 'asc' as const } };
  return JSON.stringify([
    await p.programme.findMany(order),
    await p.migration.findMany(order),
    await p.migrationEffort.findMany({ orderBy: [{ migrationId: 'asc' }, { role: 'asc' }, { quarter: 'asc' }] }),
    await p.migrationDependency.findMany({ orderBy: [{ migrationId: 'asc' }, { dependsOnId: 'asc' }] }),
    await p.migrationReplaces.findMany({ orderBy: [{ migrationId: 'asc' }, { usageId: 'asc' }] }),
    await p.capacity.findMany({ orderBy: [{ organisationId: 'asc' }, { role: 'asc' }, { quarter: 'asc' }] }),
  ]);
}
const auditCount = () => t.db.prisma.auditEvent.count();
const result = `__typename ... on Error { message } ... on ValidationError { problems { path message } }`;

describe('editing migrations and capacity', () => {
  it('refuses an editor of another organisation and changes nothing', async () => {
    const before = [await livePlan(), await auditCount()];
    const m = ids['borger-odoorn/zaakafhandeling-zac'];
    const res = await emmen<{ updateMigration: { __typename: string; message: string } }>(
      `mutation($input: UpdateMigrationInput!) { updateMigration(input: $input) { ${result} } }`,
      { input: { id: m?.id, revision: m?.revision, plannedEnd: '2027-06-30' } },
    );
    expect(res.data?.updateMigration).toEqual({
      __typename: 'ForbiddenError',
      message: 'Je mag alleen gegevens van je eigen organisatie wijzigen.',
    });
    const cap = await emmen<{ setCapacity: { __typename: string } }>(
      `mutation { setCapacity(input: { organisation: "borger-odoorn", rows: [{ role: FUNCTIONAL_MANAGEMENT, quarter: "2027-Q2", fte: 40 }] }) { ${result} } }`,
    );
    expect(cap.data?.setCapacity.__typename).toBe('ForbiddenError');
    expect([await livePlan(), await auditCount()]).toEqual(before);
  });

  it('refuses a dependency cycle with a message that names it, and bad dates, changing nothing', async () => {
    const before = [await livePlan(), await auditCount()];
    const first = ids['borger-odoorn/zaakregistratie-open-zaak'];
    const second = ids['borger-odoorn/zaakafhandeling-zac'];
    const cycle = await bo<{
      updateMigration: { __typename: string; problems: { path: string[]; message: string }[] };
    }>(`mutation($input: UpdateMigrationInput!) { updateMigration(input: $input) { ${result} } }`, {
      input: { id: first?.id, revision: first?.revision, dependsOn: [second?.id] },
    });
    expect(cycle.data?.updateMigration).toEqual({
      __typename: 'ValidationError',
      message:
        'input.dependsOn: Dit maakt een kring van afhankelijkheden: Open Zaak (Gemeente Borger-Odoorn) → Zaakafhandelcomponent (ZAC) (Gemeente Borger-Odoorn) → Open Zaak (Gemeente Borger-Odoorn).',
      problems: [
        {
          path: ['input', 'dependsOn'],
          message:
            'Dit maakt een kring van afhankelijkheden: Open Zaak (Gemeente Borger-Odoorn) → Zaakafhandelcomponent (ZAC) (Gemeente Borger-Odoorn) → Open Zaak (Gemeente Borger-Odoorn).',
        },
      ],
    });
    const dates = await bo<{
      updateMigration: { __typename: string; problems: { path: string[]; message: string }[] };
    }>(`mutation($input: UpdateMigrationInput!) { updateMigration(input: $input) { ${result} } }`, {
      input: { id: second?.id, revision: second?.revision, plannedEnd: '2027-01-01', parallelRunStart: '2026-01-01' },
    });
    expect(dates.data?.updateMigration.problems).toEqual([
      { path: ['input', 'plannedEnd'], message: 'Het geplande einde ligt voor het geplande begin.' },
      { path: ['input', 'parallelRunStart'], message: 'De parallelle periode begint voor de migratie.' },
    ]);
    expect([await livePlan(), await auditCount()]).toEqual(before);
  });

  it('creates a migration and sets its effort and the capacity, each audited', async () => {
    const before = await auditCount();
    const usage = await bo<{ usage: { id: string } }>('{ usage(organisation: "borger-odoorn", key: "corsa") { id } }');
    const created = await bo<{
      createMigration: { __typename: string; data: { id: string; revision: number; key: string } };
    }>(
      `mutation($input: CreateMigrationInput!) { createMigration(input: $input) { ${result} ... on CreateMigrationSuccess { data { id revision key } } } }`,
      {
        input: {
          organisation: 'borger-odoorn',
          key: 'documentbeheer-open-zaak',
          programme: 'dimpact-zaaksysteem',
          targetProduct: 'open-zaak',
          replaces: [usage.data?.usage.id],
          dependsOn: [ids['borger-odoorn/zaakregistratie-open-zaak']?.id],
          status: 'NOT_STARTED',
          plannedStart: '2027-10-01',
          plannedEnd: '2028-03-31',
        },
      },
    );
    expect(created.data?.createMigration.__typename).toBe('CreateMigrationSuccess');
    const m = created.data?.createMigration.data;
    const effort = await bo<{
      setMigrationEffort: {
        __typename: string;
        data: { revision: number; efforts: { quarter: string; fte: number }[] };
      };
    }>(
      `mutation($input: SetMigrationEffortInput!) { setMigrationEffort(input: $input) { ${result} ... on SetMigrationEffortSuccess { data { revision efforts { quarter fte } } } } }`,
      {
        input: {
          id: m?.id,
          revision: m?.revision,
          efforts: [{ role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q4', fte: 0.4 }],
        },
      },
    );
    expect(effort.data?.setMigrationEffort.data).toEqual({ revision: 2, efforts: [{ quarter: '2027-Q4', fte: 0.4 }] });
    const cap = await bo<{ setCapacity: number }>(
      `mutation { setCapacity(input: { organisation: "borger-odoorn", rows: [{ role: PRIVACY, quarter: "2027-Q4", fte: 0.3 }] }) { ... on SetCapacitySuccess { data } } }`,
    );
    expect(cap.data?.setCapacity).toEqual({ data: 1 });
    expect(await auditCount()).toBe(before + 3);
  });
});

interface Comparison {
  migrations: { key: string; changes: string[]; live: { plannedStart: string }; scenario: { plannedStart: string } }[];
  cells: {
    organisation: string;
    role: string;
    quarter: string;
    scenarioBalance: number;
    liveBalance: number;
    changed: boolean;
  }[];
  scenarioChecks: { kind: string; message: string }[];
  liveChecks: { kind: string; message: string }[];
}
const comparisonFields = `comparison(from: "2027-01-01", to: "2027-12-31") {
  migrations { key changes live { plannedStart } scenario { plannedStart } }
  cells { organisation role quarter liveBalance scenarioBalance changed }
  liveChecks { kind message } scenarioChecks { kind message }
}`;

async function createScenario(client: ReturnType<typeof graphqlClient>, organisation: string, name: string) {
  const res = await client<{ createScenario: { __typename: string; data: { id: string; revision: number } } }>(
    `mutation($input: CreateScenarioInput!) { createScenario(input: $input) { ${result} ... on CreateScenarioSuccess { data { id revision } } } }`,
    { input: { organisation, name, programme: 'dimpact-zaaksysteem' } },
  );
  expect(res.data?.createScenario.__typename).toBe('CreateScenarioSuccess');
  return res.data?.createScenario.data as { id: string; revision: number };
}
async function move(
  client: ReturnType<typeof graphqlClient>,
  scenario: { id: string; revision: number },
  migration: string,
  moveTo: string,
) {
  const res = await client<{ updateScenarioMigration: { __typename: string; data: { revision: number } } }>(
    `mutation($input: UpdateScenarioMigrationInput!) { updateScenarioMigration(input: $input) { ${result} ... on UpdateScenarioMigrationSuccess { data { revision } } } }`,
    { input: { scenario: scenario.id, revision: scenario.revision, migration: ids[migration]?.id, moveTo } },
  );
  return res.data?.updateScenarioMigration;
}

describe('scenarios', () => {
  it('edited and discarded, leaves the live plan byte-for-byte unchanged', async () => {
    const before = await livePlan();
    const scenario = await createScenario(bo, 'borger-odoorn', 'ZAC een kwartaal later');
    const moved = await move(bo, scenario, 'borger-odoorn/zaakafhandeling-zac', '2027-06-01');
    expect(moved?.__typename).toBe('UpdateScenarioMigrationSuccess');
    const cap = await bo(
      `mutation($input: SetScenarioCapacityInput!) { setScenarioCapacity(input: $input) { ${result} } }`,
      {
        input: {
          scenario: scenario.id,
          revision: 2,
          organisation: 'borger-odoorn',
          rows: [{ role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q3', fte: 27 }],
        },
      },
    );
    expect(cap.errors).toBeUndefined();
    expect(await livePlan()).toBe(before);
    const compared = await bo<{ node: { comparison: Comparison } }>(
      `query($id: ID!) { node(id: $id) { ... on Scenario { ${comparisonFields} } } }`,
      {
        id: scenario.id,
      },
    );
    expect(compared.errors).toBeUndefined();
    expect(compared.data?.node.comparison.migrations).toEqual([
      {
        key: 'zaakafhandeling-zac',
        changes: ['plannedStart', 'plannedEnd', 'parallelRun', 'effort'],
        live: { plannedStart: '2027-03-01' },
        scenario: { plannedStart: '2027-06-01' },
      },
    ]);
    const discarded = await bo<{ discardScenario: { __typename: string } }>(
      `mutation($id: ID!) { discardScenario(id: $id, revision: 3) { ${result} } }`,
      {
        id: scenario.id,
      },
    );
    expect(discarded.data?.discardScenario.__typename).toBe('DiscardScenarioSuccess');
    expect(await livePlan()).toBe(before);
    // A discarded scenario no longer changes.
    expect(
      (await move(bo, { id: scenario.id, revision: 4 }, 'borger-odoorn/zaakafhandeling-zac', '2027-07-01'))?.__typename,
    ).toBe('ConflictError');
  });

  it('applied, changes exactly what it showed in one audited transaction', async () => {
    const scenario = await createScenario(bo, 'borger-odoorn', 'ZAC later en meer capaciteit');
    // A migration whose effort is Borger-Odoorn's own: moving zaakafhandeling-zac would move technisch beheer effort
    // charged to Emmen, which operates the Decos JOIN it replaces (test/security/cross-partner.test.ts).
    expect((await move(bo, scenario, 'borger-odoorn/zaakregistratie-open-zaak', '2027-04-01'))?.__typename).toBe(
      'UpdateScenarioMigrationSuccess',
    );
    await bo(`mutation($input: SetScenarioCapacityInput!) { setScenarioCapacity(input: $input) { ${result} } }`, {
      input: {
        scenario: scenario.id,
        revision: 2,
        organisation: 'borger-odoorn',
        rows: [{ role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q3', fte: 27.5 }],
      },
    });
    const shown = (
      await bo<{ node: { comparison: Comparison } }>(
        `query($id: ID!) { node(id: $id) { ... on Scenario { ${comparisonFields} } } }`,
        { id: scenario.id },
      )
    ).data?.node.comparison;
    expect(shown?.cells.some((c) => c.changed)).toBe(true);
    const audit = await auditCount();
    const migrationsBefore = await t.db.prisma.migration.findMany({ orderBy: { id: 'asc' } });
    const applied = await bo<{ applyScenario: { __typename: string; data: { status: string } } }>(
      `mutation($id: ID!) { applyScenario(id: $id, revision: 3) { ${result} ... on ApplyScenarioSuccess { data { status } } } }`,
      { id: scenario.id },
    );
    expect(applied.data?.applyScenario).toEqual({ __typename: 'ApplyScenarioSuccess', data: { status: 'APPLIED' } });
    // The live plan now balances exactly as the scenario showed.
    const live = await bo<{ capacity: { cells: { role: string; quarter: string; balance: number }[] } }>(
      '{ capacity(organisation: "borger-odoorn", from: "2027-01-01", to: "2027-12-31") { cells { role quarter balance } } }',
    );
    for (const c of live.data?.capacity.cells ?? []) {
      expect(
        shown?.cells.find((s) => s.organisation === 'borger-odoorn' && s.role === c.role && s.quarter === c.quarter)
          ?.scenarioBalance,
      ).toBe(c.balance);
    }
    // Exactly one migration changed; one audit event for it, one for the capacity, one for the scenario.
    const migrationsAfter = await t.db.prisma.migration.findMany({ orderBy: { id: 'asc' } });
    const changed = migrationsAfter.filter((m, i) => m.revision !== migrationsBefore[i]?.revision).map((m) => m.key);
    expect(changed).toEqual(['zaakregistratie-open-zaak']);
    expect(await auditCount()).toBe(audit + 3);
    const events = await t.db.prisma.auditEvent.findMany({ where: { action: 'APPLY' }, select: { entityType: true } });
    expect(events.map((e) => e.entityType).sort()).toEqual(['Capacity', 'Migration', 'Scenario']);
  });

  it('refuses to apply over a live change made after the copy, or another organisation’s figures, naming each blocking change and applying nothing', async () => {
    const stale = await createScenario(bo, 'borger-odoorn', 'Achterhaald');
    expect((await move(bo, stale, 'borger-odoorn/zaakregistratie-open-zaak', '2027-02-01'))?.__typename).toBe(
      'UpdateScenarioMigrationSuccess',
    );
    const m = (
      await bo<{ node: { revision: number } }>(`query($id: ID!) { node(id: $id) { ... on Migration { revision } } }`, {
        id: ids['borger-odoorn/zaakregistratie-open-zaak']?.id,
      })
    ).data?.node;
    await bo(`mutation($input: UpdateMigrationInput!) { updateMigration(input: $input) { ${result} } }`, {
      input: {
        id: ids['borger-odoorn/zaakregistratie-open-zaak']?.id,
        revision: m?.revision,
        description: 'Intussen bijgewerkt',
      },
    });
    const before = [await livePlan(), await auditCount()];
    const staleBlocker = {
      change: 'Migratie naar Open Zaak (Gemeente Borger-Odoorn)',
      reason: 'De migratie is in het plan gewijzigd nadat dit scenario werd gemaakt; maak een nieuw scenario.',
    };
    // The scenario says so before anyone tries, and the apply refuses with the same list.
    const shown = await bo<{ node: { blockers: unknown[] } }>(
      'query($id: ID!) { node(id: $id) { ... on Scenario { blockers { change reason } } } }',
      {
        id: stale.id,
      },
    );
    expect(shown.data?.node.blockers).toEqual([staleBlocker]);
    const res = await bo<{ applyScenario: { __typename: string; message: string; blockers: unknown[] } }>(
      `mutation($id: ID!) { applyScenario(id: $id, revision: 2) { ${result} ... on ScenarioBlockedError { blockers { change reason } } } }`,
      { id: stale.id },
    );
    expect(res.data?.applyScenario).toEqual({
      __typename: 'ScenarioBlockedError',
      message: 'Dit scenario kan niet worden toegepast: één wijziging houdt het tegen. Er is niets toegepast.',
      blockers: [staleBlocker],
    });
    // Emmen's planner cannot put Borger-Odoorn's migration or capacity into a scenario: it could never apply them.
    // (Creating that scenario is the one audit event in between.)
    const foreign = await createScenario(emmen, 'emmen', 'Wat als Borger-Odoorn later gaat');
    const moved = await move(emmen, foreign, 'borger-odoorn/zaakregistratie-open-zaak', '2027-01-01');
    expect(moved).toEqual({
      __typename: 'ForbiddenError',
      message:
        'Migratie naar Open Zaak is van Gemeente Borger-Odoorn: alleen redacteuren van Gemeente Borger-Odoorn mogen haar verplaatsen, ook in een scenario, omdat je het scenario anders niet kunt toepassen.',
    });
    const capacity = await emmen<{ setScenarioCapacity: { __typename: string; message: string } }>(
      `mutation($input: SetScenarioCapacityInput!) { setScenarioCapacity(input: $input) { ${result} } }`,
      {
        input: {
          scenario: foreign.id,
          revision: 1,
          organisation: 'borger-odoorn',
          rows: [{ role: 'FUNCTIONAL_MANAGEMENT', quarter: '2027-Q3', fte: 9 }],
        },
      },
    );
    expect(capacity.data?.setScenarioCapacity).toEqual({
      __typename: 'ForbiddenError',
      message:
        'Alleen redacteuren van Gemeente Borger-Odoorn mogen de beschikbare capaciteit van Gemeente Borger-Odoorn vastleggen, ook in een scenario, omdat je het scenario anders niet kunt toepassen.',
    });
    // A scenario that holds such changes anyway (written before this rule, or its editor lost a membership since):
    // the apply lists every one of them by name, and applies nothing.
    const migrationId = ids['borger-odoorn/zaakregistratie-open-zaak']?.id ?? '';
    const localMigration = Buffer.from(migrationId, 'base64').toString().split(':')[1] ?? '';
    const localScenario = Buffer.from(foreign.id, 'base64').toString().split(':')[1] ?? '';
    const bOrg = await t.db.prisma.organisation.findUniqueOrThrow({
      where: { slug: 'borger-odoorn' },
      select: { id: true },
    });
    await t.db.prisma.scenarioMigration.update({
      where: { scenarioId_migrationId: { scenarioId: localScenario, migrationId: localMigration } },
      data: { plannedStart: new Date('2027-09-01T00:00:00Z'), plannedEnd: new Date('2028-06-30T00:00:00Z') },
    });
    await t.db.prisma.scenarioCapacity.upsert({
      where: {
        scenarioId_organisationId_role_quarter: {
          scenarioId: localScenario,
          organisationId: bOrg.id,
          role: 'FUNCTIONAL_MANAGEMENT',
          quarter: '2027-Q3',
        },
      },
      create: {
        scenarioId: localScenario,
        organisationId: bOrg.id,
        role: 'FUNCTIONAL_MANAGEMENT',
        quarter: '2027-Q3',
        fte: 9,
      },
      update: { fte: 9 },
    });
    const refused = await emmen<{
      applyScenario: { __typename: string; blockers: { change: string; reason: string }[] };
    }>(
      `mutation($id: ID!) { applyScenario(id: $id, revision: 1) { ${result} ... on ScenarioBlockedError { blockers { change reason } } } }`,
      { id: foreign.id },
    );
    expect(refused.data?.applyScenario).toEqual({
      __typename: 'ScenarioBlockedError',
      message: 'Dit scenario kan niet worden toegepast: 2 wijzigingen houden het tegen. Er is niets toegepast.',
      blockers: [
        {
          change: 'Migratie naar Open Zaak (Gemeente Borger-Odoorn)',
          reason: 'Alleen redacteuren van Gemeente Borger-Odoorn mogen deze migratie wijzigen; jij bent dat niet.',
        },
        {
          change: 'Capaciteit functioneel beheer in K3 2027 (Gemeente Borger-Odoorn)',
          reason:
            'Alleen redacteuren van Gemeente Borger-Odoorn mogen de beschikbare capaciteit van Gemeente Borger-Odoorn vastleggen; jij bent dat niet.',
        },
      ],
    });
    // One event: creating the scenario; the refused changes and the refused applies add none.
    expect([await livePlan(), await auditCount()]).toEqual([before[0], (before[1] as number) + 1]);
  });
});

describe('programmes', () => {
  it('are changed by an administrator of an owner only, and the deadline moves the checks', async () => {
    const found = await bo<{ programme: { id: string; revision: number; progress: { late: number } } }>(
      '{ programme(slug: "dimpact-zaaksysteem") { id revision progress { late } } }',
    );
    const p = found.data?.programme;
    const mutation = `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) { ${result} ... on UpdateProgrammeSuccess { data { deadline progress { late } } } } }`;
    // An editor is not enough.
    const refused = await bo<{ updateProgramme: { __typename: string } }>(mutation, {
      input: { id: p?.id, revision: p?.revision, deadline: '2028-06-30' },
    });
    expect(refused.data?.updateProgramme.__typename).toBe('ForbiddenError');
    const admin = graphqlClient(
      t.db,
      (await createUser(t.db, 'beheerder@coevorden.test', [{ organisation: 'coevorden', role: 'ADMIN' }])).token,
    );
    const audit = await auditCount();
    const moved = await admin<{
      updateProgramme: { __typename: string; data: { deadline: string; progress: { late: number } } };
    }>(mutation, {
      input: { id: p?.id, revision: p?.revision, deadline: '2028-06-30' },
    });
    expect(moved.data?.updateProgramme).toEqual({
      __typename: 'UpdateProgrammeSuccess',
      data: { deadline: '2028-06-30', progress: { late: 0 } },
    });
    expect(p?.progress.late).toBeGreaterThan(0);
    expect(await auditCount()).toBe(audit + 1);
  });
});
