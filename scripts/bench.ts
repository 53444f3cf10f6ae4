// `npm run bench -- [--db sqlite|postgres] [--scale boce|dimpact|national] [--json file] [--seconds N] [--runs N] [--reuse]
//   [--only <operation name> ...]` (--only: those operations alone, e.g. "search", without the pages and the import)
// `npm run bench -- --workload mixed [--clients N] [--edits N] [--seconds N]`: traffic as it comes instead, readers and
// editors at once (scripts/bench-mixed.ts).
// Loads the synthetic dataset, starts the built server in a process of its own and measures, with figures printed:
// key operations through the HTTP GraphQL endpoint against the best hand-written SQL for the same result (the floor),
// server-rendered pages under 1, 16 and 64 concurrent clients (autocannon on loopback), the server's peak RSS, and
// import throughput. `npm run build` first.
import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createApiToken, signIn } from '#core/auth.ts';
import { setting } from '#core/config.ts';
import { addUser } from '#core/users.ts';
import { openDatabase } from '#prisma/client.ts';
import { projectRoot } from '#prisma/database.ts';
import { type DownloadRow, downloadCall, downloadOperations, peakRssOf, printDownloads } from './bench-downloads.ts';
import { type Floor, openFloor } from './bench-floor.ts';
import { bareFloorServer } from './bench-floor-client.ts';
import { ensurePostgresDatabase, post, quantile, round, sample } from './bench-http.ts';
import { pagesUnderLoad } from './bench-load.ts';
import { mixedWorkload } from './bench-mixed.ts';
import {
  AUDIT_QUERY,
  CAPACITY_QUERY,
  COMPARISON_QUERY,
  LANDSCAPE_QUERY,
  SEARCH_FOR_USAGES_QUERY,
  SEARCH_QUERY,
} from './bench-operations.ts';
import { type BenchReport, printReport } from './bench-report.ts';
import { startBuiltServer } from './built-server.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'sqlite' },
    scale: { type: 'string', default: 'national' },
    json: { type: 'string' },
    seconds: { type: 'string' },
    runs: { type: 'string', default: '200' },
    reuse: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    workload: { type: 'string', default: 'operations' },
    clients: { type: 'string', default: '16' },
    edits: { type: 'string', default: '1' },
  },
});
const provider = values.db === 'postgres' ? 'postgres' : 'sqlite';
const scale = values.scale ?? 'national';
const runs = Number(values.runs);
const mixed = values.workload === 'mixed';
if (!mixed && values.workload !== 'operations') throw new Error('--workload is operations (the default) or mixed');
const seconds = Number(values.seconds ?? (mixed ? 60 : 10));
const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
if (!existsSync(entry)) throw new Error('Build first: npm run build');
const url =
  provider === 'postgres'
    ? (setting('BENCH_POSTGRES_URL') ?? `postgresql://postgres@127.0.0.1:5432/grondplan_bench_${scale}`)
    : `file:${path.join(tmpdir(), `grondplan-bench-${scale}.db`)}`;

// 1. The dataset, loaded by `npm run dataset` in a process of its own (its time is part of the report).
if (provider === 'postgres') await ensurePostgresDatabase(url);
let loadSeconds: number | null = null;
if (!values.reuse) {
  const started = performance.now();
  execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'scripts', 'dataset.ts'), '--scale', scale, '--replace'],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  loadSeconds = round((performance.now() - started) / 1000);
}
// The mixed workload instead of the per-operation run, which is the rest of this module.
if (mixed) {
  await mixedWorkload({
    url,
    provider,
    scale,
    loadSeconds,
    seconds,
    clients: Number(values.clients),
    editsPerSecond: Number(values.edits),
    json: values.json,
  });
  process.exit();
}

