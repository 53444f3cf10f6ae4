// Measures an ArchiMate import at the Softwarecatalogus' own yardstick (a 14 MB file in under two minutes and 512 MB):
// `npm run bench:import [-- --mb 14]`. Writes a synthetic exchange file of catalogue products into a fresh SQLite
// database, then reads, plans and applies it in a process of its own, printing time per step and that process's peak memory.
// `npm run bench:import -- --gemma [--mb 14]` does the same for a GEMMA release in the shape VNG writes it (target: under
// 15 s and 300 MB): real property names, components in group folders, "Verbindingsrol" on component-standard relations.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toAmeff } from '#core/exchange/ameff.ts';
import { readUsagesAmeff } from '#core/exchange/ameff-read.ts';
import { applyGemmaImport, planGemmaImport } from '#core/exchange/gemma.ts';
import { loadStoredGemma, readGemmaAmeff } from '#core/exchange/gemma-ameff.ts';
import type { ExportLandscape } from '#core/exchange/load.ts';
import { planUsagesImport } from '#core/exchange/usages-plan.ts';
import { applyUsagesImport } from '#core/exchange/usages-write.ts';
import { openDatabase } from '#prisma/client.ts';
import { applyPendingMigrations } from '#prisma/migrate.ts';
import { seed } from '#prisma/seed/seed.ts';
import { SERVER_NODE_FLAGS } from './built-server.ts';

/**
 * The measured import runs with the V8 settings of the server process, where the upload pages and the API run every
 * import (V8's default young generation alone adds some 120 MB of peak RSS to a 14 MB file).
 */
const IMPORT_NODE_FLAGS = SERVER_NODE_FLAGS;

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '14' },
    file: { type: 'string' },
    database: { type: 'string' },
    gemma: { type: 'boolean', default: false },
  },
});
if (values.file && values.database)
  await (values.gemma ? gemmaOnly(values.file, values.database) : importOnly(values.file, values.database));
else await prepareAndRun();

function mb(bytes: number) {
  return (bytes / 1_048_576).toFixed(0);
}
async function timed<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(
    `${label.padEnd(28)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s   rss now ${mb(process.memoryUsage().rss)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return result;
}

/** The measured part of a GEMMA release: read (with the stored model), plan and apply, in this process only. */
async function gemmaOnly(file: string, url: string) {
  const db = await openDatabase(url);
  const start = performance.now();
  const xml = readFileSync(file);
  console.log(`before reading: rss ${mb(process.memoryUsage().rss)} MB`);
  const stored = await timed('load the stored GEMMA model', () => loadStoredGemma(db));
  const read = await timed('read and check XML', () => readGemmaAmeff(xml, 'release.xml', stored));
  if (!read.data) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
  const data = read.data;
  const plan = await timed('plan (match on Object ID)', () => planGemmaImport(db, data));
  await timed('apply in one transaction', () => applyGemmaImport(db, plan, { label: 'benchmark' }, 'release.xml'));
  console.log(
    `${data.components.length} reference components, ${data.standards.length} standards, ${data.services.length} facilities, ${data.links.length} links, ${data.flows.length} flows; ` +
      `${plan.changes.length} added or changed; ${read.warnings.length} warnings`,
  );
  console.log(
    `total ${((performance.now() - start) / 1000).toFixed(2)} s; peak RSS of the import process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  await db.close();
}

/**
 * A synthetic release in the real one's shape: reference components (with BIV and its reasons) in the folders
 * "Referentiecomponenten <group>", standards (Constraint, Beheerder, URL, sometimes an empty URL), national facilities
 * ("Buitengemeentelijke voorziening"), associations with "Verbindingsrol", flows, and the rest of the model (capabilities,
 * processes, data objects with their relations) as filler until the file has the wanted size.
 */
