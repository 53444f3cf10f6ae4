// Imports against absurd or hostile files: twenty thousand applications of one name, a flood of notes, oversized kept
// fields, too many components, personal data, and suppliers and products named by a former name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AmeffItem, AmeffModel } from '#core/exchange/ameff-read.ts';
import { readArchiLandscape } from '#core/exchange/archi-read.ts';
import { planLandscapeImport } from '#core/exchange/landscape-import.ts';
import { swcApplications } from '#core/exchange/swc.ts';
import { planSwcImport } from '#core/exchange/swc-plan.ts';
import { keptFields } from '#core/exchange/swc-values.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.prisma.organisation.create({
    data: { slug: 'grens-proef', name: 'Proefgemeente grenzen', type: 'MUNICIPALITY' },
  });
});
afterAll(() => t?.drop());

const json = (applications: unknown[]) => Buffer.from(JSON.stringify(applications));
const item = (id: string, type: string, name: string, ends: { source?: string; target?: string } = {}): AmeffItem => ({
  id,
  type,
  name,
  documentation: '',
  properties: new Map(),
  ordinal: 0,
  source: ends.source ?? '',
  target: ends.target ?? '',
});

describe('an own Archi model', () => {
  it('gives 20,000 components of one name and 20,000 flows between two of them each their own key', async () => {
    const n = 20_000;
    const model: AmeffModel = {
      elements: Array.from({ length: n }, (_, i) => item(`c${i}`, 'ApplicationComponent', 'Open Zaak')),
      relationships: Array.from({ length: n }, (_, i) => item(`f${i}`, 'Flow', '', { source: 'c0', target: 'c1' })),
      propertyNames: new Set(),
      folders: new Map(),
      views: 0,
    };
    const read = await readArchiLandscape(t.db, 'grens-proef', model);
    expect(read?.problems).toEqual([]);
    const keys = read?.records.map((r) => r.Sleutel) ?? [];
    expect(keys.slice(0, 3)).toEqual(['open-zaak', 'open-zaak-2', 'open-zaak-3']);
    expect(keys.at(-1)).toBe('open-zaak-20000');
    expect(new Set(keys).size).toBe(n);
    const interfaceKeys = read?.interfaces.map((r) => r.Sleutel) ?? [];
    expect(interfaceKeys.slice(0, 2)).toEqual(['open-zaak-open-zaak-2', 'open-zaak-open-zaak-2-2']);
    expect(interfaceKeys.at(-1)).toBe('open-zaak-open-zaak-2-20000');
    expect(new Set(interfaceKeys).size).toBe(n);
  });

  it('refuses a model with more than 20,000 application components, in one Dutch line', async () => {
    const elements = Array.from(
      { length: 20_001 },
      (_, i) => `<element identifier="c${i}" xsi:type="ApplicationComponent"><name>Open Zaak</name></element>`,
    );
    const xml = `<?xml version="1.0" encoding="UTF-8"?><model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m"><elements>${elements.join('')}</elements></model>`;
    const plan = await planLandscapeImport(t.db, 'grens-proef', Buffer.from(xml), 'ameff');
    expect(plan?.kind).toBe('archi-model');
    expect(plan?.refused).toEqual([
      { line: 0, message: 'Het model heeft 20001 applicatiecomponenten; hooguit 20000 per keer.' },
    ]);
    expect(plan?.rows).toEqual([]);
  });
});

describe('a Softwarecatalogus export', () => {
  it('gives 20,000 applications of one product each a key, and lists 200 notes and a count of the rest', async () => {
    const n = 20_000;
    const plan = await planSwcImport(
      t.db,
      'grens-proef',
      json(Array.from({ length: n }, () => ({ naam: 'Open Zaak', _koppelingen: ['Nergens'] }))),
    );
    expect(plan?.refused).toEqual([]);
    const keys = plan?.rows.map((r) => r.key) ?? [];
    expect(keys.slice(0, 3)).toEqual(['open-zaak', 'open-zaak-2', 'open-zaak-3']);
    expect(keys.at(-1)).toBe('open-zaak-20000');
    expect(new Set(keys).size).toBe(n);
    expect(plan?.notes).toHaveLength(201);
    expect(plan?.notes[0]).toEqual({
      line: 1,
      message:
        'Koppeling met "Nergens": de andere kant staat niet in het landschap of in het bestand; niet geplaatst, bewaard bij het gebruik.',
    });
    expect(plan?.notes.at(-1)).toEqual({ line: 0, message: '… en 19800 meer.' });
  });

  it('refuses more than 64 kB of kept fields for one usage', async () => {
    const plan = await planSwcImport(
      t.db,
      'grens-proef',
      json([{ naam: 'Open Zaak', beschrijvingLang: 'x'.repeat(70_000) }, { naam: 'Open Zaak' }]),
    );
    // {"beschrijvingLang":"x…x"} is 70,023 bytes: 69 kB rounded up.
    expect(plan?.refused).toEqual([
      { line: 1, message: 'Applicatie "Open Zaak": de bewaarde velden zijn 69 kB; hooguit 64 kB per gebruik.' },
    ]);
  });

  it('recognises a product and a supplier by a former name', async () => {
    await t.db.prisma.product.update({ where: { slug: 'open-zaak' }, data: { aliases: 'Open Zaak Klassiek' } });
    const plan = await planSwcImport(t.db, 'grens-proef', json([{ naam: 'Open Zaak Klassiek', _aanbieder: 'Maykin' }]));
    expect(plan?.refused).toEqual([]);
    expect(plan?.rows.map((r) => [r.key, r.product, r.action])).toEqual([['open-zaak', 'Open Zaak', 'ADD']]);
    const notes = plan?.notes.map((x) => x.message) ?? [];
    expect(notes.filter((m) => m.includes('niet herkend'))).toEqual([]);
    // "Maykin" is Maykin Media's other name in content/suppliers.yaml.
    expect(notes).toContain('Leverancier "Maykin" herkend als Maykin Media (bekende andere naam "Maykin").');
  });

  it('writes a stored contact person empty on export, and a re-import no longer keeps it', async () => {
    const p = t.db.prisma;
    const org = await p.organisation.findUniqueOrThrow({ where: { slug: 'grens-proef' } });
    const product = await p.product.findUniqueOrThrow({ where: { slug: 'open-zaak' } });
    await p.usage.create({
      data: {
        key: 'open-zaak',
        organisationId: org.id,
        productId: product.id,
        status: 'IN_PRODUCTION',
        externalFields: JSON.stringify({
          _contactpersoon: 'J. de Vries',
          contactpersoon: 'u-1',
          website: 'https://zaken.example.nl',
        }),
      },
    });
    const [exported] = (await swcApplications(t.db, 'grens-proef')) ?? [];
    expect([exported?.contactpersoon, exported?._contactpersoon, exported?.website]).toEqual([
      '',
      '',
      'https://zaken.example.nl',
    ]);
    const plan = await planSwcImport(
      t.db,
      'grens-proef',
      json([{ naam: 'Open Zaak', contactpersoon: 'u-2', _contactpersoon: 'P. Jansen' }]),
    );
    expect(plan?.refused).toEqual([]);
    expect(plan?.columns.filter((c) => c.treatment === 'IGNORED').map((c) => [c.column, c.target])).toEqual([
      ['contactpersoon', 'persoonsgegevens worden niet overgenomen'],
      ['_contactpersoon', 'persoonsgegevens worden niet overgenomen'],
    ]);
    expect(plan?.kept.map((k) => [k.key, keptFields(k.after)])).toEqual([
      ['open-zaak', { website: 'https://zaken.example.nl' }],
    ]);
  });
});
