// The benchmark's pages under load: each page requested as a browser does (session cookie, gzip) by 1, 16 and 64
// concurrent autocannon clients on loopback, bounded in time, with requests per second and each response's latency.
import autocannon from 'autocannon';
import { quantile, round } from './bench-http.ts';
import type { BenchReport } from './bench-report.ts';

/** The rows for the report; `shownSlug` (the largest municipality) is replaced by a placeholder in the paths. */
export async function pagesUnderLoad(
  base: string,
  pagePaths: string[],
  options: { session: string; seconds: number; shownSlug: string },
): Promise<BenchReport['pages']> {
  const rows: BenchReport['pages'] = [];
  for (const pagePath of pagePaths)
    for (const connections of [1, 16, 64]) {
      const latencies: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: base + pagePath,
            connections,
            duration: options.seconds,
            headers: { cookie: `gp_session=${options.session}`, 'accept-encoding': 'gzip' },
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => {
          latencies.push(responseTime);
        });
      });
      rows.push({
        path: pagePath.replace(options.shownSlug, '<grootste gemeente>'),
        concurrency: connections,
        rps: round(result.requests.average),
        p50Ms: round(quantile(latencies, 0.5)),
        p95Ms: round(quantile(latencies, 0.95)),
        errors: result.errors + result.non2xx,
      });
      console.error(`  ${pagePath} x${connections}: ${round(result.requests.average)} req/s`);
    }
  return rows;
}
