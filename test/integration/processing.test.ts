// The register of processing activities through the API and its exports: editors write activities at a revision,
// every change is audited, mistakes are refused in Dutch with nothing changed, the register stays with the
// organisation, templates are adopted with the usages that realise their component, and the seeded sample register of
// Borger-Odoorn exports to exactly the file worked out by hand (test/fixtures/registers).
import { readFileSync } from 'node:fs';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegister, toRegisterCsv, toRegisterXlsx } from '#core/exchange/processing-register.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
type Client = ReturnType<typeof graphqlClient>;
const gql = {} as Record<'editor' | 'viewer' | 'emmen' | 'anonymous', Client>;

beforeAll(async () => {
  t = await createTestDatabase();
  const user = async (email: string, organisation: string, role: 'VIEWER' | 'EDITOR') =>
    graphqlClient(t.db, (await createUser(t.db, email, [{ organisation, role }])).token);
  gql.editor = await user('editor@borger.test', 'borger-odoorn', 'EDITOR');
  gql.viewer = await user('lezer@borger.test', 'borger-odoorn', 'VIEWER');
  gql.emmen = await user('editor@emmen.test', 'emmen', 'EDITOR');
  gql.anonymous = graphqlClient(t.db);
});
afterAll(() => t?.drop());

const EXPECTED = readFileSync('test/fixtures/registers/borger-odoorn-expected.csv', 'utf8');

describe('the sample register of Borger-Odoorn, exported', () => {
  it('writes the CSV worked out by hand, transfers outside the EU derived from the products’ hosting', async () => {
    const register = await loadRegister(t.db, 'borger-odoorn', 'operator');
    expect(register?.activities).toHaveLength(5);
    expect(toRegisterCsv(register as NonNullable<typeof register>)).toBe(EXPECTED);
  });

  it('writes the same rows to the workbook', async () => {
    const register = await loadRegister(t.db, 'borger-odoorn', 'operator');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toRegisterXlsx(register as NonNullable<typeof register>)) as never);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      rows.push(Array.from({ length: 13 }, (_, i) => row.getCell(i + 1).text));
    });
    expect(workbook.worksheets[0]?.name).toBe('Register van verwerkingen');
    expect(rows).toEqual(parse(EXPECTED, { bom: true, delimiter: ';' }));
  });

  it('changes the derived transfers when a product moves its hosting', async () => {
    await t.db.prisma.product.update({ where: { slug: 'qmatic' }, data: { hostingJurisdiction: 'OTHER' } });
    try {
      const register = await loadRegister(t.db, 'borger-odoorn', 'operator');
      const klant = parse(toRegisterCsv(register as NonNullable<typeof register>), { bom: true, delimiter: ';' })[4];
      expect(klant?.[9]).toBe('Ja: Qmatic Orchestra (buiten de EU)');
    } finally {
      await t.db.prisma.product.update({ where: { slug: 'qmatic' }, data: { hostingJurisdiction: 'EU' } });
    }
  });

  it('gives anyone but the organisation’s members the header alone', async () => {
    const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
    const viewer = { userId: 'x', email: 'x', isInstanceAdmin: true, organisationIds: [emmen.id], memberships: [] };
    for (const reader of [null, viewer]) {
      const register = await loadRegister(t.db, 'borger-odoorn', reader as never);
      expect(toRegisterCsv(register as NonNullable<typeof register>)).toBe(`${EXPECTED.split('\r\n')[0]}\r\n`);
    }
    expect(await loadRegister(t.db, 'bestaat-niet', 'operator')).toBeNull();
  });
});

const FIELDS = `__typename ... on ValidationError { problems { path message } } ... on ConflictError { message currentRevision }
  ... on ForbiddenError { message } ... on NotFoundError { message }`;
const ACTIVITY =
  'id name revision template dataSubjects measures { number } usages { key } transfersOutsideEu { text }';
const CREATE = `mutation($input: CreateProcessingActivityInput!) { createProcessingActivity(input: $input) { ${FIELDS}
  ... on CreateProcessingActivitySuccess { data { ${ACTIVITY} } } } }`;
const UPDATE = `mutation($input: UpdateProcessingActivityInput!) { updateProcessingActivity(input: $input) { ${FIELDS}
  ... on UpdateProcessingActivitySuccess { data { ${ACTIVITY} } } } }`;
