// Every exchange format, exported from a full sample landscape and imported back into the same organisation: the dry run
// finds nothing to change, and applying it changes no row. Also: the status dates a file does not carry stay as they are.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAmeff } from '#core/exchange/ameff.ts';
import { readUsagesAmeff } from '#core/exchange/ameff-read.ts';
import { toContentYaml } from '#core/exchange/content.ts';
import { applyInterfacesImport, planInterfacesImport, toInterfacesCsv } from '#core/exchange/interfaces-csv.ts';
import {
  applyLandscapeImport,
  type LandscapeFormat,
  planLandscapeImport,
  refusedOf,
} from '#core/exchange/landscape-import.ts';
import { type ExportLandscape, loadLandscape } from '#core/exchange/load.ts';
import { readUsagesCsv, toUsagesCsv } from '#core/exchange/usages-csv.ts';
import { planUsagesImport } from '#core/exchange/usages-plan.ts';
import { applyUsagesImport } from '#core/exchange/usages-write.ts';
import { toUsagesXlsx } from '#core/exchange/usages-xlsx.ts';
import { projectRoot } from '#prisma/database.ts';
import { loadContent } from '#prisma/seed/load.ts';
import { seed } from '#prisma/seed/seed.ts';
import { planLine } from '#scripts/import-lines.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const ORGANISATIONS = ['borger-odoorn', 'coevorden', 'dimpact', 'emmen'];

const landscape = async (slug: string) => (await loadLandscape(t.db, slug)) as ExportLandscape;

/**
 * Every stored field of an organisation's landscape (usages with their components, members and loads, koppelingen with
 * their standards), its open proposals and the number of audited usage and koppeling changes: any write shows up here.
 */
async function snapshot(slug: string) {
  const org = await t.db.prisma.organisation.findUniqueOrThrow({
    where: { slug },
    select: {
      id: true,
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
  });
  const audited = await t.db.prisma.auditEvent.count({ where: { entityType: { in: ['Usage', 'Interface'] } } });
  const proposals = await t.db.prisma.referenceProposal.count();
  return {
    landscape: JSON.stringify(org),
    audited,
    proposals,
    usages: org.usages.length,
    interfaces: org.interfaces.length,
  };
}

const actions = (rows: { action: string }[]) => [...new Set(rows.map((r) => r.action))];

/** Landscape files (usages, with koppelingen where the format carries them): exported, planned, applied. */
const landscapeFormats: [string, LandscapeFormat, (l: ExportLandscape) => Promise<Uint8Array>][] = [
  ['ArchiMate', 'ameff', async (l) => Buffer.from(toAmeff(l))],
  ['CSV', 'csv', async (l) => Buffer.from(toUsagesCsv(l))],
  ['Excel', 'xlsx', (l) => toUsagesXlsx(l)],
];

describe.each(landscapeFormats)('%s export imported back into its own organisation', (_name, format, write) => {
  it.each(ORGANISATIONS)('%s: nothing to change, and applying it changes no row', async (slug) => {
    const before = await snapshot(slug);
    expect(before.usages).toBeGreaterThan(50);
    const plan = await planLandscapeImport(t.db, slug, await write(await landscape(slug)), format);
    if (!plan) throw new Error(`Organisatie ${slug} ontbreekt.`);
    expect(refusedOf(plan)).toEqual([]);
    expect(plan.rows.filter((r) => r.action !== 'UNCHANGED').map((r) => `${r.key}: ${r.changes.join(', ')}`)).toEqual(
      [],
    );
    expect(plan.rows).toHaveLength(before.usages);
    // The CSV of usages carries no koppelingen; ArchiMate and Excel carry every one.
    if (format === 'csv') expect(plan.interfaces).toBeNull();
    else {
      expect(plan.interfaces?.rows).toHaveLength(before.interfaces);
      expect(actions(plan.interfaces?.rows ?? [])).toEqual(['UNCHANGED']);
    }
    expect(await applyLandscapeImport(t.db, plan, { label: 'test' }, `${slug}.${format}`)).toEqual({
      usages: { added: 0, changed: 0 },
      interfaces: { added: 0, changed: 0 },
    });
    expect(await snapshot(slug)).toEqual(before);
  });
});

describe('the command line', () => {
  it('says "nothing to change" for an ArchiMate export, each label apart from its line', async () => {
    const source = await landscape('borger-odoorn');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'archimate-')), 'borger-odoorn.xml');
    writeFileSync(file, toAmeff(source));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'import.ts'), 'ameff', file, '--org', 'borger-odoorn'],
      { env: { ...process.env, DATABASE_URL: t.url }, maxBuffer: 20_000_000 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith(planLine('UNCHANGED', 'regel ')))).toHaveLength(source.usages.length);
    expect(lines.filter((l) => l.startsWith(planLine('UNCHANGED', 'koppeling ')))).toHaveLength(
      source.interfaces.length,
    );
    expect(lines.slice(-2)).toEqual([
      `0 toevoegen, 0 wijzigen, ${source.usages.length + source.interfaces.length} ongewijzigd, 0 geweigerd.`,
      'Proefrun: er is niets veranderd. Voeg --apply toe om in te lezen.',
    ]);
  });
});

