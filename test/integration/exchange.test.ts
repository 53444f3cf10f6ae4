// Exports of the sample landscapes through the API and the command line.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAmeff } from '#core/exchange/ameff.ts';
import { readUsagesAmeff } from '#core/exchange/ameff-read.ts';
import { toContentYaml } from '#core/exchange/content.ts';
import { applyGemmaImport, planGemmaImport } from '#core/exchange/gemma.ts';
import { readGemmaAmeff, toGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { loadGemma, readGemma } from '#core/exchange/gemma-read.ts';
import {
  applyInterfacesImport,
  planInterfacesImport,
  readInterfacesCsv,
  toInterfacesCsv,
} from '#core/exchange/interfaces-csv.ts';
import { applyLandscapeImport, planLandscapeImport, refusedOf } from '#core/exchange/landscape-import.ts';
import { loadLandscape } from '#core/exchange/load.ts';
import { MAX_BYTES, neutralise, readUsagesCsv, toUsagesCsv } from '#core/exchange/usages-csv.ts';
import { planUsagesImport } from '#core/exchange/usages-plan.ts';
import { applyUsagesImport } from '#core/exchange/usages-write.ts';
import { readUsagesXlsx, toUsagesXlsx } from '#core/exchange/usages-xlsx.ts';
import { accept } from '#core/proposals.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { loadContent } from '#prisma/seed/load.ts';
import { seed } from '#prisma/seed/seed.ts';
import { schemaErrors } from '../helpers/archimate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { countQueries, graphqlClient } from '../helpers/graphql.ts';
import { createUser } from '../helpers/users.ts';

// Every refusal an import could avoid by adding to the catalogue says how.
const ADD_UNKNOWN =
  'Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.';

let t: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
beforeAll(async () => {
  t = await createTestDatabase();
  gql = graphqlClient(
    t.db,
    (await createUser(t.db, 'architect@emmen.test', [{ organisation: 'emmen', role: 'VIEWER' }])).token,
  );
});
afterAll(() => t?.drop());

const withoutTimestamp = (xml: string) => xml.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, 'TIMESTAMP');

describe('ArchiMate export', () => {
  it('passes schema validation for every sample landscape', async () => {
    // One file per request: every organisation's file in one operation is over the API's cost limit.
    const slugs =
      (await gql<{ organisations: { slug: string }[] }>('{ organisations { slug } }')).data?.organisations.map(
        (o) => o.slug,
      ) ?? [];
    expect(slugs.length).toBeGreaterThan(0);
    const files = new Map<string, string>();
    for (const slug of slugs) {
      const res = await gql<{ organisation: { ameff: string } }>(
        'query($slug: String!) { organisation(slug: $slug) { ameff } }',
        { slug },
      );
      expect(res.errors).toBeUndefined();
      files.set(slug, res.data?.organisation.ameff ?? '');
    }
    for (const [slug, ameff] of files) {
      expect(await schemaErrors(ameff), slug).toEqual([]);
    }
    const emmen = files.get('emmen') ?? '';
    expect(emmen.match(/xsi:type="Flow"/g)?.length).toBeGreaterThan(40);
  });

  it('puts several landscapes side by side in one valid file, each in its own folder and group', async () => {
    const response = await gql<{ comparisonAmeff: string }>(
      'query { comparisonAmeff(organisations: ["emmen", "borger-odoorn", "coevorden", "dimpact"]) }',
    );
    const xml = response.data?.comparisonAmeff ?? '';
    expect(await schemaErrors(xml)).toEqual([]);
    const landscapes = await Promise.all(
      ['borger-odoorn', 'coevorden', 'dimpact', 'emmen'].map((slug) => loadLandscape(t.db, slug)),
    );
    const usages = landscapes.reduce((n, l) => n + (l?.usages.length ?? 0), 0);
    expect(
      xml.match(/<property propertyDefinitionRef="pd-swc-type">\s*<value xml:lang="nl">Pakketversie</g)?.length,
    ).toBe(usages);
    // Keys repeat between organisations; the slug keeps the element ids apart.
    expect(xml).toContain('identifier="gp-usage-emmen.');
    expect(xml).toContain('identifier="gp-usage-coevorden.');
    for (const l of landscapes) expect(xml).toContain(`<label xml:lang="nl">${l?.organisation.name}</label>`);
    // A GEMMA component the partners share is written once.
    const ids = [...xml.matchAll(/<element identifier="(id-[^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await gql('query { comparisonAmeff(organisations: ["emmen", "bestaat-niet"]) }')).data).toEqual({
      comparisonAmeff: null,
    });
  });

  it('reads a landscape in a fixed number of statements', async () => {
    const one = await countQueries(t.db, () => gql('{ organisation(slug: "emmen") { ameff } }'));
    const other = await countQueries(t.db, () => gql('{ organisation(slug: "borger-odoorn") { ameff } }'));
    expect(one.count).toBe(other.count);
  });

  it('offers the koppelingen CSV and the content file through the API too, the same as the command line writes', async () => {
    const response = await gql<{ organisation: { interfacesCsv: string; contentYaml: string } }>(
      '{ organisation(slug: "emmen") { interfacesCsv contentYaml } }',
    );
    const landscape = (await loadLandscape(t.db, 'emmen')) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>;
    expect(response.data?.organisation.interfacesCsv).toBe(toInterfacesCsv(landscape));
    expect(response.data?.organisation.contentYaml).toBe(await toContentYaml(t.db, 'emmen', 'operator'));
    expect(response.data?.organisation.contentYaml).toContain('interfaces:');
  });

  it('is for signed-in users only', async () => {
    const res = await graphqlClient(t.db)('{ organisation(slug: "emmen") { ameff } }');
    expect(res.errors?.[0]?.message).toBe('Log in om deze gegevens te zien.');
  });

  it('writes the same file from the command line', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'export.ts'), 'ameff', '--org', 'emmen'],
      {
        env: { ...process.env, DATABASE_URL: t.url },
        maxBuffer: 20_000_000,
      },
    );
    const res = await gql<{ organisation: { ameff: string } }>('{ organisation(slug: "emmen") { ameff } }');
    expect(withoutTimestamp(stdout)).toBe(withoutTimestamp(res.data?.organisation.ameff ?? ''));
  });
});

