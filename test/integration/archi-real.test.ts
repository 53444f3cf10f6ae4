// Architects' own ArchiMate models (test/fixtures/real/archi, written by Archi, Sparx EA, Visual Paradigm and VNG) and
// a hand-written one whose components are catalogue products: what each must become, per test/fixtures/real/README.md.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotPlaced } from '#core/exchange/archi-read.ts';
import { readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import {
  applyLandscapeImport,
  type LandscapePlan,
  planLandscapeImport,
  refusedOf,
} from '#core/exchange/landscape-import.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  for (const slug of ['archi-proef', 'zgw-proef'])
    await t.db.prisma.organisation.create({ data: { slug, name: `Proefgemeente ${slug}`, type: 'MUNICIPALITY' } });
});
afterAll(() => t?.drop());

const real = (file: string) => readFileSync(path.join(import.meta.dirname, '../fixtures/real/archi', file));
const own = readFileSync(path.join(import.meta.dirname, '../fixtures/archimate/gemeente-zaakgericht-werken.xml'));

async function plan(bytes: Uint8Array, slug = 'archi-proef'): Promise<LandscapePlan> {
  const planned = await planLandscapeImport(t.db, slug, bytes, 'ameff');
  if (!planned) throw new Error('geen plan');
  return planned;
}

const named = (list: NotPlaced[], type: string) =>
  list.filter((n) => n.type === type && n.name !== null).map((n) => [n.name, n.reason]);
const counted = (list: NotPlaced[]) =>
  Object.fromEntries(list.filter((n) => n.name === null).map((n) => [n.type, n.count]));
const OPTION = 'de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten)';
const noProduct = (name: string) => [
  name,
  `geen pakket "${name}" in de catalogus en geen leverancier genoemd; om het toe te voegen heeft het component een eigenschap Leverancier (of Supplier) nodig en ${OPTION}`,
];
/** Elements and relationships the file has, counted in its text, independent of the reader. */
const inFile = (bytes: Uint8Array) => {
  const text = Buffer.from(bytes).toString('latin1');
  return {
    elements: text.match(/<element\s/g)?.length ?? 0,
    relationships: text.match(/<relationship\s/g)?.length ?? 0,
  };
};
const ELEMENT_TYPES = /^[A-Z]/;
/** Every element and relationship is placed or listed: the counts add up to the file's. */
function accountedFor(p: LandscapePlan, used: { elements: number; relationships: number }) {
  const relationshipTypes = new Set([
    'Access',
    'Aggregation',
    'Assignment',
    'Association',
    'Composition',
    'Flow',
    'Influence',
    'Realization',
    'Serving',
    'Specialization',
    'Triggering',
  ]);
  const listed = p.notPlaced.filter((n) => ELEMENT_TYPES.test(n.type) && n.type !== 'View' && n.type !== 'Eigenschap');
  const sum = (xs: NotPlaced[]) => xs.reduce((n, x) => n + x.count, 0);
  return {
    elements: sum(listed.filter((n) => !relationshipTypes.has(n.type))) + used.elements,
    relationships: sum(listed.filter((n) => relationshipTypes.has(n.type))) + used.relationships,
  };
}

