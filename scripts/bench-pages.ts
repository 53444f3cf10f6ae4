// Measures server-side render time of pages on the sample data: `npm run bench:pages [-- --runs 30] [-- /path ...]`.
// Starts the built server on a fresh SQLite database under a temp folder, signs in, and prints p50/p95 per page.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addUser } from '#core/users.ts';
import { openDatabase } from '#prisma/client.ts';
import { projectRoot } from '#prisma/database.ts';
import { applyPendingMigrations } from '#prisma/migrate.ts';
import { seed } from '#prisma/seed/seed.ts';
import { startBuiltServer } from './built-server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '30' } },
});
const runs = Number(values.runs);
const pages = positionals.length
  ? positionals
  : [
      '/vergelijk',
      '/organisaties/emmen',
      '/organisaties/emmen/koppelingen',
      '/transitie/dimpact-zaaksysteem',
      '/transitie/capaciteit',
      '/',
    ];
const entry = path.join(projectRoot, 'dist', 'server', 'entry.mjs');
if (!existsSync(entry)) throw new Error('Build first: npm run build');

const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-bench-'));
const url = `file:${path.join(dir, 'bench.db')}`;
await applyPendingMigrations(url);
const db = await openDatabase(url);
await seed(db.prisma);
const password = 'benchmark-wachtwoord';
await addUser(db, {
  email: 'bench@emmen.test',
  password,
  organisation: 'emmen',
  role: 'VIEWER',
  oneTimePassword: false,
});
await db.close();

const server = await startBuiltServer(url);
const base = server.baseUrl;
try {
  const signIn = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { ... on SignInSuccess { data { token } } } }',
      variables: { e: 'bench@emmen.test', p: password },
    }),
  });
  const token = ((await signIn.json()) as { data: { signIn: { data: { token: string } } } }).data.signIn.data.token;
  const quantile = (sorted: number[], q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  console.log(`page                                     runs   p50 ms   p95 ms   max ms`);
  for (const page of pages) {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const started = performance.now();
      const response = await fetch(base + page, { headers: { cookie: `gp_session=${token}` } });
      await response.text();
      if (!response.ok) throw new Error(`${page} answered ${response.status}`);
      if (i >= 3) times.push(performance.now() - started); // the first requests warm the server up
    }
    times.sort((a, b) => a - b);
    console.log(
      `${page.padEnd(40)} ${String(runs).padStart(4)} ${quantile(times, 0.5).toFixed(1).padStart(8)} ${quantile(times, 0.95).toFixed(1).padStart(8)} ${(times.at(-1) ?? 0).toFixed(1).padStart(8)}`,
    );
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
