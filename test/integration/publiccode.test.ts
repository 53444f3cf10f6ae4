// A product from publiccode.yml: planned against the catalogue, applied in one audited transaction, hostile files refused.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPubliccodeImport, planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const fixture = readFileSync(path.join(projectRoot, 'test/fixtures/publiccode/open-archief.yml'), 'utf8');
const withStandard = `${fixture}    standaarden:\n      - Documenten API-standaard\n`;
const state = async () => [
  await t.db.prisma.product.count(),
  await t.db.prisma.supplier.count(),
  await t.db.prisma.productVersion.count(),
  await t.db.prisma.auditEvent.count(),
];

describe('publiccode.yml import', () => {
  it('adds a Common Ground product with its new supplier, layer, GEMMA components and standards; again changes nothing', async () => {
    const plan = await planPubliccodeImport(t.db, Buffer.from(withStandard));
    expect(plan).toMatchObject({
      action: 'ADD',
      slug: 'open-archief',
      supplier: { name: 'Archiefwerk B.V.', slug: 'archiefwerk-b-v', isNew: true },
      refused: [],
    });
    expect(plan.warnings).toEqual([
      'url "https://github.com/example-gemeente/open-archief.git" eindigt op .git; gelezen als https://github.com/example-gemeente/open-archief (dezelfde repository).',
    ]);
    const [products = 0, suppliers = 0, versions = 0, events = 0] = await state();
    await applyPubliccodeImport(t.db, plan, { label: 'test' }, 'publiccode.yml', null);
    const product = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'open-archief' },
      include: {
        supplier: true,
        layers: true,
        referenceComponents: true,
        standards: { include: { standard: true } },
        versions: true,
      },
    });
    expect(product).toMatchObject({
      name: 'Open Archief',
      description: "Duurzame bewaring van zaakdossiers, rechtstreeks op de ZGW API's.",
      licence: 'EUPL-1.2',
      openSource: true,
      // Stored without ".git", so that it compares with how other files and the catalogue write it.
      repository: 'https://github.com/example-gemeente/open-archief',
      architecture: 'COMMON_GROUND',
      supplier: { name: 'Archiefwerk B.V.' },
    });
    expect(product.layers.map((l) => l.layer)).toEqual(['SERVICE']);
    // Named once by name and once by id: one link.
    expect(product.referenceComponents.map((c) => c.referenceComponentId)).toEqual([
      '0e99ec6c-283a-4ec9-8efa-e11468e6b878',
    ]);
    expect(product.standards.map((s) => s.standard.name)).toEqual(['Documenten API-standaard']);
    expect(product.versions.map((v) => v.name)).toEqual(['1.2.0']);
    // A supplier, a product, a version, and three audit events (supplier, product, file).
    expect(await state()).toEqual([products + 1, suppliers + 1, versions + 1, events + 3]);
    const latest = await t.db.prisma.auditEvent.findMany({
      orderBy: { createdAt: 'desc' },
      take: 3,
      select: { entityType: true, source: true },
    });
    expect(latest.map((e) => e.entityType).sort()).toEqual(['Import', 'Product', 'Supplier']);
    expect(new Set(latest.map((e) => e.source))).toEqual(new Set(['IMPORT']));
    const again = await planPubliccodeImport(t.db, Buffer.from(withStandard));
    expect(again).toMatchObject({ action: 'UNCHANGED', changes: [], refused: [], supplier: { isNew: false } });
  });

  it('updates the product with the same repository (in another spelling), and says what changes', async () => {
    const file = [
      'publiccodeYmlVersion: "0.4"',
      'name: Dimpact Zaakafhandelcomponent (ZAC)',
      'url: "http://www.github.com/infonl/dimpact-zaakafhandelcomponent/"',
      'softwareVersion: "v3.11.57"',
      'legal:',
      '  license: EUPL-1.2',
      '  mainCopyrightOwner: INFO.nl',
      'description:',
      '  en:',
      '    shortDescription: Case handling component of PodiumD.',
    ].join('\n');
    const plan = await planPubliccodeImport(t.db, Buffer.from(file));
    expect(plan.refused).toEqual([]);
    expect(plan).toMatchObject({
      action: 'CHANGE',
      slug: 'zac',
      recognised: 'herkend: zelfde repository',
      supplier: {
        slug: 'info-nl',
        isNew: false,
        reason: 'herkend: zelfde naam; in het bestand houder van het auteursrecht (legal.mainCopyrightOwner) "INFO.nl"',
      },
    });
    // http://www. and the trailing slash are the same repository: not a change.
    expect(plan.changes).toEqual(['naam', 'omschrijving', 'versies']);
    expect(plan.warnings).toEqual([
      'url "http://www.github.com/infonl/dimpact-zaakafhandelcomponent/" begint met http://; gelezen als https://.',
    ]);
    await applyPubliccodeImport(t.db, plan, { label: 'test' }, 'publiccode.yaml', null);
    const zac = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'zac' },
      include: { versions: true, layers: true },
    });
    expect(zac.versions.map((v) => v.name).sort()).toEqual(['3.0', '3.4', 'v3.11.57']);
    // Without an nl section the layers and GEMMA links stay as they were.
    expect(zac.layers.length).toBeGreaterThan(0);
    expect(zac.architecture).toBe('COMMON_GROUND');
  });

  it('refuses hostile and incomplete files with the line and reason, changing nothing', async () => {
    const before = await state();
    const laughs = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'name: *c',
    ].join('\n');
    const refusedOf = async (text: string | Uint8Array) =>
      (await planPubliccodeImport(t.db, typeof text === 'string' ? Buffer.from(text) : text)).refused;
    expect((await refusedOf(laughs))[0]?.message).toMatch(/^Het bestand is niet te lezen: /);
    expect(await refusedOf(new Uint8Array(2_000_000))).toEqual([
      { line: 0, message: 'Het bestand is groter dan 1 MB.' },
    ]);
    expect(await refusedOf(new Uint8Array([0x6e, 0x61, 0xff, 0xfe]))).toEqual([
      { line: 0, message: 'Het bestand is geen geldige UTF-8-tekst.' },
    ]);
    expect((await refusedOf('name: [open\nurl: x'))[0]?.message).toMatch(/^Het bestand is geen geldige YAML: /);
    const incomplete = 'publiccodeYmlVersion: "0.4"\nname: Iets\nurl: geen-url\nlegal:\n  repoOwner: X\n';
    expect(await refusedOf(incomplete)).toEqual([
      { line: 3, message: 'url: Geen geldige URL.' },
      { line: 5, message: 'Verplicht veld legal.license ontbreekt of is leeg.' },
    ]);
    const unknown = fixture
      .replace('layerType: service', 'layerType: wolk')
      .replace('- Documentregistratiecomponent', '- Bestaatnietcomponent');
    expect((await refusedOf(unknown)).map((p) => p.message)).toEqual([
      'Referentiecomponent "Bestaatnietcomponent" bestaat niet in GEMMA.',
      'nl.commonground.layerType "wolk" bestaat niet; kies interface, process, integration, service, data.',
    ]);
    const withoutNl = fixture
      .slice(0, fixture.indexOf('nl:\n  countryExtensionVersion'))
      .replace('Open Archief', 'Nog Een Pakket')
      .replace('open-archief.git', 'nog-een.git');
    // Without the nl section a new product is no longer refused: it is added with a warning to classify it later.
    const withoutNlPlan = await planPubliccodeImport(t.db, Buffer.from(withoutNl));
    expect(withoutNlPlan).toMatchObject({ action: 'ADD', refused: [] });
    expect(withoutNlPlan.warnings.slice(-3)).toEqual([
      'Nieuw pakket zonder Common Ground-laag (nl.commonground.layerType): het komt erbij zonder laag; deel het later in.',
      'Nieuw pakket zonder GEMMA-referentiecomponenten (nl.gemma.referentieComponenten): het komt erbij zonder; deel het later in.',
      'Kent de catalogus dit pakket van Archiefwerk B.V. al onder een andere naam en repository, voeg de twee dan na het inlezen samen; de oude naam blijft dan herkend.',
    ]);
    const plan = await planPubliccodeImport(t.db, Buffer.from(unknown));
    await expect(applyPubliccodeImport(t.db, plan, { label: 'test' }, 'x.yml', null)).rejects.toThrow(
      /geweigerde regels/,
    );
    expect(await state()).toEqual(before);
  });
});

