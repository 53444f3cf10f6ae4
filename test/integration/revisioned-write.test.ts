// The one shape of a revisioned, audited write (core/revisioned-write.ts), shown on programmes: a stale revision is
// the one conflict naming who changed which fields; a wrong id is the mutation's NotFoundError; bad input is its
// ValidationError with a Dutch message; none of them changes or records anything.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let admin: ReturnType<typeof graphqlClient>;
let programme: { id: string; revision: number };

const UPDATE = `mutation($input: UpdateProgrammeInput!) { updateProgramme(input: $input) {
  __typename ... on Error { message } ... on ConflictError { currentRevision } ... on ValidationError { problems { path message } }
  ... on UpdateProgrammeSuccess { data { revision } } } }`;
type Answer = {
  updateProgramme: {
    __typename: string;
    message?: string;
    currentRevision?: number;
    problems?: { path: string[]; message: string }[];
  };
};

beforeAll(async () => {
  t = await createTestDatabase();
  admin = graphqlClient(
    t.db,
    (await createUser(t.db, 'beheerder@coevorden.test', [{ organisation: 'coevorden', role: 'ADMIN' }])).token,
  );
  const found = await admin<{ programme: { id: string; revision: number } }>(
    '{ programme(slug: "dimpact-zaaksysteem") { id revision } }',
  );
  programme = found.data?.programme as { id: string; revision: number };
});
afterAll(() => t?.drop());

const state = async () => [
  await t.db.prisma.programme.findMany({ orderBy: { id: 'asc' } }),
  await t.db.prisma.auditEvent.count(),
];

describe('a revisioned write', () => {
  it('refuses a stale revision with who changed which fields since, writing nothing', async () => {
    const first = await admin<Answer>(UPDATE, {
      input: { id: programme.id, revision: programme.revision, name: 'Zaaksysteem, herzien' },
    });
    expect(first.data?.updateProgramme.__typename).toBe('UpdateProgrammeSuccess');
    const before = await state();
    const stale = await admin<Answer>(UPDATE, {
      input: { id: programme.id, revision: programme.revision, deadline: '2029-01-01' },
    });
    expect(stale.data?.updateProgramme).toEqual({
      __typename: 'ConflictError',
      message: `Dit programma is intussen gewijzigd (revisie ${programme.revision} → ${programme.revision + 1}) door beheerder@coevorden.test; gewijzigd: name. Er is niets veranderd; laad opnieuw en breng je wijziging opnieuw aan.`,
      currentRevision: programme.revision + 1,
    });
    expect(await state()).toEqual(before);
  });

  it("names the person who changed it only to colleagues: another co-owner's admin reads the organisation", async () => {
    // Emmen co-owns the programme (content/programmes.yaml) but is not Coevorden: the audit trail's own rule
    // (core/privacy.ts mayKnowPerson) gives it "een gebruiker van Gemeente Coevorden", never the address.
    const emmen = graphqlClient(
      t.db,
      (await createUser(t.db, 'beheerder@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }])).token,
    );
    const before = await state();
    const stale = await emmen<Answer>(UPDATE, {
      input: { id: programme.id, revision: programme.revision, deadline: '2029-01-01' },
    });
    expect(stale.data?.updateProgramme).toEqual({
      __typename: 'ConflictError',
      message: `Dit programma is intussen gewijzigd (revisie ${programme.revision} → ${programme.revision + 1}) door een gebruiker van Gemeente Coevorden; gewijzigd: name. Er is niets veranderd; laad opnieuw en breng je wijziging opnieuw aan.`,
      currentRevision: programme.revision + 1,
    });
    expect(await state()).toEqual(before);
  });

  it('answers an id of another type, or no id at all, with NotFoundError', async () => {
    const before = await state();
    for (const id of [encodeGlobalID('Usage', 'x'), 'geen-id', encodeGlobalID('Programme', 'bestaat-niet')]) {
      const res = await admin<Answer>(UPDATE, { input: { id, revision: 1 } });
      expect(res.errors, id).toBeUndefined();
      expect(res.data?.updateProgramme.__typename, id).toBe('NotFoundError');
    }
    const other = await admin<Answer>(UPDATE, { input: { id: encodeGlobalID('Usage', 'x'), revision: 1 } });
    expect(other.data?.updateProgramme.message).toBe(`Programma "${encodeGlobalID('Usage', 'x')}" bestaat niet.`);
    expect(await state()).toEqual(before);
  });

  it('answers input its validation refuses with ValidationError, in Dutch, per field', async () => {
    const before = await state();
    for (const [input, problem] of [
      [{ revision: 0 }, { path: ['input', 'revision'], message: 'Onbekende revisie.' }],
      [{ name: ' ' }, { path: ['input', 'name'], message: 'Vul dit veld in.' }],
      [{ owners: [] }, { path: ['input', 'owners'], message: 'Kies minstens één eigenaar.' }],
      [{ description: 'x'.repeat(2001) }, { path: ['input', 'description'], message: 'Maximaal 2000 tekens.' }],
    ] as const) {
      const res = await admin<Answer>(UPDATE, {
        input: { id: programme.id, revision: programme.revision + 1, ...input },
      });
      expect(res.data?.updateProgramme.__typename).toBe('ValidationError');
      expect(res.data?.updateProgramme.problems).toEqual([problem]);
    }
    expect(await state()).toEqual(before);
  });
});