describe('usages as CSV', () => {
  const exportCsv = async (slug: string) =>
    toUsagesCsv((await loadLandscape(t.db, slug)) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>);
  const state = async () => [await t.db.prisma.usage.count(), await t.db.prisma.auditEvent.count()];

  it('round-trips: export, import into an empty landscape, export again gives the same file', async () => {
    const csv = await exportCsv('emmen');
    expect(csv.startsWith('\uFEFFSleutel;Leverancier;Pakket;')).toBe(true);
    const { records, problems } = readUsagesCsv(Buffer.from(csv));
    expect(problems).toEqual([]);
    const plan = await planUsagesImport(t.db, 'boce', records);
    expect(plan?.refused).toEqual([]);
    expect(plan?.rows.every((r) => r.action === 'ADD')).toBe(true);
    const before = await t.db.prisma.auditEvent.count();
    expect(await applyUsagesImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'emmen.csv')).toEqual({
      added: records.length,
      changed: 0,
    });
    // One event per usage and one for the file, all with source IMPORT; and one on each side per operator proposal.
    const events = await t.db.prisma.auditEvent.findMany({
      where: { createdAt: { gte: new Date(Date.now() - 60_000) }, source: 'IMPORT' },
      select: { entityType: true, entityId: true },
    });
    const proposals = await t.db.prisma.referenceProposal.count({ where: { proposingOrganisation: { slug: 'boce' } } });
    expect(await t.db.prisma.auditEvent.count()).toBe(before + records.length + 1 + 2 * proposals);
    // Other organisations named as operator become operator once they accept.
    expect(await acceptAllFrom('boce')).toBe(proposals);
    expect(await exportCsv('boce')).toBe(csv);
    expect(events.filter((e) => e.entityType === 'Import').map((e) => e.entityId)).toEqual(['emmen.csv']);
    // Importing the same file again changes nothing.
    const again = await planUsagesImport(t.db, 'boce', records);
    expect(again?.rows.every((r) => r.action === 'UNCHANGED')).toBe(true);
  });

  it('refuses unknown packages, GEMMA ids, versions, statuses and dates by line, and applies nothing', async () => {
    const csv = [
      'Sleutel;Leverancier;Pakket;Versie;Status;Verwerving sinds;Gepland sinds;In productie sinds;Uit te faseren sinds;Uitgefaseerd sinds;Referentiecomponenten (GEMMA-id)',
      'open-zaak;Maykin Media;Open Zaak;;In productie;;;2024-01-01;;;',
      'bestaat-niet;X;Bestaat Niet;;In productie;;;;;;',
      'zaak;Maykin Media;Open Zaak;99.9;Gepland;;;;;;',
      'foutje;Maykin Media;Open Zaak;;Half af;;;31-02-2024;;;00000000-0000-0000-0000-000000000000',
    ].join('\n');
    const before = await state();
    const { records } = readUsagesCsv(Buffer.from(csv));
    const plan = await planUsagesImport(t.db, 'coevorden', records);
    expect(plan?.refused).toEqual([
      { line: 3, message: `Pakket "Bestaat Niet" staat niet in de catalogus. ${ADD_UNKNOWN}` },
      { line: 4, message: `Pakket "Open Zaak" heeft geen versie "99.9". ${ADD_UNKNOWN}` },
      {
        line: 5,
        message:
          'Status "Half af" bestaat niet; kies Verwerving, Gepland, In productie, Uit te faseren, Uitgefaseerd. In productie sinds: "31-02-2024" is geen datum (JJJJ-MM-DD). Referentiecomponent 00000000-0000-0000-0000-000000000000 bestaat niet in GEMMA.',
      },
    ]);
    expect(plan?.rows.map((r) => [r.line, r.key, r.action])).toEqual([[2, 'open-zaak', 'CHANGE']]);
    await expect(
      applyUsagesImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'fout.csv'),
    ).rejects.toThrow(/geweigerde regels/);
    expect(await state()).toEqual(before);
  });

  it('refuses hostile files whole: too large, broken encoding, wrong columns', () => {
    expect(readUsagesCsv(new Uint8Array(MAX_BYTES + 1)).problems).toEqual([
      { line: 0, message: 'Het bestand is groter dan 5 MB.' },
    ]);
    expect(readUsagesCsv(Uint8Array.from([0x53, 0x6c, 0xff, 0xfe, 0x3b])).problems[0]?.message).toBe(
      'Het bestand is geen geldige UTF-8-tekst. Sla het op als CSV (UTF-8).',
    );
    // Only the package and its supplier are required: every other column may be left out, and then stays as it is.
    expect(readUsagesCsv(Buffer.from('Naam;Kleur\nA;rood')).problems.map((p) => p.message)).toEqual([
      'Kolommen ontbreken: Leverancier, Pakket.',
      'Onbekende kolommen: Naam, Kleur.',
    ]);
  });

  it('neutralises spreadsheet formulas in every exported cell', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'Open Zaak'].map(neutralise)).toEqual([
      '\'=HYPERLINK("x")',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      'Open Zaak',
    ]);
  });
});

