// The real publiccode.yml files of test/fixtures/real/publiccode/, each against the catalogue seeded from content/:
// what test/fixtures/real/README.md says must happen to it, and nothing else.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPubliccodeImport, planPubliccodeImport } from '#core/exchange/publiccode.ts';
import { projectRoot } from '#prisma/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const plan = (file: string) =>
  planPubliccodeImport(t.db, readFileSync(path.join(projectRoot, 'test/fixtures/real/publiccode', file)));
const supplierCount = () => t.db.prisma.supplier.count();
const maykin = { slug: 'maykin-media', name: 'Maykin Media', isNew: false };
const httpGit = (repo: string) => [
  `url "http://github.com/${repo}.git" begint met http://; gelezen als https://.`,
  `url "http://github.com/${repo}.git" eindigt op .git; gelezen als https://github.com/${repo} (dezelfde repository).`,
];
const classifyLater = [
  'Nieuw pakket zonder Common Ground-laag (nl.commonground.layerType): het komt erbij zonder laag; deel het later in.',
  'Nieuw pakket zonder GEMMA-referentiecomponenten (nl.gemma.referentieComponenten): het komt erbij zonder; deel het later in.',
];

describe('real publiccode.yml files', () => {
  it('open-zaak: Open Zaak by its repository, "Maykin" is Maykin Media, only the version and description change', async () => {
    const suppliers = await supplierCount();
    const p = await plan('open-zaak.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'CHANGE',
      slug: 'open-zaak',
      recognised: 'herkend: zelfde repository',
      supplier: {
        ...maykin,
        reason:
          'herkend: bekende andere naam "Maykin"; in het bestand opdrachtnemer (maintenance.contractors) "Maykin"',
      },
      changes: ['omschrijving', 'versies'],
      refused: [],
    });
    expect(p.warnings).toEqual([
      'url "https://github.com/open-zaak/open-zaak.git" eindigt op .git; gelezen als https://github.com/open-zaak/open-zaak (dezelfde repository).',
    ]);
    await applyPubliccodeImport(t.db, p, { label: 'test' }, 'publiccode.yaml', null);
    const product = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'open-zaak' },
      include: { supplier: true, versions: true },
    });
    expect(product.supplier.slug).toBe('maykin-media');
    expect(product.repository).toBe('https://github.com/open-zaak/open-zaak');
    expect(product.versions.map((v) => v.name)).toContain('1.30.0');
    expect(await supplierCount()).toBe(suppliers);
  });

  it('open-formulieren: Open Formulieren by its repository, the other name a proposed change, not a new product', async () => {
    const p = await plan('open-formulieren.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'CHANGE',
      slug: 'open-formulieren',
      name: 'Open Forms Builder and API',
      recognised: 'herkend: zelfde repository',
      supplier: {
        ...maykin,
        reason:
          'herkend: bekende andere naam "Maykin"; in het bestand opdrachtnemer (maintenance.contractors) "Maykin"',
      },
      changes: ['naam', 'omschrijving', 'versies'],
      refused: [],
    });
    expect(p.warnings).toEqual(httpGit('open-formulieren/open-forms'));
  });

  it('objecten-api: another repository and name than the catalogue’s Objecten, so a new product of Maykin Media to classify later', async () => {
    const p = await plan('objecten-api.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'ADD',
      existing: null,
      slug: 'open-object',
      recognised: 'nieuw: geen pakket met deze repository of naam bij Maykin Media',
      supplier: {
        ...maykin,
        reason: 'herkend: zelfde naam; in het bestand opdrachtnemer (maintenance.contractors) "Maykin Media"',
      },
      input: {
        repository: 'https://github.com/maykinmedia/open-object',
        architecture: 'COMMON_GROUND',
        versions: ['4.0.0'],
      },
      refused: [],
    });
    expect(p.warnings).toEqual([
      ...httpGit('maykinmedia/open-object'),
      ...classifyLater,
      'Kent de catalogus dit pakket van Maykin Media al onder een andere naam en repository, voeg de twee dan na het inlezen samen; de oude naam blijft dan herkend.',
    ]);
    expect(p.input.layers).toBeUndefined();
    expect(p.input.referenceComponents).toBeUndefined();
  });

  it('open-inwoner: Open Inwoner by its repository; http:// and .git are no repository change', async () => {
    const p = await plan('open-inwoner.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'CHANGE',
      slug: 'open-inwoner',
      recognised: 'herkend: zelfde repository',
      supplier: {
        ...maykin,
        reason: 'herkend: zelfde naam; in het bestand opdrachtnemer (maintenance.contractors) "Maykin Media"',
      },
      changes: ['naam', 'omschrijving', 'versies'],
      input: { repository: 'https://github.com/maykinmedia/open-inwoner', versions: ['0.1.0'] },
      refused: [],
    });
    expect(p.warnings).toEqual([
      'releaseDate "t.b.d." is geen bestaande datum (JJJJ-MM-DD); genegeerd.',
      'softwareType "standalone" staat niet in de lijst van de standaard; genegeerd.',
      ...httpGit('maykinmedia/open-inwoner'),
    ]);
  });

  it('dimpact-zac: ZAC by its repository, "INFO" is INFO.nl, EUPL-1.2+ is the catalogue’s EUPL-1.2, "The" no description', async () => {
    const p = await plan('dimpact-zac.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'CHANGE',
      slug: 'zac',
      recognised: 'herkend: zelfde repository',
      supplier: {
        slug: 'info-nl',
        name: 'INFO.nl',
        isNew: false,
        reason: 'herkend: bekende andere naam "INFO"; in het bestand opdrachtnemer (maintenance.contractors) "INFO"',
      },
      changes: ['naam', 'versies'],
      input: { licence: 'EUPL-1.2', versions: ['1.11.31'] },
      refused: [],
    });
    expect(p.input.description).toBeUndefined();
    expect(p.warnings).toEqual([
      'description.en.shortDescription "The" is één woord en geen omschrijving; de omschrijving blijft zoals ze is.',
      'legal.license "EUPL-1.2+" gelezen als EUPL-1.2-or-later (SPDX schrijft "-or-later" in plaats van "+").',
      'legal.license EUPL-1.2-or-later en EUPL-1.2 in de catalogus gelden als dezelfde licentie (de catalogus zegt niet "alleen EUPL-1.2"); de licentie blijft EUPL-1.2.',
    ]);
  });

  it('signalen-frontend: Signalen of Gemeente Amsterdam (repoOwner), its repository added; copyright owner "Signalen" is no supplier', async () => {
    const suppliers = await supplierCount();
    const p = await plan('signalen-frontend.publiccode.yml');
    expect(p).toMatchObject({
      action: 'CHANGE',
      slug: 'signalen',
      name: 'Signalen',
      recognised: 'herkend: naam begint met "Signalen", zelfde leverancier',
      supplier: {
        slug: 'gemeente-amsterdam',
        isNew: false,
        reason:
          'herkend: zelfde naam; in het bestand eigenaar van de repository (legal.repoOwner) "Gemeente Amsterdam"',
      },
      changes: ['omschrijving', 'repository', 'versies'],
      input: { repository: 'https://github.com/Amsterdam/signals-frontend', licence: 'MPL-2.0', versions: ['v1.49.0'] },
      refused: [],
    });
    expect(p.warnings).toEqual([
      '"Signalen frontend" is herkend als Signalen (naam begint met "Signalen", zelfde leverancier); de naam blijft Signalen.',
    ]);
    await applyPubliccodeImport(t.db, p, { label: 'test' }, 'publiccode.yml', null);
    const signalen = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'signalen' },
      include: { supplier: true },
    });
    expect(signalen).toMatchObject({
      name: 'Signalen',
      repository: 'https://github.com/Amsterdam/signals-frontend',
      supplier: { slug: 'gemeente-amsterdam' },
    });
    expect(await supplierCount()).toBe(suppliers);
    expect(await t.db.prisma.supplier.findFirst({ where: { name: 'Signalen' } })).toBeNull();
  });

  it('conduction-openpdc: OpenWebConcept by name; "Conduction B.V" is Conduction, and keeping Open Webconcept is said, not silent', async () => {
    const p = await plan('conduction-openpdc.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'CHANGE',
      slug: 'openwebconcept',
      recognised: 'herkend: zelfde naam, zelfde leverancier',
      supplier: {
        slug: 'open-webconcept',
        isNew: false,
        reason:
          'herkend: zelfde naam; in het bestand houder van het auteursrecht (legal.mainCopyrightOwner) "Open Webconcept"',
      },
      changes: ['omschrijving', 'repository', 'versies'],
      refused: [],
    });
    expect(p.warnings).toEqual([
      'Sleutel installations hoort niet bij de standaard en is genegeerd.',
      'releaseDate "2021-31-01" is geen bestaande datum (JJJJ-MM-DD); genegeerd.',
      'softwareType "standalone/Api" staat niet in de lijst van de standaard; genegeerd.',
      'localisation.localisationReady "yes" is geen true of false; genegeerd.',
      'Het bestand noemt Conduction als opdrachtnemer (maintenance.contractors) ("Conduction B.V", zelfde naam zonder rechtsvorm, leestekens en vulwoorden ("conduction")); de leverancier blijft Open Webconcept, die het bestand noemt als houder van het auteursrecht (legal.mainCopyrightOwner). Wijzig de leverancier zelf als Conduction de leverancier is.',
    ]);
  });

  it('commongateway-kissbundle (0.1): accepted with a warning, nulls absent; a new KissBundle of Conduction, layer DATA, not KISS', async () => {
    const p = await plan('commongateway-kissbundle.publiccode.yaml');
    expect(p).toMatchObject({
      action: 'ADD',
      existing: null,
      slug: 'kissbundle',
      name: 'KissBundle',
      recognised: 'nieuw: geen pakket met deze repository of naam bij Conduction',
      supplier: {
        slug: 'conduction',
        isNew: false,
        reason: 'herkend: zelfde naam; in het bestand opdrachtnemer (maintenance.contractors) "Conduction"',
      },
      refused: [],
    });
    expect(p.warnings).toEqual([
      'Sleutel intendedaudience hoort niet bij de standaard en is genegeerd.',
      'publiccodeYmlVersion 0.1: de standaard begint bij 0.2; gelezen als 0.2.',
      'softwareType "softwareAddon" staat niet in de lijst van de standaard; genegeerd.',
      classifyLater[1],
      'Kent de catalogus dit pakket van Conduction al onder een andere naam en repository, voeg de twee dan na het inlezen samen; de oude naam blijft dan herkend.',
    ]);
    // softwareVersion: null is absent: no version.
    expect(p.input.versions).toBeUndefined();
    await applyPubliccodeImport(t.db, p, { label: 'test' }, 'publiccode.yaml', null);
    const kiss = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'kissbundle' },
      include: { supplier: true, layers: true, referenceComponents: true, versions: true },
    });
    expect(kiss).toMatchObject({
      name: 'KissBundle',
      licence: 'EUPL-1.2-or-later',
      supplier: { slug: 'conduction' },
      versions: [],
      referenceComponents: [],
    });
    expect(kiss.layers.map((l) => l.layer)).toEqual(['DATA']);
    const catalogueKiss = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'kiss' },
      select: { repository: true },
    });
    expect(catalogueKiss.repository).toBe('https://github.com/Klantinteractie-Servicesysteem/KISS-frontend');
  });

  it('commongateway-zgwbundle (generated): empty legal.license refused in one line; nl.vng and organisation ignored with a warning', async () => {
    const p = await plan('commongateway-zgwbundle-generated-empty-legal.publiccode.yaml');
    expect(p.refused).toEqual([{ line: 22, message: 'Verplicht veld legal.license ontbreekt of is leeg.' }]);
    expect(p.warnings).toEqual([
      'Sleutel organisation hoort niet bij de standaard en is genegeerd.',
      'Sleutel nl.vng hoort niet bij de Nederlandse uitbreiding en is genegeerd.',
    ]);
  });

  it('commongateway-kissbundle-2023-06 (no legal): refused in one line naming legal, nothing about the supplier', async () => {
    const p = await plan('commongateway-kissbundle-2023-06-no-legal.publiccode.yaml');
    expect(p.refused).toEqual([
      { line: 0, message: 'Verplicht veld legal ontbreekt (met daarin legal.license, de licentie).' },
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('a version outside 0.1 to 0.4 is refused in one line naming it', async () => {
    const text = readFileSync(
      path.join(projectRoot, 'test/fixtures/real/publiccode/open-zaak.publiccode.yaml'),
      'utf8',
    ).replace("publiccodeYmlVersion: '0.2'", "publiccodeYmlVersion: '1.0'");
    const p = await planPubliccodeImport(t.db, Buffer.from(text));
    expect(p.refused).toEqual([
      {
        line: 5,
        message: 'publiccodeYmlVersion "1.0" wordt niet ondersteund: Grondplan leest versie 0.2 tot en met 0.4.',
      },
    ]);
  });
});