describe('koppelingen CSV export imported back into its own organisation', () => {
  it.each(ORGANISATIONS)('%s: nothing to change, and applying it changes no row', async (slug) => {
    const before = await snapshot(slug);
    expect(before.interfaces).toBeGreaterThan(40);
    const plan = await planInterfacesImport(t.db, slug, Buffer.from(toInterfacesCsv(await landscape(slug))));
    if (!plan) throw new Error(`Organisatie ${slug} ontbreekt.`);
    expect(plan.refused).toEqual([]);
    expect(plan.rows).toHaveLength(before.interfaces);
    expect(actions(plan.rows)).toEqual(['UNCHANGED']);
    await applyInterfacesImport(t.db, plan, { label: 'test' }, `${slug}-koppelingen.csv`);
    expect(await snapshot(slug)).toEqual(before);
  });
});

describe('content file exported and seeded back', () => {
  it.each(ORGANISATIONS)('%s: seeding the exported file changes no row and exports the same file', async (slug) => {
    // An experience with the product travels with the usage (a seed clears what the file leaves out).
    const first = await t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug } },
      orderBy: { key: 'asc' },
    });
    // So do its security, privacy and algorithm fields.
    await t.db.prisma.usage.update({
      where: { id: first.id },
      data: {
        experience: `Ervaring van ${slug}: stabiel.`,
        riskAssessmentDate: new Date('2026-02-03T00:00:00Z'),
        pentestDate: new Date('2025-11-04T00:00:00Z'),
        pentestState: 'FINDINGS_RESOLVED',
        dpiaCriteria: 'SENSITIVE_DATA,LARGE_SCALE',
        algorithmForResidents: true,
        aiRiskClass: 'HIGH',
        humanOversight: 'Een medewerker beoordeelt elk voorstel.',
        algorithmRegisterUrl: 'https://algoritmes.overheid.nl/nl/algoritme/voorbeeld',
      },
    });
    const before = await snapshot(slug);
    const exported = (await toContentYaml(t.db, slug, 'operator')) as string;
    expect(exported).toMatch(new RegExp(`experience: .?Ervaring van ${slug}: stabiel`));
    for (const line of [
      'riskAssessmentDate: 2026-02-03',
      'pentestDate: 2025-11-04',
      'pentestState: FINDINGS_RESOLVED',
      'dpiaCriteria:\n      - SENSITIVE_DATA\n      - LARGE_SCALE',
      'algorithmForResidents: true',
      'aiRiskClass: HIGH',
      'algorithmRegisterUrl: https://algoritmes.overheid.nl/nl/algoritme/voorbeeld',
    ])
      expect(exported).toContain(line);
    const dir = mkdtempSync(path.join(tmpdir(), 'content-'));
    cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'landscapes', `${slug}.yaml`), exported);
    await seed(t.db.prisma, loadContent(dir));
    expect(await snapshot(slug)).toEqual(before);
    expect(await toContentYaml(t.db, slug, 'operator')).toBe(exported);
  });
});

