// The BIO2 import through the API: the repository's file changes nothing, a changed copy (a text changed, a measure
// added, one moved) is previewed with figures worked out by hand and applied in one transaction with one audit event,
// statement lines kept; a non-administrator, a broken file and a file that would drop lines or the measures of
// processing activities change nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { readDataVersion } from '#prisma/data-version.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let admin: string;
let editor: string;
const real = readFileSync(path.join(projectRoot, 'content', 'bio2', 'overheidsmaatregelen.csv'), 'utf8');

beforeAll(async () => {
  t = await createTestDatabase();
  admin = (await createUser(t.db, 'bio2-beheer@grondplan.test', [], { instanceAdmin: true })).token;
  editor = (await createUser(t.db, 'bio2-redacteur@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }])).token;
  const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
  for (const measureNumber of ['5.01.02', '5.02.01'])
    await t.db.prisma.vvtStatement.create({
      data: { organisationId: emmen.id, measureNumber, applies: true, reason: `Regel bij ${measureNumber}` },
    });
});
afterAll(() => t?.drop());

type Report = {
  applied: boolean;
  changes: { number: string; action: string; fields: string[]; movedTo: string | null }[];
  fileName: string;
  added: string[];
  changed: string[];
  removed: string[];
  moved: { number: string; to: string }[];
  unchanged: number;
  total: number;
  linesOnMoved: number;
  refused: { line: number; message: string }[];
};
const QUERY = `mutation ($input: ImportBio2Input!) { importBio2(input: $input) { __typename ... on Error { message }
  ... on ImportBio2Success { data { applied fileName changes { number action fields movedTo } added changed removed moved { number to } unchanged total linesOnMoved refused { line message } } } } }`;

async function send(token: string, text: string, apply: boolean, name = 'overheidsmaatregelen.csv') {
  const body = new FormData();
  body.set('operations', JSON.stringify({ query: QUERY, variables: { input: { file: null, apply } } }));
  body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
  body.set('0', new File([text], name, { type: 'text/csv' }));
  const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  const json = (await response.json()) as {
    data: { importBio2: { __typename: string; message?: string; data?: Report } };
  };
  return json.data.importBio2;
}

const state = async () => ({
  measures: await t.db.prisma.bio2Measure.findMany({ orderBy: { position: 'asc' } }),
  lines: await t.db.prisma.vvtStatement.findMany({ orderBy: { measureNumber: 'asc' } }),
  links: await t.db.prisma.processingActivityMeasure.findMany({
    orderBy: [{ activityId: 'asc' }, { measureNumber: 'asc' }],
  }),
  events: await t.db.prisma.auditEvent.count({ where: { entityType: 'Bio2' } }),
  version: await readDataVersion(t.db),
});

// The changed copy: 5.01.02's text changed, 5.01.03 added after it, 5.02.01 moved to 5.36.09 (its text gone).
// The file ends its records with CRLF (and its texts' own lines with LF): the copy keeps that.
const rows = real.split(/\r\n(?=\d\.\d{2}\.\d{2},)/);
const changedCopy = rows
  .flatMap((row) => {
    if (row.startsWith('5.01.02,'))
      return [
        `${row} Dit beleid wordt elk jaar herzien.`, // an unquoted text
        '5.01.03,5.01,Organisatorisch,overheidsmaatregel,,Het beleid is gepubliceerd voor alle medewerkers.',
      ];
    if (row.startsWith('5.02.01,')) return ['5.02.01,5.02,Organisatorisch,verplaatst,5.36.09,'];
    return [row];
  })
  .join('\r\n');

describe('the BIO2 import', () => {
  it('reads the repository file with nothing to change', async () => {
    expect(rows).toHaveLength(167); // the header and 166 measures
    const before = await state();
    const report = await send(admin, real, false);
    expect(report).toEqual({
      __typename: 'ImportBio2Success',
      data: {
        applied: false,
        fileName: 'overheidsmaatregelen.csv',
        changes: [],
        added: [],
        changed: [],
        removed: [],
        moved: [],
        unchanged: 166,
        total: 166,
        linesOnMoved: 0,
        refused: [],
      },
    });
    expect(await state()).toEqual(before);
  });

  it('refuses a non-administrator, and changes nothing', async () => {
    const before = await state();
    expect(await send(editor, changedCopy, true)).toEqual({
      __typename: 'ForbiddenError',
      message: 'Alleen beheerders van Grondplan mogen de BIO2-maatregelen inlezen.',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses a broken file with Dutch messages, and changes nothing', async () => {
    const before = await state();
    const header = await send(admin, 'nummer;tekst\n5.01.01;x', true);
    expect(header.data?.applied).toBe(false);
    expect(header.data?.refused[0]?.message).toMatch(
      /^Dit is geen overheidsmaatregelen\.csv: de kolommen .* ontbreken/,
    );
    const broken = changedCopy.replace('5.01.03,5.01,Organisatorisch', '5.01.03,5.01,Sociaal');
    const row = await send(admin, broken, true);
    expect(row.data?.refused).toEqual([
      {
        line: expect.any(Number),
        message: 'rij 3 (5.01.03), thema: verwacht een thema: Organisatorisch, Mensgericht, Fysiek of Technologisch',
      },
    ]);
    expect(await state()).toEqual(before);
  });

  it('refuses a file that drops a measure with statement lines, naming it, and changes nothing', async () => {
    const before = await state();
    const without = rows.filter((r) => !r.startsWith('5.01.02,') && !r.startsWith('5.01.01,')).join('\r\n');
    for (const apply of [false, true]) {
      const report = await send(admin, without, apply);
      expect(report.data).toMatchObject({ applied: false, removed: ['5.01.01', '5.01.02'] });
      expect(report.data?.refused).toEqual([
        {
          line: 0,
          message:
            'Maatregel 5.01.02 komt niet meer in het bestand voor, maar 1 Verklaring van Toepasselijkheid heeft er regels bij. Neem die maatregel op met soort "verplaatst" en het nieuwe nummer, zodat de regels bewaard blijven; er is niets veranderd.',
        },
      ]);
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a file that drops a measure processing activities name, naming it, and keeps the links', async () => {
    const activity = async (organisation: string, name: string, measures: string[]) => {
      const { id: organisationId } = await t.db.prisma.organisation.findUniqueOrThrow({
        where: { slug: organisation },
      });
      await t.db.prisma.processingActivity.create({
        data: {
          organisationId,
          name,
          purpose: 'Proef',
          legalGround: 'PUBLIC_TASK',
          dataSubjects: 'Inwoners',
          personalData: 'Naam',
          retention: '1 jaar',
          measures: { create: measures.map((measureNumber) => ({ measureNumber })) },
        },
      });
    };
    await activity('emmen', 'Proef BIO2-import', ['5.03.01', '5.04.01']);
    await activity('coevorden', 'Proef BIO2-import', ['5.04.01']);
    const before = await state();
    expect(before.links.filter((l) => ['5.03.01', '5.04.01'].includes(l.measureNumber))).toHaveLength(3);
    const drop = (...numbers: string[]) => rows.filter((r) => !numbers.some((n) => r.startsWith(`${n},`))).join('\r\n');
    for (const apply of [false, true]) {
      const one = await send(admin, drop('5.03.01'), apply);
      expect(one.data).toMatchObject({ applied: false, removed: ['5.03.01'] });
      expect(one.data?.refused).toEqual([
        {
          line: 0,
          message:
            'Maatregel 5.03.01 komt niet meer in het bestand voor, maar 1 verwerking in het register van 1 organisatie is ermee beveiligd. Neem die maatregel op met soort "verplaatst" en het nieuwe nummer, zodat die koppelingen bewaard blijven; er is niets veranderd.',
        },
      ]);
      // With a statement line on 5.01.02 too: both refusals.
      const three = await send(admin, drop('5.01.02', '5.03.01', '5.04.01'), apply);
      expect(three.data).toMatchObject({ applied: false, removed: ['5.01.02', '5.03.01', '5.04.01'] });
      expect(three.data?.refused.map((r) => r.message)).toEqual([
        'Maatregel 5.01.02 komt niet meer in het bestand voor, maar 1 Verklaring van Toepasselijkheid heeft er regels bij. Neem die maatregel op met soort "verplaatst" en het nieuwe nummer, zodat de regels bewaard blijven; er is niets veranderd.',
        'De maatregelen 5.03.01, 5.04.01 komen niet meer in het bestand voor, maar 2 verwerkingen in de registers van 2 organisaties zijn ermee beveiligd. Neem die maatregelen op met soort "verplaatst" en het nieuwe nummer, zodat die koppelingen bewaard blijven; er is niets veranderd.',
      ]);
    }
    expect(await state()).toEqual(before);
  });

  it('previews, then applies a changed copy in one transaction with one audit event, keeping the lines', async () => {
    const before = await state();
    const expected = {
      fileName: 'bio2-1.4.csv',
      changes: [
        { number: '5.01.02', action: 'CHANGE', fields: ['tekst'], movedTo: null },
        { number: '5.01.03', action: 'ADD', fields: [], movedTo: null },
        { number: '5.02.01', action: 'CHANGE', fields: ['soort', 'verplaatst_naar', 'tekst'], movedTo: '5.36.09' },
      ],
      added: ['5.01.03'],
      changed: ['5.01.02', '5.02.01'],
      removed: [],
      moved: [{ number: '5.02.01', to: '5.36.09' }],
      unchanged: 164, // 167 measures less the one added and the two changed
      total: 167,
      linesOnMoved: 1,
      refused: [],
    };
    const preview = await send(admin, changedCopy, false, 'bio2-1.4.csv');
    expect(preview.data).toEqual({ ...expected, applied: false });
    expect(await state()).toEqual(before);

    const applied = await send(admin, changedCopy, true, 'bio2-1.4.csv');
    expect(applied.data).toEqual({ ...expected, applied: true });
    const after = await state();
    expect(after.measures).toHaveLength(167);
    expect(after.measures.find((m) => m.number === '5.02.01')).toMatchObject({
      kind: 'VERPLAATST',
      movedTo: '5.36.09',
      text: null,
    });
    expect(after.measures.find((m) => m.number === '5.01.02')?.text).toMatch(/Dit beleid wordt elk jaar herzien\.$/);
    expect(after.measures.find((m) => m.number === '5.01.03')).toMatchObject({ theme: 'ORGANISATORISCH', position: 2 });
    expect(after.lines).toEqual(before.lines);
    expect(after.version).toBeGreaterThan(before.version);
    const events = await t.db.prisma.auditEvent.findMany({ where: { entityType: 'Bio2' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'IMPORT',
      entityId: 'bio2-1.4.csv',
      file: 'bio2-1.4.csv',
      source: 'IMPORT',
      organisationId: null,
      actorLabel: 'bio2-beheer@grondplan.test',
    });
    expect(JSON.parse(events[0]?.changes ?? '{}')).toEqual({
      file: { before: null, after: 'bio2-1.4.csv' },
      added: { before: null, after: 1 },
      changed: { before: null, after: 2 },
      moved: { before: null, after: 1 },
      removed: { before: null, after: 0 },
      total: { before: null, after: 167 },
      linesOnMoved: { before: null, after: 1 },
    });
    // The repository's file puts the measures back (5.01.03 has no lines, so it may go).
    const back = await send(admin, real, true);
    expect(back.data).toMatchObject({
      applied: true,
      added: [],
      removed: ['5.01.03'],
      changed: ['5.01.02', '5.02.01'],
    });
    expect((await state()).lines).toEqual(before.lines);
  });
});
