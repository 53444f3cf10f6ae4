import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//i.test(url);
const providerMessage = (url: string) =>
  `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(':')[0]}:..."`;

export function providerOf(url: string): Provider {
  if (isPostgresUrl(url)) return 'postgres';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(providerMessage(url));
}

/** PostgreSQL addresses, separated by commas; refuses anything else, naming the variable. */
const postgresUrls = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const urls = (raw ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      const wrong = urls.find((u) => !isPostgresUrl(u) || !URL.canParse(u));
      if (wrong === undefined) return urls;
      ctx.addIssue({
        code: 'custom',
        message: `${name} names PostgreSQL databases (postgresql://...), separated by commas; "${wrong.split('@').at(-1)}" is not one.`,
      });
      return z.NEVER;
    });

/**
 * The database's environment variables: their names, defaults and what they allow. Declared here, not in
 * core/config.ts, because prisma/ sits below core/ and the Prisma CLI (prisma.config.ts) and the seed load this module
 * without it; core/config.ts takes them into the hub's one list, which the server checks as it starts.
 */
export const DATABASE_SETTINGS = {
  /** file: (SQLite, the default under data/) or postgresql:// (PostgreSQL). */
  DATABASE_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const url = raw?.trim() || defaultDatabaseUrl;
      if (isPostgresUrl(url) || url.startsWith('file:')) return url;
      ctx.addIssue({ code: 'custom', message: providerMessage(url) });
      return z.NEVER;
    }),
  /** Connections in the PostgreSQL pool per instance (default 10). */
  DATABASE_POOL_SIZE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const size = raw?.trim() ? Number(raw) : 10;
      if (Number.isInteger(size) && size >= 1 && size <= 1_000) return size;
      ctx.addIssue({
        code: 'custom',
        message: `DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000; it is "${raw}".`,
      });
      return z.NEVER;
    }),
  /** PostgreSQL read replicas: reads outside transactions go there. */
  DATABASE_REPLICA_URLS: postgresUrls('DATABASE_REPLICA_URLS'),
  /** The shadow database `prisma migrate dev` uses, if not one it creates itself. */
  SHADOW_DATABASE_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const url = raw?.trim() || undefined;
      if (url === undefined || isPostgresUrl(url) || url.startsWith('file:')) return url;
      ctx.addIssue({
        code: 'custom',
        message: `SHADOW_DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${url.split(':')[0]}:..."`,
      });
      return z.NEVER;
    }),
};

type DatabaseSetting = keyof typeof DATABASE_SETTINGS;

/** One database variable from `env` (the process's environment unless given); throws naming it when wrong. */
export function databaseSetting<N extends DatabaseSetting>(
  name: N,
  env: Readonly<Record<string, string | undefined>> = process.env,
): z.output<(typeof DATABASE_SETTINGS)[N]> {
  const result = DATABASE_SETTINGS[name].safeParse(env[name]);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? `${name} is not valid.`);
  return result.data as z.output<(typeof DATABASE_SETTINGS)[N]>;
}

export function databaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return databaseSetting('DATABASE_URL', env);
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