describe('status dates through ArchiMate', () => {
  const dates = {
    acquiringSince: new Date('2014-02-01T00:00:00.000Z'),
    plannedSince: new Date('2014-09-15T00:00:00.000Z'),
    inProductionSince: new Date('2015-03-01T00:00:00.000Z'),
    phasingOutSince: new Date('2022-06-01T00:00:00.000Z'),
    retiredSince: new Date('2024-12-31T00:00:00.000Z'),
  };
  const stored = (slug: string, key: string) =>
    t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug }, key },
      select: {
        status: true,
        acquiringSince: true,
        plannedSince: true,
        inProductionSince: true,
        phasingOutSince: true,
        retiredSince: true,
      },
    });

  it('keeps all five dates of a usage when an organisation imports its own export', async () => {
    const org = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
    await t.db.prisma.usage.update({
      where: { organisationId_key: { organisationId: org.id, key: 'corsa' } },
      data: { ...dates, status: 'RETIRED' },
    });
    const xml = toAmeff(await landscape('emmen'));
    // Every date is in the file, under its own property.
    expect(xml).toContain('<name xml:lang="nl">Verwerving sinds</name>');
    const corsa = readUsagesAmeff(Buffer.from(xml)).records.find((r) => r.Sleutel === 'corsa');
    expect(corsa).toMatchObject({
      Status: 'Uitgefaseerd',
      'Verwerving sinds': '2014-02-01',
      'Gepland sinds': '2014-09-15',
      'In productie sinds': '2015-03-01',
      'Uit te faseren sinds': '2022-06-01',
      'Uitgefaseerd sinds': '2024-12-31',
    });
    const before = await snapshot('emmen');
    const plan = await planLandscapeImport(t.db, 'emmen', Buffer.from(xml));
    expect(plan?.rows.filter((r) => r.action !== 'UNCHANGED')).toEqual([]);
    await applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'emmen.xml');
    expect(await snapshot('emmen')).toEqual(before);
    expect(await stored('emmen', 'corsa')).toEqual({ status: 'RETIRED', ...dates });
  });

  it('reads a file from before the five dates (only "Status sinds"): that date is carried, the other dates stay', async () => {
    const xml = toAmeff(await landscape('emmen'));
    // The file as exports wrote it before: one date, that of the current status, and no definitions for the others.
    const old = xml
      .replace(
        /\s*<propertyDefinition identifier="pd-(acquiring|planned|in-production|phasing-out|retired)-since"[^>]*>[\s\S]*?<\/propertyDefinition>/g,
        '',
      )
      .replace(
        /\s*<property propertyDefinitionRef="pd-(acquiring|planned|in-production|phasing-out|retired)-since">[\s\S]*?<\/property>/g,
        '',
      )
      // Corsa's retirement moved in the older file.
      .replace(
        /(identifier="gp-usage-corsa"[\s\S]*?pd-status-since">\s*<value xml:lang="nl">)2024-12-31/,
        '$12025-01-31',
      );
    expect(old).not.toContain('Verwerving sinds');
    expect(old).toContain('2025-01-31');
    const corsa = readUsagesAmeff(Buffer.from(old)).records.find((r) => r.Sleutel === 'corsa');
    expect(corsa).toEqual({
      Sleutel: 'corsa',
      Leverancier: expect.any(String),
      Pakket: expect.any(String),
      Versie: expect.any(String),
      Status: 'Uitgefaseerd',
      'Uitgefaseerd sinds': '2025-01-31',
      'Referentiecomponenten (GEMMA-id)': expect.any(String),
      'Technisch beheer': expect.any(String),
      Beschikbaarheid: expect.any(String),
      Integriteit: expect.any(String),
      Vertrouwelijkheid: expect.any(String),
    });
    const plan = await planLandscapeImport(t.db, 'emmen', Buffer.from(old));
    expect(plan && refusedOf(plan)).toEqual([]);
    expect(plan?.rows.filter((r) => r.action !== 'UNCHANGED').map((r) => [r.key, r.changes])).toEqual([
      ['corsa', ['uitgefaseerd sinds']],
    ]);
    await applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'emmen-oud.xml');
    expect(await stored('emmen', 'corsa')).toEqual({
      status: 'RETIRED',
      ...dates,
      retiredSince: new Date('2025-01-31T00:00:00.000Z'),
    });
  });
});

