// The Softwarecatalogus's own export (CSV and JSON) and an architect's own Archi model offer what the other imports
// offer: with the option, a product the catalogue lacks comes in with its supplier (recognised or new) and its version,
// named in the dry run; without it, the refusal or the not-placed reason names the option. Applied in the one
// transaction of the import, audited, and the same file again changes nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyLandscapeImport,
  type LandscapePlan,
  planLandscapeImport,
  refusedOf,
} from '#core/exchange/landscape-import.ts';
import { applySwcImport } from '#core/exchange/swc.ts';
import { SWC_COLUMNS } from '#core/exchange/swc-columns.ts';
import { planSwcImport } from '#core/exchange/swc-plan.ts';
import { keptFields } from '#core/exchange/swc-values.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const slug of ['swc-csv-proef', 'swc-json-proef', 'swc-cli-proef', 'archi-nieuw', 'archi-eigen', 'archi-echt'])
    await t.db.prisma.organisation.create({ data: { slug, name: `Proefgemeente ${slug}`, type: 'MUNICIPALITY' } });
  token = (await createUser(t.db, 'architect@swc.test', [{ organisation: 'swc-csv-proef', role: 'EDITOR' }])).token;
});
afterAll(() => t?.drop());

const OPTION =
  'Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.';
const ADDED = '(architectuur nog in te delen, voorlopig Legacy)';
const ARCHIEF = 'b209fee8-d39a-4699-b0b4-02273c35c8c1';
const fixture = (...parts: string[]) => readFileSync(path.join(import.meta.dirname, '../fixtures', ...parts));

/** Audit events an import wrote for suppliers and products (each names the file), by kind and action. */
async function catalogueEvents(file: string) {
  const events = await t.db.prisma.auditEvent.findMany({
    where: { source: 'IMPORT', file, entityType: { in: ['Supplier', 'Product'] } },
    select: { entityType: true, action: true },
  });
  return events.map((e) => `${e.entityType} ${e.action}`).sort();
}

