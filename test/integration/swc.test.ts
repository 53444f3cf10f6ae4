// The Softwarecatalogus's own "applicaties" export both ways: the hand-written fixture after its documented layout
// (test/fixtures/swc/README.md), the JSON variant, kept fields, the dry run's column list, Dutch refusals, the round
// trip of every sample landscape and the command line.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySwcImport, swcApplications, toSwcCsv, toSwcJson } from '#core/exchange/swc.ts';
import { SWC_COLUMNS } from '#core/exchange/swc-columns.ts';
import { planSwcImport } from '#core/exchange/swc-plan.ts';
import { readSwc } from '#core/exchange/swc-read.ts';
import { keptFields } from '#core/exchange/swc-values.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

const fixture = (name: string) => readFileSync(path.join(projectRoot, 'test', 'fixtures', 'swc', name));
const csv = fixture('export-applicaties.csv');
const json = fixture('applicaties-api.json');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const run = (script: string, args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', script), ...args], {
    env: { ...process.env, DATABASE_URL: t.url },
    maxBuffer: 20_000_000,
  }).catch((error: { stdout: string; stderr: string; code: number }) => error);

const ZAC_KEPT = {
  _koppelingen: ['Landelijk Portaal X'],
  _referentieComponenten: ['Dossierbehandelcomponent'],
  beschrijvingKort: "Zaakafhandeling op de ZGW-API's.",
  cloudDienstverleningsmodel: 'SaaS',
  geregistreerdDoor: 'Gemeente Voorbeeld',
  hostingJurisdictie: 'EU',
  hostingLocatie: 'Duitsland',
  id: '7d2e9b14-21c4-4f6a-8e3b-5a9c0d1e2f02',
  koppelingen: ['60718293-a4b5-4c63-8e7f-8a9b0c1d2e13'],
  moduleVersies: ['70819203-b5c6-4d74-9f80-9a0b1c2d3e14'],
  referentieComponenten: ['9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c12'],
};

