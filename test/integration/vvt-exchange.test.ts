// The statement of applicability out to CSV and Excel and back in: an export imports as "nothing to change", a changed
// file changes exactly its lines (audited, at their revisions), a file with wrong rows changes nothing and says why per
// row and field, and a CSV that Excel-NL saved (semicolons, BOM, some columns, Dutch dates) imports.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '#core/credentials.ts';
import { vvtFile } from '#core/exchange/vvt-exchange.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
const tokens = {} as Record<'editor' | 'viewer' | 'coevorden', string>;

/** Lines with every kind of value: each decision and state, Dutch characters, quotes, delimiters, newlines, formula
 * starts, and an empty date. */
const SEEDED = [
  {
    measure: '5.01.01',
    applies: true,
    state: 'GEIMPLEMENTEERD',
    reason: 'Beleid "BIO2"; vastgesteld door B&W\nTweede regel: één, reëel, ’t Hart',
    owner: 'CISO (Zoë)',
    evidence: 'https://intranet.example/beleid?a=1&b="2"',
    reviewedOn: '2026-01-15',
  },
  {
    measure: '5.06.01',
    applies: false,
    state: 'NIET_GESTART',
    reason: '=RA-2026-03; geen "lokaal" risico',
    owner: '-',
    evidence: '@archief, map 3',
    reviewedOn: null,
  },
  { measure: '5.02.01', applies: null, state: 'IN_UITVOERING', reason: null, owner: 'Team I&A', evidence: null },
  {
    measure: '5.03.01',
    applies: true,
    state: 'GETOETST',
    reason: 'Regel één\r\nRegel twee; met tab\tdaarna',
    owner: null,
    evidence: 'DMS 2026/0042',
    reviewedOn: '2025-12-31',
  },
] as const;