describe('importProduct through the API (multipart upload)', () => {
  async function upload(token: string, text: string, apply: boolean) {
    const query = `mutation ($input: ImportProductInput!) { importProduct(input: $input) {
      __typename ... on Error { message }
      ... on ImportProductSuccess { data { applied added changed unchanged rows { key product action changes } refused { line message } notes warnings } } } }`;
    const body = new FormData();
    body.set(
      'operations',
      JSON.stringify({
        query,
        variables: { input: { organisation: 'emmen', fileName: 'publiccode.yml', file: null, apply } },
      }),
    );
    body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
    body.set('0', new File([text], 'publiccode.yml', { type: 'application/yaml' }));
    const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as { data: { importProduct: Record<string, unknown> } }).data.importProduct;
  }

  it('adds a product for the editor’s organisation, and refuses a change to another organisation’s product', async () => {
    const editor = await createUser(t.db, 'catalogus@emmen.test', [{ organisation: 'emmen', role: 'EDITOR' }]);
    const file = fixture
      .replace('Open Archief', 'Open Besluit')
      .replace('open-archief.git', 'open-besluit.git')
      .replace('Archiefwerk B.V.', 'Maykin Media');
    const dry = await upload(editor.token, file, false);
    expect(dry).toEqual({
      __typename: 'ImportProductSuccess',
      data: {
        applied: false,
        added: 1,
        changed: 0,
        unchanged: 0,
        rows: [{ key: 'open-besluit', product: 'Open Besluit', action: 'ADD', changes: [] }],
        refused: [],
        notes: [
          'Pakket Open Besluit: nieuw: geen pakket met deze repository of naam bij Maykin Media.',
          'Leverancier Maykin Media: herkend: zelfde naam; in het bestand opdrachtnemer (maintenance.contractors) "Maykin Media".',
        ],
        warnings: [
          'url "https://github.com/example-gemeente/open-besluit.git" eindigt op .git; gelezen als https://github.com/example-gemeente/open-besluit (dezelfde repository).',
          'Kent de catalogus dit pakket van Maykin Media al onder een andere naam en repository, voeg de twee dan na het inlezen samen; de oude naam blijft dan herkend.',
        ],
      },
    });
    expect(await upload(editor.token, file, true)).toMatchObject({ data: { applied: true, added: 1 } });
    const product = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'open-besluit' },
      select: { addedBy: { select: { slug: true } } },
    });
    expect(product.addedBy?.slug).toBe('emmen');
    // Open Zaak was not added by Emmen: a change to it is refused in the plan, and nothing is applied.
    const openZaak = fixture
      .replace('Open Archief', 'Open Zaak')
      .replace('example-gemeente/open-archief.git', 'open-zaak/open-zaak');
    const refused = await upload(editor.token, openZaak, true);
    expect(refused).toMatchObject({
      data: {
        applied: false,
        refused: [
          {
            line: 0,
            message:
              'Pakket "Open Zaak" is door een andere organisatie toegevoegd; alleen die of een beheerder van Grondplan mag het wijzigen.',
          },
        ],
      },
    });
  });
});