describe('reading the export', () => {
  it('reads every field of the CSV: JSON arrays in cells, "" and "[]" as empty lists', () => {
    const read = readSwc(csv);
    expect(read.problems).toEqual([]);
    expect(read.format).toBe('csv');
    expect(read.columns).toEqual([...SWC_COLUMNS]);
    expect(read.rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    const [openZaak, , , keycloak] = read.rows;
    expect(openZaak?.values.referentieComponenten).toEqual([
      'a97b6545-d5a7-485d-9b13-3ce22db5b9cf',
      '0e99ec6c-283a-4ec9-8efa-e11468e6b878',
    ]);
    expect(openZaak?.values.standaardenGemma).toEqual([]);
    expect(keycloak?.values.koppelingen).toEqual([]);
    expect(keycloak?.values.licentie).toBe('Apache-2.0');
  });

  it('reads the API page ("results") as the same applications, the register metadata ignored', () => {
    const read = readSwc(json);
    expect(read.problems).toEqual([]);
    expect(read.format).toBe('json');
    expect(read.rows.map((r) => r.values)).toEqual(readSwc(csv).rows.map((r) => r.values));
    expect(read.columns.filter((c) => !(SWC_COLUMNS as readonly string[]).includes(c))).toEqual(['@self']);
  });

  it('refuses what is not an export, in Dutch', () => {
    expect(readSwc(Buffer.from('{"count": 3}')).problems).toEqual([
      {
        line: 0,
        message:
          'Het JSON-bestand is geen lijst van applicaties en heeft geen lijst "results" (zoals de API van de Softwarecatalogus die geeft).',
      },
    ]);
    expect(readSwc(Buffer.from('[{"naam": "A"')).problems).toEqual([
      { line: 0, message: 'Het bestand is geen geldige JSON.' },
    ]);
    expect(readSwc(Buffer.from('Sleutel;Leverancier;Pakket\na;b;c')).problems).toEqual([
      {
        line: 1,
        message: `Het bestand is gescheiden door puntkomma's en heeft de kolommen Sleutel, Leverancier, Pakket; verwacht: ${SWC_COLUMNS.join(', ')}.`,
      },
    ]);
    expect(readSwc(Buffer.from('"id","naam","koppelingen"\n"1","Open Zaak","[""a"""\n')).problems).toEqual([
      { line: 2, message: 'Kolom koppelingen: "["a"" is geen JSON-lijst van teksten.' },
    ]);
    expect(readSwc(Buffer.from('"id","naam"\n"1","Open "Zaak"\n')).problems).toEqual([
      {
        line: 2,
        message:
          "Het bestand is geen leesbare CSV (gescheiden door komma's) op regel 2: na een afsluitend aanhalingsteken staat geen scheidingsteken of regeleinde.",
      },
    ]);
  });
});

describe('planning and applying the fixture', () => {
  it('lists every column with what it becomes, and plans usages and koppelingen', async () => {
    const plan = await planSwcImport(t.db, 'boce', csv);
    expect(plan?.refused).toEqual([]);
    expect(plan?.columns.map((c) => c.column)).toEqual([...SWC_COLUMNS]);
    const by = (treatment: string) => plan?.columns.filter((c) => c.treatment === treatment).map((c) => c.column);
    expect(by('MAPPED')).toEqual([
      'naam',
      'cloudDienstverleningsmodel',
      'hostingJurisdictie',
      '_aanbieder',
      'licentietype',
      'licentie',
      'referentieComponenten',
      '_referentieComponenten',
      'koppelingen',
      '_koppelingen',
      'moduleVersies',
      '_moduleVersies',
    ]);
    // A contact person (a personal name or e-mail address) is not read: kept fields are public.
    expect(by('IGNORED')).toEqual(['contactpersoon', '_contactpersoon']);
    expect(by('KEPT')).toHaveLength(33 - 12 - 2);
    expect(plan?.columns.find((c) => c.column === 'naam')?.target).toBe('pakket (herkend in de catalogus)');
    expect(plan?.rows.map((r) => [r.line, r.key, r.product, r.action])).toEqual([
      [2, 'open-zaak', 'Open Zaak', 'ADD'],
      [3, 'zac', 'Zaakafhandelcomponent (ZAC)', 'ADD'],
      [4, 'open-formulieren', 'Open Formulieren', 'ADD'],
      [5, 'keycloak', 'Keycloak', 'ADD'],
      [2, 'open-zaak-zac', 'Koppeling', 'ADD'],
      [4, 'open-formulieren-open-zaak', 'Koppeling', 'ADD'],
    ]);
    expect(
      plan?.interfaces?.rows.map((r) => [r.data.fromUsage, r.data.toUsage, r.data.direction, r.data.type]),
    ).toEqual([
      ['open-zaak', 'zac', 'BOTH', 'API'],
      ['open-formulieren', 'open-zaak', 'A_TO_B', 'API'],
    ]);
    const notes = plan?.notes.map((n) => `${n.line} ${n.message}`) ?? [];
    // "Maykin" is a known other name of Maykin Media in the catalogue (content/suppliers.yaml).
    expect(notes).toContain('2 Leverancier "Maykin" herkend als Maykin Media (bekende andere naam "Maykin").');
    expect(notes).toContain(
      '3 Referentiecomponent "Dossierbehandelcomponent" staat niet in GEMMA; bewaard bij het gebruik.',
    );
    expect(notes).toContain(
      '3 cloudDienstverleningsmodel: het bestand zegt "SaaS", de catalogus "PaaS" bij Zaakafhandelcomponent (ZAC); de catalogus blijft zoals hij is, de waarde is bewaard bij het gebruik.',
    );
    expect(notes).toContain(
      '3 Koppeling met "Landelijk Portaal X": de andere kant staat niet in het landschap of in het bestand; niet geplaatst, bewaard bij het gebruik.',
    );
    expect(notes).toContain(
      '4 Versie "2.8" van Open Formulieren is niet bekend; de versie blijft zoals hij is. Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.',
    );
    // The JSON variant plans the same, apart from its column list (with @self ignored).
    const fromJson = await planSwcImport(t.db, 'boce', json);
    // Its lines are the applications' places in the list: the CSV's lines minus the header.
    expect(fromJson?.rows).toEqual(plan?.rows.map((r) => ({ ...r, line: r.line - 1 })));
    expect(fromJson?.kept).toEqual(plan?.kept);
    expect(fromJson?.columns.find((c) => c.column === '@self')).toEqual({
      column: '@self',
      treatment: 'IGNORED',
      target: 'onbekende kolom; genegeerd',
    });
  });

  it('applies in one transaction, audited, keeps the rest on the usage and leaves the catalogue alone', async () => {
    const p = t.db.prisma;
    const boce = await p.organisation.findUniqueOrThrow({ where: { slug: 'boce' }, select: { id: true } });
    const zacBefore = await p.product.findUniqueOrThrow({ where: { slug: 'zac' } });
    const auditBefore = await p.auditEvent.count();
    const plan = await planSwcImport(t.db, 'boce', csv);
    const result = await applySwcImport(
      t.db,
      plan as NonNullable<typeof plan>,
      { label: 'test' },
      'export-applicaties.csv',
    );
    expect(result).toEqual({ usages: { added: 4, changed: 0 }, interfaces: { added: 2, changed: 0 } });
    // Per usage its creation and its kept fields, per koppeling one record, and one for the file.
    const events = await p.auditEvent.findMany({
      where: { organisationId: boce.id },
      select: { entityType: true, action: true },
    });
    expect(await p.auditEvent.count()).toBe(auditBefore + 4 + 4 + 2 + 1);
    expect(events.filter((e) => e.entityType === 'Import')).toHaveLength(1);
    const usages = await p.usage.findMany({
      where: { organisationId: boce.id },
      orderBy: { key: 'asc' },
      select: {
        key: true,
        status: true,
        externalFields: true,
        version: { select: { name: true } },
        referenceComponents: { select: { referenceComponentId: true } },
      },
    });
    expect(
      usages.map((u) => [
        u.key,
        u.status,
        u.version?.name ?? null,
        u.referenceComponents.map((c) => c.referenceComponentId).sort(),
      ]),
    ).toEqual([
      ['keycloak', 'IN_PRODUCTION', null, []],
      ['open-formulieren', 'IN_PRODUCTION', null, ['5c9f683b-4454-4e3e-b93c-da50dfd6934a']],
      [
        'open-zaak',
        'IN_PRODUCTION',
        '1.21',
        ['0e99ec6c-283a-4ec9-8efa-e11468e6b878', 'a97b6545-d5a7-485d-9b13-3ce22db5b9cf'],
      ],
      ['zac', 'IN_PRODUCTION', '3.4', ['f2dfbd0b-9d36-405c-bdbe-827f3296de29']],
    ]);
    expect(keptFields(usages.find((u) => u.key === 'zac')?.externalFields ?? null)).toEqual(ZAC_KEPT);
    expect(keptFields(usages.find((u) => u.key === 'open-zaak')?.externalFields ?? null)).toMatchObject({
      hostingLocatie: 'Nederland',
      diensten: ['1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a07'],
      _compliancy: ['Zaken API 1.5'],
      geregistreerdDoor: 'Gemeente Voorbeeld',
    });
    expect(await p.product.findUniqueOrThrow({ where: { slug: 'zac' } })).toEqual(zacBefore);

    // The same file again changes nothing; its export carries everything back, and reads as nothing to change.
    const again = await planSwcImport(t.db, 'boce', csv);
    expect(again?.rows.every((r) => r.action === 'UNCHANGED')).toBe(true);
    expect(again?.kept).toEqual([]);
    const exported = (await swcApplications(t.db, 'boce')) ?? [];
    const zac = exported.find((a) => a.naam === 'Zaakafhandelcomponent (ZAC)');
    expect(zac).toMatchObject({
      id: ZAC_KEPT.id,
      cloudDienstverleningsmodel: 'SaaS',
      hostingLocatie: 'Duitsland',
      _moduleVersies: ['3.4'],
      type: 'Applicatie',
    });
    expect(zac?._koppelingen).toEqual(['Open Zaak', 'Landelijk Portaal X']);
    expect(zac?._referentieComponenten).toEqual(['Generiek zaakafhandelcomponent', 'Dossierbehandelcomponent']);
    const back = await planSwcImport(t.db, 'boce', Buffer.from(toSwcCsv(exported)));
    expect(back?.refused).toEqual([]);
    expect(back?.rows.filter((r) => r.action !== 'UNCHANGED')).toEqual([]);
    expect(back?.kept).toEqual([]);
  });

  it('reads other spellings of the catalogue’s values as the same, leaves columns the file lacks alone, and names values it does not know', async () => {
    const file = (cloud: string) =>
      `"naam","_aanbieder","cloudDienstverleningsmodel","hostingJurisdictie","licentietype"\n"Open Zaak","Maykin Media","${cloud}","NL","open source"\n`;
    const same = await planSwcImport(t.db, 'boce', Buffer.from(file('paas')));
    expect(same?.rows.map((r) => [r.key, r.action])).toEqual([['open-zaak', 'UNCHANGED']]);
    expect(same?.notes).toEqual([]);
    expect(same?.kept).toEqual([]);
    const other = await planSwcImport(t.db, 'boce', Buffer.from(file('Hybride')));
    expect(other?.notes).toEqual([
      {
        line: 2,
        message: 'cloudDienstverleningsmodel: "Hybride" kent Grondplan niet; de waarde is bewaard bij het gebruik.',
      },
    ]);
    expect(other?.rows.map((r) => [r.key, r.action, r.changes])).toEqual([
      ['open-zaak', 'CHANGE', ['bewaarde velden (cloudDienstverleningsmodel)']],
    ]);
    expect(keptFields(other?.kept[0]?.after ?? null)).toMatchObject({
      cloudDienstverleningsmodel: 'Hybride',
      hostingLocatie: 'Nederland',
    });
  });

  it('refuses lines it cannot place, one Dutch line each, and changes nothing', async () => {
    const header = SWC_COLUMNS.map((c) => `"${c}"`).join(',');
    const line = (values: Partial<Record<string, string>>) =>
      SWC_COLUMNS.map((c) => `"${(values[c] ?? '').replaceAll('"', '""')}"`).join(',');
    const file = [
      header,
      line({ naam: 'Bestaat Niet Suite', _aanbieder: 'Nergens BV' }),
      line({ naam: '' }),
      line({ naam: 'Open Zaak', _aanbieder: 'Maykin Media', referentieComponenten: '[1, 2' }),
    ].join('\n');
    const state = async () => [await t.db.prisma.usage.count(), await t.db.prisma.auditEvent.count()];
    const before = await state();
    const plan = await planSwcImport(t.db, 'coevorden', Buffer.from(file));
    expect(plan?.refused).toEqual([
      { line: 4, message: 'Kolom referentieComponenten: "[1, 2" is geen JSON-lijst van teksten.' },
    ]);
    const fixed = file.replace('"[1, 2"', '"[]"');
    const second = await planSwcImport(t.db, 'coevorden', Buffer.from(fixed));
    expect(second?.refused).toEqual([
      {
        line: 2,
        message:
          'Pakket "Bestaat Niet Suite" van "Nergens BV" staat niet in de catalogus. Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.',
      },
      { line: 3, message: 'naam is leeg.' },
    ]);
    await expect(
      applySwcImport(t.db, second as NonNullable<typeof second>, { label: 'test' }, 'fout.csv'),
    ).rejects.toThrow(/geweigerde regels/);
    expect(await state()).toEqual(before);
  });
});

describe('round trip of the sample landscapes', () => {
  for (const slug of ['borger-odoorn', 'coevorden', 'dimpact', 'emmen'])
    it(`export -> import of ${slug} is nothing to change, as CSV and as JSON`, async () => {
      const applications = (await swcApplications(t.db, slug)) ?? [];
      const usages = await t.db.prisma.usage.count({ where: { organisation: { slug } } });
      expect(applications).toHaveLength(usages);
      for (const file of [toSwcCsv(applications), toSwcJson(applications)]) {
        const plan = await planSwcImport(t.db, slug, Buffer.from(file));
        expect(plan?.refused).toEqual([]);
        expect(plan?.notes).toEqual([]);
        expect(plan?.kept).toEqual([]);
        expect(plan?.rows.filter((r) => r.action !== 'UNCHANGED')).toEqual([]);
        expect(plan?.rows.filter((r) => r.product !== 'Koppeling')).toHaveLength(usages);
      }
    });

  it('applying the export of a landscape changes no row', async () => {
    const p = t.db.prisma;
    const snapshot = async () => ({
      usages: await p.usage.findMany({
        where: { organisation: { slug: 'emmen' } },
        orderBy: { key: 'asc' },
        include: { referenceComponents: true },
      }),
      interfaces: await p.interface.findMany({
        where: { organisation: { slug: 'emmen' } },
        orderBy: { key: 'asc' },
        include: { standards: true },
      }),
      changes: await p.auditEvent.count({ where: { entityType: { in: ['Usage', 'Interface'] } } }),
    });
    const before = await snapshot();
    const plan = await planSwcImport(
      t.db,
      'emmen',
      Buffer.from(toSwcCsv((await swcApplications(t.db, 'emmen')) ?? [])),
    );
    const result = await applySwcImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'emmen.csv');
    expect(result).toEqual({ usages: { added: 0, changed: 0 }, interfaces: { added: 0, changed: 0 } });
    expect(await snapshot()).toEqual(before);
  });

  it('writes the 33 columns in order, every field quoted, lists as JSON arrays', async () => {
    const text = toSwcCsv((await swcApplications(t.db, 'coevorden')) ?? []);
    const [header, first] = text.split('\n');
    expect(header).toBe(SWC_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(first).toMatch(/^"[a-z0-9-]+","[^"]+",/);
    expect(first).toContain('"[""');
    expect(first).toContain(',"Applicatie",');
  });
});

describe('importSoftwarecatalogus through the API (multipart upload)', () => {
  async function upload(token: string, apply: boolean) {
    const body = new FormData();
    const query = `mutation($input: ImportSoftwarecatalogusInput!) { importSoftwarecatalogus(input: $input) { __typename ... on Error { message }
      ... on ImportSoftwarecatalogusSuccess { data { applied added changed unchanged rows { line key action } refused { line message }
        columns { column treatment target } remarks { line message } } } } }`;
    body.set(
      'operations',
      JSON.stringify({
        query,
        variables: { input: { organisation: 'coevorden', fileName: 'applicaties.json', file: null, apply } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    body.set('0', new File([json], 'applicaties.json', { type: 'application/json' }));
    const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as { data: { importSoftwarecatalogus: Record<string, unknown> } }).data
      .importSoftwarecatalogus;
  }

  it('runs dry first with the column list, applies on request, and refuses another organisation’s editor', async () => {
    const stranger = await createUser(t.db, 'redacteur@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    expect(await upload(stranger.token, true)).toMatchObject({ __typename: 'ForbiddenError' });
    const editor = await createUser(t.db, 'redacteur@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }]);
    const dry = (await upload(editor.token, false)) as {
      data: Record<string, unknown> & { columns: { column: string; treatment: string }[] };
    };
    expect(dry.data).toMatchObject({ applied: false, refused: [] });
    expect(dry.data.columns.find((c) => c.column === 'hostingLocatie')?.treatment).toBe('KEPT');
    expect(dry.data.columns.find((c) => c.column === '@self')?.treatment).toBe('IGNORED');
    const coevordenOpenZaak = () =>
      t.db.prisma.usage.findFirstOrThrow({
        where: { organisation: { slug: 'coevorden' }, product: { slug: 'open-zaak' } },
      });
    expect((await coevordenOpenZaak()).externalFields).toBeNull();
    const applied = (await upload(editor.token, true)) as { data: Record<string, unknown> };
    expect(applied.data).toMatchObject({ applied: true, refused: [] });
    expect(keptFields((await coevordenOpenZaak()).externalFields)).toMatchObject({
      id: '3f1c2a70-5b7e-4c11-9d0a-0c6b1e2f4a01',
      hostingLocatie: 'Nederland',
    });
  });
});

describe('command line', () => {
  it('lists what the dry run maps, keeps and ignores, and writes the export', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'swc-'));
    const file = path.join(dir, 'export.json');
    writeFileSync(file, json);
    const dry = (await run('import.ts', ['swc', file, '--org', 'dimpact'])) as { stdout: string };
    expect(dry.stdout).toContain('  overgenomen naam: pakket (herkend in de catalogus)\n');
    expect(dry.stdout).toContain('  bewaard     hostingLocatie: bewaard bij het gebruik, teruggeschreven bij export\n');
    expect(dry.stdout).toContain('  genegeerd   @self: onbekende kolom; genegeerd\n');
    expect(dry.stdout).toContain('waarschuwing applicatie 2: Koppeling met "Landelijk Portaal X"');
    expect(dry.stdout).toContain('Proefrun: er is niets veranderd.');
    const out = path.join(dir, 'dimpact.csv');
    await run('export.ts', ['swc', '--org', 'dimpact', '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(toSwcCsv((await swcApplications(t.db, 'dimpact')) ?? []));
  }, 180_000);

  it('tells who gives the comma-separated export to the csv import what it found', async () => {
    const answer = (await run('import.ts', [
      'csv',
      path.join(projectRoot, 'test', 'fixtures', 'swc', 'export-applicaties.csv'),
      '--org',
      'emmen',
    ])) as {
      stdout: string;
    };
    expect(answer.stdout).toContain(
      "regel 1: Het bestand is gescheiden door komma's en heeft de kolommen id, naam, beschrijvingKort, beschrijvingLang, website, contactpersoon, _contactpersoon, cloudDienstverleningsmodel, hostingJurisdictie, hostingLocatie, aanbieder, _aanbieder, …; verwacht: Sleutel, Leverancier, Pakket, Versie, Status,",
    );
    expect(answer.stdout).toMatch(/geweigerd\s+regel 1: Het bestand is gescheiden door komma's/);
    expect(answer.stdout).toContain('Is dit een export van de Softwarecatalogus? Lees het in als swc.');
    expect(answer.stdout).not.toMatch(/Invalid|Quote/);
  }, 180_000);
});
