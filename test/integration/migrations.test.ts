// The offline migration bridge: Prisma's own CLI drives the WebAssembly schema engine for deploy, status and dev.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#prisma/client.ts';
import { projectRoot, providerDirs } from '#prisma/database.ts';
import { migrationAdapterFactory } from '#prisma/engine/adapters.ts';
import { openSchemaEngine } from '#prisma/engine/wasm-engine.ts';
import { applyPendingMigrations, readMigrations } from '#prisma/migrate.ts';
import { createEmptyDatabase, testProvider } from '../helpers/database.ts';

const run = promisify(execFile);
const prismaCli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js');
const engine = path.join(projectRoot, 'prisma', 'engine', 'schema-engine.mjs');

let work: string;
let database: { url: string; drop(): Promise<void> };

/** A private copy of the schema and migrations, so `migrate dev` never writes into the repository. */
beforeAll(async () => {
  database = await createEmptyDatabase();
  work = mkdtempSync(path.join(tmpdir(), 'grondplan-migrate-'));
  const dirs = providerDirs(testProvider);
  const schema = readFileSync(dirs.schema, 'utf8').replace(/generator \w+ \{[^}]*\}/g, '');
  writeFileSync(path.join(work, 'schema.prisma'), schema);
  cpSync(dirs.migrations, path.join(work, 'migrations'), { recursive: true });
  writeFileSync(
    path.join(work, 'prisma.config.ts'),
    `export default ${JSON.stringify({ schema: path.join(work, 'schema.prisma'), migrations: { path: path.join(work, 'migrations') }, datasource: { url: database.url } })};\n`,
  );
});
afterAll(async () => {
  await database?.drop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function prisma(...args: string[]) {
  const { stdout, stderr } = await run(
    process.execPath,
    [prismaCli, ...args, '--config', path.join(work, 'prisma.config.ts')],
    {
      cwd: work,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine, PRISMA_HIDE_UPDATE_MESSAGE: '1', CI: '1' },
      timeout: 90_000,
    },
  );
  return stdout + stderr;
}

describe(`prisma migrate without the native engine (${testProvider})`, () => {
  it('deploys the committed migrations to an empty database and reports the status', async () => {
    const committed = readdirSync(path.join(work, 'migrations')).filter((d) => !d.endsWith('.toml'));
    const deploy = await prisma('migrate', 'deploy');
    expect(deploy).toMatch(/All migrations have been successfully applied|migrations? (have|has) been applied/i);
    for (const name of committed) expect(deploy).toContain(name);
    expect(await prisma('migrate', 'status')).toMatch(/Database schema is up to date/);
  });

  it('creates and applies a second migration on the existing database with migrate dev', async () => {
    const schemaFile = path.join(work, 'schema.prisma');
    writeFileSync(
      schemaFile,
      `${readFileSync(schemaFile, 'utf8')}\nmodel MigrationProbe {\n  id    String @id\n  label String\n}\n`,
    );
    const output = await prisma('migrate', 'dev', '--name', 'probe');
    expect(output).toMatch(/probe/);
    const created = readdirSync(path.join(work, 'migrations')).find((d) => d.endsWith('_probe'));
    expect(created).toBeDefined();
    expect(readFileSync(path.join(work, 'migrations', created ?? '', 'migration.sql'), 'utf8')).toMatch(
      /CREATE TABLE "MigrationProbe"/,
    );
    expect(await prisma('migrate', 'status')).toMatch(/Database schema is up to date/);

    const db = await openDatabase(database.url);
    try {
      await db.prisma.$executeRawUnsafe(`INSERT INTO "MigrationProbe" ("id", "label") VALUES ('a', 'works')`);
      expect(await db.prisma.$queryRawUnsafe(`SELECT "label" FROM "MigrationProbe"`)).toEqual([{ label: 'works' }]);
    } finally {
      await db.close();
    }
    if (testProvider === 'postgres') {
      const admin = await openDatabase(database.url);
      const leftovers = await admin.prisma.$queryRawUnsafe<{ datname: string }[]>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'`,
      );
      await admin.close();
      expect(leftovers).toEqual([]);
    }
  });

  it("reports a database it cannot reach with the driver's reason", async () => {
    if (testProvider === 'postgres') {
      await expect(applyPendingMigrations('postgresql://postgres@127.0.0.1:1/nothing')).rejects.toThrow(
        /Migrating the database failed: .*(ECONNREFUSED|connect|reach)/i,
      );
    } else {
      // A path below a regular file can never become a database.
      await expect(applyPendingMigrations(`file:${path.join(work, 'schema.prisma', 'db.sqlite')}`)).rejects.toThrow(
        /ENOTDIR|EEXIST|not a directory/i,
      );
    }
  });
});

describe('npm start migrations (in-process)', () => {
  it('applies pending migrations once and then finds nothing to do', async () => {
    const fresh = await createEmptyDatabase();
    try {
      const first = await applyPendingMigrations(fresh.url);
      expect(first).toEqual(
        readdirSync(providerDirs(testProvider).migrations)
          .filter((d) => !d.endsWith('.toml'))
          .sort(),
      );
      expect(await applyPendingMigrations(fresh.url)).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});

describe('committed migrations', () => {
  it(`match prisma/models.prisma for ${testProvider} (run migrate dev after a model change)`, async () => {
    const dirs = providerDirs(testProvider);
    const scratch = await createEmptyDatabase();
    const opened = await openSchemaEngine(
      [[dirs.schema, readFileSync(dirs.schema, 'utf8')]],
      migrationAdapterFactory(scratch.url),
    );
    try {
      const result = await opened.engine.diff({
        from: { tag: 'migrations', ...(await readMigrations(dirs.migrations)) },
        to: { tag: 'schemaDatamodel', files: [{ path: dirs.schema, content: readFileSync(dirs.schema, 'utf8') }] },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(result.exitCode, result.stdout ?? '').toBe(0);
    } finally {
      await opened.close();
      await scratch.drop();
    }
  });
});
