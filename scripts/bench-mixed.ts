// `npm run bench -- --workload mixed [--db sqlite|postgres] [--seconds N] [--clients N] [--json file] [--reuse]`: the
// national dataset under traffic as it comes, not one operation at a time. Readers (16 concurrent clients by default)
// ask for the pages and the key GraphQL operations of organisations drawn from all of them, skewed towards the large
// ones; meanwhile an editor changes a usage every second (--edits), so the caches keep losing what they hold (every
// write moves the data version) and most answers are computed on the cold path. The server runs as in production
// (caches on), with the rate limits off as in the per-operation run.
//
// The client runs in this process, on the same 2 cores as the server: it only writes requests, counts answers and
// looks for '"errors":' in a GraphQL answer's text (parsing it only then); pages are not even decompressed. Its own
// CPU use is measured and printed ("benchmark client", in cores) so that a run where it competes with the server
// shows it: at the tens of requests a second the cold path allows, it is about a hundredth of a core.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { createApiToken, signIn } from '#core/auth.ts';
import { type CacheCountsReading, readingsBetween, type ServerMemory, type ServerReading } from '#core/cache-counts.ts';
import { addUser } from '#core/users.ts';
import { openDatabase } from '#prisma/client.ts';
import { peakRssOf } from './bench-downloads.ts';
import { round } from './bench-http.ts';
import {
  cacheCountsOf,
  cpuSecondsOf,
  kindAt,
  problemOf,
  type Request,
  seeded,
  send,
  zipf,
} from './bench-mixed-client.ts';
import { latencies, type MixedReport, printMixed } from './bench-mixed-report.ts';
import { AUDIT_QUERY, CAPACITY_QUERY, COMPARISON_QUERY, LANDSCAPE_QUERY, SEARCH_QUERY } from './bench-operations.ts';
import { startBuiltServer } from './built-server.ts';

const WARM_UP_SECONDS = 5;
const SEED = 1;
const PAGE_ORGANISATIONS = 4; // /vergelijk shows four landscapes by default
const UPDATE_USAGE = `mutation($input: UpdateUsageInput!) { updateUsage(input: $input) { __typename
  ... on UpdateUsageSuccess { data { revision } } ... on ConflictError { currentRevision } ... on Error { message } } }`;

export interface MixedOptions {
  url: string;
  provider: string;
  scale: string;
  loadSeconds: number | null;
  seconds: number;
  clients: number;
  /** Edits a second (1 by default; 0: readers alone, the caches then stay warm). */
  editsPerSecond: number;
  json: string | undefined;
}

interface Draw {
  organisation(): string;
  organisations(n: number): string[];
  word(): string;
}

const graphql = (query: string, variables: Record<string, unknown>): Request => ({
  path: '/graphql',
  body: JSON.stringify({ query, variables }),
});

/** What the readers ask for, and how often (weights out of 100): pages as people browse, the API as tools call it. */
const KINDS: { name: string; weight: number; request(d: Draw): Request }[] = [
  { name: 'page /organisaties/<slug>', weight: 25, request: (d) => ({ path: `/organisaties/${d.organisation()}` }) },
  { name: 'page /', weight: 10, request: () => ({ path: '/' }) },
  {
    name: `page /vergelijk (${PAGE_ORGANISATIONS})`,
    weight: 10,
    request: (d) => ({
      path: `/vergelijk?${d
        .organisations(PAGE_ORGANISATIONS)
        .map((s) => `org=${s}`)
        .join('&')}`,
    }),
  },
  { name: 'page /zoeken?q=', weight: 15, request: (d) => ({ path: `/zoeken?q=${encodeURIComponent(d.word())}` }) },
  { name: 'landscape (API)', weight: 12, request: (d) => graphql(LANDSCAPE_QUERY, { slug: d.organisation() }) },
  {
    name: 'comparison of 12 (API)',
    weight: 6,
    request: (d) => graphql(COMPARISON_QUERY, { orgs: d.organisations(12) }),
  },
  { name: 'search (API)', weight: 10, request: (d) => graphql(SEARCH_QUERY, { q: d.word() }) },
  { name: 'capacity (API)', weight: 6, request: (d) => graphql(CAPACITY_QUERY, { slug: d.organisation() }) },
  { name: 'audit history (API)', weight: 6, request: (d) => graphql(AUDIT_QUERY, { slug: d.organisation() }) },
];

/** What updateUsage answers, of the fields the mutation asks for. */
interface EditResult {
  __typename: string;
  data?: { revision: number };
  currentRevision?: number;
  message?: string;
}