// 2. The subjects: the largest municipality, twelve organisations to compare, a signed-in user with a token and a session.
const db = await openDatabase(url);
const largest = await db.prisma.organisation.findMany({
  where: { type: 'MUNICIPALITY' },
  select: { id: true, slug: true, name: true, _count: { select: { usages: true } } },
  orderBy: { usages: { _count: 'desc' } },
  take: 12,
});
const subject = largest[0];
if (!subject) throw new Error('No municipality in the dataset.');
const password = 'benchmark-wachtwoord-lang-genoeg';
const email = `bench-${Date.now()}@grondplan.test`;
const user = await addUser(db, { email, password, organisation: subject.slug, role: 'VIEWER', oneTimePassword: false });
const apiToken = (await createApiToken(db, user.id, 'bench')).token;
const session = (await signIn(db, email, password)).token;
await db.close();
const twelve = largest.map((o) => o.slug);

// 3. The server, alone in its process, as in production (and once more with the caches off, for the uncached figures).
const startServer = async (env: Record<string, string> = {}) => {
  // Sixteen clients on one token from one address are what the rate limits are there to stop: off for the measurement.
  const server = await startBuiltServer(url, { GRONDPLAN_RATE_LIMITS: 'off', ...env });
  return { base: server.baseUrl, child: server.child };
};
const peakRssMb = (child: ChildProcess) => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return round(Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
};

const operations: { name: string; query: string; variables: Record<string, unknown>; floor: Floor }[] = [
  {
    name: 'landscape of one organisation',
    query: LANDSCAPE_QUERY,
    variables: { slug: subject.slug },
    floor: {
      sql: `SELECT u."key", u."status", p."name", p."architecture", s."name" AS supplier, v."name" AS version,
              (SELECT ${provider === 'postgres' ? `string_agg(rc."name", ',')` : `group_concat(rc."name")`} FROM "UsageReferenceComponent" urc
                 JOIN "ReferenceComponent" rc ON rc."id" = urc."referenceComponentId" WHERE urc."usageId" = u."id") AS components
            FROM "Usage" u JOIN "Product" p ON p."id" = u."productId" JOIN "Supplier" s ON s."id" = p."supplierId"
            LEFT JOIN "ProductVersion" v ON v."id" = u."versionId"
            WHERE u."organisationId" = $1 ORDER BY u."key" LIMIT 500`,
      params: [subject.id],
    },
  },
  {
    name: 'comparison of twelve organisations',
    query: COMPARISON_QUERY,
    variables: { orgs: twelve },
    floor: {
      sql: `SELECT rc."name", o."slug", u."key", p."name", p."architecture"
            FROM "Usage" u JOIN "Organisation" o ON o."id" = u."organisationId" JOIN "Product" p ON p."id" = u."productId"
            JOIN "UsageReferenceComponent" urc ON urc."usageId" = u."id" JOIN "ReferenceComponent" rc ON rc."id" = urc."referenceComponentId"
            WHERE o."slug" IN (${twelve.map((_, i) => `$${i + 1}`).join(',')}) AND u."status" <> 'RETIRED' ORDER BY rc."name", o."slug"`,
      params: twelve,
    },
  },
  {
    name: 'search',
    query: SEARCH_QUERY,
    variables: { q: 'zaak suite' },
    floor: {
      sql: `SELECT 'PRODUCT' AS kind, "name" FROM "Product" WHERE lower("name") LIKE $1
            UNION ALL SELECT 'ORGANISATION', "name" FROM "Organisation" WHERE lower("name") LIKE $1
            UNION ALL SELECT 'REFERENCE_COMPONENT', "name" FROM "ReferenceComponent" WHERE lower("name") LIKE $1 LIMIT 20`,
      params: ['%zaak suite%'],
    },
  },
  {
    // A GEMMA name people use and an organisation: the usages of the products realising the components, of that one.
    name: 'search for usages',
    query: SEARCH_FOR_USAGES_QUERY,
    variables: { q: `zaaksysteem ${subject.name}` },
    floor: {
      sql: `SELECT DISTINCT p."name", o."name", u."key" FROM "Usage" u JOIN "Organisation" o ON o."id" = u."organisationId"
            JOIN "Product" p ON p."id" = u."productId" JOIN "ProductReferenceComponent" prc ON prc."productId" = p."id"
            JOIN "ReferenceComponent" rc ON rc."id" = prc."referenceComponentId"
            WHERE o."slug" = $1 AND rc."name" IN ('Generiek zaakafhandelcomponent', 'Zaakregistratiecomponent') AND u."status" <> 'RETIRED' LIMIT 20`,
      params: [subject.slug],
    },
  },
  {
    name: 'capacity of one organisation',
    query: CAPACITY_QUERY,
    variables: { slug: subject.slug },
    floor: {
      sql: `SELECT c."role", c."quarter", c."fte",
              (SELECT COALESCE(SUM(e."fte"), 0) FROM "MigrationEffort" e JOIN "Migration" m ON m."id" = e."migrationId"
                WHERE m."organisationId" = c."organisationId" AND e."role" = c."role" AND e."quarter" = c."quarter") AS effort
            FROM "Capacity" c WHERE c."organisationId" = $1 AND c."quarter" BETWEEN '2027-Q1' AND '2028-Q4'
            UNION ALL SELECT l."role", 'baseline', SUM(l."fte"), 0 FROM "UsageBeheerLoad" l JOIN "Usage" u ON u."id" = l."usageId"
            WHERE u."organisationId" = $1 AND u."status" IN ('IN_PRODUCTION', 'PHASING_OUT') GROUP BY l."role"`,
      params: [subject.id],
    },
  },
  {
    name: 'audit history',
    query: AUDIT_QUERY,
    variables: { slug: subject.slug },
    floor: {
      sql: `SELECT "createdAt", "actorLabel", "entityType", "action", "changes" FROM "AuditEvent" WHERE "organisationId" = $1
            ORDER BY "createdAt" DESC LIMIT 50`,
      params: [subject.id],
    },
  },
];
/** The operations measured: all, or those named by --only (then without pages and import). */
const measured = values.only ? operations.filter((op) => values.only?.includes(op.name)) : operations;
const downloads = downloadOperations(subject.slug, twelve).filter((d) => !values.only || values.only.includes(d.name));
const names = [...operations, ...downloads].map((op) => op.name);
const unknown = (values.only ?? []).filter((name) => !names.includes(name));
if (unknown.length) throw new Error(`No operation named ${unknown.join(', ')}; there are: ${names.join(', ')}`);
const downloadRows: DownloadRow[] = [];

