// Applies pending migrations in-process through the WebAssembly schema engine: what `npm start` does before serving.
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseUrl, providerDirs, providerOf, sqliteFile } from './database.ts';
import { migrationAdapterFactory } from './engine/adapters.ts';
import { openSchemaEngine } from './engine/wasm-engine.ts';

export async function readMigrations(dir: string) {
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const migrationDirectories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') },
        },
      })),
  );
  const lockfile = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockfile) ? await readFile(lockfile, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

/** Applies the provider's committed migrations that the database lacks; returns their names. */
export async function applyPendingMigrations(url = databaseUrl()): Promise<string[]> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const file = sqliteFile(url);
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  }
  const dirs = providerDirs(provider);
  const schema = await readFile(dirs.schema, 'utf8');
  const opened = await openSchemaEngine([[dirs.schema, schema]], migrationAdapterFactory(url)).catch(
    (error: unknown) => {
      throw new Error(`Migrating the database failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  try {
    const result = await opened.engine.applyMigrations({
      migrationsList: await readMigrations(dirs.migrations),
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } catch (error) {
    throw new Error(`Migrating the database failed: ${opened.explain(error)}`);
  } finally {
    await opened.close();
  }
}
