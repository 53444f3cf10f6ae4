// Planned dates in the past ask "weet je het zeker": createMigration, updateMigration and updateScenarioMigration refuse
// them with a PastDateError that names each date and why it matters, change nothing, and accept the same change again
// with confirmPastDates. A date that stays as it was is not asked about again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayNl } from '#core/dates.ts';
import { pastPlannedDates } from '#core/past-dates.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let bo: ReturnType<typeof graphqlClient>;
const result = `__typename ... on Error { message } ... on PastDateError { dates { field date reason } } ... on ValidationError { problems { path message } }`;
type Answer = {
  __typename: string;
  message?: string;
  dates?: { field: string; date: string; reason: string }[];
  data?: { id: string; revision: number };
};

beforeAll(async () => {
  t = await createTestDatabase();
  bo = graphqlClient(
    t.db,
    (await createUser(t.db, 'planner@borger-odoorn.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }])).token,
  );
});
afterAll(() => t?.drop());

const today = todayNl();
const todayText = today.toLocaleDateString('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const reason = (what: string, day: string) =>
  `${what}, ${day}, ligt in het verleden (vandaag is het ${todayText}): inzet in voorbije kwartalen telt niet meer mee in de signalen van de capaciteitsplanning.`;

async function migration(key: string) {
  const res = await bo<{ migrations: { edges: { node: { id: string; key: string; revision: number } }[] } }>(
    '{ migrations(organisation: "borger-odoorn", first: 100) { edges { node { id key revision } } } }',
  );
  return res.data?.migrations.edges.find((e) => e.node.key === key)?.node as { id: string; revision: number };
}

describe('pastPlannedDates', () => {
  it('names the changed planned dates before today, not unchanged ones, and none of a migration that is done', () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const now = day('2026-11-30');
    expect(pastPlannedDates({ plannedStart: day('2026-03-01'), plannedEnd: day('2027-01-01') }, null, now)).toEqual([
      {
        field: 'plannedStart',
        date: '2026-03-01',
        reason:
          'Het geplande begin, 1 maart 2026, ligt in het verleden (vandaag is het 30 november 2026): inzet in voorbije kwartalen telt niet meer mee in de signalen van de capaciteitsplanning.',
      },
    ]);
    expect(pastPlannedDates({ plannedStart: day('2026-03-01') }, { plannedStart: day('2026-03-01') }, now)).toEqual([]);
    expect(pastPlannedDates({ plannedStart: day('2026-11-30') }, null, now)).toEqual([]);
    expect(pastPlannedDates({ plannedStart: day('2026-03-01') }, null, now, 'DONE')).toEqual([]);
  });
});

describe('a planned date in the past', () => {
  it('is refused by createMigration until confirmed, naming the date and the reason', async () => {
    const input = {
      organisation: 'borger-odoorn',
      key: 'terug-in-de-tijd',
      targetProduct: 'open-zaak',
      plannedStart: '2020-03-01',
      plannedEnd: '2099-03-31',
    };
    const mutation = `mutation($input: CreateMigrationInput!) { createMigration(input: $input) { ${result} ... on CreateMigrationSuccess { data { id revision } } } }`;
    const asked = await bo<{ createMigration: Answer }>(mutation, { input });
    expect(asked.data?.createMigration).toEqual({
      __typename: 'PastDateError',
      message: `Weet je het zeker? ${reason('Het geplande begin', '1 maart 2020')} Er is niets veranderd; stuur de wijziging opnieuw met confirmPastDates om haar toch op te slaan.`,
      dates: [{ field: 'plannedStart', date: '2020-03-01', reason: reason('Het geplande begin', '1 maart 2020') }],
    });
    expect(await t.db.prisma.migration.count({ where: { key: 'terug-in-de-tijd' } })).toBe(0);
    const confirmed = await bo<{ createMigration: Answer }>(mutation, { input: { ...input, confirmPastDates: true } });
    expect(confirmed.data?.createMigration.__typename).toBe('CreateMigrationSuccess');
  });

  it('is refused by updateMigration when the change moves a date into the past, and not asked again when it stays', async () => {
    const m = await migration('zaakregistratie-open-zaak');
    const mutation = `mutation($input: UpdateMigrationInput!) { updateMigration(input: $input) { ${result} ... on UpdateMigrationSuccess { data { id revision } } } }`;
    const asked = await bo<{ updateMigration: Answer }>(mutation, {
      input: {
        id: m.id,
        revision: m.revision,
        plannedStart: '2025-01-15',
        plannedEnd: '2025-06-30',
        parallelRunStart: null,
        parallelRunEnd: null,
      },
    });
    expect(asked.data?.updateMigration.__typename).toBe('PastDateError');
    expect(asked.data?.updateMigration.dates?.map((d) => [d.field, d.date])).toEqual([
      ['plannedStart', '2025-01-15'],
      ['plannedEnd', '2025-06-30'],
    ]);
    expect((await migration('zaakregistratie-open-zaak')).revision).toBe(m.revision);
    const confirmed = await bo<{ updateMigration: Answer }>(mutation, {
      input: {
        id: m.id,
        revision: m.revision,
        plannedStart: '2025-01-15',
        plannedEnd: '2025-06-30',
        parallelRunStart: null,
        parallelRunEnd: null,
        confirmPastDates: true,
      },
    });
    expect(confirmed.data?.updateMigration.__typename).toBe('UpdateMigrationSuccess');
    // Changing something else leaves the past dates as they are: nothing to confirm.
    const other = await bo<{ updateMigration: Answer }>(mutation, {
      input: { id: m.id, revision: m.revision + 1, description: 'Al gedaan' },
    });
    expect(other.data?.updateMigration.__typename).toBe('UpdateMigrationSuccess');
  });

  it('is refused by updateScenarioMigration until confirmed, and the scenario stays as it was', async () => {
    const created = await bo<{ createScenario: { data: { id: string; revision: number } } }>(
      `mutation($input: CreateScenarioInput!) { createScenario(input: $input) { ... on CreateScenarioSuccess { data { id revision } } } }`,
      { input: { organisation: 'borger-odoorn', name: 'Eerder', programme: 'dimpact-zaaksysteem' } },
    );
    const scenario = created.data?.createScenario.data as { id: string; revision: number };
    const m = await migration('zaakafhandeling-zac');
    const mutation = `mutation($input: UpdateScenarioMigrationInput!) { updateScenarioMigration(input: $input) { ${result} ... on UpdateScenarioMigrationSuccess { data { revision } } } }`;
    const input = { scenario: scenario.id, revision: scenario.revision, migration: m.id, moveTo: '2026-03-01' };
    const asked = await bo<{ updateScenarioMigration: Answer }>(mutation, { input });
    expect(asked.data?.updateScenarioMigration.__typename).toBe('PastDateError');
    expect(asked.data?.updateScenarioMigration.dates?.[0]).toEqual({
      field: 'plannedStart',
      date: '2026-03-01',
      reason: reason('Het geplande begin', '1 maart 2026'),
    });
    const confirmed = await bo<{ updateScenarioMigration: { __typename: string; data?: { revision: number } } }>(
      mutation,
      {
        input: { ...input, confirmPastDates: true },
      },
    );
    // Refused before: the scenario's revision moved only once, with the confirmed change.
    expect(confirmed.data?.updateScenarioMigration).toEqual({
      __typename: 'UpdateScenarioMigrationSuccess',
      data: { revision: scenario.revision + 1 },
    });
  });
});
