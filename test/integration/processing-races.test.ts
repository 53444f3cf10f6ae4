// Two writes of the same activity name, or the same new VvT line, at once: each mutation checks before it inserts, so
// the later one can pass the check and meet the unique constraint. It is answered as the check answers (the Dutch
// ValidationError, the ConflictError), never as an unexpected error. The race is made certain by a client whose check
// does not see the row already there, as when the other write commits between the check and the insert.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '#prisma/client.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let token: string;
let emmenToken: string;

beforeAll(async () => {
  t = await createTestDatabase();
  token = (await createUser(t.db, 'editor@borger.test', [{ organisation: 'borger-odoorn', role: 'EDITOR' }])).token;
  emmenToken = (await createUser(t.db, 'editor@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token;
});
afterAll(() => t?.drop());

/** The database as a write sees it that checked before the other write committed: the check finds nothing. */
function checkSeesNothing(db: Database): Database {
  const prisma = db.prisma.$extends({
    query: {
      processingActivity: {
        findFirst: ({ args, query }) => (args.where?.name ? Promise.resolve(null) : query(args)),
      },
      vvtStatement: {
        findUnique: ({ args, query }) =>
          args.where?.organisationId_measureNumber ? Promise.resolve(null) : query(args),
      },
    },
  });
  return { ...db, prisma: prisma as unknown as Db };
}

/** The database where the check of a name waits (a second at most) for a second write's check of one. */
function checksMeet(db: Database): Database {
  let other: (() => void) | null = null;
  const meet = () =>
    new Promise<void>((resolve) => {
      if (other) {
        other();
        other = null;
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        other = null;
        resolve();
      }, 1000);
      other = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const prisma = db.prisma.$extends({
    query: {
      processingActivity: {
        findFirst: async ({ args, query }) => {
          const found = await query(args);
          if (args.where?.name) await meet();
          return found;
        },
      },
    },
  });
  return { ...db, prisma: prisma as unknown as Db };
}

const FIELDS = `__typename ... on ValidationError { problems { path message } }
  ... on ConflictError { message currentRevision } ... on Error { message }`;
const CREATE = `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProcessingActivityInput!) { updateProcessingActivity(input: $input) { ${FIELDS}
  ... on UpdateProcessingActivitySuccess { data { revision } } } }`;
const ADOPT = `mutation($o: String!, $t: String!) { adoptProcessingTemplate(organisation: $o, template: $t) { ${FIELDS} } }`;
const SET = `mutation($input: SetVvtStatementInput!) { setVvtStatement(input: $input) { ${FIELDS} } }`;

const activity = (name: string) => ({
  name,
  purpose: 'Verlenen van parkeervergunningen.',
  legalGround: 'PUBLIC_TASK',
  specialCategories: false,
  criminalData: false,
  dataSubjects: ['Vergunninghouders'],
  personalData: ['Kenteken'],
  retention: '2 jaar.',
  role: 'CONTROLLER',
});
const NAME_TAKEN = { path: ['input', 'name'], message: 'Er staat al een verwerking met deze naam in het register.' };

type Answer = { __typename: string } & Record<string, unknown>;
/** The mutation's answer, with the request's errors (none expected: an unexpected error would be one). */
const answerOf = (res: { data?: Record<string, unknown> | null; errors?: unknown }) => ({
  errors: res.errors,
  ...(Object.values(res.data ?? {})[0] as Answer),
});

const stored = async () => ({
  activities: await t.db.prisma.processingActivity.findMany({
    select: { id: true, name: true, revision: true },
    orderBy: { id: 'asc' },
  }),
  lines: await t.db.prisma.vvtStatement.findMany({ select: { id: true, reason: true, revision: true } }),
  audit: await t.db.prisma.auditEvent.count(),
});

describe('a name taken between the check and the write', () => {
  it('on a create is the Dutch ValidationError of the check, nothing written', async () => {
    const racing = graphqlClient(checkSeesNothing(t.db), token);
    const before = await stored();
    const answer = answerOf(
      await racing(CREATE, { input: { organisation: 'borger-odoorn', ...activity('Klantcontacten') } }),
    );
    expect(answer).toEqual({
      errors: undefined,
      __typename: 'ValidationError',
      message: expect.any(String),
      problems: [NAME_TAKEN],
    });
    expect(await stored()).toEqual(before);
  });

  it('on adopting a template is the same', async () => {
    const editor = graphqlClient(t.db, token);
    expect(answerOf(await editor(ADOPT, { o: 'borger-odoorn', t: 'zaakregistratie' })).__typename).toBe(
      'AdoptProcessingTemplateSuccess',
    );
    const before = await stored();
    const answer = answerOf(
      await graphqlClient(checkSeesNothing(t.db), token)(ADOPT, { o: 'borger-odoorn', t: 'zaakregistratie' }),
    );
    expect(answer).toMatchObject({ errors: undefined, __typename: 'ValidationError', problems: [NAME_TAKEN] });
    expect(await stored()).toEqual(before);
  });

  it('on a rename is the same, and the activity keeps its name and revision', async () => {
    const own = await t.db.prisma.processingActivity.findFirstOrThrow({
      where: { organisation: { slug: 'borger-odoorn' }, name: { not: 'Klantcontacten' } },
      select: { id: true, revision: true },
    });
    const before = await stored();
    const input = {
      id: encodeGlobalID('ProcessingActivity', own.id),
      revision: own.revision,
      ...activity('Klantcontacten'),
    };
    const answer = answerOf(await graphqlClient(checkSeesNothing(t.db), token)(UPDATE, { input }));
    expect(answer).toMatchObject({ errors: undefined, __typename: 'ValidationError', problems: [NAME_TAKEN] });
    expect(await stored()).toEqual(before);
  });

  it('when two editors add the same activity at once, one is added and the other refused in Dutch', async () => {
    // Each check waits for the other, so both pass before either inserts: on PostgreSQL the later insert meets the
    // constraint. SQLite runs one write transaction at a time, so there the second check already sees the first row.
    const editor = graphqlClient(checksMeet(t.db), token);
    const input = { organisation: 'borger-odoorn', ...activity('Gelijktijdig toegevoegd') };
    const answers = (await Promise.all([editor(CREATE, { input }), editor(CREATE, { input })])).map(answerOf);
    expect(answers.map((a) => a.__typename).sort()).toEqual(['CreateProcessingActivitySuccess', 'ValidationError']);
    expect(answers.find((a) => a.__typename === 'ValidationError')).toMatchObject({
      errors: undefined,
      problems: [NAME_TAKEN],
    });
    expect(await t.db.prisma.processingActivity.count({ where: { name: 'Gelijktijdig toegevoegd' } })).toBe(1);
  });
});

describe('a VvT line added between the check and the write', () => {
  it('is the conflict the check gives, at the line’s first revision, nothing written', async () => {
    const input = { organisation: 'emmen', measure: '5.01.01', state: 'NIET_GESTART', applies: true, reason: 'Eerst' };
    expect(answerOf(await graphqlClient(t.db, emmenToken)(SET, { input })).__typename).toBe('SetVvtStatementSuccess');
    const before = await stored();
    const answer = answerOf(
      await graphqlClient(checkSeesNothing(t.db), emmenToken)(SET, { input: { ...input, reason: 'Tegelijk' } }),
    );
    expect(answer).toEqual({
      errors: undefined,
      __typename: 'ConflictError',
      currentRevision: 1,
      message:
        'Deze regel van de verklaring is intussen gewijzigd (revisie 0 → 1). Er is niets veranderd; laad opnieuw en breng je wijziging opnieuw aan.',
    });
    expect(await stored()).toEqual(before);
  });
});