beforeAll(async () => {
  t = await createTestDatabase();
  tokens.editor = (await createUser(t.db, 'editor@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }])).token;
  tokens.viewer = (await createUser(t.db, 'viewer@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token;
  tokens.coevorden = (
    await createUser(t.db, 'editor@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }])
  ).token;
  const gql = graphqlClient(t.db, tokens.editor);
  for (const line of SEEDED) {
    const res = await gql(
      'mutation($input: SetVvtStatementInput!) { setVvtStatement(input: $input) { __typename ... on Error { message } } }',
      { input: { organisation: 'emmen', ...line } },
    );
    expect(JSON.stringify(res.data)).toContain('SetVvtStatementSuccess');
  }
});
afterAll(() => t?.drop());

/** The CSV as the API gives it; the workbook as the download route writes it (core/exchange/vvt-exchange.ts). */
const csvOf = async () => {
  const { data } = await graphqlClient(
    t.db,
    tokens.editor,
  )<{ organisation: { vvtCsv: string | null } }>('{ organisation(slug: "emmen") { vvtCsv } }');
  return new TextEncoder().encode(data?.organisation.vvtCsv ?? '');
};
const xlsxOf = async () => {
  const viewer = await authenticate(t.db, { bearerToken: tokens.editor });
  const file = await vvtFile(t.db, 'emmen', 'xlsx', viewer);
  if (!(file instanceof Uint8Array)) throw new Error(`No workbook: ${String(file)}`);
  return file;
};

interface Report {
  applied: boolean;
  changed: number;
  unchanged: number;
  rows: {
    line: number;
    number: string;
    created: boolean;
    changes: { field: string; before: string; after: string }[];
  }[];
  refused: { line: number; number: string | null; field: string | null; message: string }[];
}

async function upload(bytes: Uint8Array, fileName: string, apply: boolean, token = tokens.editor) {
  const body = new FormData();
  const query = `mutation($input: ImportVvtInput!) { importVvt(input: $input) { __typename ... on Error { message }
    ... on ImportVvtSuccess { data { applied changed unchanged rows { line number created changes { field before after } }
      refused { line number field message } } } } }`;
  body.set(
    'operations',
    JSON.stringify({ query, variables: { input: { organisation: 'emmen', fileName, file: null, apply } } }),
  );
  body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  body.set('0', new File([bytes as Uint8Array<ArrayBuffer>], fileName));
  const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  const json = (await response.json()) as { data?: { importVvt: { __typename: string; data?: Report } } };
  return json.data?.importVvt;
}

const lines = () =>
  t.db.prisma.vvtStatement.findMany({ where: { organisation: { slug: 'emmen' } }, orderBy: { measureNumber: 'asc' } });
const events = () => t.db.prisma.auditEvent.count({ where: { entityType: 'VvtStatement' } });
const measuresWithLine = () => t.db.prisma.bio2Measure.count({ where: { kind: { not: 'VERPLAATST' } } });

/** The workbook with one cell of the row of `number` changed. */
async function changedWorkbook(bytes: Uint8Array, number: string, column: string, value: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Verklaring');
  if (!sheet) throw new Error('No sheet Verklaring');
  const header = (sheet.getRow(1).values as string[]).indexOf(column);
  sheet.eachRow((row) => {
    if (row.getCell(1).text === number) row.getCell(header).value = value;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe.each([
  ['csv', csvOf, 'verklaring.csv'],
  ['xlsx', xlsxOf, 'verklaring.xlsx'],
] as const)('export then import as %s', (format, exportOf, fileName) => {
  it('is nothing to change, in the preview and when applied', async () => {
    const before = { lines: await lines(), events: await events() };
    const file = await exportOf();
    const preview = await upload(file, fileName, false);
    expect(preview?.data).toEqual({
      applied: false,
      changed: 0,
      unchanged: await measuresWithLine(),
      rows: [],
      refused: [],
    });
    expect((await upload(file, fileName, true))?.data).toMatchObject({ applied: false, changed: 0, refused: [] });
    expect({ lines: await lines(), events: await events() }).toEqual(before);
    // Every seeded value came out as written (the round trip is not "nothing" because nothing was read).
    const text = format === 'csv' ? new TextDecoder().decode(file) : '';
    if (format === 'csv')
      for (const l of SEEDED)
        for (const v of [l.reason, l.owner, l.evidence]) if (v) expect(text).toContain(v.replaceAll('"', '""'));
  });

  it('changes only the line the file changed, at its revision, audited as part of the import', async () => {
    const file = await exportOf();
    const changed =
      format === 'csv'
        ? new TextEncoder().encode(new TextDecoder().decode(file).replace('CISO (Zoë)', `CISO (Zoë, ${format})`))
        : await changedWorkbook(file, '5.01.01', 'Eigenaar', `CISO (Zoë, ${format})`);
    const before = await lines();
    const preview = await upload(changed, fileName, false);
    expect(preview?.data?.rows).toEqual([
      {
        line: 2,
        number: '5.01.01',
        created: false,
        changes: [{ field: 'owner', before: 'CISO (Zoë)', after: `CISO (Zoë, ${format})` }],
      },
    ]);
    expect(await lines()).toEqual(before);
    const eventsBefore = await events();
    expect((await upload(changed, fileName, true))?.data).toMatchObject({ applied: true, changed: 1 });
    const after = await lines();
    const line = after.find((l) => l.measureNumber === '5.01.01');
    expect(line).toMatchObject({ owner: `CISO (Zoë, ${format})`, revision: (before[0]?.revision ?? 0) + 1 });
    expect(after.filter((l) => l.measureNumber !== '5.01.01')).toEqual(
      before.filter((l) => l.measureNumber !== '5.01.01'),
    );
    expect(await events()).toBe(eventsBefore + 1);
    const event = await t.db.prisma.auditEvent.findFirst({
      where: { entityType: 'VvtStatement' },
      orderBy: { createdAt: 'desc' },
    });
    expect(event).toMatchObject({ file: fileName, source: 'IMPORT', revision: line?.revision });
    // Putting the owner back restores the seeded statement for the next format.
    const back = await upload(file, fileName, true);
    expect(back?.data?.refused[0]?.message).toContain('na de export gewijzigd');
    expect(back?.data?.applied).toBe(false);
    await t.db.prisma.vvtStatement.update({ where: { id: line?.id ?? '' }, data: { owner: 'CISO (Zoë)' } });
  });
});

describe('a file with wrong rows', () => {
  it('changes nothing and names each row and field in Dutch', async () => {
    const csv = [
      'Nummer;Van toepassing;Reden of risicoanalyse;Stand;Laatst beoordeeld',
      '5.05.01;ja;Goed;In uitvoering;2026-01-01',
      '9.99.99;ja;;;',
      '5.04.02;ja;;;',
      '5.07.01;nee;;;',
      '5.08.01;misschien;;Bijna klaar;31-02-2026',
      '5.05.01;ja;;;',
      '5.09.01;ja;;;2999-01-01',
    ].join('\r\n');
    const before = { lines: await lines(), events: await events() };
    const report = (await upload(new TextEncoder().encode(csv), 'fout.csv', true))?.data;
    expect(report?.applied).toBe(false);
    expect(report?.refused.map((p) => [p.line, p.number, p.field])).toEqual([
      [3, '9.99.99', 'number'],
      [4, '5.04.02', 'number'],
      [5, '5.07.01', 'reason'],
      [6, '5.08.01', 'applies'],
      [6, '5.08.01', 'state'],
      [6, '5.08.01', 'reviewedOn'],
      [7, '5.05.01', 'number'],
      [8, '5.09.01', 'reviewedOn'],
    ]);
    expect(report?.refused.map((p) => p.message)).toEqual([
      'Maatregel 9.99.99 staat niet in de BIO2 (versie 1.3 van 9 januari 2026).',
      'Maatregel 5.04.02 is verplaatst naar 5.10.02; gebruik dat nummer.',
      'Reden: noem bij "niet van toepassing" de risicoanalyse waarop die keuze rust.',
      'Van toepassing: "misschien" is onbekend; gebruik ja, nee of laat leeg (nog niet besloten).',
      'Stand: "Bijna klaar" is onbekend; kies Niet gestart, In uitvoering, Geïmplementeerd, Getoetst.',
      'Laatst beoordeeld: "31-02-2026" is geen datum; schrijf die als JJJJ-MM-DD.',
      'Maatregel 5.05.01 staat ook op rij 2; noem elke maatregel één keer.',
      'Laatst beoordeeld: de datum van de laatste beoordeling ligt in de toekomst.',
    ]);
    expect({ lines: await lines(), events: await events() }).toEqual(before);
  });

  it('refuses a file that is no statement, and the editors of other organisations and viewers', async () => {
    const wrong = await upload(new TextEncoder().encode('Sleutel;Pakket\r\nzaak;ZaakDMS'), 'ander.csv', false);
    expect(wrong?.data?.refused.map((p) => p.message)).toEqual([
      'De kolom Nummer ontbreekt: elke rij noemt de BIO2-maatregel (zoals 5.01.01).',
      expect.stringContaining('Onbekende kolommen: Sleutel, Pakket.'),
    ]);
    const file = await csvOf();
    expect((await upload(file, 'v.csv', false, tokens.viewer))?.__typename).toBe('ForbiddenError');
    expect((await upload(file, 'v.csv', true, tokens.coevorden))?.__typename).toBe('ForbiddenError');
  });
});

describe('a CSV that Excel-NL saved', () => {
  it('imports: BOM, semicolons, CRLF, a subset of the columns in another order, Dutch dates and labels', async () => {
    const csv = `\uFEFF${[
      'Stand;Nummer;Van toepassing;Eigenaar;Laatst beoordeeld',
      'In uitvoering;5.05.01;Ja;"Afdeling I&A; team ""Zuid""";1-12-2025',
      'geïmplementeerd;5.01.01;ja;CISO (Zoë);15-1-2026',
      'In uitvoering;5.02.01;;Team I&A;',
    ].join('\r\n')}\r\n`;
    const before = await lines();
    const report = (await upload(new TextEncoder().encode(csv), 'Verklaring Emmen.csv', true))?.data;
    expect(report).toMatchObject({ applied: true, changed: 1, unchanged: 2, refused: [] });
    expect(report?.rows[0]).toMatchObject({ number: '5.05.01', created: true });
    const after = await lines();
    expect(after.find((l) => l.measureNumber === '5.05.01')).toMatchObject({
      applies: true,
      state: 'IN_UITVOERING',
      owner: 'Afdeling I&A; team "Zuid"',
      reason: null,
      reviewedOn: new Date('2025-12-01T00:00:00Z'),
      revision: 1,
    });
    // The columns the file lacks and the lines it does not name are left alone.
    expect(after.filter((l) => l.measureNumber !== '5.05.01')).toEqual(before);
  });
});