const pagePaths = [`/organisaties/${subject.slug}`, '/', '/vergelijk', `/zoeken?q=zaak`];
const report: BenchReport = {
  provider,
  scale,
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  datasetLoadSeconds: loadSeconds,
  httpRoundTripP95Ms: 0,
  transportP95Ms: 0,
  operations: [],
  pages: [],
  peakRssMb: 0,
  import: null,
};

const graphqlCall = (base: string, op: { name: string; query: string; variables: Record<string, unknown> }) => {
  const send = post(base, '/graphql', JSON.stringify({ query: op.query, variables: op.variables }), {
    authorization: `Bearer ${apiToken}`,
  });
  // Every answer is checked, but parsed only when its length differs from the last one found free of errors: the
  // client's own JSON parsing (and its garbage) is not the server's latency.
  let checkedLength = -1;
  return async () => {
    const text = await send();
    if (text.length === checkedLength) return;
    const json = JSON.parse(text) as { errors?: { message: string }[] };
    if (json.errors?.length) throw new Error(`${op.name}: ${json.errors[0]?.message}`);
    checkedLength = text.length;
  };
};

// 4a. Uncached: every request executes (caches off), so these figures are what a change costs the first reader.
const uncached = await startServer({ GRONDPLAN_CACHE: 'off' });
const uncachedTimes = new Map<string, number[]>();
try {
  for (const op of measured) uncachedTimes.set(op.name, await sample(graphqlCall(uncached.base, op), runs));
  for (const d of downloads)
    uncachedTimes.set(d.name, await sample(downloadCall(uncached.base, d.path, session), runs));
  for (const d of downloads) {
    const megabytes = round((await downloadCall(uncached.base, d.path, session)()) / 1e6);
    const times = uncachedTimes.get(d.name) ?? [];
    const row = {
      name: d.name,
      megabytes,
      p50Ms: 0,
      p95Ms: 0,
      uncachedP50Ms: round(quantile(times, 0.5)),
      uncachedP95Ms: round(quantile(times, 0.95)),
    };
    downloadRows.push({ ...row, peakRssMb: 0, uncachedPeakRssMb: peakRssOf(uncached.child) });
  }
} finally {
  uncached.child.kill();
}