export async function mixedWorkload(options: MixedOptions): Promise<void> {
  // 1. The organisations by size (most usages first, then slug: a fixed order), the words people search for, the
  // usages the editor changes with their revisions, and the two users: a reader, and an editor of every organisation.
  const db = await openDatabase(options.url);
  const organisations = await db.prisma.organisation.findMany({
    select: { id: true, slug: true },
    orderBy: [{ usages: { _count: 'desc' } }, { slug: 'asc' }],
  });
  const first = organisations[0];
  if (!first) throw new Error('No organisation in the dataset.');
  const names = [
    ...(await db.prisma.product.findMany({ select: { name: true }, orderBy: { name: 'asc' } })),
    ...(await db.prisma.referenceComponent.findMany({ select: { name: true }, orderBy: { name: 'asc' } })),
  ].map((n) => n.name.toLowerCase());
  const shuffle = seeded(SEED);
  const firstWords = [...new Set(names.map((n) => n.split(/[\s-]/)[0] ?? '').filter((w) => w.length >= 4))];
  const pick = (list: string[], n: number) =>
    list
      .map((w) => [shuffle(), w] as const)
      .sort((a, b) => a[0] - b[0])
      .slice(0, n)
      .map(([, w]) => w);
  const words = ['zaak', 'burgerzaken', ...pick(firstWords, 12), ...pick(names, 10)];
  const usages = await db.prisma.usage.findMany({
    where: { status: { not: 'RETIRED' } },
    select: { id: true, revision: true, organisationId: true },
    orderBy: { id: 'asc' },
  });
  const usagesOf = new Map<string, { id: string; revision: number }[]>();
  for (const u of usages) {
    const list = usagesOf.get(u.organisationId);
    if (list) list.push(u);
    else usagesOf.set(u.organisationId, [u]);
  }
  const editable = organisations.filter((o) => usagesOf.has(o.id));
  const password = 'benchmark-wachtwoord-lang-genoeg';
  const stamp = Date.now();
  const reader = await addUser(db, {
    email: `bench-reader-${stamp}@grondplan.test`,
    password,
    organisation: first.slug,
    role: 'VIEWER',
    oneTimePassword: false,
  });
  const readerToken = (await createApiToken(db, reader.id, 'bench')).token;
  const session = (await signIn(db, `bench-reader-${stamp}@grondplan.test`, password)).token;
  const editor = await addUser(db, {
    email: `bench-editor-${stamp}@grondplan.test`,
    password,
    organisation: first.slug,
    role: 'EDITOR',
    oneTimePassword: false,
  });
  await db.prisma.userMembership.createMany({
    data: organisations.slice(1).map((o) => ({ userId: editor.id, organisationId: o.id, role: 'EDITOR' as const })),
  });
  const editorToken = (await createApiToken(db, editor.id, 'bench')).token;
  await db.close();

  // 2. The server as in production; sixteen clients on one token are what the rate limits stop: off, as in bench.ts.
  const server = await startBuiltServer(options.url, { GRONDPLAN_RATE_LIMITS: 'off' });
  const base = new URL(server.baseUrl);
  const pid = server.child.pid ?? 0;
  const kinds = KINDS.map((k) => ({ ...k, times: [] as number[], errors: 0 }));
  const totalWeight = KINDS.reduce((n, k) => n + k.weight, 0);
  const problems = new Map<string, number>();
  const noteProblem = (what: string) => problems.set(what, (problems.get(what) ?? 0) + 1);
  const warmUntil = performance.now() + WARM_UP_SECONDS * 1000;
  const end = warmUntil + options.seconds * 1000;
  // A hub that dies (out of memory, say) ends the run: the figures so far are printed, and the run fails.
  let exitedAt: number | null = null;
  server.child.once('exit', () => {
    exitedAt = performance.now();
  });
  const running = () => performance.now() < end && exitedAt === null;
  const edits = { times: [] as number[], done: 0, failed: 0 };

  const readerLoop = async (client: number) => {
    const random = seeded(SEED * 1000 + client);
    const rank = zipf(organisations.length);
    const organisation = () => organisations[rank(random())]?.slug ?? first.slug;
    const draw: Draw = {
      organisation,
      organisations(n) {
        const chosen = new Set<string>();
        while (chosen.size < n) chosen.add(organisation());
        return [...chosen];
      },
      word: () => words[Math.floor(random() * words.length)] ?? 'zaak',
    };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const pageHeaders = { cookie: `gp_session=${session}`, 'accept-encoding': 'gzip' };
    const apiHeaders = { authorization: `Bearer ${readerToken}` };
    for (let started = performance.now(); running(); started = performance.now()) {
      const kind = kindAt(kinds, random() * totalWeight);
      if (!kind) break;
      const request = kind.request(draw);
      let problem: string | null;
      try {
        problem = problemOf(await send(agent, base, request, request.body ? apiHeaders : pageHeaders));
      } catch (error) {
        problem = (error as Error).message;
      }
      if (started < warmUntil) continue;
      kind.times.push(performance.now() - started);
      if (problem) {
        kind.errors++;
        noteProblem(`${kind.name}: ${problem.slice(0, 200)}`);
      }
    }
    agent.destroy();
  };

  // One change a second (--edits), on a usage of an organisation drawn uniformly, at the revision the last change
  // returned (the benchmark is the only writer). Editors are people who do not wait for one another: each change is
  // sent on time, also while earlier ones are still under way. Any answer but UpdateUsageSuccess is a failed edit.
  const edit = async (agent: http.Agent, usage: { id: string; revision: number }, i: number) => {
    const input = { id: encodeGlobalID('Usage', usage.id), revision: usage.revision, internalNote: `Benchmark ${i}` };
    const sentAt = performance.now();
    let problem: string | null = null;
    try {
      const answer = await send(agent, base, graphql(UPDATE_USAGE, { input }), {
        authorization: `Bearer ${editorToken}`,
      });
      problem = problemOf(answer);
      const result = problem
        ? null
        : (JSON.parse(answer.text) as { data: { updateUsage: EditResult } }).data.updateUsage;
      if (result?.data) usage.revision = result.data.revision;
      else {
        problem ??= `${result?.__typename}: ${result?.message}`;
        if (result?.currentRevision !== undefined) usage.revision = result.currentRevision;
      }
    } catch (error) {
      problem = (error as Error).message;
    }
    if (sentAt < warmUntil) return;
    edits.times.push(performance.now() - sentAt);
    if (problem) {
      edits.failed++;
      noteProblem(`edit: ${problem.slice(0, 200)}`);
    } else edits.done++;
  };
  const editorLoop = async () => {
    if (!(options.editsPerSecond > 0)) return;
    const interval = 1000 / options.editsPerSecond;
    const random = seeded(SEED + 7);
    const agent = new http.Agent({ keepAlive: true });
    const underway: Promise<void>[] = [];
    const started = performance.now();
    for (let i = 0; started + i * interval < end && running(); i++) {
      const wait = started + i * interval - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const organisation = editable[Math.floor(random() * editable.length)] ?? first;
      const list = usagesOf.get(organisation.id) ?? [];
      const usage = list[Math.floor(random() * list.length)];
      if (usage) underway.push(edit(agent, usage, i));
    }
    await Promise.all(underway);
    agent.destroy();
  };

  // One reading at a time: two signals at once would each take the first line printed.
  let readings: Promise<unknown> = Promise.resolve();
  let memoryAtPeak: ServerMemory | null = null;
  const reading = (): Promise<ServerReading | null> => {
    const next = readings.then(() => cacheCountsOf(server.child));
    readings = next;
    return next.then((r) => {
      if (r?.memory && r.memory.rss > (memoryAtPeak?.rss ?? 0)) memoryAtPeak = r.memory;
      return r;
    });
  };

  let report: MixedReport;
  type Counts = CacheCountsReading | null;
  const reportOf = (clientCpu: number, serverCpu: number, before: Counts, after: Counts): MixedReport => {
    const all = kinds.flatMap((k) => k.times);
    return {
      workload: 'mixed',
      provider: options.provider,
      scale: options.scale,
      machine: { cpus: cpus().length, node: process.version },
      datasetLoadSeconds: options.loadSeconds,
      clients: options.clients,
      editsPerSecond: options.editsPerSecond,
      loadAverage: loadavg().map(round),
      seconds: options.seconds,
      warmUpSeconds: WARM_UP_SECONDS,
      organisations: organisations.length,
      reads: {
        ...latencies(all),
        perSecond: round(all.length / options.seconds),
        errors: kinds.reduce((n, k) => n + k.errors, 0),
      },
      kinds: kinds.map((k) => ({ name: k.name, weight: k.weight, ...latencies(k.times), errors: k.errors })),
      edits: { done: edits.done, failed: edits.failed, ...latencies(edits.times) },
      peakRssMb: exitedAt === null ? peakRssOf(server.child) : null,
      serverExitedAfterSeconds: exitedAt === null ? null : round((exitedAt - warmUntil) / 1000),
      clientCpuCores: round(clientCpu / options.seconds),
      serverCpuCores: round(serverCpu / options.seconds),
      serverCpuMsPerRequest: round((serverCpu * 1000) / Math.max(1, all.length + edits.times.length)),
      cache: before && after ? readingsBetween(before, after) : null,
      memoryAtPeak,
      problems: [...problems]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([what, count]) => ({ what, count })),
    };
  };
  try {
    console.error(
      `  mixed: ${options.clients} clients, ${WARM_UP_SECONDS} s warm-up, then ${options.seconds} s measured`,
    );
    const warmed = new Promise((r) => setTimeout(r, WARM_UP_SECONDS * 1000)).then(async () => ({
      client: process.cpuUsage(),
      server: cpuSecondsOf(pid),
      counts: await reading(),
    }));
    const loops = [...Array.from({ length: options.clients }, (_, i) => readerLoop(i)), editorLoop()];
    const at = await warmed;
    // The server's memory every five seconds: the sample with the highest RSS says what the peak is made of.
    const sampler = setInterval(() => void reading(), 5000);
    await Promise.all(loops);
    clearInterval(sampler);
    const client = process.cpuUsage(at.client);
    const serverCpu = cpuSecondsOf(pid) - at.server;
    report = reportOf((client.user + client.system) / 1e6, serverCpu, at.counts, await reading());
  } finally {
    await server.stop();
  }
  printMixed(report);
  if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
  if (report.serverExitedAfterSeconds !== null) process.exitCode = 1;
}
