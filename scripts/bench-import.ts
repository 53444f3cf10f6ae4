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
import { gemmaRelease } from './bench-gemma-release.ts';
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