const { base, child: server } = await startServer();
try {
  // 4b. Operations through HTTP GraphQL, one client, after a warm-up; an empty operation gives the HTTP round trip;
  // then the floor: the same answer by hand-written SQL with the driver itself.
  const httpP95 = round(
    quantile(
      await sample(graphqlCall(base, { name: 'round trip', query: '{ __typename }', variables: {} }), runs),
      0.95,
    ),
  );
  report.httpRoundTripP95Ms = httpP95;
  const floor = await openFloor(url);
  const bare = await bareFloorServer(url);
  report.transportP95Ms = round(quantile(await sample(() => bare.send(), runs), 0.95));
  for (const op of measured) {
    const times = await sample(graphqlCall(base, op), runs);
    const floorTimes = await sample(() => floor.run(op.floor), runs);
    const httpFloorTimes = await sample(() => bare.send(op.floor), runs);
    const row = {
      name: op.name,
      p50Ms: round(quantile(times, 0.5)),
      p95Ms: round(quantile(times, 0.95)),
      uncachedP50Ms: round(quantile(uncachedTimes.get(op.name) ?? [], 0.5)),
      uncachedP95Ms: round(quantile(uncachedTimes.get(op.name) ?? [], 0.95)),
      floorP50Ms: round(quantile(floorTimes, 0.5)),
      floorP95Ms: round(quantile(floorTimes, 0.95)),
      httpFloorP50Ms: round(quantile(httpFloorTimes, 0.5)),
      httpFloorP95Ms: round(quantile(httpFloorTimes, 0.95)),
      ratio: 0,
      ratioWithRoundTrip: 0,
      ratioToHttpFloor: 0,
    };
    row.ratio = round(row.p95Ms / Math.max(row.floorP95Ms, 0.01));
    row.ratioWithRoundTrip = round(row.p95Ms / (row.floorP95Ms + httpP95));
    row.ratioToHttpFloor = round(row.p95Ms / Math.max(row.httpFloorP95Ms, 0.01));
    report.operations.push(row);
    console.error(
      `  ${op.name}: p95 ${row.p95Ms} ms (uncached ${row.uncachedP95Ms}), floor ${row.floorP95Ms} ms, over HTTP ${row.httpFloorP95Ms} ms`,
    );
  }
  bare.stop();
  await floor.close();
  for (const row of downloadRows) {
    const times = await sample(
      downloadCall(base, downloads.find((d) => d.name === row.name)?.path ?? '', session),
      runs,
    );
    Object.assign(row, {
      p50Ms: round(quantile(times, 0.5)),
      p95Ms: round(quantile(times, 0.95)),
      peakRssMb: peakRssOf(server),
    });
    console.error(`  ${row.name}: p95 ${row.p95Ms} ms (uncached ${row.uncachedP95Ms}), ${row.megabytes} MB`);
  }

  // 5. Pages under load (scripts/bench-load.ts): autocannon, bounded in time, each response's latency recorded for the
  // p95; a browser's request for the page, accepting gzip.
  if (!values.only) report.pages = await pagesUnderLoad(base, pagePaths, { session, seconds, shownSlug: subject.slug });
  report.peakRssMb = peakRssMb(server);
} finally {
  server.kill();
}

// 6. Import throughput: the import benchmark's figures (a 14 MB ArchiMate file into an empty landscape).
if (!values.only)
  try {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'scripts', 'bench-import.ts')],
      { encoding: 'utf8' },
    );
    const usages = Number(/added (\d+) usages/.exec(output)?.[1] ?? 0);
    const seconds = [...output.matchAll(/\s(\d+\.\d+) s\s/g)].reduce((n, m) => n + Number(m[1]), 0);
    report.import = { usages, seconds: round(seconds), usagesPerSecond: Math.round(usages / seconds) };
  } catch (error) {
    console.error(`import benchmark failed: ${(error as Error).message}`);
  }

printReport(report, loadSeconds);
printDownloads(downloadRows);
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
