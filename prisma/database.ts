import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two database providers Grondplan runs on; each has its own generated client and migrations. */
export type Provider = 'sqlite' | 'postgres';

/** The checkout's root, found by walking up: this module also runs bundled inside dist/server/. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'prisma', 'models.prisma'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The embedded default: a SQLite file under data/, created on first start. */
const defaultDatabaseUrl = `file:${path.join(projectRoot, 'data', 'grondplan.db')}`;

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || defaultDatabaseUrl;
}

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(':')[0]}:..."`);
}

/** The file path of a SQLite URL, relative paths taken from the project root. */
export function sqliteFile(url: string): string {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '');
  if (file === ':memory:') return file;
  return path.isAbsolute(file) ? file : path.join(projectRoot, file);
}

export const providerDirs = (provider: Provider) => ({
  schema: path.join(projectRoot, 'prisma', 'generated', provider, 'schema.prisma'),
  client: path.join(projectRoot, 'prisma', 'generated', provider, 'client'),
  migrations: path.join(projectRoot, 'prisma', 'migrations', provider),
});

/** How long a SQLite connection waits for another writer (the server, a migration, the CLI) before giving up. */
export const BUSY_TIMEOUT_MS = 10_000;