const DELETE = `mutation($id: ID!, $revision: Int!) { deleteProcessingActivity(id: $id, revision: $revision) { ${FIELDS}
  ... on DeleteProcessingActivitySuccess { data } } }`;
const ADOPT = `mutation($o: String!, $t: String!) { adoptProcessingTemplate(organisation: $o, template: $t) { ${FIELDS}
  ... on AdoptProcessingTemplateSuccess { data { ${ACTIVITY} purpose legalGround } } } }`;

interface Answer {
  __typename: string;
  data?: { id: string; revision: number; usages: { key: string }[]; transfersOutsideEu: { text: string } } & Record<
    string,
    unknown
  >;
  problems?: { path: string[]; message: string }[];
  message?: string;
  currentRevision?: number;
}
const result = (res: { data?: Record<string, unknown> | null }) => Object.values(res.data ?? {})[0] as Answer;

const usageId = async (organisation: string, key: string) => {
  const org = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: organisation } });
  const u = await t.db.prisma.usage.findUniqueOrThrow({
    where: { organisationId_key: { organisationId: org.id, key } },
  });
  return encodeGlobalID('Usage', u.id);
};

const input = async (extra: Record<string, unknown> = {}) => ({
  organisation: 'borger-odoorn',
  name: 'Parkeervergunningen',
  purpose: 'Verlenen van parkeervergunningen.',
  legalGround: 'PUBLIC_TASK',
  specialCategories: false,
  criminalData: false,
  dataSubjects: ['Vergunninghouders', ' ', 'Vergunninghouders'],
  personalData: ['Naam en adres', 'Kenteken'],
  retention: '2 jaar na afloop van de vergunning.',
  recipients: ['RDW'],
  role: 'CONTROLLER',
  measures: ['5.12.01'],
  usages: [await usageId('borger-odoorn', 'microsoft-365')],
  ...extra,
});

const state = async () => ({
  activities: await t.db.prisma.processingActivity.count(),
  links: await t.db.prisma.processingActivityUsage.count(),
  events: await t.db.prisma.auditEvent.count({ where: { entityType: 'ProcessingActivity' } }),
});

