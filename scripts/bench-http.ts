// What the benchmark measures with and through: timing samples and their quantiles, a lean HTTP client on one
// kept-alive connection, and the PostgreSQL database it creates when it is not there yet.
import http from 'node:http';
import pg from 'pg';

export const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
export const round = (n: number) => Math.round(n * 100) / 100;
const WARM_UP_MS = 1000;
const MIN_SAMPLE_MS = 2000;

// The client is Node's own HTTP client on one kept-alive connection, lean like autocannon for the pages: the figures
// are the server's, not those of a fetch implementation's streams.
export const post = (base: string, requestPath: string, body: string, headers: Record<string, string>) => {
  const target = new URL(requestPath, base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return () =>
    new Promise<string>((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
};

/** Creates the benchmark's PostgreSQL database when it does not exist yet. */
export async function ensurePostgresDatabase(target: string) {
  const name = new URL(target).pathname.slice(1);
  const admin = new pg.Client({ connectionString: target.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}

/**
 * Times `run` one call after another: first a warm-up of a second (at least ten calls), so that the server's and the
 * driver's code is compiled before it is timed; then at least `--runs` calls and two seconds, so that a p95 of a
 * sub-millisecond operation rests on thousands of calls rather than on the ten slowest of two hundred.
 */
export async function sample(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  const warmUntil = performance.now() + WARM_UP_MS;
  for (let i = 0; i < 10 || performance.now() < warmUntil; i++) await run();
  const times: number[] = [];
  const sampleUntil = performance.now() + MIN_SAMPLE_MS;
  while (times.length < runs || performance.now() < sampleUntil) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}
