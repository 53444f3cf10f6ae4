// Stand-in for Prisma's native schema-engine binary: the same command line and JSON-RPC protocol, served by the
// WebAssembly engine, so `prisma migrate dev|deploy|status` work where the native engine cannot be downloaded.
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { providerOf, sqliteFile } from '../database.ts';
import { migrationAdapterFactory, pgConfig } from './adapters.ts';
import { type OpenedEngine, openSchemaEngine } from './wasm-engine.ts';

interface Datasource {
  url: string;
  shadowDatabaseUrl?: string | undefined;
}

interface Args {
  datamodels: string[];
  datasource?: Datasource;
  command?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { datamodels: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--datamodels') args.datamodels.push(argv[++i] ?? '');
    else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i] ?? '{}') as Datasource;
    else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++;
    else if (arg === 'cli') args.command = argv[++i] ?? '';
    else if (arg === '--version' || arg === '-V') args.command = 'version';
  }
  return args;
}

/** The CLI reads every stderr line after the first as a JSON log record. */
function logError(code: string, message: string): void {
  process.stderr.write('schema-engine-wasm\n');
  process.stderr.write(
    `${JSON.stringify({ level: 'ERROR', target: 'schema_engine::logger', fields: { error_code: code, message } })}\n`,
  );
}

async function pgAdmin<T>(url: string, work: (client: pg.Client, database: string) => Promise<T>): Promise<T> {
  const config = pgConfig(url);
  const client = new pg.Client({ ...config, database: 'postgres' });
  await client.connect();
  try {
    return await work(client, config.database ?? 'postgres');
  } finally {
    await client.end();
  }
}

async function runCliCommand(command: string, datasource: Datasource): Promise<number> {
  const { url } = datasource;
  const provider = providerOf(url);
  try {
    if (command === 'can-connect-to-database') {
      if (provider === 'sqlite') {
        const file = sqliteFile(url);
        if (file !== ':memory:')
          await readFile(file).catch(() => {
            throw Object.assign(new Error(`Database ${file} does not exist`), { code: 'P1003' });
          });
        return 0;
      }
      const exists = await pgAdmin(
        url,
        async (client, database) =>
          (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount === 1,
      );
      if (!exists)
        throw Object.assign(new Error(`Database \`${pgConfig(url).database}\` does not exist`), { code: 'P1003' });
      return 0;
    }
    if (command === 'create-database') {
      if (provider === 'sqlite') {
        await mkdir(path.dirname(sqliteFile(url)), { recursive: true });
        const adapter = await migrationAdapterFactory(url).connect();
        await adapter.dispose();
        return 0;
      }
      await pgAdmin(url, (client, database) => client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`));
      return 0;
    }
    if (command === 'drop-database') {
      if (provider === 'sqlite') await rm(sqliteFile(url), { force: true });
      else
        await pgAdmin(url, (client, database) =>
          client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`),
        );
      return 0;
    }
    logError('P1000', `Unknown command ${command}`);
    return 1;
  } catch (error) {
    const e = error as Error & { code?: string };
    logError(e.code?.startsWith('P') ? e.code : 'P1001', e.message);
    return 1;
  }
}

const MIGRATIONS_TABLE: Record<'sqlite' | 'postgres', string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`,
};

/** devDiagnostic on SQLite fails with P1014 until Prisma's migrations table exists. */
async function ensureMigrationsTable(opened: OpenedEngine, url: string): Promise<void> {
  const provider = providerOf(url);
  if (provider !== 'sqlite') return;
  const adapter = await opened.factory.connect();
  if (!adapter.ok) return;
  try {
    await adapter.value.executeScript(MIGRATIONS_TABLE[provider]);
  } finally {
    await adapter.value.dispose();
  }
}

type Method = (params: unknown) => Promise<unknown>;

async function serveJsonRpc(args: Args): Promise<void> {
  if (!args.datasource) throw new Error('--datasource is required');
  const datamodels = await Promise.all(
    args.datamodels.map(async (file) => [file, await readFile(file, 'utf8')] as [string, string]),
  );
  const url = args.datasource.url;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const opened = await openSchemaEngine(
    datamodels,
    migrationAdapterFactory(url, args.datasource.shadowDatabaseUrl),
    log,
  );
  const engine = opened.engine as unknown as Record<string, Method>;
  const aliases: Record<string, string> = { getDatabaseVersion: 'version' };

  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line) as { id?: number; method?: string; params?: unknown; result?: unknown };
    if (request.method === undefined) continue; // an answer to one of our own requests (none are sent)
    const name = aliases[request.method] ?? request.method;
    try {
      const method = engine[name];
      if (typeof method !== 'function')
        throw Object.assign(new Error(`Method not found: ${request.method}`), { rpcCode: -32601 });
      if (name === 'devDiagnostic') await ensureMigrationsTable(opened, url);
      const result = await method.call(opened.engine, request.params ?? {});
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result: result ?? null })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, error: toRpcError(error, opened) })}\n`);
    }
  }
  await opened.close();
}

function toRpcError(error: unknown, opened: OpenedEngine) {
  const e = error as { rpcCode?: number; code?: string; meta?: unknown; message?: string; is_panic?: boolean };
  if (e.rpcCode) return { code: e.rpcCode, message: e.message };
  const message = opened.explain(error);
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: Boolean(e.is_panic),
      message,
      error_code: typeof e.code === 'string' ? e.code : undefined,
      meta: e.meta,
    },
  };
}

const args = parseArgs(process.argv.slice(2));
if (args.command === 'version') {
  process.stdout.write('schema-engine-wasm bridge\n');
} else if (args.command) {
  if (!args.datasource) {
    logError('P1012', '--datasource is required');
    process.exit(1);
  }
  process.exit(await runCliCommand(args.command, args.datasource));
} else {
  await serveJsonRpc(args);
}
