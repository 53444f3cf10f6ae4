// VNG's GEMMA release as it really is (test/fixtures/real/gemma: "Verbindingsrol", "Buitengemeentelijke voorziening",
// no "GEMMA-groep" property, the group in folders) and a hand-made release with folders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGemmaImport, planGemmaImport } from '#core/exchange/gemma.ts';
import { loadStoredGemma, readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const excerpt = readFileSync(
  path.join(import.meta.dirname, '../fixtures/real/gemma/gemma-release-2026-07-01-excerpt.xml'),
);
const withFolders = readFileSync(path.join(import.meta.dirname, '../fixtures/gemma/release-met-mappen.xml'), 'utf8');

const GDC = '6c681cd8-9401-4103-82fc-51c0492d67e7';
const NRC = '5060f0fc-6198-4936-99d3-1c5a35aae8de';
const GSB = '8c2cf498-380a-4fc1-b8ce-becf802d6371';
const SOC = '99642f7f-3b83-467a-9e51-1ddb101a92b9';
const PROEF = '0d5e1c2a-7b7e-4c1e-9a51-3f0e2b6d9c01';
const LOGGING = 'c158d9fc-6421-4d8a-8b2e-eaa33f43ecf8';

describe('the GEMMA release of 2026-07-01 (excerpt)', () => {
  it('reads 4 reference components by Object ID, 4 standards with Beheerder and URL, 3 national facilities; groups, links and flows it does not carry stay, with a warning', async () => {
    const stored = await loadStoredGemma(t.db);
    const { data, problems, warnings } = readGemmaAmeff(excerpt, 'release.xml', stored);
    expect(problems).toEqual([]);
    if (!data) throw new Error('niet gelezen');
    expect(
      data.components.map((c) => [
        c.id,
        c.naam,
        c.gemma_status,
        c.groep,
        c.beschikbaarheid,
        c.integriteit,
        c.vertrouwelijkheid,
      ]),
    ).toEqual([
      [GDC, 'Gegevensdistributiecomponent', 'In gebruik', 'Referentiecomponenten intermediair', 3, 3, 2],
      [NRC, 'Notificatierouteringcomponent', 'In ontwikkeling', 'Referentiecomponenten intermediair', 2, 2, 2],
      [GSB, 'Gemeentelijke servicebuscomponent', 'In gebruik', 'Referentiecomponenten intermediair', 3, 3, 2],
      [SOC, 'Software-ontwikkelcomponent', 'In gebruik', 'Referentiecomponenten applicatieontwikkeling', 1, 2, 1],
    ]);
    expect(data.standards.map((s) => [s.naam, s.beheerder, s.url])).toEqual([
      [
        'Toepasbare Regels aanleveren ebMS-standaard',
        'Kadaster',
        'https://aandeslagmetdeomgevingswet.nl/ontwikkelaarsportaal/api-register/api/toepasbare-regels-aanleveren/',
      ],
      // `<value xml:lang="nl" />`: no URL.
      ['OW-validateservice API-standaard', 'Kadaster', undefined],
      ['Regels bij activiteiten API-standaard', 'VNG', 'https://vng-realisatie.github.io/Regels-bij-activiteiten/'],
      [
        'Verwerkingenlogging API-standaard',
        'VNG Realisatie',
        'https://github.com/VNG-Realisatie/gemma-verwerkingenlogging',
      ],
    ]);
    expect(data.services.map((s) => s.naam)).toEqual([
      'LV-BGT - Basisregistratie Grootschalige Topografie',
      'GGK - Gemeentelijk Gegevensknooppunt',
      'Digipoort',
    ]);
    expect(warnings).toEqual([
      ...[
        ['Gegevensdistributiecomponent', GDC, 'Referentiecomponenten intermediair'],
        ['Notificatierouteringcomponent', NRC, 'Referentiecomponenten intermediair'],
        ['Gemeentelijke servicebuscomponent', GSB, 'Referentiecomponenten intermediair'],
        ['Software-ontwikkelcomponent', SOC, 'Referentiecomponenten applicatieontwikkeling'],
      ].map(
        ([name, id, group]) =>
          `Referentiecomponent "${name}" (${id}): het bestand geeft geen groep (geen eigenschap "GEMMA-groep", geen map); de groep "${group}" blijft zoals hij is.`,
      ),
      'Het bestand bevat geen relaties tussen referentiecomponenten en standaarden; de opgeslagen blijven zoals ze zijn.',
      'Het bestand bevat geen stromen tussen referentiecomponenten; de opgeslagen blijven zoals ze zijn.',
    ]);
    // Matched by Object ID: only the servicebus changes, where the release's explanation lacks the stored trailing space.
    const plan = await planGemmaImport(t.db, data);
    expect(plan.changes.map((c) => [c.kind, c.action, c.id, c.fields])).toEqual([
      ['referentiecomponent', 'CHANGE', GSB, ['explanation']],
    ]);
    expect([plan.unchanged, plan.links, plan.flows]).toEqual([10, { added: 0, removed: 0 }, { added: 0, removed: 0 }]);
    // The excerpt carries no views (<views> was cut out with the rest): the stored ones stay as they are.
    expect(plan.viewsReplaced).toBe(false);
    const links = await t.db.prisma.referenceComponentStandard.count();
    await applyGemmaImport(t.db, plan, { label: 'test' }, 'release.xml');
    expect(await t.db.prisma.referenceComponentStandard.count()).toBe(links);
    expect(await t.db.prisma.gemmaViewNode.count()).toBe(2842);
    expect((await t.db.prisma.referenceComponent.findUniqueOrThrow({ where: { id: SOC } })).group).toBe(
      'Referentiecomponenten applicatieontwikkeling',
    );
    expect((await t.db.prisma.referenceComponent.findUniqueOrThrow({ where: { id: GSB } })).explanation).toBe(
      'De component bevat specifieke adapters, transformaties en processen voor het koppelen van gemeentelijke systemen en het koppelen met landelijke voorzieningen.',
    );
  });

  it('without the stored model every component is new, so each one without a group is refused in one line', () => {
    const { data, problems } = readGemmaAmeff(excerpt, 'release.xml');
    expect(data).toBeNull();
    expect(problems).toHaveLength(4);
    expect(problems[0]).toEqual({
      file: 'release.xml (element)',
      row: expect.any(Number),
      message: `Referentiecomponent "Gegevensdistributiecomponent" (${GDC}) is nieuw en het bestand geeft geen groep: geen eigenschap "GEMMA-groep" en geen map waarin hij staat.`,
    });
  });
});

describe('a release with organisation folders', () => {
  it('takes the group from the folder a component sits in, reads Verbindingsrol, and leaves unstated properties as stored', async () => {
    const { data, problems, warnings } = readGemmaAmeff(
      Buffer.from(withFolders),
      'mappen.xml',
      await loadStoredGemma(t.db),
    );
    expect([problems, warnings.filter((w) => w.startsWith('Referentiecomponent'))]).toEqual([[], []]);
    if (!data) throw new Error('niet gelezen');
    expect(data.components.map((c) => [c.id, c.groep, c.gemma_status])).toEqual([
      [GDC, 'Referentiecomponenten intermediair', 'In gebruik'],
      [SOC, 'Referentiecomponenten intermediair', 'In gebruik'],
      [PROEF, 'Referentiecomponenten proef', 'In ontwikkeling'],
    ]);
    expect(data.links).toEqual([{ referentiecomponent_id: PROEF, standaard_id: LOGGING, rol: 'Verplicht' }]);
    const plan = await planGemmaImport(t.db, data);
    expect(plan.changes.map((c) => [c.action, c.id, c.fields])).toEqual([
      ['CHANGE', SOC, ['group']],
      ['ADD', PROEF, []],
    ]);
  });

  it('refuses a new component outside any group folder in one line, naming it', async () => {
    const loose = withFolders
      .replace(
        /\s*<item>\s*<label xml:lang="nl">Referentiecomponenten proef<\/label>\s*<item identifierRef="[^"]+" \/>\s*<\/item>/,
        '',
      )
      .replace(
        '<label xml:lang="nl">Application</label>',
        `<label xml:lang="nl">Application</label>\n      <item identifierRef="id-${PROEF}" />`,
      );
    expect(loose).not.toContain('Referentiecomponenten proef');
    const { data, problems } = readGemmaAmeff(Buffer.from(loose), 'mappen.xml', await loadStoredGemma(t.db));
    expect(data).toBeNull();
    expect(problems.map((p) => p.message)).toEqual([
      `Referentiecomponent "Proefregistratiecomponent" (${PROEF}) is nieuw en het bestand geeft geen groep: geen eigenschap "GEMMA-groep" en geen map waarin hij staat.`,
    ]);
  });
});