describe('writing the register', () => {
  it('creates an activity with its lists cleaned, derived transfers, and an audit event on the organisation', async () => {
    const created = result(await gql.editor(CREATE, { input: await input() }));
    expect(created).toMatchObject({
      __typename: 'CreateProcessingActivitySuccess',
      data: {
        name: 'Parkeervergunningen',
        revision: 1,
        dataSubjects: ['Vergunninghouders'],
        measures: [{ number: '5.12.01' }],
        usages: [{ key: 'microsoft-365' }],
        transfersOutsideEu: { text: 'Ja: Microsoft 365 (Verenigde Staten)' },
      },
    });
    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityType: 'ProcessingActivity', entityId: created.data?.id, action: 'CREATE' },
      include: { organisation: { select: { slug: true } } },
    });
    expect(event.organisation?.slug).toBe('borger-odoorn');
    expect(JSON.parse(event.changes).usages.after).toEqual(['microsoft-365']);
  });

  it('refuses mistakes in Dutch and changes nothing', async () => {
    const before = await state();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: 'Klantcontacten' }, 'name', 'Er staat al een verwerking met deze naam in het register.'],
      [
        { name: 'Nieuw', specialCategories: true },
        'specialException',
        'Kies de uitzondering van artikel 9 lid 2 AVG waarop de verwerking van bijzondere persoonsgegevens rust.',
      ],
      [{ name: 'Nieuw', measures: ['9.99.99'] }, 'measures', 'BIO2-maatregel 9.99.99 bestaat niet.'],
      [{ name: 'Nieuw', personalData: [] }, 'personalData', 'Noem ten minste één categorie persoonsgegevens.'],
      [
        { name: 'Nieuw', usages: [await usageId('emmen', 'microsoft-365')] },
        'usages',
        'Dit gebruik hoort bij een andere organisatie; kies alleen gebruik uit het eigen landschap.',
      ],
    ];
    for (const [extra, field, message] of cases) {
      const refused = result(await gql.editor(CREATE, { input: await input(extra) }));
      expect(refused.__typename).toBe('ValidationError');
      expect(refused.problems).toContainEqual({ path: ['input', field], message });
    }
    expect(result(await gql.viewer(CREATE, { input: await input({ name: 'Nieuw' }) })).__typename).toBe(
      'ForbiddenError',
    );
    expect(result(await gql.emmen(CREATE, { input: await input({ name: 'Nieuw' }) })).__typename).toBe(
      'ForbiddenError',
    );
    expect(await state()).toEqual(before);
  });

  it('bounds the lists and the measure numbers before anything is looked up, without repeating a long number', async () => {
    const before = await state();
    const long = '5.12.01'.repeat(1_000);
    const usage = await usageId('borger-odoorn', 'microsoft-365');
    const cases: [Record<string, unknown>, string[], string][] = [
      [
        { measures: [long] },
        ['input', 'measures', '0'],
        'Een BIO2-maatregelnummer is ten hoogste 20 tekens, zoals 5.12.01.',
      ],
      [{ measures: Array(201).fill('5.12.01') }, ['input', 'measures'], 'Noem ten hoogste 200 BIO2-maatregelen.'],
      [{ usages: Array(501).fill(usage) }, ['input', 'usages'], 'Kies ten hoogste 500 applicaties.'],
    ];
    for (const [extra, path, message] of cases) {
      const answer = await gql.editor(CREATE, { input: await input({ name: 'Begrensd', ...extra }) });
      expect(result(answer)).toEqual({ __typename: 'ValidationError', problems: [{ path, message }] });
      expect(JSON.stringify(answer)).not.toContain('5.12.015.12.01');
    }
    // At the bounds: twenty characters are looked up (and named), five hundred usages are taken.
    const twenty = result(
      await gql.editor(CREATE, { input: await input({ name: 'Begrensd', measures: ['5.12.01'.padEnd(20, '9')] }) }),
    );
    expect(twenty.problems).toEqual([
      { path: ['input', 'measures'], message: 'BIO2-maatregel 5.12.019999999999999 bestaat niet.' },
    ]);
    expect(await state()).toEqual(before);
    const many = result(
      await gql.editor(CREATE, { input: await input({ name: 'Begrensd', usages: Array(500).fill(usage) }) }),
    );
    expect(many.data?.usages).toEqual([{ key: 'microsoft-365' }]);
    expect(result(await gql.editor(DELETE, { id: many.data?.id, revision: 1 })).__typename).toBe(
      'DeleteProcessingActivitySuccess',
    );
  });

  it('keeps a register to 1,000 activities: a full one takes no new or adopted activity', async () => {
    const org = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'borger-odoorn' } });
    const count = await t.db.prisma.processingActivity.count({ where: { organisationId: org.id } });
    const fill = (n: number) =>
      t.db.prisma.processingActivity.createMany({
        data: Array.from({ length: n }, (_, i) => ({
          organisationId: org.id,
          name: `Vulling ${count + i}`,
          purpose: 'Proef',
          legalGround: 'PUBLIC_TASK' as const,
          dataSubjects: 'Inwoners',
          personalData: 'Naam',
          retention: '1 jaar',
        })),
      });
    const message =
      'Het register is vol: ten hoogste 1.000 verwerkingen per organisatie. Verwijder eerst een verwerking die niet meer nodig is.';
    try {
      // One place left: the last activity is taken.
      await fill(999 - count);
      const last = result(await gql.editor(CREATE, { input: await input({ name: 'De duizendste' }) }));
      expect(last.__typename).toBe('CreateProcessingActivitySuccess');
      const before = await state();
      expect(result(await gql.editor(CREATE, { input: await input({ name: 'Een te veel' }) }))).toEqual({
        __typename: 'ValidationError',
        problems: [{ path: ['input', 'organisation'], message }],
      });
      expect(result(await gql.editor(ADOPT, { o: 'borger-odoorn', t: 'parkeren' }))).toEqual({
        __typename: 'ValidationError',
        problems: [{ path: ['organisation'], message }],
      });
      expect(await state()).toEqual(before);
    } finally {
      await t.db.prisma.processingActivity.deleteMany({
        where: { organisationId: org.id, name: { in: ['De duizendste'] } },
      });
      await t.db.prisma.processingActivity.deleteMany({
        where: { organisationId: org.id, name: { startsWith: 'Vulling ' } },
      });
    }
  });

  it('updates at the revision read only, names the change on a conflict, and deletes', async () => {
    const created = result(await gql.editor(CREATE, { input: await input({ name: 'Tijdelijk' }) }));
    const id = created.data?.id;
    const { organisation: _o, ...fields } = await input({ name: 'Tijdelijk', usages: [] });
    const updated = result(await gql.editor(UPDATE, { input: { ...fields, id, revision: 1, retention: '1 jaar.' } }));
    expect(updated).toMatchObject({ data: { revision: 2, usages: [], transfersOutsideEu: { text: 'Nee' } } });
    const before = await state();
    const stale = result(await gql.editor(UPDATE, { input: { ...fields, id, revision: 1 } }));
    expect(stale.__typename).toBe('ConflictError');
    expect(stale.currentRevision).toBe(2);
    expect(stale.message).toContain('Deze verwerking is intussen gewijzigd (revisie 1 → 2)');
    // Another organisation's editor learns nothing of it, not even that it exists.
    expect(result(await gql.emmen(DELETE, { id, revision: 2 })).__typename).toBe('NotFoundError');
    expect(result(await gql.viewer(DELETE, { id, revision: 2 })).__typename).toBe('ForbiddenError');
    expect(await state()).toEqual(before);
    expect(result(await gql.editor(DELETE, { id, revision: 2 })).__typename).toBe('DeleteProcessingActivitySuccess');
    expect((await state()).activities).toBe(before.activities - 1);
    expect(await t.db.prisma.auditEvent.count({ where: { entityId: id, action: { in: ['UPDATE', 'DELETE'] } } })).toBe(
      2,
    );
  });

  it('adopts a template, prefilled and linked to the usages that realise its component (not retired ones)', async () => {
    const adopted = result(await gql.editor(ADOPT, { o: 'borger-odoorn', t: 'zaakregistratie' }));
    expect(adopted).toMatchObject({
      __typename: 'AdoptProcessingTemplateSuccess',
      data: { name: 'Zaakgericht werken', template: 'zaakregistratie', legalGround: 'PUBLIC_TASK' },
    });
    // Decos JOIN and Open Zaak realise the Zaakregistratiecomponent; e-Suite does too but is retired.
    expect(adopted.data?.usages.map((u) => u.key).sort()).toEqual(['decos-join', 'open-zaak']);
    const again = result(await gql.editor(ADOPT, { o: 'borger-odoorn', t: 'zaakregistratie' }));
    expect(again.problems?.[0]?.message).toBe('Er staat al een verwerking met deze naam in het register.');
    expect(result(await gql.editor(ADOPT, { o: 'borger-odoorn', t: 'bestaat-niet' })).__typename).toBe('NotFoundError');
  });
});