describe('a file leaves alone what it does not carry', () => {
  const usage = (key: string) =>
    t.db.prisma.usage.findFirstOrThrow({
      where: { organisation: { slug: 'coevorden' }, key },
      include: { referenceComponents: { orderBy: { referenceComponentId: 'asc' } } },
      omit: { updatedAt: true },
    });

  it('changes only the columns a CSV has; an empty cell clears; a new usage without Status is refused', async () => {
    const source = (await landscape('coevorden')).usages.find(
      (u) => u.availability !== null && u.version && u.referenceComponentIds.length,
    );
    if (!source) throw new Error('Coevorden heeft geen gebruik met versie, BIV en referentiecomponenten.');
    const before = await usage(source.key);
    const csv = [
      'Sleutel;Leverancier;Pakket;Beschikbaarheid',
      `${source.key};${source.supplier};${source.name};`,
      `nieuw-zonder-status;${source.supplier};${source.name};2`,
    ].join('\n');
    const { records, problems } = readUsagesCsv(Buffer.from(csv));
    expect(problems).toEqual([]);
    const plan = await planUsagesImport(t.db, 'coevorden', records);
    expect(plan?.refused).toEqual([
      { line: 3, message: 'Status ontbreekt: een nieuw gebruik heeft een status nodig; voeg de kolom Status toe.' },
    ]);
    expect(plan?.rows.map((r) => [r.key, r.action, r.changes])).toEqual([[source.key, 'CHANGE', ['beschikbaarheid']]]);
    // Without the refused line, the other applies: availability cleared, everything else as it was.
    const accepted = { ...(plan as NonNullable<typeof plan>), refused: [] };
    await applyUsagesImport(t.db, accepted, { label: 'test' }, 'alleen-beschikbaarheid.csv');
    const after = await usage(source.key);
    expect(after).toEqual({ ...before, availability: null, revision: before.revision + 1 });
  });
});

describe('a new usage from a file that names its supplier its own way', () => {
  it('recognises "Maykin" as Maykin Media and says so, and gives a new usage without the column its product’s components', async () => {
    const csv = [
      'Sleutel;Leverancier;Pakket;Status',
      'zaken-proef;Maykin;Open Zaak;In productie',
      'fout;Centric;Open Zaak;In productie',
    ].join('\n');
    const { records } = readUsagesCsv(Buffer.from(csv));
    const plan = await planUsagesImport(t.db, 'coevorden', records);
    expect(plan?.refused).toEqual([
      {
        line: 3,
        message:
          'Pakket "Open Zaak" is er niet van leverancier "Centric"; de catalogus kent het van Maykin Media. Met de optie "onbekende pakketten en leveranciers toevoegen" (op de opdrachtregel --nieuwe-pakketten) komt het erbij.',
      },
    ]);
    expect(plan?.recognised).toEqual(['Regel 2: leverancier "Maykin" is Maykin Media (bekende andere naam "Maykin").']);
    const row = plan?.rows.find((r) => r.key === 'zaken-proef');
    const product = await t.db.prisma.product.findUniqueOrThrow({
      where: { slug: 'open-zaak' },
      include: { referenceComponents: true },
    });
    expect(row?.data.productId).toBe(product.id);
    expect(row?.data.referenceComponentIds).toEqual(
      product.referenceComponents.map((c) => c.referenceComponentId).sort(),
    );
    expect(row?.data.referenceComponentIds).toHaveLength(3);
  });
});

describe('a koppelingen file leaves alone what it does not carry', () => {
  const stored = (key: string) =>
    t.db.prisma.interface.findFirstOrThrow({
      where: { organisation: { slug: 'borger-odoorn' }, key },
      include: { standards: { orderBy: { standardId: 'asc' } } },
      omit: { updatedAt: true },
    });

  it('changes only the columns a CSV has; a new koppeling without its other end is refused', async () => {
    const source = (await landscape('borger-odoorn')).interfaces.find((i) => i.standardIds.length && i.toUsageId);
    if (!source) throw new Error('Borger-Odoorn heeft geen koppeling met standaarden en een gebruik aan beide kanten.');
    const from = (await landscape('borger-odoorn')).usages.find((u) => u.id === source.fromUsageId)?.key;
    // The samples describe no koppeling; this one gets a description the file does not carry.
    await t.db.prisma.interface.updateMany({
      where: { organisation: { slug: 'borger-odoorn' }, key: source.key },
      data: { description: 'Zaakgegevens' },
    });
    const before = await stored(source.key);
    expect([before.description, before.standards.length > 0, before.toUsageId !== null]).toEqual([
      'Zaakgegevens',
      true,
      true,
    ]);
    const status = source.status === 'WITHDRAWN' ? 'IN_USE' : 'WITHDRAWN';
    const csv = [
      'Sleutel;Van (gebruik);Status',
      `${source.key};${from};${status}`,
      `nieuwe-koppeling;${from};IN_USE`,
    ].join('\n');
    const plan = await planInterfacesImport(t.db, 'borger-odoorn', Buffer.from(csv));
    expect(plan?.refused).toEqual([
      { line: 3, message: 'Vul precies één van "Naar (gebruik)" en "Naar (landelijke voorziening)" in.' },
    ]);
    expect(plan?.rows.map((r) => [r.key, r.action])).toEqual([[source.key, 'CHANGE']]);
    await applyInterfacesImport(
      t.db,
      { ...(plan as NonNullable<typeof plan>), refused: [] },
      { label: 'test' },
      'alleen-status.csv',
    );
    expect(await stored(source.key)).toEqual({ ...before, status, revision: before.revision + 1 });
  });
});