describe('the Softwarecatalogus export with products the catalogue lacks', () => {
  const line = (values: Partial<Record<string, string>>) =>
    SWC_COLUMNS.map((c) => `"${(values[c] ?? '').replaceAll('"', '""')}"`).join(',');
  const CSV = Buffer.from(
    [
      SWC_COLUMNS.map((c) => `"${c}"`).join(','),
      line({
        id: 'aa000000-0000-4000-8000-000000000001',
        naam: 'Vergunningenloket Pro',
        _aanbieder: 'Nieuwe Leverancier B.V.',
        beschrijvingKort: 'Vergunningen aanvragen en behandelen.',
        licentietype: 'Closed source',
        moduleVersies: '["v-1"]',
        _moduleVersies: '["4.2"]',
        referentieComponenten: `["${ARCHIEF}"]`,
        _referentieComponenten: '["Archiefbeheercomponent"]',
      }),
      line({
        id: 'aa000000-0000-4000-8000-000000000002',
        naam: 'Klantportaal Lite',
        _aanbieder: 'Maykin',
        licentietype: 'Open source',
      }),
      line({
        id: 'aa000000-0000-4000-8000-000000000003',
        naam: 'Open Zaak',
        _aanbieder: 'Maykin Media',
        _moduleVersies: '["2099.1"]',
        licentietype: 'Open source',
      }),
    ].join('\n'),
  );

  it('without the option refuses each unknown product and says the option exists; without a supplier it says that is missing', async () => {
    const plan = await planSwcImport(t.db, 'swc-csv-proef', CSV);
    expect(plan?.refused).toEqual([
      {
        line: 2,
        message: `Pakket "Vergunningenloket Pro" van "Nieuwe Leverancier B.V." staat niet in de catalogus. ${OPTION}`,
      },
      { line: 3, message: `Pakket "Klantportaal Lite" van "Maykin" staat niet in de catalogus. ${OPTION}` },
    ]);
    // A version Open Zaak lacks is not added without the option; the note says how it would be.
    expect(plan?.notes).toContainEqual({
      line: 4,
      message: `Versie "2099.1" van Open Zaak is niet bekend; de versie blijft zoals hij is. ${OPTION}`,
    });
    const withoutSupplier = Buffer.from(
      [SWC_COLUMNS.map((c) => `"${c}"`).join(','), line({ naam: 'Weesproduct' })].join('\n'),
    );
    expect(
      (await planSwcImport(t.db, 'swc-csv-proef', withoutSupplier, { addUnknownProducts: true }))?.refused,
    ).toEqual([
      {
        line: 2,
        message:
          'Pakket "Weesproduct" staat niet in de catalogus. Zonder leverancier (_aanbieder) kan het niet worden toegevoegd; vul die in, of voeg het pakket eerst toe (bijvoorbeeld uit zijn publiccode.yml).',
      },
    ]);
  });

  it('with the option the dry run names each product to add and how its supplier was matched, and changes nothing', async () => {
    const products = await t.db.prisma.product.count();
    const plan = await planSwcImport(t.db, 'swc-csv-proef', CSV, { addUnknownProducts: true });
    if (!plan) throw new Error('geen plan');
    expect(plan.refused).toEqual([]);
    expect(plan.rows.map((r) => [r.line, r.key, r.product, r.action, r.changes])).toEqual([
      [2, 'vergunningenloket-pro', 'Vergunningenloket Pro', 'ADD', ['versie 4.2 (nieuw bij het pakket)']],
      [3, 'klantportaal-lite', 'Klantportaal Lite', 'ADD', []],
      [4, 'open-zaak', 'Open Zaak', 'ADD', ['versie 2099.1 (nieuw bij het pakket)']],
    ]);
    expect(plan.notes).toEqual(
      expect.arrayContaining([
        {
          line: 0,
          message: `Regel 2: pakket "Vergunningenloket Pro" van leverancier "Nieuwe Leverancier B.V." wordt toegevoegd aan de catalogus ${ADDED}; de leverancier is nieuw en wordt ook toegevoegd.`,
        },
        {
          line: 0,
          message: `Regel 3: pakket "Klantportaal Lite" van leverancier "Maykin" wordt toegevoegd aan de catalogus ${ADDED}; leverancier bekend als Maykin Media (bekende andere naam "Maykin").`,
        },
      ]),
    );
    expect(plan.usages?.rows[0]?.newProduct).toMatchObject({
      name: 'Vergunningenloket Pro',
      supplierId: null,
      referenceComponentIds: [ARCHIEF],
    });
    expect(await t.db.prisma.product.count()).toBe(products);
  });

  it('applies it through the API in one transaction, audited, and the same file again changes nothing', async () => {
    const send = async (apply: boolean) => {
      const body = new FormData();
      const query = `mutation($input: ImportSoftwarecatalogusInput!) { importSoftwarecatalogus(input: $input) { __typename ... on ImportSoftwarecatalogusSuccess { data { applied added changed unchanged refused { line message } remarks { line message } } } ... on Error { message } } }`;
      body.set(
        'operations',
        JSON.stringify({
          query,
          variables: {
            input: {
              organisation: 'swc-csv-proef',
              fileName: 'swc-nieuw.csv',
              file: null,
              apply,
              addUnknownProducts: true,
            },
          },
        }),
      );
      body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
      body.set('0', new File([CSV], 'swc-nieuw.csv', { type: 'text/csv' }));
      const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}` },
      });
      return (
        (await response.json()) as {
          data: { importSoftwarecatalogus: { __typename: string; data?: Record<string, unknown> } };
        }
      ).data.importSoftwarecatalogus;
    };
    const applied = await send(true);
    expect(applied.data).toMatchObject({ applied: true, added: 3, changed: 0, unchanged: 0, refused: [] });
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Vergunningenloket Pro' },
      include: { supplier: true, versions: true, addedBy: true, referenceComponents: true },
    });
    expect([product.supplier.name, product.architecture, product.addedBy?.slug]).toEqual([
      'Nieuwe Leverancier B.V.',
      'LEGACY',
      'swc-csv-proef',
    ]);
    expect(product.versions.map((v) => v.name)).toEqual(['4.2']);
    expect(product.referenceComponents.map((c) => c.referenceComponentId)).toEqual([ARCHIEF]);
    const lite = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Klantportaal Lite' },
      include: { supplier: true },
    });
    expect(lite.supplier.slug).toBe('maykin-media');
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'swc-csv-proef' }, key: 'vergunningenloket-pro' },
      include: { version: true, referenceComponents: true },
    });
    expect(usage.version?.name).toBe('4.2');
    expect(usage.referenceComponents.map((c) => c.referenceComponentId)).toEqual([ARCHIEF]);
    // What the catalogue has no field for stays with the usage, as for every application.
    expect(keptFields(usage.externalFields)).toMatchObject({
      id: 'aa000000-0000-4000-8000-000000000001',
      beschrijvingKort: 'Vergunningen aanvragen en behandelen.',
    });
    expect(
      (
        await t.db.prisma.usage.findFirstOrThrow({
          where: { key: 'open-zaak', organisation: { slug: 'swc-csv-proef' } },
          include: { version: true },
        })
      ).version?.name,
    ).toBe('2099.1');
    // One new supplier, two new products, each audited; Vergunningenloket Pro gets its version and Open Zaak its 2099.1.
    expect(await catalogueEvents('swc-nieuw.csv')).toEqual([
      'Product CREATE',
      'Product CREATE',
      'Product UPDATE',
      'Product UPDATE',
      'Supplier CREATE',
    ]);

    const again = await send(false);
    expect(again.data).toMatchObject({ applied: false, added: 0, changed: 0, unchanged: 3, refused: [] });
    // Without the option too: the products are in the catalogue now.
    const plain = await planSwcImport(t.db, 'swc-csv-proef', CSV);
    expect([plain?.refused, plain?.rows.map((r) => r.action), plain?.kept]).toEqual([
      [],
      ['UNCHANGED', 'UNCHANGED', 'UNCHANGED'],
      [],
    ]);
  });

  it('reads the JSON export the same way: the dry run names applications by their place in the list', async () => {
    const json = Buffer.from(
      JSON.stringify({
        results: [
          {
            id: 'bb000000-0000-4000-8000-000000000001',
            naam: 'Meldingen Online',
            _aanbieder: 'Gloednieuw Bedrijf',
            _moduleVersies: ['1.0'],
          },
          { id: 'bb000000-0000-4000-8000-000000000002', naam: 'Open Zaak', _aanbieder: 'Maykin Media' },
        ],
      }),
    );
    const refusedPlan = await planSwcImport(t.db, 'swc-json-proef', json);
    expect(refusedPlan?.refused).toEqual([
      { line: 1, message: `Pakket "Meldingen Online" van "Gloednieuw Bedrijf" staat niet in de catalogus. ${OPTION}` },
    ]);
    const plan = await planSwcImport(t.db, 'swc-json-proef', json, { addUnknownProducts: true });
    if (!plan) throw new Error('geen plan');
    expect([plan.format, plan.refused]).toEqual(['json', []]);
    expect(plan.rows.map((r) => [r.line, r.key, r.action, r.changes])).toEqual([
      [1, 'meldingen-online', 'ADD', ['versie 1.0 (nieuw bij het pakket)']],
      [2, 'open-zaak', 'ADD', []],
    ]);
    expect(plan.notes).toContainEqual({
      line: 0,
      message: `Applicatie 1: pakket "Meldingen Online" van leverancier "Gloednieuw Bedrijf" wordt toegevoegd aan de catalogus ${ADDED}; de leverancier is nieuw en wordt ook toegevoegd.`,
    });
    await applySwcImport(t.db, plan, { label: 'test' }, 'swc-nieuw.json');
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Meldingen Online' },
      include: { supplier: true, versions: true },
    });
    expect([product.supplier.name, product.versions.map((v) => v.name)]).toEqual(['Gloednieuw Bedrijf', ['1.0']]);
    expect(await catalogueEvents('swc-nieuw.json')).toEqual(['Product CREATE', 'Product UPDATE', 'Supplier CREATE']);
    const again = await planSwcImport(t.db, 'swc-json-proef', json, { addUnknownProducts: true });
    expect([again?.refused, again?.rows.map((r) => r.action), again?.kept]).toEqual([
      [],
      ['UNCHANGED', 'UNCHANGED'],
      [],
    ]);
    expect(await t.db.prisma.product.count({ where: { name: 'Meldingen Online' } })).toBe(1);
  });
});

describe('the command line', () => {
  const run = (args: string[]) =>
    promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'import.ts'), ...args],
      {
        env: { ...process.env, DATABASE_URL: t.url },
      },
    ).catch((error: { stdout: string; stderr: string; code: number }) => error);

  it('swc refuses an unknown product naming --nieuwe-pakketten, and with it adds the product and its supplier', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'swc-nieuw-')), 'export.json');
    writeFileSync(file, JSON.stringify([{ naam: 'Balieplanner', _aanbieder: 'Opdrachtregel Software BV' }]));
    const refused = (await run(['swc', file, '--org', 'swc-cli-proef'])) as { stdout: string; code?: number };
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(
      `applicatie 1: Pakket "Balieplanner" van "Opdrachtregel Software BV" staat niet in de catalogus. ${OPTION}`,
    );
    const applied = (await run(['swc', file, '--org', 'swc-cli-proef', '--nieuwe-pakketten', '--apply'])) as {
      stdout: string;
      code?: number;
    };
    expect(applied.code).toBeUndefined();
    expect(applied.stdout).toContain(
      `Applicatie 1: pakket "Balieplanner" van leverancier "Opdrachtregel Software BV" wordt toegevoegd aan de catalogus ${ADDED}; de leverancier is nieuw en wordt ook toegevoegd.`,
    );
    expect(applied.stdout).toContain('Ingelezen: 1 toegevoegd, 0 gewijzigd');
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Balieplanner' },
      include: { supplier: true },
    });
    expect(product.supplier.name).toBe('Opdrachtregel Software BV');
    expect(await catalogueEvents('export.json')).toEqual(['Product CREATE', 'Supplier CREATE']);
  });
});

describe('an own Archi model with components the catalogue lacks', () => {
  async function plan(bytes: Uint8Array, slug: string, addUnknownProducts = true): Promise<LandscapePlan> {
    const planned = await planLandscapeImport(t.db, slug, bytes, 'ameff', { addUnknownProducts });
    if (!planned) throw new Error('geen plan');
    return planned;
  }
  const components = (p: LandscapePlan) =>
    p.notPlaced.filter((n) => n.type === 'ApplicationComponent').map((n) => [n.name, n.reason]);

  it('adds a component whose supplier property names a known supplier, and its koppeling; a component without supplier stays not placed and says why', async () => {
    const model = fixture('archimate', 'eigen-model-nieuwe-pakketten.xml');
    const without = await plan(model, 'archi-eigen', false);
    expect(components(without)).toEqual([
      [
        'Archiefbeheer Plus',
        `geen pakket "Archiefbeheer Plus" van leverancier "Maykin Media" in de catalogus. ${OPTION}`,
      ],
      [
        'Losse Tool',
        'geen pakket "Losse Tool" in de catalogus en geen leverancier genoemd; om het toe te voegen heeft het component een eigenschap Leverancier (of Supplier) nodig en de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten)',
      ],
      [
        'Archiefbeheercomponent',
        'geen pakket "Archiefbeheercomponent" in de catalogus en geen leverancier genoemd ("Archiefbeheercomponent" is een GEMMA-referentiecomponent, geen pakket)',
      ],
    ]);

    const p = await plan(model, 'archi-eigen');
    expect(refusedOf(p)).toEqual([]);
    expect(
      p.rows.map((r) => [
        r.key,
        r.product,
        r.action,
        r.newProduct
          ? r.newProduct.supplierId
            ? 'nieuw, bekende leverancier'
            : 'nieuw, nieuwe leverancier'
          : 'in de catalogus',
      ]),
    ).toEqual([
      ['archiefbeheer-plus', 'Archiefbeheer Plus', 'ADD', 'nieuw, bekende leverancier'],
      ['open-zaak', 'Open Zaak', 'ADD', 'in de catalogus'],
    ]);
    expect(p.rows[0]?.newProduct?.referenceComponentIds).toEqual([ARCHIEF]);
    expect(p.placed).toEqual([
      `Component "Archiefbeheer Plus" → gebruik archiefbeheer-plus: nieuw pakket (zie hieronder); referentiecomponent ${ARCHIEF} (realisatie van "Archiefbeheercomponent")`,
      'Component "Open Zaak" → gebruik open-zaak: pakket Open Zaak (zelfde naam, zelfde leverancier)',
      `Component "Archiefbeheer Plus": pakket "Archiefbeheer Plus" van leverancier "Maykin" wordt toegevoegd aan de catalogus ${ADDED}; leverancier bekend als Maykin Media (bekende andere naam "Maykin").`,
    ]);
    expect(components(p)).toEqual([
      [
        'Losse Tool',
        'geen pakket "Losse Tool" in de catalogus en geen leverancier genoemd; om het toe te voegen heeft het component een eigenschap Leverancier (of Supplier) nodig',
      ],
      [
        'Archiefbeheercomponent',
        'geen pakket "Archiefbeheercomponent" in de catalogus en geen leverancier genoemd ("Archiefbeheercomponent" is een GEMMA-referentiecomponent, geen pakket)',
      ],
    ]);
    expect(p.interfaces?.rows.map((r) => [r.action, r.key, r.data.fromUsage, r.data.toUsage])).toEqual([
      ['ADD', 'open-zaak-archiefbeheer-plus', 'open-zaak', 'archiefbeheer-plus'],
    ]);
    expect(p.notPlaced.filter((n) => n.type === 'Serving').map((n) => n.reason)).toEqual([
      '"Losse Tool" is niet geplaatst',
    ]);

    await applyLandscapeImport(t.db, p, { label: 'test' }, 'archief.xml');
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Archiefbeheer Plus' },
      include: { supplier: true, referenceComponents: true },
    });
    expect([product.supplier.slug, product.referenceComponents.map((c) => c.referenceComponentId)]).toEqual([
      'maykin-media',
      [ARCHIEF],
    ]);
    expect(await t.db.prisma.interface.count({ where: { organisation: { slug: 'archi-eigen' } } })).toBe(1);
    expect(await catalogueEvents('archief.xml')).toEqual(['Product CREATE']);
    const again = await plan(model, 'archi-eigen');
    expect([...again.rows, ...(again.interfaces?.rows ?? [])].map((r) => r.action)).toEqual([
      'UNCHANGED',
      'UNCHANGED',
      'UNCHANGED',
    ]);
    expect(await t.db.prisma.product.count({ where: { name: 'Archiefbeheer Plus' } })).toBe(1);
  });

  it('the zaakgericht model: CRM Systeem comes in with its new supplier Acme Software BV, and its flow to Open Zaak as a koppeling', async () => {
    const model = fixture('archimate', 'gemeente-zaakgericht-werken.xml');
    const p = await plan(model, 'archi-nieuw');
    expect(refusedOf(p)).toEqual([]);
    expect(p.rows.map((r) => [r.key, r.action])).toEqual([
      ['open-zaak', 'ADD'],
      ['open-notificaties', 'ADD'],
      ['open-formulieren', 'ADD'],
      ['crm-systeem', 'ADD'],
    ]);
    expect(p.placed).toContain(
      `Component "CRM Systeem": pakket "CRM Systeem" van leverancier "Acme Software BV" wordt toegevoegd aan de catalogus ${ADDED}; de leverancier is nieuw en wordt ook toegevoegd.`,
    );
    expect(p.notPlaced.map((n) => n.name)).not.toContain('CRM Systeem');
    expect(p.notPlaced.map((n) => n.name)).not.toContain('CRM Systeem → Open Zaak');
    expect(p.interfaces?.rows.map((r) => r.key)).toContain('crm-systeem-open-zaak');
    await applyLandscapeImport(t.db, p, { label: 'test' }, 'zaakgericht-nieuw.xml');
    const crm = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'CRM Systeem' },
      include: { supplier: true },
    });
    expect(crm.supplier.name).toBe('Acme Software BV');
    expect(await catalogueEvents('zaakgericht-nieuw.xml')).toEqual(['Product CREATE', 'Supplier CREATE']);
    const again = await plan(model, 'archi-nieuw');
    expect([...again.rows, ...(again.interfaces?.rows ?? [])].every((r) => r.action === 'UNCHANGED')).toBe(true);
    expect(again.rows).toHaveLength(4);
  });

  it('real models name no supplier: with the option nothing is added, and each component says the supplier property is missing', async () => {
    const need = 'om het toe te voegen heeft het component een eigenschap Leverancier (of Supplier) nodig';
    for (const file of [
      'archi-archisurance-exchange.xml',
      'arktect-archi-5.0.2-export.xml',
      'arktect-sparx-ea-export.xml',
      'arktect-visual-paradigm-export.xml',
    ]) {
      const products = await t.db.prisma.product.count();
      const p = await plan(fixture('real', 'archi', file), 'archi-echt');
      expect([file, p.rows, refusedOf(p)]).toEqual([file, [], []]);
      const listed = components(p);
      expect(listed.length).toBeGreaterThan(0);
      for (const [name, reason] of listed)
        expect(reason).toBe(`geen pakket "${name}" in de catalogus en geen leverancier genoemd; ${need}`);
      expect(await t.db.prisma.product.count()).toBe(products);
    }
  });
});
