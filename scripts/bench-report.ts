// The benchmark's report: its figures (written as JSON with --json) and the table printed at the end.

export interface BenchReport {
  provider: string;
  scale: string;
  machine: { cpus: number; node: string };
  datasetLoadSeconds: number | null;
  /** p95 of an empty operation over HTTP: what any answer costs before it is computed. */
  httpRoundTripP95Ms: number;
  /** p95 of a round trip to a bare Node HTTP server (a constant 2 KB): the least any answer over loopback HTTP costs here. */
  transportP95Ms: number;
  operations: {
    name: string;
    p50Ms: number;
    p95Ms: number;
    uncachedP50Ms: number;
    uncachedP95Ms: number;
    floorP50Ms: number;
    floorP95Ms: number;
    /** The same SQL behind a bare Node HTTP server: what the best answer over HTTP costs. */
    httpFloorP50Ms: number;
    httpFloorP95Ms: number;
    ratio: number;
    ratioWithRoundTrip: number;
    ratioToHttpFloor: number;
  }[];
  pages: { path: string; concurrency: number; rps: number; p50Ms: number; p95Ms: number; errors: number }[];
  peakRssMb: number;
  import: { usages: number; seconds: number; usagesPerSecond: number } | null;
}

export function printReport(report: BenchReport, loadSeconds: number | null) {
  const line = (cells: (string | number)[], widths: number[]) =>
    cells.map((c, i) => String(c).padStart(widths[i] ?? 8)).join('  ');
  console.log(
    `\nGrondplan benchmark: ${report.provider}, scale ${report.scale}, ${report.machine.cpus} cores, Node ${report.machine.node}`,
  );
  if (loadSeconds !== null)
    console.log(`dataset loaded in ${loadSeconds} s (migrations, sample content and synthetic landscape)`);
  console.log(
    `\noperation (HTTP GraphQL, one client; round trip of an empty operation: p95 ${report.httpRoundTripP95Ms} ms; of a bare Node HTTP server: p95 ${report.transportP95Ms} ms)`,
  );
  console.log(
    '                                           p50 ms   p95 ms  uncached p50 / p95  floor p50  floor p95  ratio  vs floor+round trip  floor over HTTP p50 / p95  vs floor over HTTP',
  );
  for (const o of report.operations)
    console.log(
      `${o.name.padEnd(40)}${line(
        [
          o.p50Ms,
          o.p95Ms,
          `${o.uncachedP50Ms} / ${o.uncachedP95Ms}`,
          o.floorP50Ms,
          o.floorP95Ms,
          o.ratio,
          o.ratioWithRoundTrip,
          `${o.httpFloorP50Ms} / ${o.httpFloorP95Ms}`,
          o.ratioToHttpFloor,
        ],
        [9, 9, 20, 11, 11, 7, 21, 27, 19],
      )}`,
    );
  console.log('\npage                                     clients     req/s   p50 ms   p95 ms   errors');
  for (const p of report.pages)
    console.log(`${p.path.padEnd(40)}${line([p.concurrency, p.rps, p.p50Ms, p.p95Ms, p.errors], [8, 10, 9, 9, 9])}`);
  console.log(`\nserver peak RSS: ${report.peakRssMb} MB`);
  if (report.import)
    console.log(
      `import: ${report.import.usages} usages in ${report.import.seconds} s (${report.import.usagesPerSecond} usages/s)`,
    );
}
