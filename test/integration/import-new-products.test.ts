// Imports that add what the catalogue lacks: with the option, an unknown product (with its supplier, new or
// recognised) and an unknown version come in with the usage, named in the dry run; without it, the refusal says the
// option exists. Applied in the one transaction of the import, audited, and the same file again changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyLandscapeImport, planLandscapeImport, refusedOf } from '#core/exchange/landscape-import.ts';
import { createGraphQLServer } from '#graphql/yoga.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createUser } from '../helpers/users.ts';

let t: TestDatabase;
let token: string;
beforeAll(async () => {
  t = await createTestDatabase();
  token = (await createUser(t.db, 'architect@coevorden.test', [{ organisation: 'coevorden', role: 'EDITOR' }])).token;
});
afterAll(() => t?.drop());

const HEADER = 'Sleutel;Leverancier;Pakket;Versie;Status;In productie sinds';
const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}`);
const OPTION =
  'Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.';

const FILE = csv(
  'vergunning;Nieuwe Leverancier B.V.;Vergunningenloket;3.1;In productie;2025-02-01',
  'vergunning-test;Nieuwe Leverancier BV;Vergunningenloket;3.1;Gepland;',
  'formulieren-extra;Maykin;Klantportaal Lite;;In productie;2025-03-01',
  'open-zaak-2026;Maykin Media;Open Zaak;2026;Gepland;',
);

describe('importing usages with unknown products', () => {
  it('without the option refuses the lines and says the option exists', async () => {
    const plan = await planLandscapeImport(t.db, 'coevorden', FILE, 'csv');
    expect(refusedOf(plan as NonNullable<typeof plan>)).toEqual([
      { line: 2, message: `Pakket "Vergunningenloket" staat niet in de catalogus. ${OPTION}` },
      { line: 3, message: `Pakket "Vergunningenloket" staat niet in de catalogus. ${OPTION}` },
      { line: 4, message: `Pakket "Klantportaal Lite" staat niet in de catalogus. ${OPTION}` },
      { line: 5, message: `Pakket "Open Zaak" heeft geen versie "2026". ${OPTION}` },
    ]);
  });

  it('with the option the dry run lists each product that is added and how its supplier was matched, and changes nothing', async () => {
    const products = await t.db.prisma.product.count();
    const plan = await planLandscapeImport(t.db, 'coevorden', FILE, 'csv', { addUnknownProducts: true });
    if (!plan) throw new Error('geen plan');
    expect(refusedOf(plan)).toEqual([]);
    expect(plan.rows.map((r) => [r.line, r.key, r.product, r.action, r.changes])).toEqual([
      [2, 'vergunning', 'Vergunningenloket', 'ADD', ['versie 3.1 (nieuw bij het pakket)']],
      [3, 'vergunning-test', 'Vergunningenloket', 'ADD', ['versie 3.1 (nieuw bij het pakket)']],
      [4, 'formulieren-extra', 'Klantportaal Lite', 'ADD', []],
      [5, 'open-zaak-2026', 'Open Zaak', 'ADD', ['versie 2026 (nieuw bij het pakket)']],
    ]);
    expect(plan.placed).toEqual([
      'Regel 2: pakket "Vergunningenloket" van leverancier "Nieuwe Leverancier B.V." wordt toegevoegd aan de catalogus (architectuur nog in te delen, voorlopig Legacy); de leverancier is nieuw en wordt ook toegevoegd.',
      'Regel 4: pakket "Klantportaal Lite" van leverancier "Maykin" wordt toegevoegd aan de catalogus (architectuur nog in te delen, voorlopig Legacy); leverancier bekend als Maykin Media (bekende andere naam "Maykin").',
    ]);
    expect(await t.db.prisma.product.count()).toBe(products);
  });

  it('applies it in one transaction through the API, audited, and the same file again changes nothing', async () => {
    const send = async (apply: boolean) => {
      const body = new FormData();
      const query = `mutation($input: ImportUsagesInput!) { importUsages(input: $input) { __typename ... on ImportUsagesSuccess { data { applied added changed unchanged notes refused { line message } } } ... on Error { message } } }`;
      body.set(
        'operations',
        JSON.stringify({
          query,
          variables: {
            input: { organisation: 'coevorden', fileName: 'nieuw.csv', file: null, apply, addUnknownProducts: true },
          },
        }),
      );
      body.set('map', JSON.stringify({ 0: ['variables.input.file'] }));
      body.set('0', new File([FILE], 'nieuw.csv', { type: 'text/csv' }));
      const response = await createGraphQLServer(t.db).fetch('http://grondplan.test/graphql', {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${token}` },
      });
      return (
        (await response.json()) as { data: { importUsages: { __typename: string; data?: Record<string, unknown> } } }
      ).data.importUsages;
    };
    const applied = await send(true);
    expect(applied.data).toMatchObject({ applied: true, added: 4, changed: 0, unchanged: 0 });
    const product = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Vergunningenloket' },
      include: { supplier: true, versions: true, addedBy: true },
    });
    expect(product.supplier.name).toBe('Nieuwe Leverancier B.V.');
    expect(product.architecture).toBe('LEGACY');
    expect(product.addedBy?.slug).toBe('coevorden');
    expect(product.versions.map((v) => v.name)).toEqual(['3.1']);
    // One supplier for both spellings, one product for both lines.
    expect(await t.db.prisma.supplier.count({ where: { name: { startsWith: 'Nieuwe Leverancier' } } })).toBe(1);
    expect(await t.db.prisma.product.count({ where: { name: 'Vergunningenloket' } })).toBe(1);
    const plus = await t.db.prisma.product.findFirstOrThrow({
      where: { name: 'Klantportaal Lite' },
      include: { supplier: true },
    });
    expect(plus.supplier.slug).toBe('maykin-media');
    const usage = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'coevorden' }, key: 'open-zaak-2026' },
      include: { version: true },
    });
    expect(usage.version?.name).toBe('2026');
    const events = await t.db.prisma.auditEvent.findMany({
      where: { source: 'IMPORT', entityType: { in: ['Supplier', 'Product', 'Import'] } },
      select: { entityType: true, action: true },
    });
    expect(events.filter((e) => e.entityType === 'Supplier')).toEqual([{ entityType: 'Supplier', action: 'CREATE' }]);
    // Two products added; Open Zaak changed by its new version 2026; Vergunningenloket's 3.1 is added to it after its creation.
    expect(
      events
        .filter((e) => e.entityType === 'Product')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['CREATE', 'CREATE', 'UPDATE', 'UPDATE']);
    expect(events.filter((e) => e.entityType === 'Import')).toHaveLength(1);

    const again = await send(false);
    expect(again.data).toMatchObject({ applied: false, added: 0, changed: 0, unchanged: 4 });
    // Now in the catalogue: the notes say how the names were recognised, and nothing is added any more.
    expect(again.data?.notes).toEqual([
      'Regel 3: leverancier "Nieuwe Leverancier BV" is Nieuwe Leverancier B.V. (zelfde naam zonder rechtsvorm, leestekens en vulwoorden ("nieuwe leverancier")).',
      'Regel 4: leverancier "Maykin" is Maykin Media (bekende andere naam "Maykin").',
    ]);
  });

  it('leaves nothing behind when the apply fails halfway', async () => {
    const file = csv('kapot-1;Weer Een Leverancier;Kapot Pakket;;In productie;2025-01-01');
    const plan = await planLandscapeImport(t.db, 'coevorden', file, 'csv', { addUnknownProducts: true });
    if (!plan) throw new Error('geen plan');
    // A usage key taken meanwhile makes the write fail after the product and supplier were written.
    await t.db.prisma.usage.create({
      data: {
        key: 'kapot-1',
        status: 'PLANNED',
        organisation: { connect: { slug: 'coevorden' } },
        product: { connect: { slug: 'open-zaak' } },
      },
    });
    await expect(applyLandscapeImport(t.db, plan, { label: 'test' }, 'kapot.csv')).rejects.toThrow();
    expect(await t.db.prisma.product.count({ where: { name: 'Kapot Pakket' } })).toBe(0);
    expect(await t.db.prisma.supplier.count({ where: { name: 'Weer Een Leverancier' } })).toBe(0);
  });
});
