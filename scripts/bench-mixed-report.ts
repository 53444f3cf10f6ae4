// The mixed workload's report (scripts/bench-mixed.ts): its figures (written as JSON with --json) and the table.
import type { CacheCounts, CacheCountsReading, ServerMemory } from '#core/cache-counts.ts';
import { quantile, round } from './bench-http.ts';

export interface Latencies {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface MixedReport {
  workload: 'mixed';
  provider: string;
  scale: string;
  machine: { cpus: number; node: string };
  datasetLoadSeconds: number | null;
  clients: number;
  editsPerSecond: number;
  /** The machine's load average (1, 5, 15 minutes) at the end: other work on its cores shows here. */
  loadAverage: number[];
  seconds: number;
  warmUpSeconds: number;
  /** All organisations of the dataset, each drawn with a Zipf weight (s = 1) by its rank in size. */
  organisations: number;
  reads: Latencies & { perSecond: number; errors: number };
  kinds: (Latencies & { name: string; weight: number; errors: number })[];
  edits: Latencies & { done: number; failed: number };
  /** Null when the hub exited during the run (its /proc entry is gone). */
  peakRssMb: number | null;
  /** Seconds after the warm-up at which the hub exited (out of memory, say); null when it lasted the run. */
  serverExitedAfterSeconds: number | null;
  /** CPU the benchmark's own client used over the measured seconds, in cores: it shares the machine with the server. */
  clientCpuCores: number;
  /** Null (NaN in the table) when the hub exited during the run. */
  serverCpuCores: number | null;
  /**
   * The server's CPU time over the requests answered (reads and edits): what an answer costs on average, which a busy
   * machine changes much less than it changes the latencies.
   */
  serverCpuMsPerRequest: number | null;
  /**
   * How the measured seconds' answers and pages came about (core/cache-counts.ts): found kept, shared with a
   * computation under way, computed, or uncached (never to be kept); null when the server did not say. A page found
   * kept runs no answers.
   */
  cache: CacheCountsReading | null;
  /**
   * The server's memory (MB) in the sample with the highest RSS, of those taken every five seconds of the measured run
   * and at its start and end (the peak RSS itself may fall between samples); null when the server did not say.
   */
  memoryAtPeak: ServerMemory | null;
  /** The most frequent reasons of failed reads and edits, with their counts. */
  problems: { what: string; count: number }[];
}

export const latencies = (times: number[]): Latencies => ({
  count: times.length,
  p50Ms: round(quantile(times, 0.5)),
  p95Ms: round(quantile(times, 0.95)),
  p99Ms: round(quantile(times, 0.99)),
});

export function printMixed(r: MixedReport) {
  const row = (name: string, cells: (string | number)[]) =>
    `${name.padEnd(32)}${cells.map((c) => String(c).padStart(9)).join('')}`;
  console.log(
    `\nGrondplan mixed workload: ${r.provider}, scale ${r.scale}, ${r.machine.cpus} cores, Node ${r.machine.node}`,
  );
  if (r.datasetLoadSeconds !== null) console.log(`dataset loaded in ${r.datasetLoadSeconds} s`);
  console.log(
    `${r.clients} readers for ${r.seconds} s after ${r.warmUpSeconds} s of warm-up, over ${r.organisations} organisations (Zipf, s = 1, by size); ${r.editsPerSecond} edits a second\n`,
  );
  console.log(row('reads', ['count', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors']));
  const perSecond = (count: number) => round(count / r.seconds);
  for (const k of r.kinds) console.log(row(k.name, [k.count, perSecond(k.count), k.p50Ms, k.p95Ms, k.p99Ms, k.errors]));
  console.log(
    row('all reads', [r.reads.count, r.reads.perSecond, r.reads.p50Ms, r.reads.p95Ms, r.reads.p99Ms, r.reads.errors]),
  );
  if (r.editsPerSecond > 0)
    console.log(
      `\nedits: ${r.edits.done} done, ${r.edits.failed} failed; p50 ${r.edits.p50Ms} ms, p95 ${r.edits.p95Ms} ms`,
    );
  if (r.serverExitedAfterSeconds !== null)
    console.log(`\nTHE HUB EXITED ${r.serverExitedAfterSeconds} s into the measured run (its output is above)`);
  console.log(`load average at the end: ${r.loadAverage.join(', ')}`);
  console.log(
    `server peak RSS: ${r.peakRssMb ?? '-'} MB; CPU: server ${r.serverCpuCores} cores (${r.serverCpuMsPerRequest} ms a request), benchmark client ${r.clientCpuCores}`,
  );
  if (r.cache) console.log(`cache: answers ${shareLine(r.cache.answers)}; pages ${shareLine(r.cache.pages)}`);
  if (r.memoryAtPeak) console.log(`server memory at its highest sampled RSS: ${memoryLine(r.memoryAtPeak)}`);
  for (const p of r.problems) console.log(`  ${p.count} x ${p.what}`);
}

/** "62 % found, 4 % shared, 30 % computed, 4 % uncached of 880". */
export function shareLine(c: CacheCounts): string {
  const all = c.found + c.shared + c.computed + c.uncached;
  const percent = (n: number) => `${all ? Math.round((100 * n) / all) : 0} %`;
  return `${percent(c.found)} found, ${percent(c.shared)} shared, ${percent(c.computed)} computed, ${percent(c.uncached)} uncached of ${all}`;
}

/** "RSS 512 MB: V8 heap 250 MB (180 used), external 40 MB (array buffers 30), the rest 222 MB". */
export function memoryLine(m: ServerMemory): string {
  const rest = Math.round((m.rss - m.heapTotal - m.external) * 10) / 10;
  return `RSS ${m.rss} MB: V8 heap ${m.heapTotal} MB (${m.heapUsed} used), external ${m.external} MB (array buffers ${m.arrayBuffers}), the rest ${rest} MB`;
}