describe('an ArchiMate model without Softwarecatalogus properties', () => {
  it('Archisurance (Archi): 10 components not in the catalogue listed with their reason, 7 serving and 2 compositions between them, every other type counted', async () => {
    const bytes = real('archi-archisurance-exchange.xml');
    const p = await plan(bytes);
    expect([p.kind, p.rows, refusedOf(p), p.interfaces]).toEqual(['archi-model', [], [], null]);
    expect(named(p.notPlaced, 'ApplicationComponent')).toEqual(
      [
        'Financial Application',
        'CRM System',
        'Policy Data Management',
        'Home & Away Policy Administration',
        'Customer Data  Access',
        'Risk Assessment',
        'Claim Data Management',
        'Call center application',
        'Web portal',
        'Bank System',
      ].map(noProduct),
    );
    expect(named(p.notPlaced, 'Serving')).toEqual([
      ['Call center application → Web portal', '"Call center application" en "Web portal" zijn niet geplaatst'],
      ['CRM System → Web portal', '"CRM System" en "Web portal" zijn niet geplaatst'],
      ['Risk Assessment → Web portal', '"Risk Assessment" en "Web portal" zijn niet geplaatst'],
      [
        'Financial Application → Home & Away Policy Administration',
        '"Financial Application" en "Home & Away Policy Administration" zijn niet geplaatst',
      ],
      ['Customer Data  Access → Risk Assessment', '"Customer Data  Access" en "Risk Assessment" zijn niet geplaatst'],
      [
        'Customer Data  Access → Call center application',
        '"Customer Data  Access" en "Call center application" zijn niet geplaatst',
      ],
      ['Bank System → Financial Application', '"Bank System" en "Financial Application" zijn niet geplaatst'],
    ]);
    const inside = 'een component als onderdeel van een ander component; geen koppeling';
    expect(named(p.notPlaced, 'Composition')).toEqual([
      ['Home & Away Policy Administration → Customer Data  Access', inside],
      ['Home & Away Policy Administration → Policy Data Management', inside],
    ]);
    expect(counted(p.notPlaced)).toMatchObject({
      BusinessActor: 17,
      BusinessProcess: 9,
      Principle: 9,
      Node: 4,
      Flow: 33,
      Triggering: 13,
      Serving: 25,
      View: 17,
    });
    expect(p.notPlaced.find((n) => n.type === 'BusinessActor')?.reason).toBe(
      'geen onderdeel van een applicatielandschap',
    );
    expect(p.notPlaced.find((n) => n.type === 'Triggering')?.reason).toBe('niet tussen twee applicatiecomponenten');
    expect(named(p.notPlaced, 'Eigenschap')).toEqual([
      ['Property1', 'niet gebruikt'],
      ['Property2', 'niet gebruikt'],
      ['Property3', 'niet gebruikt'],
    ]);
    expect(accountedFor(p, { elements: 0, relationships: 0 })).toEqual(inFile(bytes));
  });

  it('Archi 5 export (Arktect): 4 components; the association and composition between them listed; the property definitions "test" and "test 2" ignored', async () => {
    const bytes = real('arktect-archi-5.0.2-export.xml');
    const p = await plan(bytes);
    expect([p.rows, refusedOf(p)]).toEqual([[], []]);
    expect(named(p.notPlaced, 'ApplicationComponent')).toEqual(
      ['Application Component A', 'Application Component B', 'Application Component C', 'Application Component'].map(
        noProduct,
      ),
    );
    expect([...named(p.notPlaced, 'Association'), ...named(p.notPlaced, 'Composition')]).toEqual([
      ['Application Component B → Application Component A', 'een associatie heeft geen richting; geen koppeling'],
      [
        'Application Component B → Application Component C',
        'een component als onderdeel van een ander component; geen koppeling',
      ],
    ]);
    expect(named(p.notPlaced, 'Eigenschap')).toEqual([
      ['test', 'niet gebruikt'],
      ['test 2', 'niet gebruikt'],
    ]);
    expect(counted(p.notPlaced)).toMatchObject({ Grouping: 2, Plateau: 3, View: 4 });
    expect(accountedFor(p, { elements: 0, relationships: 0 })).toEqual(inFile(bytes));
  });

  const sparxComponents = [
    'Application Component',
    'Application Component A',
    'Application Component B',
    'Application Component C',
    'a',
    'APP A',
  ];

  it('Sparx EA export: read despite its windows-1252 declaration (the text is ASCII); 6 components, one named "a"', async () => {
    const bytes = real('arktect-sparx-ea-export.xml');
    expect(Buffer.from(bytes).toString('latin1').slice(0, 60)).toContain('encoding="windows-1252"');
    const p = await plan(bytes);
    expect([p.kind, p.rows, refusedOf(p)]).toEqual(['archi-model', [], []]);
    expect(named(p.notPlaced, 'ApplicationComponent')).toEqual(sparxComponents.map(noProduct));
    expect(named(p.notPlaced, 'Eigenschap')).toEqual([]);
    expect(accountedFor(p, { elements: 0, relationships: 0 })).toEqual(inFile(bytes));
    // The same declaration on text that is not ASCII is refused with what to do about it.
    const accented = Buffer.concat([bytes.subarray(0, 400), Buffer.from([0x20, 0xe9]), bytes.subarray(400)]);
    expect(refusedOf(await plan(accented))).toEqual([
      {
        line: 0,
        message:
          'Het bestand is opgeslagen als windows-1252 en bevat tekens buiten ASCII; sla het op als UTF-8 en probeer opnieuw.',
      },
    ]);
  });

  it('Visual Paradigm export of the same model: the same components and relations as Sparx, its vp- property definitions in one line', async () => {
    const bytes = real('arktect-visual-paradigm-export.xml');
    const [vp, sparx] = [await plan(bytes), await plan(real('arktect-sparx-ea-export.xml'))];
    const componentsAndTheirRelations = (p: LandscapePlan) =>
      p.notPlaced.filter((n) => n.name !== null && n.type !== 'Eigenschap');
    expect(componentsAndTheirRelations(vp)).toEqual(componentsAndTheirRelations(sparx));
    expect(named(vp.notPlaced, 'ApplicationComponent')).toEqual(sparxComponents.map(noProduct));
    const vpDefinitions =
      Buffer.from(bytes)
        .toString('utf8')
        .match(/<name>vp-/g)?.length ?? 0;
    expect(vpDefinitions).toBe(48);
    expect(vp.notPlaced.filter((n) => n.type === 'Eigenschap')).toEqual([
      { type: 'Eigenschap', count: 48, name: 'vp-…', reason: 'instellingen van Visual Paradigm; niet gebruikt' },
    ]);
    expect(accountedFor(vp, { elements: 0, relationships: 0 })).toEqual(inFile(bytes));
  });

  it('Over GEMMA excerpt (VNG): 49 components none of which is a catalogue product, flows and serving listed with their unplaced ends, specialisations and aggregations listed; the GEMMA reader still refuses it', async () => {
    const bytes = real('vng-over-gemma-2025-01-29-applicatielaag-excerpt.xml');
    const p = await plan(bytes);
    expect([p.rows, refusedOf(p)]).toEqual([[], []]);
    const components = named(p.notPlaced, 'ApplicationComponent');
    expect(components).toHaveLength(49);
    for (const name of ['Archi', 'MediaWiki', 'Softwarecatalogus', 'GEMMA online'])
      expect(components).toContainEqual(noProduct(name));
    expect(named(p.notPlaced, 'Flow')).toHaveLength(9);
    expect(named(p.notPlaced, 'Serving')).toEqual([
      ['MediaWiki → Semantic MediaWiki (SMW)', '"MediaWiki" en "Semantic MediaWiki (SMW)" zijn niet geplaatst'],
      ['git → Archi', '"git" en "Archi" zijn niet geplaatst'],
      [
        'Semantic MediaWiki (SMW) → WikiXL™ kennismanagementplatform',
        '"Semantic MediaWiki (SMW)" en "WikiXL™ kennismanagementplatform" zijn niet geplaatst',
      ],
    ]);
    expect(named(p.notPlaced, 'Specialization')).toHaveLength(16);
    expect(named(p.notPlaced, 'Aggregation')).toHaveLength(23);
    expect(named(p.notPlaced, 'Specialization')[0]?.[1]).toBe(
      'een specialisatie van een ander component (geen GEMMA-referentiecomponent); geen koppeling',
    );
    expect(named(p.notPlaced, 'Eigenschap')).toContainEqual(['Bron', 'niet gebruikt']);
    expect(named(p.notPlaced, 'Eigenschap').map(([n]) => n)).not.toContain('Object ID');
    expect(accountedFor(p, { elements: 0, relationships: 0 })).toEqual(inFile(bytes));
    expect(readGemmaAmeff(bytes, 'over-gemma.xml').problems).toEqual([
      {
        file: 'over-gemma.xml',
        row: 0,
        message: 'Dit bestand bevat geen GEMMA-standaarden (GEMMA type "Standaard"); is het wel een GEMMA-model?',
      },
    ]);
  });
});