describe('an ArchiMate file without some property definitions', () => {
  it('leaves the koppelingen’ and usages’ fields it does not define alone', async () => {
    const source = await landscape('coevorden');
    const koppeling = source.interfaces.find((i) => i.type !== 'FILE_TRANSFER');
    const usage = source.usages.find((u) => u.integrity !== null && u.version);
    if (!koppeling || !usage) throw new Error('Coevorden heeft geen koppeling of gebruik om mee te proeven.');
    const xml = toAmeff(source);
    // Soort koppeling, Integriteit and Versie undefined: as a file from another tool that does not know them.
    const without = (key: string, text: string) =>
      text
        .replace(new RegExp(`\\s*<propertyDefinition identifier="pd-${key}"[^>]*>[\\s\\S]*?</propertyDefinition>`), '')
        .replace(new RegExp(`\\s*<property propertyDefinitionRef="pd-${key}">[\\s\\S]*?</property>`, 'g'), '');
    const partial = without('version', without('integrity', without('interface-type', xml)));
    expect(partial).not.toContain('pd-interface-type');
    const org = await t.db.prisma.organisation.findUniqueOrThrow({
      where: { slug: 'coevorden' },
      select: { id: true },
    });
    await t.db.prisma.interface.update({
      where: { organisationId_key: { organisationId: org.id, key: koppeling.key } },
      data: { type: 'FILE_TRANSFER' },
    });
    await t.db.prisma.usage.update({
      where: { organisationId_key: { organisationId: org.id, key: usage.key } },
      data: { integrity: usage.integrity === 3 ? 1 : 3 },
    });
    const before = await snapshot('coevorden');
    const plan = await planLandscapeImport(t.db, 'coevorden', Buffer.from(partial));
    expect(plan && refusedOf(plan)).toEqual([]);
    expect(actions([...(plan?.rows ?? []), ...(plan?.interfaces?.rows ?? [])])).toEqual(['UNCHANGED']);
    // The full file does say what differs.
    const full = await planLandscapeImport(t.db, 'coevorden', Buffer.from(xml));
    expect(full?.rows.filter((r) => r.action === 'CHANGE').map((r) => [r.key, r.changes])).toEqual([
      [usage.key, ['integriteit']],
    ]);
    expect(full?.interfaces?.rows.filter((r) => r.action === 'CHANGE').map((r) => r.key)).toEqual([koppeling.key]);
    await applyLandscapeImport(t.db, plan as NonNullable<typeof plan>, { label: 'test' }, 'coevorden-deels.xml');
    expect(await snapshot('coevorden')).toEqual(before);
  });

  it('keeps a koppeling’s description when the flow has no documentation element', async () => {
    const org = await t.db.prisma.organisation.findUniqueOrThrow({ where: { slug: 'emmen' }, select: { id: true } });
    const first = await t.db.prisma.interface.findFirstOrThrow({
      where: { organisationId: org.id },
      orderBy: { key: 'asc' },
    });
    await t.db.prisma.interface.update({
      where: { id: first.id },
      data: { description: 'Zaken en documenten over en weer' },
    });
    const source = await landscape('emmen');
    expect(toAmeff(source)).toContain('Zaken en documenten over en weer');
    // Every relationship's documentation taken out, as a tool that does not write it would.
    const xml = toAmeff(source).replace(
      /(<relationship [^>]*>[\s\S]*?)\s*<documentation[^>]*>[\s\S]*?<\/documentation>/g,
      '$1',
    );
    const plan = await planLandscapeImport(t.db, 'emmen', Buffer.from(xml));
    expect(plan && refusedOf(plan)).toEqual([]);
    expect(actions(plan?.interfaces?.rows ?? [])).toEqual(['UNCHANGED']);
    expect(xml).not.toContain('Zaken en documenten over en weer');
  });
});