describe('reading the register', () => {
  const READ = `query($s: String!) { organisation(slug: $s) { processingRegisterReadable
    processingActivities { id name } } processingTemplates(organisation: $s) { id usages { key } } }`;
  type Read = {
    organisation: {
      processingRegisterReadable: boolean;
      processingActivities: { id: string; name: string }[];
    };
    processingTemplates: { id: string; usages: { key: string }[] }[];
  };

  it('is for the organisation’s members, with the templates that fit its landscape first', async () => {
    const answer = (await gql.viewer<Read>(READ, { s: 'borger-odoorn' })).data;
    const own = answer?.organisation;
    expect(own?.processingRegisterReadable).toBe(true);
    expect(own?.processingActivities.map((a) => a.name)).toContain('Maatschappelijke ondersteuning (Wmo)');
    const templates = answer?.processingTemplates ?? [];
    const firstMisfit = templates.findIndex((x) => x.usages.length === 0);
    expect(firstMisfit).toBeGreaterThan(0);
    expect(templates.slice(firstMisfit).every((x) => x.usages.length === 0)).toBe(true);
    expect(templates.find((x) => x.id === 'wmo')?.usages).toEqual([{ key: 'suite4sociaal-domein' }]);
    const other = (await gql.emmen<Read>(READ, { s: 'borger-odoorn' })).data;
    expect(other).toEqual({
      organisation: { processingRegisterReadable: false, processingActivities: [] },
      processingTemplates: [],
    });
    const node = await gql.emmen(`query($id: ID!) { node(id: $id) { ... on ProcessingActivity { name } } }`, {
      id: own?.processingActivities[0]?.id,
    });
    expect(JSON.stringify(node)).not.toContain('name":"');
  });
});