describe('a hand-written model whose components are catalogue products', () => {
  const expectedNotPlaced: NotPlaced[] = [
    {
      type: 'ApplicationComponent',
      count: 1,
      name: 'CRM Systeem',
      reason: `geen pakket "CRM Systeem" in de catalogus en leverancier "Acme Software BV" is onbekend. Met ${OPTION} komt het erbij.`,
    },
    {
      type: 'ApplicationComponent',
      count: 1,
      name: 'Zaakregistratiecomponent',
      reason:
        'geen pakket "Zaakregistratiecomponent" in de catalogus en geen leverancier genoemd ("Zaakregistratiecomponent" is een GEMMA-referentiecomponent, geen pakket)',
    },
    { type: 'Flow', count: 1, name: 'CRM Systeem → Open Zaak', reason: '"CRM Systeem" is niet geplaatst' },
    {
      type: 'Association',
      count: 1,
      name: 'Open Zaak → CRM Systeem',
      reason: 'een associatie heeft geen richting; geen koppeling',
    },
    {
      type: 'Composition',
      count: 1,
      name: 'Open Zaak → Open Formulieren',
      reason: 'een component als onderdeel van een ander component; geen koppeling',
    },
    { type: 'BusinessActor', count: 2, name: null, reason: 'geen onderdeel van een applicatielandschap' },
    { type: 'DataObject', count: 1, name: null, reason: 'geen onderdeel van een applicatielandschap' },
    { type: 'Access', count: 1, name: null, reason: 'niet tussen twee applicatiecomponenten' },
    { type: 'Association', count: 1, name: null, reason: 'niet tussen twee applicatiecomponenten' },
    { type: 'View', count: 1, name: null, reason: 'views worden niet gelezen, alleen elementen en relaties' },
    { type: 'Eigenschap', count: 1, name: 'Eigenaar', reason: 'niet gebruikt' },
  ];
  const ZRC = 'a97b6545-d5a7-485d-9b13-3ce22db5b9cf';
  const NRC = '5060f0fc-6198-4936-99d3-1c5a35aae8de';

  it('imports as usages (product by name, supplier "Maykin" as Maykin Media, GEMMA component by realisation and by GEMMA id) and koppelingen with their direction, audited; again it is nothing to change', async () => {
    const p = await plan(own, 'zgw-proef');
    expect(refusedOf(p)).toEqual([]);
    expect(p.rows.map((r) => [r.action, r.key, r.product, r.data.status, r.data.referenceComponentIds])).toEqual([
      ['ADD', 'open-zaak', 'Open Zaak', 'IN_PRODUCTION', [ZRC]],
      ['ADD', 'open-notificaties', 'Open Notificaties', 'IN_PRODUCTION', [NRC]],
      // Nothing in the model places Open Formulieren in GEMMA: a new usage then realises its product's component.
      ['ADD', 'open-formulieren', 'Open Formulieren', 'IN_PRODUCTION', ['5c9f683b-4454-4e3e-b93c-da50dfd6934a']],
    ]);
    expect(p.placed[0]).toBe(
      `Component "Open Zaak" → gebruik open-zaak: pakket Open Zaak (zelfde naam, zelfde leverancier); referentiecomponent ${ZRC} (realisatie van "Zaakregistratiecomponent")`,
    );
    // Flow and triggering from source to target; serving from the serving component to the one it serves.
    expect(
      p.interfaces?.rows.map((r) => [
        r.action,
        r.key,
        r.data.fromUsage,
        r.data.toUsage,
        r.data.direction,
        r.data.description,
      ]),
    ).toEqual([
      ['ADD', 'open-formulieren-open-zaak', 'open-formulieren', 'open-zaak', 'A_TO_B', 'Zaak aanmaken'],
      ['ADD', 'open-notificaties-open-zaak', 'open-notificaties', 'open-zaak', 'A_TO_B', null],
      [
        'ADD',
        'open-zaak-open-notificaties',
        'open-zaak',
        'open-notificaties',
        'A_TO_B',
        'Open Zaak meldt elke nieuwe zaak aan Open Notificaties.',
      ],
    ]);
    expect(p.notPlaced).toEqual(expectedNotPlaced);
    // Three components placed; three koppelingen and the realisation that gave Open Zaak its reference component used.
    expect(accountedFor(p, { elements: 3, relationships: 4 })).toEqual(inFile(own));
    const org = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'zgw-proef' } });
    const events = await t.db.prisma.auditEvent.count();
    await applyLandscapeImport(t.db, p, { label: 'test' }, 'gemeente-zaakgericht-werken.xml');
    expect(await t.db.prisma.usage.count({ where: { organisationId: org.id } })).toBe(3);
    expect(await t.db.prisma.interface.count({ where: { organisationId: org.id } })).toBe(3);
    const audited = await t.db.prisma.auditEvent.findMany({
      where: { organisationId: org.id },
      select: { entityType: true, entityId: true },
    });
    expect(audited.filter((e) => e.entityType === 'Usage')).toHaveLength(3);
    expect(audited.filter((e) => e.entityType === 'Interface')).toHaveLength(3);
    expect(audited.filter((e) => e.entityType === 'Import').map((e) => e.entityId)).toEqual([
      'gemeente-zaakgericht-werken.xml',
    ]);
    expect(await t.db.prisma.auditEvent.count()).toBe(events + 7);
    const again = await plan(own, 'zgw-proef');
    expect([...again.rows, ...(again.interfaces?.rows ?? [])].map((r) => r.action)).toEqual(Array(6).fill('UNCHANGED'));
    expect(again.notPlaced).toEqual(expectedNotPlaced);
  });

  it('leaves what the model does not say alone in a landscape that has the usages already: status, dates, version, reference components, a koppeling under its own key', async () => {
    const emmen = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' } });
    const where = { organisationId_key: { organisationId: emmen.id, key: 'open-zaak' } };
    const select = {
      status: true,
      inProductionSince: true,
      plannedSince: true,
      versionId: true,
      referenceComponents: {
        select: { referenceComponentId: true },
        orderBy: { referenceComponentId: 'asc' as const },
      },
    };
    const before = await t.db.prisma.usage.findUniqueOrThrow({ where, select });
    const p = await plan(own, 'emmen');
    expect(refusedOf(p)).toEqual([]);
    expect(p.rows.find((r) => r.key === 'open-zaak')?.action).toBe(
      before.referenceComponents.some((c) => c.referenceComponentId === ZRC) ? 'UNCHANGED' : 'CHANGE',
    );
    // Emmen already has the koppeling from Open Formulieren to Open Zaak under the key "open-formulieren--open-zaak".
    expect(
      p.interfaces?.rows.find((r) => r.data.fromUsage === 'open-formulieren' && r.data.toUsage === 'open-zaak')?.key,
    ).toBe('open-formulieren--open-zaak');
    await applyLandscapeImport(t.db, p, { label: 'test' }, 'gemeente-zaakgericht-werken.xml');
    const after = await t.db.prisma.usage.findUniqueOrThrow({ where, select });
    const ids = (u: typeof before) => u.referenceComponents.map((c) => c.referenceComponentId);
    expect({ ...after, referenceComponents: [] }).toEqual({ ...before, referenceComponents: [] });
    expect(ids(after)).toEqual([...new Set([...ids(before), ZRC])].sort());
  });
});