function gemmaRelease(targetBytes: number): Buffer {
  const uuid = (kind: number, i: number) =>
    `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const names = [
    'Object ID',
    'GEMMA type',
    'GEMMA status',
    'Toelichting',
    'Beschikbaarheid',
    'Integriteit',
    'Vertrouwelijkheid',
    'Beschikbaarheid (belangrijkste reden)',
    'Integriteit (belangrijkste reden)',
    'Vertrouwelijkheid (belangrijkste reden)',
    'BIV score BBN',
    'BBN',
    'Beheerder',
    'URL',
    'Verbindingsrol',
    'Groepering',
    'GEMMA thema',
    'Publiceren',
    'Bron',
    'GEMMA URL',
  ];
  const def = new Map(names.map((n, i) => [n, `propid-${i + 1}`]));
  const props = (pairs: [string, string][]) =>
    `<properties>${pairs.map(([n, v]) => `\n        <property propertyDefinitionRef="${def.get(n)}">${v ? `<value xml:lang="nl">${esc(v)}</value>` : '<value xml:lang="nl" />'}</property>`).join('')}\n      </properties>`;
  const element = (id: string, type: string, name: string, doc: string, pairs: [string, string][]) =>
    `    <element identifier="id-${id}" xsi:type="${type}">\n      <name xml:lang="nl">${esc(name)}</name>\n      <documentation xml:lang="nl">${esc(doc)}</documentation>\n      ${props(pairs)}\n    </element>\n`;
  const relationship = (id: string, type: string, source: string, target: string, pairs: [string, string][]) =>
    `    <relationship identifier="id-${id}" source="id-${source}" target="id-${target}" xsi:type="${type}">${pairs.length ? `\n      ${props(pairs)}\n    ` : ''}</relationship>\n`;
  const text =
    'Component voor het vastleggen, beheren en ontsluiten van gegevens, met ondersteuning voor de standaarden die GEMMA voor dit domein noemt.';
  const groups = [
    'intermediair',
    'generiek',
    'domeinen',
    'applicatieontwikkeling',
    'bedrijfsvoering',
    'dienstverlening',
  ];
  const [components, standards, services] = [400, 800, 60];
  const parts: string[] = [];
  const folders = new Map<string, string[]>(groups.map((g) => [g, []]));
  for (let i = 0; i < components; i++) {
    const id = uuid(1, i);
    folders.get(groups[i % groups.length] as string)?.push(id);
    parts.push(
      element(id, 'ApplicationComponent', `Proefcomponent ${i}`, text, [
        ['GEMMA type', 'Referentiecomponent'],
        ['Object ID', id],
        ['GEMMA status', i % 7 ? 'In gebruik' : 'In ontwikkeling'],
        ['Toelichting', text],
        ['Beschikbaarheid', String(1 + (i % 3))],
        ['Beschikbaarheid (belangrijkste reden)', 'Continuïteit van de dienstverlening'],
        ['Integriteit', String(1 + ((i + 1) % 3))],
        ['Integriteit (belangrijkste reden)', 'Juistheid van besluiten'],
        ['Vertrouwelijkheid', String(1 + ((i + 2) % 3))],
        ['Vertrouwelijkheid (belangrijkste reden)', 'Persoonsgegevens'],
        ['BIV score BBN', '2-2-2'],
        ['BBN', 'BBN2'],
        ['Publiceren', 'Ja'],
      ]),
    );
  }
  for (let i = 0; i < standards; i++)
    parts.push(
      element(uuid(2, i), 'Constraint', `Proefstandaard ${i}`, text, [
        ['GEMMA type', 'Standaard'],
        ['Object ID', uuid(2, i)],
        ['GEMMA status', 'In gebruik'],
        ['Beheerder', i % 2 ? 'VNG Realisatie' : 'Logius'],
        ['URL', i % 5 ? `https://standaarden.example.nl/${i}` : ''],
      ]),
    );
  for (let i = 0; i < services; i++)
    parts.push(
      element(uuid(3, i), 'ApplicationComponent', `Landelijke voorziening ${i}`, text, [
        ['GEMMA type', 'Buitengemeentelijke voorziening'],
        ['Object ID', uuid(3, i)],
      ]),
    );
  const relationships: string[] = [];
  for (let i = 0; i < components * 10; i++)
    relationships.push(
      relationship(
        `link-${i}`,
        'Association',
        uuid(1, i % components),
        uuid(2, ((i % components) * 7 + Math.floor(i / components) * 83) % standards),
        [['Verbindingsrol', i % 3 ? 'Aanbevolen' : 'Verplicht']],
      ),
    );
  for (let i = 0; i < components * 2; i++)
    relationships.push(
      relationship(
        `flow-${i}`,
        'Flow',
        uuid(1, i % components),
        uuid(1, ((i % components) + 1 + Math.floor(i / components) * 37) % components),
        [],
      ),
    );
  let size = parts.join('').length + relationships.join('').length;
  // The rest of the model: what a release has besides the reference architecture, in the same element shape.
  const filler = [
    'Capability',
    'BusinessProcess',
    'BusinessObject',
    'DataObject',
    'ApplicationService',
    'ApplicationFunction',
  ];
  for (let i = 0; size < targetBytes - 60_000; i++) {
    const id = uuid(4, i);
    const e = element(id, filler[i % filler.length] as string, `Onderdeel ${i}`, text, [
      ['GEMMA type', 'Bedrijfsobject'],
      ['Object ID', id],
      ['Publiceren', 'Ja'],
      ['Bron', 'GEMMA'],
    ]);
    const r = i ? relationship(`filler-${i}`, 'Association', uuid(4, i - 1), id, []) : '';
    parts.push(e);
    relationships.push(r);
    size += e.length + r.length;
  }
  const folder = (label: string, ids: string[], inner = '') =>
    `      <item>\n        <label xml:lang="nl">${esc(label)}</label>\n${inner}${ids.map((id) => `        <item identifierRef="id-${id}" />\n`).join('')}      </item>\n`;
  const organisations = folder(
    'Application',
    [],
    folder(
      'Applicatiecomponenten',
      [],
      [...folders].map(([g, ids]) => folder(`Referentiecomponenten ${g}`, ids)).join(''),
    ),
  );
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="id-gemma-release">\n` +
      `  <name xml:lang="nl">GEMMA (proefrelease)</name>\n  <elements>\n${parts.join('')}  </elements>\n  <relationships>\n${relationships.join('')}  </relationships>\n` +
      `  <organizations>\n${organisations}  </organizations>\n  <propertyDefinitions>\n` +
      [...def]
        .map(
          ([n, id]) =>
            `    <propertyDefinition identifier="${id}" type="string">\n      <name>${n}</name>\n    </propertyDefinition>\n`,
        )
        .join('') +
      '  </propertyDefinitions>\n</model>\n',
  );
}

/** The measured part: read, plan and apply one file, in this process only. */
async function importOnly(file: string, url: string) {
  const db = await openDatabase(url);
  const xml = readFileSync(file);
  console.log(`before reading: rss ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MB`);
  const time = async <T>(label: string, run: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const result = await run();
    console.log(
      `${label.padEnd(28)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s   rss now ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    return result;
  };
  const read = await time('read and check XML', () => readUsagesAmeff(xml));
  if (read.problems.length) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
  const plan = await time('plan (match every line)', () => planUsagesImport(db, 'bench', read.records));
  if (!plan || plan.refused.length) throw new Error(JSON.stringify(plan?.refused.slice(0, 3)));
  const result = await time('apply in one transaction', () =>
    applyUsagesImport(db, plan, { label: 'benchmark' }, 'bench.xml'),
  );
  // maxRSS is in kilobytes: the most this process held at any moment.
  console.log(
    `added ${result.added} usages; peak RSS of the import process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  await db.close();
}

async function prepareAndRun() {
  const targetBytes = Number(values.mb) * 1_000_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-bench-import-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await applyPendingMigrations(url);
  const db = await openDatabase(url);
  await seed(db.prisma);
  if (values.gemma) {
    const release = gemmaRelease(targetBytes);
    console.log(`GEMMA release: ${(release.byteLength / 1_000_000).toFixed(1)} MB`);
    const file = path.join(dir, 'release.xml');
    writeFileSync(file, release);
    await db.close();
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, ...IMPORT_NODE_FLAGS, process.argv[1] ?? '', '--gemma', '--file', file, '--database', url],
      {
        stdio: 'inherit',
      },
    );
    rmSync(dir, { recursive: true, force: true });
    if (child.status !== 0) process.exit(child.status ?? 1);
    return;
  }
  await db.prisma.organisation.create({ data: { slug: 'bench', name: 'Benchmarkgemeente', type: 'MUNICIPALITY' } });

  const products = await db.prisma.product.findMany({
    select: {
      name: true,
      supplier: { select: { name: true } },
      versions: { select: { name: true } },
      referenceComponents: { select: { referenceComponent: { select: { id: true, name: true, group: true } } } },
    },
  });
  // Grows a landscape of catalogue products, keyed uniquely, until its export reaches the wanted size.
  const usages: ExportLandscape['usages'] = [];
  const landscape: ExportLandscape = {
    organisation: { slug: 'bron', name: 'Bron' },
    usages,
    referenceComponents: [],
    externalServices: [],
    interfaces: [],
    exportedAt: new Date(0).toISOString(),
  };
  landscape.referenceComponents = [
    ...new Map(
      products.flatMap((p) =>
        p.referenceComponents.map((c) => [c.referenceComponent.id, c.referenceComponent] as const),
      ),
    ).values(),
  ];
  const sample = Array.from({ length: 50 }, (_, i) => synthetic(i));
  const perUsage = (toAmeff({ ...landscape, usages: sample }).length - toAmeff(landscape).length) / sample.length;
  const count = Math.ceil(targetBytes / perUsage);
  for (let i = 0; i < count; i++) usages.push(synthetic(i));
  landscape.referenceComponents = [
    ...new Map(
      products.flatMap((p) =>
        p.referenceComponents.map((c) => [c.referenceComponent.id, c.referenceComponent] as const),
      ),
    ).values(),
  ];
  const xml = Buffer.from(toAmeff(landscape));

  function synthetic(i: number): ExportLandscape['usages'][number] {
    const p = products[i % products.length] as (typeof products)[number];
    return {
      id: `u${i}`,
      key: `gebruik-${i}`,
      name: p.name,
      supplier: p.supplier.name,
      version: p.versions[0]?.name ?? null,
      status: 'IN_PRODUCTION',
      statusSince: '2020-01-01',
      statusDates: {},
      productSlug: '',
      architecture: 'LEGACY',
      layers: ['PROCESS'],
      operator: null,
      availability: 2,
      integrity: 2,
      confidentiality: 2,
      referenceComponentIds: p.referenceComponents.map((c) => c.referenceComponent.id),
    };
  }

  console.log(`file: ${(xml.byteLength / 1_000_000).toFixed(1)} MB, ${count} usages`);
  const file = path.join(dir, 'bench.xml');
  writeFileSync(file, xml);
  await db.close();
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, ...IMPORT_NODE_FLAGS, process.argv[1] ?? '', '--file', file, '--database', url],
    {
      stdio: 'inherit',
    },
  );
  rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) process.exit(child.status ?? 1);
}