describe('importUsages through the API (multipart upload)', () => {
  async function upload(token: string | null, csv: string, apply: boolean) {
    const body = new FormData();
    const query = `mutation($input: ImportUsagesInput!) { importUsages(input: $input) { __typename ... on Error { message }
      ... on ImportUsagesSuccess { data { applied added changed unchanged rows { line key action changes } refused { line message } } } } }`;
    body.set(
      'operations',
      JSON.stringify({
        query,
        variables: { input: { organisation: 'coevorden', fileName: 'coevorden.csv', file: null, apply } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    body.set('0', new File([csv], 'coevorden.csv', { type: 'text/csv' }));
    const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
      method: 'POST',
      body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return ((await response.json()) as { data: { importUsages: Record<string, unknown> } }).data.importUsages;
  }
  const header =
    'Sleutel;Leverancier;Pakket;Versie;Status;Verwerving sinds;Gepland sinds;In productie sinds;Uit te faseren sinds;Uitgefaseerd sinds;Referentiecomponenten (GEMMA-id)';

  it('runs dry first, applies on request, and refuses another organisation’s editor', async () => {
    const editor = await createUser(t.db, 'redacteur@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }]);
    const csv = `${header}\nnieuw-zaaksysteem;Maykin Media;Open Zaak;;Gepland;;2027-01-01;;;;`;
    const before = await t.db.prisma.usage.count();
    const dry = await upload(editor.token, csv, false);
    expect(dry).toMatchObject({
      __typename: 'ImportUsagesSuccess',
      data: { applied: false, added: 1, rows: [{ line: 2, key: 'nieuw-zaaksysteem', action: 'ADD' }], refused: [] },
    });
    expect(await t.db.prisma.usage.count()).toBe(before);
    const applied = await upload(editor.token, csv, true);
    expect(applied).toMatchObject({ data: { applied: true, added: 1 } });
    expect(await t.db.prisma.usage.count()).toBe(before + 1);
    const other = await createUser(t.db, 'redacteur@emmen-import.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    expect(await upload(other.token, csv, true)).toEqual({
      __typename: 'ForbiddenError',
      message: 'Je mag alleen gegevens van je eigen organisatie wijzigen.',
    });
  });
});

/** Accepts every pending proposal an organisation made, as the receiving organisations' editors would. */
async function acceptAllFrom(slug: string) {
  const pending = await t.db.prisma.referenceProposal.findMany({
    where: { proposingOrganisation: { slug }, status: 'PENDING' },
  });
  await t.db.prisma.$transaction(async (tx) => {
    for (const p of pending) await accept(tx, { label: 'test' }, 'UI', p);
  });
  return pending.length;
}

describe('usages as Excel', () => {
  const landscape = async (slug: string) =>
    (await loadLandscape(t.db, slug)) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>;

  it('round-trips: the two sheets read back as the rows of the CSV exports, and import into an empty landscape to the same workbook', async () => {
    const source = await landscape('coevorden');
    const xlsx = await toUsagesXlsx(source);
    const { records, interfaces, problems } = await readUsagesXlsx(xlsx);
    expect(problems).toEqual([]);
    expect(records).toEqual(readUsagesCsv(Buffer.from(toUsagesCsv(source))).records);
    expect(interfaces).toEqual(readInterfacesCsv(Buffer.from(toInterfacesCsv(source))).records);
    expect(interfaces?.length).toBe(source.interfaces.length);
    // An empty organisation for the round trip.
    await t.db.prisma.organisation.create({ data: { slug: 'leeg', name: 'Lege proefgemeente', type: 'MUNICIPALITY' } });
    const plan = await planLandscapeImport(t.db, 'leeg', xlsx);
    expect(plan && refusedOf(plan)).toEqual([]);
    await applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'coevorden.xlsx');
    // Other organisations named as operator become operator once they accept.
    expect(await acceptAllFrom('leeg')).toBeGreaterThan(0);
    const again = await readUsagesXlsx(await toUsagesXlsx(await landscape('leeg')));
    expect(again.records).toEqual(records);
    expect(again.interfaces).toEqual(interfaces);
  });

  it('refuses a workbook whose koppelingen sheet names a usage that is nowhere, by sheet and line, applying nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toUsagesXlsx(await landscape('emmen'))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Koppelingen');
    if (!sheet) throw new Error('De export heeft geen werkblad Koppelingen.');
    sheet.getCell('B3').value = 'bestaat-niet';
    await t.db.prisma.organisation.create({ data: { slug: 'leeg-excel', name: 'Leeg Excel', type: 'MUNICIPALITY' } });
    const plan = await planLandscapeImport(t.db, 'leeg-excel', new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(plan && refusedOf(plan)).toEqual([
      {
        line: 3,
        message: 'Werkblad Koppelingen, regel 3: Van (gebruik): gebruik "bestaat-niet" staat niet in dit landschap.',
      },
    ]);
    const count = await t.db.prisma.usage.count();
    await expect(
      applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'x.xlsx'),
    ).rejects.toThrow(/geweigerde regels/);
    expect(await t.db.prisma.usage.count()).toBe(count);
  });

  it('never runs a formula: a formula cell arrives as text and is refused as an unknown package', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Gebruik');
    sheet.addRow([
      'Sleutel',
      'Leverancier',
      'Pakket',
      'Versie',
      'Status',
      'Verwerving sinds',
      'Gepland sinds',
      'In productie sinds',
      'Uit te faseren sinds',
      'Uitgefaseerd sinds',
      'Referentiecomponenten (GEMMA-id)',
    ]);
    sheet.addRow(['x', 'Y']);
    sheet.getCell('C2').value = { formula: 'HYPERLINK("http://example.invalid","Open Zaak")', result: 'Open Zaak' };
    sheet.getCell('E2').value = 'In productie';
    const { records } = await readUsagesXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(records[0]?.Pakket).toBe('=HYPERLINK("http://example.invalid","Open Zaak")');
    const plan = await planUsagesImport(t.db, 'leeg', records);
    expect(plan?.refused[0]?.message).toContain('staat niet in de catalogus');
  });

  it('refuses a file that is not a workbook', async () => {
    expect((await readUsagesXlsx(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).problems).toEqual([
      { line: 0, message: 'Het bestand is geen leesbaar Excel-bestand (.xlsx).' },
    ]);
  });
});

describe('usages from an ArchiMate file', () => {
  const landscape = async (slug: string) =>
    (await loadLandscape(t.db, slug)) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>;
  const state = async () => [await t.db.prisma.usage.count(), await t.db.prisma.auditEvent.count()];

  it('reads the usages of an export back, with their GEMMA components, into an empty landscape', async () => {
    const source = await landscape('borger-odoorn');
    const { records, problems } = readUsagesAmeff(Buffer.from(toAmeff(source)));
    expect(problems).toEqual([]);
    expect(records).toHaveLength(source.usages.length);
    await t.db.prisma.organisation.create({
      data: { slug: 'leeg-archimate', name: 'Lege proefgemeente 2', type: 'MUNICIPALITY' },
    });
    const plan = await planUsagesImport(t.db, 'leeg-archimate', records);
    expect(plan?.refused).toEqual([]);
    await applyUsagesImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'borger-odoorn.xml');
    const copy = await landscape('leeg-archimate');
    const shape = (l: typeof source) =>
      l.usages.map((u) => [u.key, u.name, u.version, u.status, u.statusSince, [...u.referenceComponentIds].sort()]);
    expect(shape(copy)).toEqual(shape(source));
  });

  it('round-trips a whole landscape: usages with operator and BIV, and koppelingen, give the same file again', async () => {
    const source = await landscape('emmen');
    expect(source.interfaces.length).toBeGreaterThan(3);
    expect(source.usages.some((u) => u.operator && u.availability)).toBe(true);
    const xml = toAmeff(source);
    await t.db.prisma.organisation.create({
      data: { slug: 'archimate-kopie', name: 'Archimate-kopie', type: 'MUNICIPALITY' },
    });
    const plan = await planLandscapeImport(t.db, 'archimate-kopie', Buffer.from(xml));
    expect(plan && refusedOf(plan)).toEqual([]);
    expect(plan?.interfaces?.rows.map((r) => r.action)).toEqual(source.interfaces.map(() => 'ADD'));
    const before = await t.db.prisma.auditEvent.count();
    await applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'emmen.xml');
    // One event per usage and per koppeling, one for the file, and one on each side per operator proposal.
    const proposals = await t.db.prisma.referenceProposal.count({
      where: { proposingOrganisation: { slug: 'archimate-kopie' } },
    });
    expect(await t.db.prisma.auditEvent.count()).toBe(
      before + source.usages.length + source.interfaces.length + 1 + 2 * proposals,
    );
    // Other organisations named as operator become operator once they accept.
    expect(await acceptAllFrom('archimate-kopie')).toBe(proposals);
    const copy = await landscape('archimate-kopie');
    expect(withoutTimestamp(toAmeff({ ...copy, organisation: source.organisation }))).toBe(withoutTimestamp(xml));
    // The same file again changes nothing.
    const again = await planLandscapeImport(t.db, 'archimate-kopie', Buffer.from(xml));
    expect([...(again?.rows ?? []), ...(again?.interfaces?.rows ?? [])].every((r) => r.action === 'UNCHANGED')).toBe(
      true,
    );
  });

  it('reads a file without Grondplan keys: usages get keys, flows find them, facilities by name', async () => {
    const source = await landscape('borger-odoorn');
    expect(source.interfaces.some((i) => i.externalServiceId)).toBe(true);
    expect(source.interfaces.some((i) => i.toUsageId)).toBe(true);
    const bare = toAmeff(source).replace(
      /\s*<property propertyDefinitionRef="pd-grondplan-key">\s*<value[^>]*>[^<]*<\/value>\s*<\/property>/g,
      '',
    );
    expect(bare).not.toContain('pd-grondplan-key">');
    await t.db.prisma.organisation.create({
      data: { slug: 'zonder-sleutels', name: 'Zonder sleutels', type: 'MUNICIPALITY' },
    });
    const plan = await planLandscapeImport(t.db, 'zonder-sleutels', Buffer.from(bare));
    expect(plan && refusedOf(plan)).toEqual([]);
    await applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'borger-odoorn-kaal.xml');
    const copy = await landscape('zonder-sleutels');
    const ends = (l: typeof source) =>
      l.interfaces
        .map((i) => {
          const name = (id: string | null) => l.usages.find((u) => u.id === id)?.name ?? null;
          return [name(i.fromUsageId), name(i.toUsageId), i.externalServiceId, i.type, i.direction, i.copiesData].join(
            '|',
          );
        })
        .sort();
    expect(ends(copy)).toEqual(ends(source));
  });

  it('refuses a koppeling to an element it does not know, and applies neither it nor the usages', async () => {
    const source = await landscape('borger-odoorn');
    const xml = toAmeff(source).replace(
      /(<relationship identifier="gp-flow-[^"]+" source=")[^"]+"/,
      '$1gp-usage-bestaat-niet"',
    );
    await t.db.prisma.organisation.create({ data: { slug: 'halve-archimate', name: 'Halve', type: 'MUNICIPALITY' } });
    const plan = await planLandscapeImport(t.db, 'halve-archimate', Buffer.from(xml));
    // A flow from an unknown element is no koppeling of this landscape: it is left out, and said so by count.
    expect(plan?.interfaces?.rows.length).toBe(source.interfaces.length - 1);
    const withBadStandard = toAmeff(source).replace(
      /(pd-standard-ids">\s*<value xml:lang="nl">)[^<]+/,
      '$1onbekend-id',
    );
    const bad = await planLandscapeImport(t.db, 'halve-archimate', Buffer.from(withBadStandard));
    expect(bad && refusedOf(bad).map((p) => p.message)).toEqual([
      expect.stringMatching(/^Koppeling \(relatie \d+\): Standaard onbekend-id bestaat niet in GEMMA\.$/),
    ]);
    const count = await t.db.prisma.usage.count();
    await expect(
      applyLandscapeImport(t.db, bad as NonNullable<typeof bad>, { label: 'test' }, 'fout.xml'),
    ).rejects.toThrow(/geweigerde regels/);
    expect(await t.db.prisma.usage.count()).toBe(count);
  });

  it('refuses XXE, entity expansion, oversized and malformed files, changing nothing', async () => {
    const before = await state();
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE model [<!ENTITY x SYSTEM "file:///etc/passwd">]><model><name>&x;</name></model>';
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><model><name>&lol9;</name></model>`;
    const refusal = 'Het bestand bevat een DOCTYPE of entiteiten; die worden om veiligheidsredenen niet gelezen.';
    expect(readUsagesAmeff(Buffer.from(xxe)).problems).toEqual([{ line: 0, message: refusal }]);
    expect(readUsagesAmeff(Buffer.from(laughs)).problems).toEqual([{ line: 0, message: refusal }]);
    expect(readUsagesAmeff(new Uint8Array(50_000_000)).problems).toEqual([
      { line: 0, message: 'Het bestand is groter dan 30 MB.' },
    ]);
    expect(readUsagesAmeff(Buffer.from('<model><elements></model>')).problems[0]?.message).toMatch(
      /^Het bestand is geen geldige XML: /,
    );
    expect(readUsagesAmeff(Buffer.from('<boek/>')).problems).toEqual([
      { line: 1, message: 'Dit is geen ArchiMate-uitwisselbestand: het <model>-element ontbreekt.' },
    ]);
    expect(await state()).toEqual(before);
  });
});

describe('GEMMA model import', () => {
  const gemmaDir = path.join(projectRoot, 'content', 'gemma');

  it('finds nothing to do for the GEMMA data it was seeded with', async () => {
    const { data, problems } = readGemma(gemmaDir);
    expect(problems).toEqual([]);
    const plan = await planGemmaImport(t.db, data as NonNullable<typeof data>);
    expect(plan.changes).toEqual([]);
    expect(plan.unchanged).toBeGreaterThan(400);
    expect([plan.links, plan.flows]).toEqual([
      { added: 0, removed: 0 },
      { added: 0, removed: 0 },
    ]);
  });

  // The GEMMA extracts end their lines with CRLF; rows added here do the same.
  it('reports and applies a renamed component, a new standard and a dropped flow by GEMMA id, audited', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gemma-'));
    cpSync(gemmaDir, dir, { recursive: true });
    const components = readFileSync(path.join(dir, 'referentiecomponenten.csv'), 'utf8').split('\n');
    const [firstId] = (components[1] ?? '').split(',');
    writeFileSync(
      path.join(dir, 'referentiecomponenten.csv'),
      components
        .map((line, i) => (i === 1 ? line.replace(/^([^,]+),([^,]+),/, '$1,Hernoemde component,') : line))
        .join('\n'),
    );
    const standards = readFileSync(path.join(dir, 'standaarden.csv'), 'utf8');
    writeFileSync(
      path.join(dir, 'standaarden.csv'),
      `${standards.trimEnd()}\r\n11111111-2222-3333-4444-555555555555,Nieuwe Standaard,In gebruik,,,\r\n`,
    );
    const flows = readFileSync(path.join(dir, 'referentiecomponent-stromen.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(path.join(dir, 'referentiecomponent-stromen.csv'), `${flows.slice(0, -1).join('\n')}\n`);
    const { data, problems } = readGemma(dir);
    expect(problems).toEqual([]);
    const plan = await planGemmaImport(t.db, data as NonNullable<typeof data>);
    expect(plan.changes.map((c) => [c.kind, c.action, c.name, c.fields])).toEqual([
      ['referentiecomponent', 'CHANGE', 'Hernoemde component', ['name']],
      ['standaard', 'ADD', 'Nieuwe Standaard', []],
    ]);
    expect(plan.flows).toEqual({ added: 0, removed: 1 });
    const audit = await t.db.prisma.auditEvent.count();
    await applyGemmaImport(t.db, plan, { label: 'test' }, 'gemma-aangepast');
    expect((await t.db.prisma.referenceComponent.findUnique({ where: { id: firstId ?? '' } }))?.name).toBe(
      'Hernoemde component',
    );
    expect(await t.db.prisma.standard.count({ where: { id: '11111111-2222-3333-4444-555555555555' } })).toBe(1);
    expect(await t.db.prisma.referenceComponentFlow.count()).toBe(flows.length - 2);
    expect(await t.db.prisma.auditEvent.count()).toBe(audit + 3);
  });

  it('refuses links to unknown GEMMA ids by file and row, and a missing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gemma-'));
    cpSync(gemmaDir, dir, { recursive: true });
    const links = readFileSync(path.join(dir, 'referentiecomponent-standaarden.csv'), 'utf8');
    writeFileSync(
      path.join(dir, 'referentiecomponent-standaarden.csv'),
      `${links.trimEnd()}\r\n00000000-0000-0000-0000-000000000000,11111111-1111-1111-1111-111111111111,Verplicht\r\n`,
    );
    const rows = links.trimEnd().split('\n').length;
    expect(readGemma(dir).problems).toEqual([
      {
        file: 'referentiecomponent-standaarden.csv',
        row: rows,
        message: 'Onbekende referentiecomponent 00000000-0000-0000-0000-000000000000.',
      },
      {
        file: 'referentiecomponent-standaarden.csv',
        row: rows,
        message: 'Onbekende standaard 11111111-1111-1111-1111-111111111111.',
      },
    ]);
    expect(readGemma(path.join(dir, 'bestaat-niet')).problems[0]).toEqual({
      file: 'referentiecomponenten.csv',
      row: 0,
      message: 'Het bestand ontbreekt.',
    });
  });

  it('writes the GEMMA model as a valid exchange file that reads back to the same model, with nothing to import', async () => {
    const model = await loadGemma(t.db);
    const xml = toGemmaAmeff(model, '2026-11-29T00:00:00.000Z');
    expect(await schemaErrors(xml)).toEqual([]);
    const { data, problems } = readGemmaAmeff(Buffer.from(xml), 'gemma.xml');
    expect(problems).toEqual([]);
    const sorted = (d: typeof model) =>
      Object.fromEntries(Object.entries(d).map(([k, rows]) => [k, rows.map((r: object) => JSON.stringify(r)).sort()]));
    expect(sorted(data as typeof model)).toEqual(sorted(model));
    expect(model.standards.length).toBeGreaterThan(100);
    expect(model.links.length).toBeGreaterThan(100);
    const plan = await planGemmaImport(t.db, data as typeof model);
    expect([plan.changes, plan.links, plan.flows]).toEqual([[], { added: 0, removed: 0 }, { added: 0, removed: 0 }]);
  });

  it('reports and applies a renamed component and a dropped flow from a GEMMA exchange file, audited', async () => {
    const model = await loadGemma(t.db);
    const [first] = model.components;
    let xml = toGemmaAmeff(model, '2026-11-29T00:00:00.000Z').replace(
      `<element identifier="id-${first?.id}" xsi:type="ApplicationComponent">\n      <name xml:lang="nl">${first?.naam}</name>`,
      `<element identifier="id-${first?.id}" xsi:type="ApplicationComponent">\n      <name xml:lang="nl">Anders genoemd</name>`,
    );
    xml = xml.replace(
      /\s*<relationship identifier="gp-gemma-flow-1"[^>]*>(?:(?!<\/relationship>)[\s\S])*<\/relationship>/,
      '',
    );
    const { data, problems } = readGemmaAmeff(Buffer.from(xml), 'gemma.xml');
    expect(problems).toEqual([]);
    const plan = await planGemmaImport(t.db, data as NonNullable<typeof data>);
    expect(plan.changes.map((c) => [c.kind, c.action, c.name, c.fields])).toEqual([
      ['referentiecomponent', 'CHANGE', 'Anders genoemd', ['name']],
    ]);
    expect(plan.flows).toEqual({ added: 0, removed: 1 });
    const audit = await t.db.prisma.auditEvent.count();
    await applyGemmaImport(t.db, plan, { label: 'test' }, 'gemma.xml');
    expect((await t.db.prisma.referenceComponent.findUnique({ where: { id: first?.id ?? '' } }))?.name).toBe(
      'Anders genoemd',
    );
    expect(await t.db.prisma.referenceComponentFlow.count()).toBe(model.flows.length - 1);
    expect(await t.db.prisma.auditEvent.count()).toBe(audit + 2);
  });

  it('refuses a landscape file as a GEMMA model, and a link to an unknown standard by relationship', async () => {
    const landscapeXml = toAmeff(
      (await loadLandscape(t.db, 'emmen')) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>,
    );
    const refused = readGemmaAmeff(Buffer.from(landscapeXml), 'emmen.xml');
    expect(refused.data).toBeNull();
    expect(refused.problems).toEqual([
      {
        file: 'emmen.xml',
        row: 0,
        message: 'Dit bestand bevat geen GEMMA-standaarden (GEMMA type "Standaard"); is het wel een GEMMA-model?',
      },
    ]);
    const xml = toGemmaAmeff(await loadGemma(t.db), '2026-11-29T00:00:00.000Z');
    const broken = xml.replace(
      /(<relationship identifier="gp-link-[^"]+" source="[^"]+" target=")[^"]+"/,
      '$1id-onbekend"',
    );
    const { problems } = readGemmaAmeff(Buffer.from(broken), 'gemma.xml');
    expect(problems).toEqual([]);
    // A relationship to an element the file does not have is no link at all; one to an unknown Object ID is refused.
    const unknown = xml.replace(
      /(pd-object-id">\s*<value xml:lang="nl">)([0-9a-f-]+)(<\/value>\s*<\/property>\s*<property propertyDefinitionRef="pd-gemma-status">\s*<value xml:lang="nl">[^<]*<\/value>\s*<\/property>\s*<property propertyDefinitionRef="pd-maintainer")/,
      '$1aaaaaaaa-0000-0000-0000-000000000000$3',
    );
    expect(readGemmaAmeff(Buffer.from(unknown), 'gemma.xml').problems).toEqual([]);
    expect(
      readGemmaAmeff(Buffer.from(xml.replace('<model ', '<!DOCTYPE x [<!ENTITY a "b">]><model ')), 'gemma.xml')
        .problems,
    ).toEqual([
      {
        file: 'gemma.xml',
        row: 0,
        message: 'Het bestand bevat een DOCTYPE of entiteiten; die worden om veiligheidsredenen niet gelezen.',
      },
    ]);
  });
  it('imports through the API for instance administrators only, from the CSV extracts or one exchange file', async () => {
    const admin = await createUser(t.db, 'gemma-beheer@grondplan.test', [], { instanceAdmin: true });
    const editor = await createUser(t.db, 'gemma-redacteur@emmen.test', [{ organisation: 'emmen', role: 'ADMIN' }]);
    const send = async (token: string, files: File[], apply: boolean) => {
      const query = `mutation ($input: ImportGemmaInput!) { importGemma(input: $input) {
        __typename ... on Error { message }
        ... on ImportGemmaSuccess { data { applied unchanged changes { kind gemmaId name action fields } links { added removed } flows { added removed } refused { file row message } } } } }`;
      const body = new FormData();
      body.set('operations', JSON.stringify({ query, variables: { input: { files: files.map(() => null), apply } } }));
      body.set('map', JSON.stringify(Object.fromEntries(files.map((_, i) => [i, [`variables.input.files.${i}`]]))));
      files.forEach((f, i) => {
        body.set(String(i), f);
      });
      const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await response.json()) as { data: { importGemma: Record<string, unknown> } }).data.importGemma;
    };
    const csv = [
      'referentiecomponenten.csv',
      'standaarden.csv',
      'referentiecomponent-standaarden.csv',
      'referentiecomponent-stromen.csv',
      'buitengemeentelijke-voorzieningen.csv',
    ].map(
      (name) => new File([readFileSync(path.join(projectRoot, 'content', 'gemma', name))], name, { type: 'text/csv' }),
    );
    expect(await send(editor.token, csv, false)).toEqual({
      __typename: 'ForbiddenError',
      message: 'Alleen beheerders van Grondplan mogen het GEMMA-model inlezen.',
    });
    // The model as the API writes it reads back with nothing to change.
    const current = (await gql<{ gemmaAmeff: string }>('{ gemmaAmeff }')).data?.gemmaAmeff ?? '';
    expect(current).toContain('<name xml:lang="nl">GEMMA-referentiecomponenten en standaarden</name>');
    const fromFile = await send(admin.token, [new File([current], 'gemma.xml', { type: 'application/xml' })], true);
    expect(fromFile).toMatchObject({
      __typename: 'ImportGemmaSuccess',
      data: {
        applied: true,
        changes: [],
        links: { added: 0, removed: 0 },
        flows: { added: 0, removed: 0 },
        refused: [],
      },
    });
    // The repository's extracts put back what earlier tests changed: a component's name and a flow.
    const fromCsv = (await send(admin.token, csv, false)) as {
      data: { applied: boolean; changes: { kind: string; action: string }[]; refused: unknown[] };
    };
    expect(fromCsv.data.applied).toBe(false);
    expect(fromCsv.data.refused).toEqual([]);
    expect(fromCsv.data.changes.map((c) => `${c.kind} ${c.action}`)).toContain('referentiecomponent CHANGE');
    expect(await send(admin.token, csv.slice(0, 4), false)).toMatchObject({
      data: {
        applied: false,
        refused: [{ file: 'buitengemeentelijke-voorzieningen.csv', row: 0, message: 'Het bestand ontbreekt.' }],
      },
    });
  });
});

describe('content round trip', () => {
  it('exports a landscape to the content format; seeding that file and exporting again gives the same file', async () => {
    const exported = (await toContentYaml(t.db, 'coevorden', 'operator')) as string;
    const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
    cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'landscapes', 'coevorden.yaml'), exported);
    // The exported file passes the same checks as hand-written content.
    const content = loadContent(dir);
    // Every stored field of the landscape, so a field the export forgot would show up as a change.
    const landscape = async () =>
      JSON.stringify(
        await t.db.prisma.organisation.findUnique({
          where: { slug: 'coevorden' },
          select: {
            usages: {
              orderBy: { key: 'asc' },
              omit: { updatedAt: true, createdAt: true },
              include: {
                referenceComponents: { orderBy: { referenceComponentId: 'asc' } },
                members: true,
                beheerLoads: { orderBy: { role: 'asc' } },
              },
            },
            interfaces: {
              orderBy: { key: 'asc' },
              omit: { updatedAt: true, createdAt: true },
              include: { standards: { orderBy: { standardId: 'asc' } } },
            },
          },
        }),
      );
    const before = await landscape();
    await seed(t.db.prisma, content);
    expect(await landscape()).toBe(before);
    expect(await toContentYaml(t.db, 'coevorden', 'operator')).toBe(exported);
  });
});

describe('koppelingen as CSV', () => {
  it('round-trips into a landscape with the same usages, and re-importing changes nothing', async () => {
    await t.db.prisma.organisation.create({
      data: { slug: 'koppel-proef', name: 'Koppelproef', type: 'MUNICIPALITY' },
    });
    const usages = readUsagesCsv(
      Buffer.from(
        toUsagesCsv((await loadLandscape(t.db, 'emmen')) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>),
      ),
    ).records;
    const usagePlan = await planUsagesImport(t.db, 'koppel-proef', usages);
    await applyUsagesImport(t.db, usagePlan as NonNullable<typeof usagePlan>, { label: 'test' }, 'emmen.csv');
    const load = async (slug: string) =>
      (await loadLandscape(t.db, slug)) as NonNullable<Awaited<ReturnType<typeof loadLandscape>>>;
    const csv = toInterfacesCsv(await load('emmen'));
    const plan = await planInterfacesImport(t.db, 'koppel-proef', Buffer.from(csv));
    expect(plan?.refused).toEqual([]);
    await applyInterfacesImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'koppelingen.csv');
    expect(toInterfacesCsv(await load('koppel-proef'))).toBe(csv);
    const again = await planInterfacesImport(t.db, 'koppel-proef', Buffer.from(csv));
    expect(again?.rows.every((r) => r.action === 'UNCHANGED')).toBe(true);
  });

  it('refuses unknown usages, two other ends, unknown types and standards by line, changing nothing', async () => {
    const csv = [
      'Sleutel;Van (gebruik);Naar (gebruik);Naar (landelijke voorziening);Via (gebruik);Soort;Richting;Status;Kopieert gegevens;Standaarden (GEMMA-id);Omschrijving',
      'a;bestaat-niet;zac;;;API;A_TO_B;IN_USE;nee;;',
      'b;zac;open-zaak;DigiD;;POSTDUIF;A_TO_B;IN_USE;misschien;00000000-0000-0000-0000-000000000000;',
    ].join('\n');
    const before = await t.db.prisma.interface.count();
    const plan = await planInterfacesImport(t.db, 'emmen', Buffer.from(csv));
    expect(plan?.refused).toEqual([
      { line: 2, message: 'Van (gebruik): gebruik "bestaat-niet" staat niet in dit landschap.' },
      {
        line: 3,
        message:
          'Vul precies één van "Naar (gebruik)" en "Naar (landelijke voorziening)" in. Soort "POSTDUIF" bestaat niet; kies API, WEBSERVICE, FILE_TRANSFER, DIGIKOPPELING, MESSAGE_QUEUE, PORTAL_UPLOAD. Kopieert gegevens "misschien": vul ja of nee in. Standaard 00000000-0000-0000-0000-000000000000 bestaat niet in GEMMA.',
      },
    ]);
    await expect(
      applyInterfacesImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'fout.csv'),
    ).rejects.toThrow(/geweigerde regels/);
    expect(await t.db.prisma.interface.count()).toBe(before);
  });
});

describe('importInterfaces through the API (multipart upload)', () => {
  it('plans and applies koppelingen for an editor of the organisation', async () => {
    const editor = await createUser(t.db, 'koppelaar@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }]);
    const csv = [
      'Sleutel;Van (gebruik);Naar (gebruik);Naar (landelijke voorziening);Via (gebruik);Soort;Richting;Status;Kopieert gegevens;Standaarden (GEMMA-id);Omschrijving',
      'zac--corsa-proef;zac;corsa;;;API;A_TO_B;IN_DEVELOPMENT;nee;;Proefkoppeling',
    ].join('\r\n');
    const send = async (apply: boolean) => {
      const body = new FormData();
      const query = `mutation($input: ImportInterfacesInput!) { importInterfaces(input: $input) { __typename ... on Error { message }
        ... on ImportInterfacesSuccess { data { applied added refused { line message } } } } }`;
      body.set(
        'operations',
        JSON.stringify({
          query,
          variables: { input: { organisation: 'coevorden', fileName: 'k.csv', file: null, apply } },
        }),
      );
      body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
      body.set('0', new File([csv], 'k.csv', { type: 'text/csv' }));
      const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${editor.token}` },
      });
      return ((await response.json()) as { data: { importInterfaces: unknown } }).data.importInterfaces;
    };
    const before = await t.db.prisma.interface.count();
    expect(await send(false)).toEqual({
      __typename: 'ImportInterfacesSuccess',
      data: { applied: false, added: 1, refused: [] },
    });
    expect(await t.db.prisma.interface.count()).toBe(before);
    expect(await send(true)).toEqual({
      __typename: 'ImportInterfacesSuccess',
      data: { applied: true, added: 1, refused: [] },
    });
    expect(await t.db.prisma.interface.count()).toBe(before + 1);
  });
});
